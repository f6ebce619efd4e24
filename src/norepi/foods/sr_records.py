"""USDA SR ASCII release (SR28, SR Legacy) -> :class:`FoodRecord` values (pure: no database)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from norepi.errors import ImportFormatError
from norepi.foods.amounts import PortionOption
from norepi.foods.records import DataType, FoodRecord, NutrientAmount
from norepi.foods.sr_ascii import locate, read_rows

SR28_FOOD_COUNT = 8789  # SR28 (2015) has 8,789 foods; SR Legacy (2018) 7,793


@dataclass(frozen=True)
class NutrientDef:
    """A nutrient of the release: SR number, name, unit."""

    nutr_no: str
    name: str
    unit: str


@dataclass(frozen=True)
class SrRelease:
    """An SR release read whole: its name, nutrient definitions, group names and foods."""

    release: str
    nutrients: dict[str, NutrientDef]
    groups: dict[str, str]
    foods: list[FoodRecord]


def read_sr_release(folder: Path | str, release: str | None = None) -> SrRelease:
    """Read FOOD_DES, NUT_DATA, NUTR_DEF, FD_GROUP and WEIGHT of the SR folder into records; ImportFormatError
    names file and line for a malformed row. ``release`` defaults to "SR28" for 8,789 foods, else the folder name."""
    folder = Path(folder)
    groups = {r.text(0): r.text(1) for r in read_rows(locate(folder, "FD_GROUP"), "FD_GROUP")}
    nutrients = {
        r.text(0): NutrientDef(r.text(0), r.text(3), r.text(1))
        for r in read_rows(locate(folder, "NUTR_DEF"), "NUTR_DEF")
    }
    values: dict[str, dict[str, NutrientAmount]] = defaultdict(dict)
    units = {k: NutrientAmount(0.0, n.unit) for k, n in nutrients.items()}
    for r in read_rows(locate(folder, "NUT_DATA"), "NUT_DATA"):
        nutr = r.text(1)
        if nutr not in units:
            raise ImportFormatError(f"Nutr_No {nutr!r} is not in NUTR_DEF", path=r.path, line=r.line)
        value = r.number(2, "Nutr_Val")
        if value is not None:
            values[r.text(0)][nutr] = NutrientAmount(value, units[nutr].unit)
    portions: dict[str, list[PortionOption]] = defaultdict(list)
    for r in read_rows(locate(folder, "WEIGHT"), "WEIGHT"):
        amount, grams = r.number(2, "Amount"), r.number(4, "Gm_Wgt")
        if amount is None or grams is None or amount <= 0 or grams <= 0:
            raise ImportFormatError("portion needs a positive Amount and Gm_Wgt", path=r.path, line=r.line)
        portions[r.text(0)].append(PortionOption(amount, r.text(3), grams))
    rows = list(read_rows(locate(folder, "FOOD_DES"), "FOOD_DES"))
    name = release or ("SR28" if len(rows) == SR28_FOOD_COUNT else folder.name)
    data_type = DataType.SR28 if name == "SR28" else DataType.SR_LEGACY
    foods = []
    for r in rows:
        ndb, group_code = r.text(0), r.text(1)
        if group_code not in groups:
            raise ImportFormatError(f"unknown food group {group_code!r}", path=r.path, line=r.line)
        foods.append(
            FoodRecord(
                food_id=ndb,
                data_type=data_type,
                release=name,
                source_id=ndb,
                description=r.text(2),
                nutrients=values.get(ndb, {}),
                portions=tuple(portions.get(ndb, ())),
                ndb_no=ndb,
                group=groups[group_code],
                group_code=group_code,
                brand=r.text(5),
                common_name=r.text(4),
                survey=r.text(6) == "Y",
            )
        )
    return SrRelease(name, nutrients, groups, foods)
