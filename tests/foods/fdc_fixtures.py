"""Small FoodData Central releases in USDA's CSV layout, written by tests (SR Legacy, FNDDS and Branded are
too large to keep in ../shared; their layout is FDC's documented one, the same as Foundation's)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

NUTRIENTS = [
    ("1003", "Protein", "G", "203"),
    ("1004", "Total lipid (fat)", "G", "204"),
    ("1008", "Energy", "KCAL", "208"),
    ("2047", "Energy (Atwater General Factors)", "KCAL", "957"),
    ("1089", "Iron, Fe", "MG", "303"),
    ("1217", "Phenylalanine", "G", "508"),
    ("1177", "Folate, total", "UG", "417"),
    ("1190", "Folate, DFE", "UG", "435"),
]


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def write_release(folder: Path, data_type: str, foods: Sequence[tuple[int, str, str]],
                  values: Sequence[tuple[int, str, object]], own: tuple[Sequence[str], Sequence[Sequence[object]]],
                  portions: Sequence[tuple[int, float, str, str, float]] = ()) -> Path:
    """foods: (fdc_id, description, category id); values: (fdc_id, nutrient id, amount); own: the data type's
    own file (header, rows); portions: (fdc_id, amount, unit id, description, grams)."""
    write_csv(folder / "food.csv", ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
              [(f, data_type, d, c, "2021-10-28") for f, d, c in foods])
    write_csv(folder / "nutrient.csv", ["id", "name", "unit_name", "nutrient_nbr", "rank"],
              [(*n, "100") for n in NUTRIENTS])
    write_csv(folder / "food_nutrient.csv", ["id", "fdc_id", "nutrient_id", "amount", "data_points", "derivation_id",
                                             "min", "max", "median", "footnote", "min_year_acquired"],
              [(i + 1, f, n, a, "", "", "", "", "", "", "") for i, (f, n, a) in enumerate(values)])
    write_csv(folder / "food_category.csv", ["id", "code", "description"],
              [("1", "0100", "Dairy and Egg Products"), ("18", "1800", "Baked Products")])
    write_csv(folder / "measure_unit.csv", ["id", "name"],
              [("1000", "cup"), ("1100", "slice"), ("9999", "undetermined")])
    write_csv(folder / "food_portion.csv", ["id", "fdc_id", "seq_num", "amount", "measure_unit_id",
                                            "portion_description", "modifier", "gram_weight", "data_points",
                                            "footnote", "min_year_acquired"],
              [(i + 1, f, i + 1, a, u, d, "", g, "", "", "") for i, (f, a, u, d, g) in enumerate(portions)])
    own_name = {"sr_legacy_food": "sr_legacy_food.csv", "survey_fndds_food": "survey_fndds_food.csv",
                "branded_food": "branded_food.csv", "foundation_food": "foundation_food.csv"}[data_type]
    write_csv(folder / own_name, own[0], own[1])
    return folder
