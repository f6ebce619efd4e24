"""USDA FoodData Central CSV downloads (Foundation, SR Legacy, Survey/FNDDS, Branded) -> :class:`FoodRecord`.

Reads a release as USDA ships it, a zip or its unpacked folder: food.csv, nutrient.csv, food_nutrient.csv,
food_portion.csv, measure_unit.csv, food_category.csv and the data type's own file (foundation_food.csv,
sr_legacy_food.csv, survey_fndds_food.csv or branded_food.csv). Pure: nothing is stored.

* FDC nutrient ids are not SR numbers: each value is keyed by nutrient.csv's ``nutrient_nbr`` (1003 -> "203"),
  with its unit; a nutrient without an SR number keeps its FDC id (``"fdc:2055"``).
* Energy: where the measured 1008 ("208", kcal) is absent, as for most Foundation foods, the Atwater energy
  2048 (specific factors, nbr 958) else 2047 (general factors, nbr 957) stands in, and ``energy_basis`` says so.
* Folate DFE (1190, "435") is absent from Foundation; for a food described as neither enriched nor fortified it
  is estimated as total folate (no folic acid added), in ``estimates``, never among measured values.
* Real quirks survived with one line each in :attr:`FdcRelease.notes`: a nutrient id used in food_nutrient.csv
  but absent from nutrient.csv (2066 in the 2025-04-24 Foundation release) is skipped; foods of the data type
  without a row in its own file (71 old Foundation records) are skipped.
* A missing file or column, or an amount that is not a number, is an ImportFormatError naming file and line.

Memory stays bounded at Branded scale: nutrient rows of kept foods are held in compact arrays (14 bytes a row),
not per-food dicts, and :func:`open_fdc` builds the records one at a time for the caller to store in chunks.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
import zipfile
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from norepi.errors import ImportFormatError
from norepi.foods.amounts import PortionOption
from norepi.foods.gtin import normalize_gtin
from norepi.foods.records import DataType, Estimate, FoodRecord, NutrientAmount

OWN_FILE = {
    DataType.FOUNDATION: "foundation_food.csv",
    DataType.SR_LEGACY: "sr_legacy_food.csv",
    DataType.FNDDS: "survey_fndds_food.csv",
    DataType.BRANDED: "branded_food.csv",
}
REQUIRED = {
    "food.csv": ("fdc_id", "data_type", "description"),
    "nutrient.csv": ("id", "name", "unit_name", "nutrient_nbr"),
    "food_nutrient.csv": ("fdc_id", "nutrient_id", "amount"),
    "food_portion.csv": ("fdc_id", "amount", "measure_unit_id", "portion_description", "modifier", "gram_weight"),
    "measure_unit.csv": ("id", "name"),
    "food_category.csv": ("id", "code", "description"),
    "foundation_food.csv": ("fdc_id", "NDB_number"),
    "sr_legacy_food.csv": ("fdc_id", "NDB_number"),
    "survey_fndds_food.csv": ("fdc_id", "food_code"),
    "branded_food.csv": ("fdc_id", "brand_owner", "gtin_upc", "ingredients", "serving_size", "serving_size_unit"),
}
OWN_FIELDS = ("NDB_number", "food_code", "brand_owner", "brand_name", "ingredients", "serving_size",
              "serving_size_unit", "household_serving_fulltext", "branded_food_category")
OWN_KEYS = (*OWN_FIELDS, "gtin14")
UNITS = {"G": "g", "MG": "mg", "UG": "µg", "KCAL": "kcal", "KJ": "kJ", "IU": "IU"}
ENERGY_KCAL = "208"
ATWATER = (("958", "Atwater specific factors (FDC 2048)"), ("957", "Atwater general factors (FDC 2047)"))
FOLATE_TOTAL, FOLATE_DFE = "417", "435"
FORTIFIED_WORDS = re.compile(r"enriched|fortified|added folic|folic acid", re.IGNORECASE)
RELEASE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FdcNutrient:
    """An FDC nutrient: its FDC id, the key values are stored under (SR number, else "fdc:<id>"), name, unit."""

    fdc_id: int
    key: str
    name: str
    unit: str


@dataclass(frozen=True)
class FdcRelease:
    """An FDC release read whole: data type, release (the date in its name), foods, and one line per quirk."""

    data_type: DataType
    release: str
    foods: list[FoodRecord]
    nutrients: dict[int, FdcNutrient]
    notes: tuple[str, ...]


class _Source:
    """The CSV files of a release, in a zip (any folder inside) or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        if path.is_dir():
            self._names = {p.name: str(p) for p in path.rglob("*.csv")}
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise ImportFormatError("not a zip or folder of FoodData Central CSV files", path=path) from None
            self._names = {Path(n).name: n for n in self._zip.namelist() if n.endswith(".csv")}
        else:
            raise ImportFormatError("no such file or folder", path=path)

    def has(self, name: str) -> bool:
        return name in self._names

    def where(self, name: str) -> Path:
        return self.path / name

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number, row) of CSV ``name``, after checking its header has the columns norepi reads."""
        header: list[str] = []
        for line, fields in self.fields(name, header):
            yield line, dict(zip(header, fields, strict=False))

    def fields(self, name: str, header: list[str]) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) of CSV ``name``; ``header`` is filled with its column names first."""
        if name not in self._names:
            raise ImportFormatError(f"missing {name}: not a complete FoodData Central CSV release", path=self.path)
        raw = self._zip.open(self._names[name]) if self._zip else open(self._names[name], "rb")  # noqa: SIM115
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                first = next(reader)
            except StopIteration:
                raise ImportFormatError("empty file", path=self.where(name), line=1) from None
            except (UnicodeDecodeError, csv.Error) as exc:
                raise ImportFormatError(f"not UTF-8 CSV ({exc})", path=self.where(name), line=1) from None
            missing = [c for c in REQUIRED.get(name, ()) if c not in first]
            if missing:
                raise ImportFormatError(
                    f"missing column {', '.join(repr(c) for c in missing)} (has {', '.join(first[:8])}...)",
                    path=self.where(name), line=1,
                )
            header[:] = first
            line = 1
            try:
                for line, fields in enumerate(reader, start=2):
                    yield line, fields
            except (UnicodeDecodeError, csv.Error) as exc:
                raise ImportFormatError(f"unreadable row ({exc})", path=self.where(name), line=line + 1) from None


