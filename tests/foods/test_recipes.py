"""Recipes from a plain ingredient list: totals and unknowns from the ingredients."""

from __future__ import annotations

from pathlib import Path

import pytest

from norepi.errors import ImportFormatError
from norepi.foods.recipes import composite_records, parse_recipe, read_recipe, recipe_totals
from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex
from norepi.foods.understand import understand

CHILI = """# chili, serves four
Servings: 4
- 1 lb ground beef
- 2 cups cooked kidney beans
* 1 can tomatoes
1 onion
2 tbsp olive oil
1 pinch of unicorn dust
"""


def test_a_plain_list_is_a_recipe(tmp_path: Path) -> None:
    path = tmp_path / "chili.txt"
    path.write_text(CHILI, encoding="utf-8")
    recipe = read_recipe(path)
    assert recipe.name == "chili" and recipe.servings == 4 and recipe.food_id == "recipe:chili"
    assert [line for line, _ in recipe.ingredients] == [3, 4, 5, 6, 7, 8]
    assert recipe.ingredients[0][1] == "1 lb ground beef"
    assert parse_recipe("serves 6\n1 egg", "x").servings == 6
    assert parse_recipe("makes 3 servings\n1 egg", "x").servings == 3


def test_totals_come_from_the_ingredients(index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    recipe = parse_recipe(CHILI, "chili")
    totals = recipe_totals(recipe, index, all_foods.get)
    assert [u[0] for u in totals.unknown] == [8]
    assert "unicorn" in totals.unknown[0][1]
    parts = [understand(p, index, all_foods.get) for _, p in recipe.ingredients[:5]]
    assert totals.total_grams == pytest.approx(sum(p.grams for p in parts))
    protein = sum(p.food.value("203") * p.grams / 100 for p in parts)
    assert totals.nutrients["203"].value == pytest.approx(protein)
    serving = totals.record()
    assert serving.portions[0].grams == pytest.approx(totals.total_grams / 4)
    assert serving.value("203") == pytest.approx(protein / totals.total_grams * 100)


def test_a_nutrient_some_ingredient_lacks_is_not_summed(index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    recipe = parse_recipe("1 cup milk\n100 g oat milk", "mix")
    totals = recipe_totals(recipe, index, all_foods.get)
    oat = all_foods["fdc:2257046"]
    lacking = [k for k in all_foods["01077"].nutrients if k not in oat.nutrients and k not in oat.estimates]
    assert lacking and all(k in totals.incomplete for k in lacking)
    assert all(k not in totals.nutrients for k in lacking)


def test_one_serving_of_a_recipe_logs(index: FoodIndex, all_foods: dict[str, FoodRecord]) -> None:
    record = recipe_totals(parse_recipe(CHILI, "chili"), index, all_foods.get).record()
    foods = {**all_foods, record.food_id: record}
    mine = FoodIndex.build(f.searchable() for f in foods.values())
    got = understand("1 serving chili", mine, foods.get)
    assert got.food.food_id == "recipe:chili" and got.reason == "your food"
    assert got.grams == pytest.approx(record.portions[0].grams)


def test_composites_are_built_from_their_ingredients(all_foods: dict[str, FoodRecord]) -> None:
    latte = next(r for r in composite_records(all_foods) if r.food_id == "composite:latte")
    espresso, milk = all_foods["14210"], all_foods["01077"]
    expected = (espresso.value("203") * 60 + milk.value("203") * 300) / 360
    assert latte.value("203") == pytest.approx(expected)
    assert composite_records({}) == []


def test_bad_recipe_files_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no ingredient lines"):
        parse_recipe("# nothing\nservings: 2\n", "empty")
    with pytest.raises(ImportFormatError, match="servings must be positive"):
        parse_recipe("servings: 0\n1 egg", "x")
    latin = tmp_path / "r.txt"
    latin.write_bytes("1 cr\xe8me".encode("latin-1"))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        read_recipe(latin)
