"""Export everything a person owns and read it back into an empty journal: nothing lost, table by table."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from personal_rows import fill, two_persons
from sqlalchemy import text

from norepi.db.base import personal_tables
from norepi.errors import ImportFormatError, InputError
from norepi.journal.export import export_journal, import_journal
from norepi.journal.journal import Journal

SKIP = {"id", "user_id", "food_entry_id"}  # ids are new in the importing database


def rows(j: Journal) -> dict[str, list[tuple[Any, ...]]]:
    """Each personal table's rows of the journal's person, without ids (references compared apart)."""
    out = {}
    with j.database.db.engine.connect() as conn:
        for cls in personal_tables():
            table = cls.__table__
            cols = [c.name for c in table.columns if c.name not in SKIP]
            got = conn.execute(text(f"SELECT {', '.join(cols)} FROM {table.name} WHERE user_id = :p"),
                               {"p": j.person_id})
            out[table.name] = sorted(tuple(map(str, r)) for r in got)
    return out


def linked_entries(j: Journal) -> list[tuple[Any, ...]]:
    """What each imported serving's food-log entry is: the reference survives with new ids."""
    with j.database.db.engine.connect() as conn:
        return sorted(tuple(map(str, r)) for r in conn.execute(text(
            "SELECT s.food_name, e.date, e.ndb_no, e.grams FROM cronometer_serving s JOIN food_entry e "
            "ON e.id = s.food_entry_id WHERE s.user_id = :p"), {"p": j.person_id}))


def test_export_and_import_back_loses_nothing(db_path: Path, tmp_path: Path) -> None:
    database, a, b = two_persons(db_path)
    try:
        fill(a)
        result = export_journal(a, tmp_path / "mine.zip")
        assert result.total > 0 and all(n > 0 for n in result.rows.values())
        with zipfile.ZipFile(tmp_path / "mine.zip") as z:
            names = set(z.namelist())
            assert {f"{t.__tablename__}.jsonl" for t in personal_tables()} <= names
            assert {f"csv/{t.__tablename__}.csv" for t in personal_tables()} <= names
            assert json.loads(z.read("manifest.json"))["rows"] == result.rows
        back = import_journal(b, tmp_path / "mine.zip")
        assert back.rows == result.rows
        assert rows(b) == rows(a)
        assert linked_entries(b) == linked_entries(a) and linked_entries(a)
        with pytest.raises(InputError, match="empty journal"):  # a second import would double everything
            import_journal(b, tmp_path / "mine.zip")
    finally:
        database.close()


def test_files_that_are_not_an_export_are_refused_and_change_nothing(db_path: Path, tmp_path: Path) -> None:
    database, a, b = two_persons(db_path)
    try:
        fill(a)
        export_journal(a, tmp_path / "mine.zip")
        other = tmp_path / "other.zip"
        with zipfile.ZipFile(other, "w") as z:
            z.writestr("export.xml", "<HealthData/>")
        with pytest.raises(ImportFormatError, match="not a norepi export"):
            import_journal(b, other)
        newer = tmp_path / "newer.zip"
        with zipfile.ZipFile(tmp_path / "mine.zip") as src, zipfile.ZipFile(newer, "w") as z:
            for name in src.namelist():
                data = src.read(name)
                if name == "manifest.json":
                    data = json.dumps({**json.loads(data), "version": 99}).encode()
                z.writestr(name, data)
        with pytest.raises(ImportFormatError, match="newer than this norepi reads"):
            import_journal(b, newer)
        broken = tmp_path / "broken.zip"
        with zipfile.ZipFile(tmp_path / "mine.zip") as src, zipfile.ZipFile(broken, "w") as z:
            for name in src.namelist():
                data = src.read(name)
                if name == "sleep_period.jsonl":
                    data += b'{"bed_utc": "yesterday"}\n'
                z.writestr(name, data)
        with pytest.raises(InputError, match="sleep_period.jsonl line 2: column bed_utc"):
            import_journal(b, broken)
        (tmp_path / "plain.zip").write_bytes(b"not a zip")
        with pytest.raises(ImportFormatError, match="not a zip file"):
            import_journal(b, tmp_path / "plain.zip")
        assert all(not r for r in rows(b).values())  # every refusal left the journal empty
    finally:
        database.close()