def detect_data_type(path: Path | str) -> DataType:
    """The data type of the release at ``path``, from the data type's own file it holds."""
    source = _Source(Path(path))
    for data_type, name in OWN_FILE.items():
        if source.has(name):
            return data_type
    raise ImportFormatError(
        "no foundation_food.csv, sr_legacy_food.csv, survey_fndds_food.csv or branded_food.csv: "
        "not a FoodData Central CSV release", path=path,
    )


def _number(text: str, source: _Source, name: str, line: int, column: str) -> float | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise ImportFormatError(f"{column} is not a number: {text!r}", path=source.where(name), line=line) from None


def _int(text: str, source: _Source, name: str, line: int, column: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ImportFormatError(f"{column} is not an id: {text!r}", path=source.where(name), line=line) from None


def _nbr(text: str) -> str:
    """nutrient_nbr as SR writes it ("203", "957"; FDC sometimes writes "203.0")."""
    text = text.strip()
    return text[:-2] if text.endswith(".0") else text


def read_nutrients(source: _Source) -> dict[int, FdcNutrient]:
    """nutrient.csv: FDC id -> key, name, unit."""
    out: dict[int, FdcNutrient] = {}
    for line, r in source.rows("nutrient.csv"):
        fid = _int(r["id"], source, "nutrient.csv", line, "id")
        nbr = _nbr(r["nutrient_nbr"])
        unit = UNITS.get(r["unit_name"].upper(), r["unit_name"])
        out[fid] = FdcNutrient(fid, nbr if nbr else f"fdc:{fid}", r["name"], unit)
    return out


@dataclass
class FdcReader:
    """A release whose files have been read and checked, its records built one at a time by :meth:`foods`
    (so that a Branded release can be stored in chunks without holding 450k records). ``notes`` is complete
    once :func:`open_fdc` returns."""

    path: Path
    data_type: DataType
    release: str
    nutrients: dict[int, FdcNutrient]
    notes: list[str]
    _base: list[tuple[int, str, str]]
    _own: dict[int, tuple[str, ...]]
    _categories: dict[str, tuple[str, str]]
    _values: tuple[np.ndarray, np.ndarray, np.ndarray]
    _slot_nutrient: list[FdcNutrient]
    _portions: dict[int, list[PortionOption]]

    def __len__(self) -> int:
        return len(self._base)

    def foods(self) -> Iterator[FoodRecord]:
        """The release's foods, in food.csv order."""
        positions, slots, amounts = self._values
        bounds = np.searchsorted(positions, np.arange(len(self._base) + 1)).tolist()
        for i, (fid, desc, cat) in enumerate(self._base):
            values = {}
            lo, hi = bounds[i], bounds[i + 1]
            for slot, amount in zip(slots[lo:hi].tolist(), amounts[lo:hi].tolist(), strict=True):
                nut = self._slot_nutrient[slot]
                values[nut.key] = NutrientAmount(amount, nut.unit)
            yield _record(self.data_type, self.release, fid, desc, self._categories.get(cat, ("", cat)),
                          dict(zip(OWN_KEYS, self._own[fid], strict=True)), values, self._portions.get(i, []))


def open_fdc(path: Path | str, data_type: DataType | None = None, progress: Progress | None = None) -> FdcReader:
    """Read and check every file of the FDC CSV release at ``path`` (zip or folder); ImportFormatError names
    file and line. The records come from :meth:`FdcReader.foods`."""
    path = Path(path)
    source = _Source(path)
    data_type = data_type or detect_data_type(path)
    notes: list[str] = []
    nutrients = read_nutrients(source)
    release = _release(path)
    own = _own_rows(source, data_type, notes)
    categories = _categories(source)
    kept: dict[int, int] = {}
    base: list[tuple[int, str, str]] = []
    skipped_no_own = 0
    dates: Counter[str] = Counter()
    for line, r in source.rows("food.csv"):
        if r["data_type"] != data_type.value:
            continue
        fid = _int(r["fdc_id"], source, "food.csv", line, "fdc_id")
        if fid not in own:
            skipped_no_own += 1
            continue
        kept[fid] = len(base)
        base.append((fid, r["description"], r.get("food_category_id", "")))
        dates[r.get("publication_date", "")] += 1
    if skipped_no_own:
        notes.append(
            f"food.csv: {skipped_no_own} {data_type.value} rows have no row in {OWN_FILE[data_type]} "
            "(older records); skipped"
        )
    if not base:
        raise ImportFormatError(f"no {data_type.value} foods in food.csv", path=source.where("food.csv"))
    if not release:
        release = max(d for d in dates if d) if any(d for d in dates) else path.stem
    values, slot_nutrient = _values(source, kept, nutrients, notes, progress)
    portions = _portions(source, kept, notes) if source.has("food_portion.csv") else {}
    return FdcReader(path, data_type, release, nutrients, notes, base, own, categories, values, slot_nutrient,
                     portions)


def read_fdc(path: Path | str, data_type: DataType | None = None, progress: Progress | None = None) -> FdcRelease:
    """Read the FDC CSV release at ``path`` (zip or folder) into records: every nutrient per 100 g with its unit
    keyed by SR number, portions, provenance (data type, release, fdc_id, NDB link, brand, GTIN)."""
    reader = open_fdc(path, data_type, progress)
    foods = list(reader.foods())
    return FdcRelease(reader.data_type, reader.release, foods, reader.nutrients, tuple(reader.notes))


def _release(path: Path) -> str:
    match = RELEASE_DATE.search(path.name)
    return match.group(1) if match else ""


def _own_rows(source: _Source, data_type: DataType, notes: list[str]) -> dict[int, tuple[str, ...]]:
    """fdc_id -> the fields of the data type's own file norepi keeps (:data:`OWN_KEYS`)."""
    name = OWN_FILE[data_type]
    out: dict[int, tuple[str, ...]] = {}
    bad_gtin = 0
    for line, r in source.rows(name):
        fid = _int(r["fdc_id"], source, name, line, "fdc_id")
        code = ""
        if data_type is DataType.BRANDED and r.get("gtin_upc"):
            code = normalize_gtin(r["gtin_upc"], strict=False) or ""
            bad_gtin += not code
        # one tuple a food, repeated words (brands, units, categories) shared: 450k Branded foods fit in memory
        out[fid] = tuple(sys.intern(r.get(k) or "") if k not in ("ingredients",) else r.get(k) or ""
                         for k in OWN_FIELDS) + (code,)
    if bad_gtin:
        notes.append(f"{name}: {bad_gtin} gtin_upc values are not valid GTINs (check digit); kept without barcode")
    return out


def _categories(source: _Source) -> dict[str, tuple[str, str]]:
    """food_category id -> (SR group code, description)."""
    if not source.has("food_category.csv"):
        return {}
    return {r["id"]: (r["code"], r["description"]) for _, r in source.rows("food_category.csv")}


def _values(
    source: _Source, kept: dict[int, int], nutrients: dict[int, FdcNutrient], notes: list[str],
    progress: Progress | None,
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], list[FdcNutrient]]:
    """The nutrient rows of kept foods as arrays (food position, nutrient slot, amount per 100 g), sorted by
    position, and the nutrient of each slot."""
    slots = {fid: k for k, fid in enumerate(sorted(nutrients))}
    slot_nutrient = [nutrients[fid] for fid in sorted(nutrients)]
    food_at, slot_at, amount_at = array("i"), array("h"), array("d")
    n = 0
    unknown: Counter[int] = Counter()
    name = "food_nutrient.csv"
    header: list[str] = []
    rows = source.fields(name, header)
    first = next(rows, None)
    if first is None:
        empty = np.zeros(0, np.int32)
        return (empty, empty.astype(np.int16), empty.astype(np.float64)), slot_nutrient
    c_food, c_nutrient, c_amount = (header.index(c) for c in ("fdc_id", "nutrient_id", "amount"))
    width = max(c_food, c_nutrient, c_amount) + 1
    for line, r in itertools.chain([first], rows):
        if len(r) < width:
            raise ImportFormatError(f"row has {len(r)} fields, the header {len(header)}", path=source.where(name),
                                    line=line)
        text = r[c_food]
        pos = kept.get(int(text)) if text.isdigit() else kept.get(_int(text, source, name, line, "fdc_id"))
        if pos is None:
            continue
        text = r[c_nutrient]
        nid = int(text) if text.isdigit() else _int(text, source, name, line, "nutrient_id")
        slot = slots.get(nid)
        if slot is None:
            unknown[nid] += 1
            continue
        amount = _number(r[c_amount], source, name, line, "amount")
        if amount is None:
            continue
        food_at.append(pos)
        slot_at.append(slot)
        amount_at.append(amount)
        n += 1
        if progress and n % 500_000 == 0:
            progress("nutrients", n, 0)
    for nid, count in sorted(unknown.items()):
        notes.append(f"{name}: {count} rows use nutrient id {nid}, which nutrient.csv does not define; skipped")
    foods = np.frombuffer(food_at, np.int32)
    order = np.argsort(foods, kind="stable")
    return (foods[order], np.frombuffer(slot_at, np.int16)[order], np.frombuffer(amount_at, np.float64)[order]), \
        slot_nutrient


