"""Everything a person owns, out to one zip file and back into an empty journal.

The file: ``manifest.json`` (format, version, when, the schema revision, rows per table), one ``<table>.jsonl``
per personal table (a JSON object a line, every column but the person's id) and ``csv/<table>.csv`` for a
spreadsheet. Reading it back maps every row's id to a new one (and the references between personal tables with
it), so that the import lands in any database beside other people's rows; it is one transaction: all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Time, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Column, Table

from norepi.db.base import personal_tables
from norepi.errors import ImportFormatError, InputError
from norepi.foods.tables import Food
from norepi.journal.schema import HEAD_REVISION, Base

if TYPE_CHECKING:
    from norepi.journal.journal import Journal

FORMAT = "norepi-export"
VERSION = 1
BATCH = 5000


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote or an import read: rows per table."""

    path: Path
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    """The personal tables in an order where every table comes after the ones it refers to."""
    names = {cls.__tablename__ for cls in personal_tables()}
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name != "user_id"]


def _to_text(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _from_text(column: Column[Any], value: Any, where: str) -> Any:
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, Time):
            return dt.time.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise ValueError(f"{value!r} is not true or false")
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{value!r} is not a whole number")
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{value!r} is not a number")
            return float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: column {column.name}: {exc}", field="file") from None
    return value


def export_journal(journal: Journal, path: str | Path) -> ExportResult:
    """Write everything the journal's person owns to the zip file ``path`` (replaced if it exists)."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        raise InputError(f"{path.name}: an export is a .zip file", field="path")
    counts: dict[str, int] = {}
    part = path.with_suffix(".zip.part")
    with journal.scope.transaction() as s, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
        for cls, table in zip(personal_tables_by_table(), _tables(), strict=True):
            cols = _columns(table)
            rows = s.execute(select(*(getattr(cls, c.key) for c in cols)).order_by(cls.id)).all()
            counts[table.name] = len(rows)
            with z.open(f"{table.name}.jsonl", "w") as out:
                for row in rows:
                    out.write(json.dumps({c.name: _to_text(v) for c, v in zip(cols, row, strict=True)},
                                         ensure_ascii=False).encode() + b"\n")
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([c.name for c in cols])
            for row in rows:
                writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else _to_text(v)
                                 for v in row])
            z.writestr(f"csv/{table.name}.csv", text.getvalue())
        z.writestr("manifest.json", json.dumps({
            "format": FORMAT, "version": VERSION, "schema": HEAD_REVISION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "rows": counts}, indent=2))
    part.replace(path)
    return ExportResult(path, counts)


def personal_tables_by_table() -> list[type[Any]]:
    """The mapped classes of ``_tables()``, in the same order."""
    by_name = {cls.__tablename__: cls for cls in personal_tables()}
    return [by_name[t.name] for t in _tables()]


def _manifest(z: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(z.read("manifest.json"))
    except KeyError:
        raise ImportFormatError("not a norepi export (no manifest.json; expected the zip a norepi export writes)",
                                path=path) from None
    except (ValueError, UnicodeDecodeError):
        raise ImportFormatError("manifest.json is not JSON", path=path) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ImportFormatError("not a norepi export (expected the zip a norepi export writes)", path=path)
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise ImportFormatError(f"export format version {manifest.get('version')!r} is newer than this norepi "
                                f"reads ({VERSION}): update norepi", path=path)
    return manifest


def _lines(z: zipfile.ZipFile, name: str, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = z.open(name)
    except KeyError:
        return
    with handle:
        for number, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                raise ImportFormatError(f"{name} line {number} is not JSON", path=path, line=number) from None
            if not isinstance(row, dict):
                raise ImportFormatError(f"{name} line {number} is not an object", path=path, line=number)
            yield number, row


def _read_table(s: Session, z: zipfile.ZipFile, path: Path, cls: type[Any], table: Table,
                new_ids: dict[str, dict[int, int]], known_foods: set[str]) -> int:
    """Insert one table's rows (in batches, through the person's scope), mapping ids and references; returns the
    number of rows; ``new_ids`` gains this table's old -> new ids."""
    cols = {c.name: c for c in _columns(table)}
    refs = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys
            if fk.parent.name != "user_id" and fk.column.table.name in new_ids}
    mapping = new_ids.setdefault(table.name, {})
    batch: list[tuple[int, dict[str, Any]]] = []
    n = 0

    def flush() -> None:
        if batch:
            result = s.execute(insert(cls).returning(cls.id, sort_by_parameter_order=True), [v for _, v in batch])
            mapping.update(zip((old for old, _ in batch), result.scalars(), strict=True))
            batch.clear()

    for number, row in _lines(z, f"{table.name}.jsonl", path):
        where = f"{table.name}.jsonl line {number}"
        unknown = set(row) - set(cols)
        if unknown:
            raise InputError(f"{where}: unknown column {sorted(unknown)[0]!r}", field="file")
        values = {name: _from_text(col, row.get(name), where) for name, col in cols.items() if name != "id"}
        for name, target in refs.items():
            if values.get(name) is not None:
                values[name] = new_ids[target].get(values[name])
        if "ndb_no" in values and values["ndb_no"] not in known_foods:
            raise InputError(f"{where}: food {values['ndb_no']!r} is not in this database's food tables "
                             "(import the same food release first)", field="file")
        batch.append((int(row.get("id") or 0), values))
        n += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    return n


def import_journal(journal: Journal, path: str | Path) -> ExportResult:
    """Read an export of ``export_journal`` into the journal's person, who must have no data yet (one
    transaction: all or nothing). Foods the export refers to must be in this database's food tables."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file", field="path")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ImportFormatError("not a zip file (expected the zip a norepi export writes)", path=path) from None
    counts: dict[str, int] = {}
    with z, journal.scope.transaction() as s:
        _manifest(z, path)
        for cls in personal_tables_by_table():
            if s.scalar(select(func.count()).select_from(cls)):
                raise InputError(f"this journal already holds {cls.__tablename__} rows: import an export into an "
                                 "empty journal (a new database, or a new account)", field="path")
        known_foods = set(s.scalars(select(Food.ndb_no)))
        new_ids: dict[str, dict[int, int]] = {}
        for cls, table in zip(personal_tables_by_table(), _tables(), strict=True):
            counts[table.name] = _read_table(s, z, path, cls, table, new_ids, known_foods)
    return ExportResult(path, counts)
