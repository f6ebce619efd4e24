"""Import a USDA SR ASCII release into the food tables, whole or not at all."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from norepi.db.engine import Database
from norepi.errors import ImportFormatError
from norepi.foods.releases import SR28_SHA256
from norepi.foods.sr_ascii import REQUIRED_FILES, Row, content_sha256, locate, read_rows
from norepi.foods.tables import Food, FoodEstimate, FoodGroup, FoodNutrient, FoodRelease, Nutrient, Portion

Progress = Callable[[str, int, int], None]
SR_TYPES = ("sr28", "sr_legacy_food")
"""progress(stage, done, total): called while importing, for a progress bar."""



@dataclass(frozen=True)
class ImportResult:
    """What an import did: the release, its counts, and whether anything changed."""

    release: str
    checksum: str
    foods: int
    nutrient_rows: int
    portions: int
    unchanged: bool


@dataclass
class _Parsed:
    groups: list[dict[str, Any]]
    nutrients: list[dict[str, Any]]
    foods: list[dict[str, Any]]
    values: list[dict[str, Any]]
    portions: list[dict[str, Any]]


def release_checksums(folder: Path) -> dict[str, str]:
    """sha256 of each required SR file's uncompressed content."""
    return {name: content_sha256(locate(folder, name)) for name in REQUIRED_FILES}