def _portions(source: _Source, kept: dict[int, int], notes: list[str]) -> dict[int, list[PortionOption]]:
    """Portions of kept foods, by food position."""
    units = {r["id"]: r["name"] for _, r in source.rows("measure_unit.csv")} if source.has("measure_unit.csv") else {}
    out: dict[int, list[PortionOption]] = defaultdict(list)
    bad = 0
    name = "food_portion.csv"
    for line, r in source.rows(name):
        pos = kept.get(_int(r["fdc_id"], source, name, line, "fdc_id"))
        if pos is None:
            continue
        grams = _number(r["gram_weight"], source, name, line, "gram_weight")
        amount = _number(r["amount"], source, name, line, "amount") or 1.0
        if grams is None or grams <= 0 or amount <= 0:
            bad += 1
            continue
        unit = units.get(r["measure_unit_id"], "")
        unit = "" if unit in ("undetermined", "") else unit
        words = " ".join(w for w in (unit, r["modifier"].strip(), r["portion_description"].strip()) if w)
        if r["portion_description"].strip() and not unit:
            words = _strip_amount(r["portion_description"].strip(), amount)
            if r["modifier"].strip():
                words = f"{words}, {r['modifier'].strip()}"
        out[pos].append(PortionOption(amount, words or "portion", grams))
    if bad:
        notes.append(f"{name}: {bad} portions without a positive amount and gram weight; skipped")
    return out


