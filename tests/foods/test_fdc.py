"""FoodData Central readers on the two real Foundation releases (../shared) and small SR Legacy, FNDDS and
Branded releases in FDC's layout; totals checked against a test-side parse of food_nutrient.csv."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from fdc_fixtures import write_csv, write_release  # type: ignore[import-not-found]

from norepi.errors import ImportFormatError
from norepi.foods.fdc import FdcRelease, read_fdc
from norepi.foods.records import DataType

FOUNDATION = Path(__file__).resolve().parents[3] / "shared" / "data" / "fdc-foundation"
Z2025 = FOUNDATION / "FoodData_Central_foundation_food_csv_2025-04-24.zip"
Z2024 = FOUNDATION / "FoodData_Central_foundation_food_csv_2024-10-31.zip"


def _raw(zip_path: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(zip_path) as zf:
        member = next(n for n in zf.namelist() if n.endswith("/" + name))
        return list(csv.DictReader(io.TextIOWrapper(zf.open(member), "utf-8")))


@pytest.fixture(scope="module")
def raw_2025() -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Test-side parse: {fdc_id: {nutrient_nbr: amount}} for foundation foods, and fdc nutrient id -> nbr."""
    nbr = {r["id"]: r["nutrient_nbr"] for r in _raw(Z2025, "nutrient.csv")}
    keep = {r["fdc_id"] for r in _raw(Z2025, "foundation_food.csv")}
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for r in _raw(Z2025, "food_nutrient.csv"):
        if r["fdc_id"] in keep and r["nutrient_id"] in nbr and r["amount"] != "":
            values[r["fdc_id"]][nbr[r["nutrient_id"]] or "fdc:" + r["nutrient_id"]] = float(r["amount"])
    return values, nbr


def test_foundation_provenance_and_counts(foundation_2025: FdcRelease) -> None:
    r = foundation_2025
    assert r.data_type is DataType.FOUNDATION and r.release == "2025-04-24"
    assert len(r.foods) == len(_raw(Z2025, "foundation_food.csv"))
    milk = next(f for f in r.foods if f.food_id == "fdc:746782")
    assert milk.ndb_no == "01077" and milk.source_id == "746782" and milk.release == "2025-04-24"
    assert milk.group_code == "0100" and milk.group == "Dairy and Egg Products" and milk.licence == "CC0-1.0"
    assert milk.nutrients["203"].unit == "g" and milk.nutrients["303"].unit == "mg"


def test_totals_equal_food_nutrient_times_grams(foundation_2025: FdcRelease, raw_2025) -> None:  # type: ignore[no-untyped-def]
    values, _ = raw_2025
    foods = {f.source_id: f for f in foundation_2025.foods}
    # a varied day: dairy, grain, legume, fruit, vegetable, meat, fish, nut, oil, egg (by description)
    wanted = ["Milk, whole", "Oats, whole grain, rolled", "Hummus", "Bananas, ripe", "Broccoli, raw",
              "Beef, ground, 80% lean", "Fish, salmon, Atlantic, farm raised, raw", "Nuts, almonds",
              "Oil, olive", "Eggs, Grade A, Large, egg whole", "Flour, wheat, all-purpose, enriched"]
    day = []
    for i, start in enumerate(wanted):
        food = next(f for f in foundation_2025.foods if f.description.startswith(start))
        day.append((food, 40.0 + 35 * i))
    for nbr in ("203", "204", "303", "304", "312", "401", "415", "417", "508", "509", "fdc:2055"):
        ours = sum(f.value(nbr) * g / 100 for f, g in day if f.value(nbr) is not None)
        theirs = sum(values[f.source_id][nbr] * g / 100 for f, g in day if nbr in values[f.source_id])
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-12), nbr
        assert [f.value(nbr) is None for f, _ in day] == [nbr not in values[f.source_id] for f, _ in day]
    assert sum(1 for f in foods.values() if f.nutrients) == len(values)


def test_energy_is_atwater_where_1008_is_absent(foundation_2025: FdcRelease, raw_2025) -> None:  # type: ignore[no-untyped-def]
    values, _ = raw_2025
    for f in foundation_2025.foods:
        raw = values[f.source_id]
        if "208" in raw:
            assert f.value("208") == raw["208"] and f.energy_basis == ""
        elif "958" in raw:
            assert f.value("208") == raw["958"] and "2048" in f.energy_basis
        elif "957" in raw:
            assert f.value("208") == raw["957"] and "2047" in f.energy_basis
        else:
            assert f.value("208") is None
    assert sum("2048" in f.energy_basis for f in foundation_2025.foods) > 150