def _combined(checksums: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{k}={checksums[k]};" for k in sorted(checksums)).encode()).hexdigest()


def _require(row: Row, i: int, name: str) -> str:
    value = row.text(i)
    if not value:
        raise ImportFormatError(f"field {name} is empty", path=row.path, line=row.line)
    return value


def parse_release(folder: Path, progress: Progress | None = None) -> _Parsed:
    """Read and validate every required file; raises ImportFormatError naming file and line."""
    paths = {name: locate(folder, name) for name in REQUIRED_FILES}
    groups = [
        {"code": _require(r, 0, "FdGrp_Cd"), "description": r.text(1)} for r in read_rows(paths["FD_GROUP"], "FD_GROUP")
    ]
    group_codes = {g["code"] for g in groups}
    nutrients = []
    for r in read_rows(paths["NUTR_DEF"], "NUTR_DEF"):
        dec = r.number(4, "Num_Dec")
        nutrients.append(
            {
                "nutr_no": _require(r, 0, "Nutr_No"),
                "unit": r.text(1),
                "tagname": r.text(2),
                "name": r.text(3),
                "num_dec": int(dec or 0),
            }
        )
    nutr_nos = {n["nutr_no"] for n in nutrients}
    foods = []
    for r in read_rows(paths["FOOD_DES"], "FOOD_DES"):
        if r.text(1) not in group_codes:
            raise ImportFormatError(f"unknown food group {r.text(1)!r}", path=r.path, line=r.line)
        foods.append(
            {
                "ndb_no": _require(r, 0, "NDB_No"),
                "group_code": r.text(1),
                "long_desc": _require(r, 2, "Long_Desc"),
                "short_desc": r.text(3),
                "common_name": r.text(4),
                "manufacturer": r.text(5),
                "survey": r.text(6) == "Y",
                "refuse_desc": r.text(7),
                "refuse_pct": r.number(8, "Refuse"),
                "sci_name": r.text(9),
                "n_factor": r.number(10, "N_Factor"),
            }
        )
    ndb_nos = {f["ndb_no"] for f in foods}
    if progress:
        progress("parse", 0, 1)
    values = []
    for r in read_rows(paths["NUT_DATA"], "NUT_DATA"):
        ndb, nutr = r.text(0), r.text(1)
        if ndb not in ndb_nos:
            raise ImportFormatError(f"NDB_No {ndb!r} is not in FOOD_DES", path=r.path, line=r.line)
        if nutr not in nutr_nos:
            raise ImportFormatError(f"Nutr_No {nutr!r} is not in NUTR_DEF", path=r.path, line=r.line)
        value = r.number(2, "Nutr_Val")
        if value is None:
            continue  # no value given: unknown, so no row
        points = r.number(3, "Num_Data_Pts")
        values.append(
            {
                "ndb_no": ndb,
                "nutr_no": nutr,
                "value": value,
                "data_points": int(points) if points is not None else None,
                "std_error": r.number(4, "Std_Error"),
                "src_cd": r.text(5),
                "deriv_cd": r.text(6),
            }
        )
    portions = []
    for r in read_rows(paths["WEIGHT"], "WEIGHT"):
        if r.text(0) not in ndb_nos:
            raise ImportFormatError(f"NDB_No {r.text(0)!r} is not in FOOD_DES", path=r.path, line=r.line)
        grams = r.number(4, "Gm_Wgt")
        amount = r.number(2, "Amount")
        if grams is None or amount is None or grams <= 0 or amount <= 0:
            raise ImportFormatError("portion needs a positive Amount and Gm_Wgt", path=r.path, line=r.line)
        portions.append(
            {
                "ndb_no": r.text(0),
                "seq": int(r.number(1, "Seq") or 0),
                "amount": amount,
                "description": r.text(3),
                "grams": grams,
            }
        )
    return _Parsed(groups, nutrients, foods, values, portions)


def _release_name(checksums: dict[str, str], folder: Path) -> str:
    return "SR28" if checksums == SR28_SHA256 else folder.name


def import_release(
    db: Database, folder: Path | str, progress: Progress | None = None, chunk_rows: int = 50_000
) -> ImportResult:
    """Import the SR ASCII release in ``folder``; one transaction, a no-op if the same release is there."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportFormatError("not a folder", path=folder)
    checksums = release_checksums(folder)
    checksum = _combined(checksums)
    with db.transaction() as s:
        latest = s.scalars(select(FoodRelease).where(FoodRelease.data_type.in_(SR_TYPES))
                           .order_by(FoodRelease.id.desc()).limit(1)).first()
        if latest is not None and latest.checksum == checksum:
            portions = s.query(Portion).count()
            return ImportResult(latest.name, checksum, latest.food_count, latest.nutrient_rows, portions, True)
    parsed = parse_release(folder, progress)
    name = _release_name(checksums, folder)
    data_type = "sr28" if name == "SR28" else "sr_legacy_food"
    with db.transaction() as s:
        release = FoodRelease(
            name=name,
            checksum=checksum,
            imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            food_count=len(parsed.foods),
            nutrient_rows=len(parsed.values),
            data_type=data_type,
        )
        s.add(release)
        s.flush()
        conn = s.connection()
        sr_foods = select(Food.ndb_no).where(Food.data_type.in_(SR_TYPES))
        for table in (FoodEstimate, FoodNutrient, Portion):  # only the SR foods' values: other sources stay
            conn.execute(delete(table).where(table.ndb_no.in_(sr_foods)))
        _upsert(s, FoodGroup, "code", parsed.groups)
        _upsert(s, Nutrient, "nutr_no", parsed.nutrients)
        for food in parsed.foods:
            food.update(release_id=release.id, data_type=data_type, source_id=food["ndb_no"], link_ndb=food["ndb_no"])
        _upsert(s, Food, "ndb_no", parsed.foods)
        new_ndb = {f["ndb_no"] for f in parsed.foods}
        referenced = referenced_foods(s)
        stale = [n for n in conn.execute(sr_foods).scalars() if n not in new_ndb and n not in referenced]
        for i in range(0, len(stale), 500):
            conn.execute(delete(Food).where(Food.ndb_no.in_(stale[i : i + 500])))
        total = len(parsed.values)
        for i in range(0, total, chunk_rows):
            conn.execute(insert(FoodNutrient), parsed.values[i : i + chunk_rows])
            if progress:
                progress("nutrients", min(i + chunk_rows, total), total)
        conn.execute(insert(Portion), parsed.portions)
    return ImportResult(name, checksum, len(parsed.foods), len(parsed.values), len(parsed.portions), False)


def referenced_foods(session: Session) -> set[str]:
    """NDB numbers referred to from any other table (food log entries, learned choices...): kept when a new
    release drops them, so that nothing logged loses its food. Found through the foreign keys on the metadata,
    so that this module needs no other table."""
    out: set[str] = set()
    for table in Food.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if (fk.column.table is Food.__table__ and fk.column.name == "ndb_no"
                    and table.name not in ("food", "food_nutrient", "portion", "food_estimate")):
                out.update(session.execute(select(fk.parent).distinct()).scalars())
    return out


def _upsert(session: Session, model: Any, key: str, rows: list[dict[str, Any]]) -> None:
    existing = set(session.execute(select(getattr(model, key))).scalars())
    new = [r for r in rows if r[key] not in existing]
    old = [r for r in rows if r[key] in existing]
    if new:
        session.execute(insert(model), new)
    if old:
        session.execute(update(model), old)  # ORM bulk UPDATE keyed on the primary key
