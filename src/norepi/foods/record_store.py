"""Store the foods a reader gave (FoodData Central, Open Food Facts, a person's recipe) beside USDA SR, whole or not
at all: one transaction per release, a no-op for a release already there, and a newer release of the same data
type replacing the older one while foods still referred to (a food-log entry, a choice) are kept.

Values are stored in the unit of the ``nutrient`` table (USDA's for SR numbers): a value in another unit of the
same kind is converted (g, mg, µg; kJ -> kcal); one that cannot be is left out and said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from norepi.db.engine import Database
from norepi.foods.importer import referenced_foods
from norepi.foods.records import DataType, FoodRecord
from norepi.foods.tables import Food, FoodEstimate, FoodGroup, FoodNutrient, FoodRelease, Nutrient, Portion

Progress = Callable[[str, int, int], None]
CHUNK = 5000
# group codes for foods whose source has no USDA food group (a 4-character code each, as FD_GROUP's)
PLACEHOLDER_GROUPS = {"BRND": "Packaged foods", "RCPE": "Recipes", "MISC": "Other foods"}
_MASS = {"g": 1.0, "mg": 1e-3, "µg": 1e-6, "ug": 1e-6, "mcg": 1e-6}
_ENERGY = {"kcal": 1.0, "kj": 1 / 4.184}


@dataclass
class RecordImport:
    """What a store of records did: the release, its counts, whether anything changed, and what was said."""

    release: str
    data_type: DataType
    foods: int = 0
    nutrient_rows: int = 0
    unchanged: bool = False
    notes: list[str] = field(default_factory=list)


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit`` (mass or energy), None when they are not of one kind."""
    a, b = unit.strip().lower(), to_unit.strip().lower()
    if a == b:
        return value
    if a in _MASS and b in _MASS:
        return value * _MASS[a] / _MASS[b]
    if a in _ENERGY and b in _ENERGY:
        return value * _ENERGY[a] / _ENERGY[b]
    return None


def checksum_of(records: Iterable[FoodRecord]) -> str:
    """A checksum of what the records hold (ids, descriptions, values, portions), for a release without a file."""
    h = hashlib.sha256()
    for r in records:
        h.update(f"{r.food_id}|{r.description}|".encode())
        h.update(repr(sorted((k, v.value, v.unit) for k, v in r.nutrients.items())).encode())
        h.update(repr([(p.amount, p.description, p.grams) for p in r.portions]).encode())
    return h.hexdigest()


def _group_code(r: FoodRecord) -> str:
    if r.group_code:
        return r.group_code
    if r.data_type is DataType.RECIPE:
        return "RCPE"
    return "BRND" if r.branded else "MISC"


def store_records(db: Database, data_type: DataType, release: str, checksum: str, records: Iterable[FoodRecord],
                  notes: Iterable[str] = (), progress: Progress | None = None, owner: int | None = None,
                  replace_release: bool = True) -> RecordImport:
    """Store ``records`` (all of ``data_type``) as the release ``release`` in one transaction. A release of that
    data type with the same ``checksum`` is a no-op; with ``replace_release`` the foods of the data type (and
    ``owner``) that the new release drops are deleted unless something refers to them."""
    result = RecordImport(release, data_type, notes=list(notes))
    with db.transaction() as s:
        latest = s.scalars(select(FoodRelease).where(FoodRelease.data_type == data_type.value)
                           .order_by(FoodRelease.id.desc()).limit(1)).first()
        if latest is not None and latest.checksum == checksum and owner is None:
            result.unchanged, result.foods, result.nutrient_rows = True, latest.food_count, latest.nutrient_rows
            return result
        row = FoodRelease(name=release[:64], checksum=checksum, food_count=0, nutrient_rows=0,
                          imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), data_type=data_type.value)
        s.add(row)
        s.flush()
        units = dict(s.execute(select(Nutrient.nutr_no, Nutrient.unit)).all())
        groups = set(s.scalars(select(FoodGroup.code)))
        ours = select(Food.ndb_no).where(Food.data_type == data_type.value,
                                         Food.owner_id.is_(None) if owner is None else Food.owner_id == owner)
        existing = set(s.scalars(ours))
        seen: set[str] = set()
        batch: list[FoodRecord] = []
        for r in records:
            batch.append(r)
            if len(batch) >= CHUNK:
                _write(s, batch, row.id, units, groups, existing, seen, result, owner)
                batch.clear()
                if progress:
                    progress("foods", result.foods, 0)
        _write(s, batch, row.id, units, groups, existing, seen, result, owner)
        if replace_release:
            keep = referenced_foods(s)
            stale = sorted(existing - seen - keep)
            for i in range(0, len(stale), 500):
                part = stale[i : i + 500]
                s.execute(delete(FoodEstimate).where(FoodEstimate.ndb_no.in_(part)))
                s.execute(delete(FoodNutrient).where(FoodNutrient.ndb_no.in_(part)))
                s.execute(delete(Portion).where(Portion.ndb_no.in_(part)))
                s.execute(delete(Food).where(Food.ndb_no.in_(part)))
        row.food_count, row.nutrient_rows = result.foods, result.nutrient_rows
    return result


