"""The USDA SR28 folder as ``CatalogueFood`` values, read with norepi's pure SR ASCII reader (no Journal).

Used by the planning tests (once per session, ``conftest.py``) and by bench/bench_planning.py. Branded foods are
those with a manufacturer (FOOD_DES field 5); portions keep WEIGHT's order (its ``Seq``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from norepi.foods.amounts import PortionOption
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.sr_ascii import locate, read_rows
from norepi.nutrition.nutrients import USDA_NUMBERS

SR28_DIR = Path(os.environ.get("NOREPI_SR28", Path(__file__).resolve().parents[3] / "shared" / "data" / "usda-sr28"))
KEPT_NUMBERS = frozenset(USDA_NUMBERS)


def load_catalogue(folder: Path = SR28_DIR) -> tuple[CatalogueFood, ...]:
    """Every SR28 food with its values of the tracked USDA nutrient numbers (per 100 g) and its portions."""
    values: dict[str, dict[str, float]] = defaultdict(dict)
    path = locate(folder, "NUT_DATA")
    for row in read_rows(path, "NUT_DATA"):
        nutr = row.fields[1]
        if nutr in KEPT_NUMBERS:
            value = row.number(2, "Nutr_Val")
            if value is not None:
                values[row.fields[0]][nutr] = value
    portions: dict[str, list[tuple[int, PortionOption]]] = defaultdict(list)
    for row in read_rows(locate(folder, "WEIGHT"), "WEIGHT"):
        amount, grams = row.number(2, "Amount"), row.number(4, "Gm_Wgt")
        if amount and grams:
            portions[row.fields[0]].append((int(row.fields[1]), PortionOption(amount, row.fields[3], grams)))
    foods = []
    for row in read_rows(locate(folder, "FOOD_DES"), "FOOD_DES"):
        ndb = row.fields[0]
        foods.append(CatalogueFood(food_id=ndb, description=row.fields[2], group_code=row.fields[1],
                                   survey=row.fields[6] == "Y", branded=bool(row.fields[5].strip()),
                                   per_100g=values.get(ndb, {}),
                                   portions=tuple(p for _, p in sorted(portions.get(ndb, []), key=lambda t: t[0]))))
    return tuple(foods)