def test_no_folate_dfe_is_invented(foundation_2025: FdcRelease) -> None:
    assert all("435" not in f.nutrients for f in foundation_2025.foods)
    estimated = [f for f in foundation_2025.foods if "435" in f.estimates]
    assert estimated and all(f.estimates["435"].value == f.value("417") for f in estimated)
    flour = next(f for f in foundation_2025.foods if "enriched" in f.description.lower() and f.value("417"))
    assert "435" not in flour.estimates  # folic acid added: total folate is not DFE
    assert "435" not in flour.catalogue().per_100g and "435" in estimated[0].catalogue().estimated


def test_portions_are_kept(foundation_2025: FdcRelease) -> None:
    keep = {r["fdc_id"] for r in _raw(Z2025, "foundation_food.csv")}
    with_portions = {r["fdc_id"] for r in _raw(Z2025, "food_portion.csv") if r["fdc_id"] in keep}
    assert {f.source_id for f in foundation_2025.foods if f.portions} == with_portions
    hummus = next(f for f in foundation_2025.foods if f.description == "Hummus, commercial")
    assert hummus.portions[0].description == "tablespoon" and hummus.portions[0].grams == pytest.approx(33.9)


def test_real_quirks_are_one_line_each(foundation_2025: FdcRelease) -> None:
    notes = foundation_2025.notes
    assert any("27 rows use nutrient id 2066, which nutrient.csv does not define; skipped" in n for n in notes)
    assert any("71 foundation_food rows have no row in foundation_food.csv" in n for n in notes)
    assert all("\n" not in n for n in notes)


def test_two_releases_keep_their_food_ids() -> None:
    old, new = read_fdc(Z2024), read_fdc(Z2025)
    assert old.release == "2024-10-31" and len(old.foods) < len(new.foods)
    kept = {f.food_id for f in old.foods} & {f.food_id for f in new.foods}
    assert len(kept) >= 0.95 * len(old.foods)