def _write(s: Session, batch: list[FoodRecord], release_id: int, units: dict[str, str], groups: set[str],
           existing: set[str], seen: set[str], result: RecordImport, owner: int | None) -> None:
    if not batch:
        return
    ids = [r.food_id for r in batch]
    for table in (FoodEstimate, FoodNutrient, Portion):
        s.execute(delete(table).where(table.ndb_no.in_(ids)))
    new_groups = {}
    foods, values, portions, estimates = [], [], [], []
    unit_misses: set[str] = set()
    for r in batch:
        code = _group_code(r)
        if code not in groups:
            new_groups[code] = r.group or PLACEHOLDER_GROUPS.get(code, "Other foods")
        foods.append(dict(
            ndb_no=r.food_id, group_code=code, long_desc=r.description[:200], short_desc=r.description[:60],
            common_name=r.common_name[:100], manufacturer=r.brand[:65], survey=r.survey, refuse_desc="",
            refuse_pct=None, sci_name="", n_factor=None, release_id=release_id, data_type=r.data_type.value,
            source_id=r.source_id[:64], link_ndb=r.ndb_no if r.ndb_no and len(r.ndb_no) <= 5 else None,
            barcode=r.barcode, ingredients=r.ingredients, licence=r.licence, energy_basis=r.energy_basis[:160],
            owner_id=owner))
        for nbr, amount in r.nutrients.items():
            if nbr not in units:
                units[nbr] = amount.unit
                s.execute(insert(Nutrient).values(nutr_no=nbr, unit=amount.unit[:8], tagname="", name=f"nutrient {nbr}",
                                                  num_dec=2))
            value = convert(amount.value, amount.unit, units[nbr])
            if value is None:
                unit_misses.add(f"{nbr} in {amount.unit} (stored in {units[nbr]})")
                continue
            values.append(dict(ndb_no=r.food_id, nutr_no=nbr, value=value, data_points=None, std_error=None,
                               src_cd="", deriv_cd=""))
        for seq, p in enumerate(r.portions, 1):
            portions.append(dict(ndb_no=r.food_id, seq=seq, amount=p.amount, description=p.description[:84],
                                 grams=p.grams))
        for nbr, est in r.estimates.items():
            if nbr in units and (value := convert(est.value, est.unit, units[nbr])) is not None:
                scale = value / est.value if est.value else 1.0
                estimates.append(dict(ndb_no=r.food_id, nutr_no=nbr, value=value, low=est.low * scale,
                                      high=est.high * scale, basis=est.basis))
    for code, description in new_groups.items():
        s.execute(insert(FoodGroup).values(code=code, description=description[:80]))
        groups.add(code)
    old = [f for f in foods if f["ndb_no"] in existing or f["ndb_no"] in seen]
    new = [f for f in foods if f["ndb_no"] not in existing and f["ndb_no"] not in seen]
    if new:
        s.execute(insert(Food), new)
    if old:
        s.execute(update(Food), old)
    for i in range(0, len(values), CHUNK):
        s.execute(insert(FoodNutrient), values[i : i + CHUNK])
    if portions:
        s.execute(insert(Portion), portions)
    if estimates:
        s.execute(insert(FoodEstimate), estimates)
    seen.update(ids)
    result.foods += len(batch)
    result.nutrient_rows += len(values)
    if unit_misses:
        result.notes.append("values left out, their unit cannot be converted: " + "; ".join(sorted(unit_misses)))


def store_estimates(db: Database, records: Iterable[FoodRecord]) -> int:
    """Replace the estimated values of these (already stored) foods with theirs, in one transaction; returns how
    many values were stored."""
    n = 0
    with db.transaction() as s:
        units = dict(s.execute(select(Nutrient.nutr_no, Nutrient.unit)).all())
        rows = []
        ids = []
        for r in records:
            ids.append(r.food_id)
            for nbr, est in r.estimates.items():
                value = convert(est.value, est.unit, units.get(nbr, est.unit))
                if value is None:
                    continue
                scale = value / est.value if est.value else 1.0
                rows.append(dict(ndb_no=r.food_id, nutr_no=nbr, value=value, low=est.low * scale,
                                 high=est.high * scale, basis=est.basis))
        for i in range(0, len(ids), 500):
            s.execute(delete(FoodEstimate).where(FoodEstimate.ndb_no.in_(ids[i : i + 500])))
        for i in range(0, len(rows), CHUNK):
            s.execute(insert(FoodEstimate), rows[i : i + CHUNK])
        n = len(rows)
    return n
