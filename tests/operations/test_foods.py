"""Food data beside USDA SR in the journal: FoodData Central releases (and their upgrade), Open Food Facts products
by barcode, a person's own recipe."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from norepi.days import summarize_day
from norepi.errors import InputError, NotFound
from norepi.journal.journal import Journal
from norepi.operations.foods import add_recipe, food_by_barcode, import_food_data, log_barcode
from norepi.profile import Profile

SHARED = Path(os.environ.get("NOREPI_SHARED", Path(__file__).resolve().parents[3] / "shared" / "data"))
FOUNDATION = SHARED / "fdc-foundation"
OFF = SHARED / "openfoodfacts-sample" / "products.csv"
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def person(journal: Journal) -> Journal:
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), dt.date(2020, 1, 1))
    return journal


def test_a_foundation_release_imports_once_and_its_upgrade_keeps_what_was_logged(person: Journal) -> None:
    old = import_food_data(person, FOUNDATION / "FoodData_Central_foundation_food_csv_2024-10-31.zip")
    assert old.foods > 100 and not old.unchanged and old.release == "2024-10-31"
    assert import_food_data(person, FOUNDATION / "FoodData_Central_foundation_food_csv_2024-10-31.zip").unchanged
    from sqlalchemy import select

    from norepi.foods.tables import Food

    with person.database.db.transaction() as s:
        fdc_id, description = s.execute(select(Food.ndb_no, Food.long_desc)
                                        .where(Food.data_type == "foundation_food").limit(1)).one()
    assert any(h.food_id == fdc_id or h.description == description
               for h in person.foods.search(description, 10)), "Foundation foods are searchable"
    record = person.foods.record(fdc_id)
    assert record is not None and record.data_type.value == "foundation_food"
    entry = person.log_food(record.food_id, "100 g", DAY)
    food = summarize_day(person, DAY).food
    assert food is not None
    protein = record.value("203")
    assert protein is not None and food.totals["protein_g"] == pytest.approx(protein, rel=1e-6)  # values x g / 100
    new = import_food_data(person, FOUNDATION / "FoodData_Central_foundation_food_csv_2025-04-24.zip")
    assert not new.unchanged and new.release == "2025-04-24"
    assert person.entries(DAY)[0].id == entry.id  # the entry keeps its food across the upgrade
    again = summarize_day(person, DAY).food
    assert again is not None and again.totals["protein_g"] > 0


def test_open_food_facts_products_are_found_by_barcode_and_logged_by_their_label(person: Journal) -> None:
    result = import_food_data(person, OFF)
    assert result.foods > 500 and "ODbL" in result.attribution
    product = food_by_barcode(person, "0000236555909")
    assert product.licence == "ODbL-1.0" and product.portions
    entry, item = log_barcode(person, "0000236555909", "2 slices", DAY)
    assert entry.ndb_no == product.food_id and entry.grams > 0 and "Logged" in item.message
    with pytest.raises(InputError, match="wrong check digit"):
        food_by_barcode(person, "0000236555908")
    with pytest.raises(NotFound, match="no product with barcode"):
        food_by_barcode(person, "4006381333931")


def test_a_recipe_is_its_owners_food_and_logs_by_the_serving(person: Journal, tmp_path: Path) -> None:
    recipe = tmp_path / "chili.txt"
    recipe.write_text("serves 4\n1 lb ground beef\n1 can kidney beans\n1 onion\n2 tbsp olive oil\n"
                      "1 handful of unobtainium\n", encoding="utf-8")
    added = add_recipe(person, "chili", recipe)
    assert added.serving_grams > 100 and [line for line, _, _ in added.unknown] == [6]
    logged = person.log_food("1 serving chili", None, DAY)
    assert logged.ndb_no == added.food.food_id and logged.grams == pytest.approx(added.serving_grams)
    from norepi.journal.tables import Person

    with person.database.db.transaction() as s:
        s.add(Person(id=2, created_at=dt.datetime(2026, 11, 1), data_version=0))
    stranger = person.database.journal(2)
    assert all(h.food_id != added.food.food_id for h in stranger.search_foods("chili", 10))
    assert stranger.foods.record(added.food.food_id, 2) is None