def _unzipped(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(Z2025) as zf:
        for name in ("food.csv", "nutrient.csv", "food_nutrient.csv", "foundation_food.csv", "food_category.csv"):
            member = next(n for n in zf.namelist() if n.endswith("/" + name))
            (tmp_path / name).write_bytes(zf.read(member))
    return tmp_path


def test_an_unpacked_folder_reads_like_the_zip(tmp_path: Path, foundation_2025: FdcRelease) -> None:
    folder = _unzipped(tmp_path / "FoodData_Central_foundation_food_csv_2025-04-24")
    r = read_fdc(folder)
    assert r.release == "2025-04-24" and [f.food_id for f in r.foods] == [f.food_id for f in foundation_2025.foods]
    assert r.foods[5].nutrients == foundation_2025.foods[5].nutrients


def test_a_missing_column_is_one_line(tmp_path: Path) -> None:
    folder = _unzipped(tmp_path)
    text = (folder / "food_nutrient.csv").read_text(encoding="utf-8").replace('"amount"', '"amt"', 1)
    (folder / "food_nutrient.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"food_nutrient.csv:1: missing column 'amount'"):
        read_fdc(folder)


def test_a_missing_file_and_a_bad_number_are_one_line(tmp_path: Path) -> None:
    folder = _unzipped(tmp_path)
    lines = (folder / "food_nutrient.csv").read_text(encoding="utf-8").splitlines()
    kept = {r["fdc_id"] for r in _raw(Z2025, "foundation_food.csv")}
    at = next(i for i, line in enumerate(lines[1:], start=1) if line.split(",")[1].strip('"') in kept)
    fields = lines[at].split(",")
    fields[3] = '"twelve"'
    lines[at] = ",".join(fields)
    (folder / "food_nutrient.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=rf"food_nutrient.csv:{at + 1}: amount is not a number: 'twelve'"):
        read_fdc(folder)
    (folder / "nutrient.csv").unlink()
    with pytest.raises(ImportFormatError, match="missing nutrient.csv"):
        read_fdc(folder)
    bare = shutil.copytree(folder, tmp_path / "y", ignore=shutil.ignore_patterns("foundation_food.csv"))
    with pytest.raises(ImportFormatError, match="not a FoodData Central CSV release"):
        read_fdc(bare)


def test_an_unknown_nutrient_id_is_skipped_with_one_line(tmp_path: Path) -> None:
    folder = write_release(
        tmp_path / "FoodData_Central_sr_legacy_food_csv_2018-04", "sr_legacy_food",
        [(170903, "Milk, whole, 3.25% milkfat, with added vitamin D", "1")],
        [(170903, "1003", 3.15), (170903, "2066", 1.0), (170903, "1008", 61)],
        (["fdc_id", "NDB_number"], [(170903, "1077")]),
        [(170903, 1.0, "1000", "", 244.0)],
    )
    r = read_fdc(folder)
    assert r.data_type is DataType.SR_LEGACY and r.release == "2021-10-28"  # no date in the name: publication
    milk = r.foods[0]
    assert milk.ndb_no == "01077" and milk.value("203") == 3.15 and milk.value("208") == 61
    assert milk.portions[0].description == "cup" and milk.portions[0].grams == 244.0
    assert r.notes == ("food_nutrient.csv: 1 rows use nutrient id 2066, which nutrient.csv does not define; skipped",)


def test_fndds_foods_are_survey_foods(tmp_path: Path) -> None:
    folder = write_release(
        tmp_path / "FoodData_Central_survey_food_csv_2022-10-28", "survey_fndds_food",
        [(2341213, "Oatmeal, regular or quick, made with water, no added fat", "")],
        [(2341213, "1003", 2.54), (2341213, "1008", 71)],
        (["fdc_id", "food_code", "wweia_category_number", "start_date", "end_date"],
         [(2341213, "56203200", "4802", "2019-01-01", "2020-12-31")]),
        [(2341213, 1.0, "9999", "1 cup", 234.0)],
    )
    r = read_fdc(folder)
    f = r.foods[0]
    assert r.data_type is DataType.FNDDS and f.survey and f.food_id == "fdc:2341213"
    assert f.portions[0].description == "cup" and f.portions[0].amount == 1.0 and f.portions[0].grams == 234.0
    assert f.searchable().survey


def test_branded_foods_keep_brand_barcode_ingredients_and_label_serving(tmp_path: Path) -> None:
    header = ["fdc_id", "brand_owner", "brand_name", "subbrand_name", "gtin_upc", "ingredients",
              "not_a_significant_source_of", "serving_size", "serving_size_unit", "household_serving_fulltext",
              "branded_food_category", "data_source", "package_weight", "modified_date", "available_date",
              "market_country", "discontinued_date", "preparation_state_code", "trade_channel", "short_description"]
    rows = [
        (1105904, "Wise Woodworks", "Bakers Best", "", "0000236555909", "Enriched flour, water, yeast", "", "34", "g",
         "1 slice", "Breads & Buns", "LI", "", "", "", "United States", "", "", "", ""),
        (1105905, "Some Dairy", "", "", "012345678901", "Milk", "", "240", "ml", "1 cup", "Milk", "LI", "", "", "",
         "United States", "", "", "", ""),
    ]
    folder = write_release(
        tmp_path / "FoodData_Central_branded_food_csv_2024-10-31", "branded_food",
        [(1105904, "WHITE BREAD", ""), (1105905, "WHOLE MILK", "")],
        [(1105904, "1003", 8.82), (1105904, "2047", 235), (1105905, "1003", 3.2)],
        (header, rows),
    )
    r = read_fdc(folder)
    bread, milk = r.foods
    assert bread.brand == "Bakers Best" and bread.barcode == "00000236555909" and bread.branded
    assert bread.group == "Breads & Buns" and bread.ingredients.startswith("Enriched flour")
    assert bread.portions[0].description == "slice" and bread.portions[0].grams == 34.0
    assert bread.value("208") == 235 and "2047" in bread.energy_basis
    assert milk.barcode is None and milk.portions == ()  # wrong check digit; a serving in ml is not grams
    assert any("1 gtin_upc values are not valid GTINs" in n for n in r.notes)


def test_a_release_without_its_data_type_file_is_refused(tmp_path: Path) -> None:
    write_csv(tmp_path / "food.csv", ["fdc_id", "data_type", "description"], [(1, "x", "y")])
    with pytest.raises(ImportFormatError, match="not a FoodData Central CSV release"):
        read_fdc(tmp_path)