def _strip_amount(description: str, amount: float) -> str:
    """FNDDS/SR Legacy write "1 cup, chopped" in portion_description: the number is already ``amount``."""
    match = re.match(r"^\s*(\d+(?:\.\d+)?|\d+/\d+|\d+\s+\d+/\d+)\s+(.*)$", description)
    return match.group(2) if match else description


def _record(
    data_type: DataType, release: str, fdc_id: int, description: str, category: tuple[str, str],
    own: dict[str, str], values: dict[str, NutrientAmount], portions: list[PortionOption],
) -> FoodRecord:
    energy_basis = ""
    if ENERGY_KCAL not in values:
        for nbr, basis in ATWATER:
            if nbr in values:
                values[ENERGY_KCAL] = NutrientAmount(values[nbr].value, "kcal")
                energy_basis = basis
                break
    estimates = {}
    if FOLATE_DFE not in values and FOLATE_TOTAL in values and not FORTIFIED_WORDS.search(description):
        total = values[FOLATE_TOTAL].value
        estimates[FOLATE_DFE] = Estimate(total, total, total, "µg",
                                         "total folate; no folic acid in an unfortified food")
    group_code, group = category
    brand = ""
    barcode = None
    ingredients = ""
    if data_type is DataType.BRANDED:
        brand = own.get("brand_name") or own.get("brand_owner", "")
        barcode = own.get("gtin14") or None
        ingredients = own.get("ingredients", "")
        group, group_code = own.get("branded_food_category", group), ""
        serving = _serving(own)
        if serving is not None:
            portions = [serving, *portions]
    ndb = own.get("NDB_number") or None
    return FoodRecord(
        food_id=f"fdc:{fdc_id}",
        data_type=data_type,
        release=release,
        source_id=str(fdc_id),
        description=description,
        nutrients=values,
        portions=tuple(portions),
        ndb_no=ndb.zfill(5) if ndb and len(ndb) < 5 else ndb,
        group=group,
        group_code=group_code if re.fullmatch(r"\d{4}", group_code or "") else "",
        brand=brand,
        barcode=barcode,
        ingredients=ingredients,
        survey=data_type is DataType.FNDDS,
        energy_basis=energy_basis,
        estimates=estimates,
    )


def _serving(own: dict[str, str]) -> PortionOption | None:
    """A Branded food's label serving ("2 slices" = 56 g) as a portion, when it is given in grams."""
    try:
        size = float(own.get("serving_size") or "nan")
    except ValueError:
        return None
    unit = (own.get("serving_size_unit") or "").strip().lower()
    if not size > 0 or unit not in ("g", "grm", "gm"):  # a serving in ml is not grams
        return None
    text = (own.get("household_serving_fulltext") or "").strip().lower()
    match = re.match(r"^\s*(\d+(?:\.\d+)?|\d+/\d+)\s+(.+)$", text)
    if match:
        from fractions import Fraction

        try:
            amount = float(Fraction(match.group(1)))
        except (ValueError, ZeroDivisionError):
            amount = 0.0
        if amount > 0:
            return PortionOption(amount, match.group(2), size)
    return PortionOption(1.0, "serving", size)
