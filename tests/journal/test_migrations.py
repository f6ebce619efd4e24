import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from norepi.db.engine import Database, make_engine
from norepi.errors import DataMissing
from norepi.journal import JournalDatabase, open_journal
from norepi.journal.schema import HEAD_REVISION, MIGRATIONS, Base


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def test_migrations_run_up_from_empty_and_match_the_models(tmp_path: Path) -> None:
    db = JournalDatabase(tmp_path / "empty.sqlite")
    try:
        tables = set(inspect(db.db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with db.db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.close()


def test_the_expected_revision_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(_config()).get_current_head() == HEAD_REVISION


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    for _ in range(2):
        JournalDatabase(tmp_path / "again.sqlite").close()


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "notadb.sqlite"
    bad.write_bytes(b"this is not a database\n" * 100)
    with pytest.raises(DataMissing, match="not a norepi database"):
        JournalDatabase(bad)
    assert bad.read_bytes() == b"this is not a database\n" * 100


def test_upgrade_from_0006_keeps_ratings_and_gives_every_row_a_person(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.execute(text("INSERT INTO daily_rating (user_id, date, focus, energy, mood, motivation, source) "
                          "VALUES (1, '2026-11-20', 7, NULL, 5, NULL, 'manual'), "
                          "(3, '2026-11-21', NULL, 4, NULL, NULL, 'csv')"))
        conn.execute(text("INSERT INTO user_account (id, email, password_hash, created_at) VALUES "
                          "(2, 'a@example.org', 'x', '2026-11-01 00:00:00')"))
    engine.dispose()
    j = open_journal(path)
    try:
        day = dt.date(2026, 11, 20)
        assert j.lifestyle.ratings(day, day)[day]["focus"].value == 7
        other = j.database.journal(3)
        got = other.lifestyle.ratings(dt.date(2026, 11, 21), dt.date(2026, 11, 21))[dt.date(2026, 11, 21)]
        assert {k: r.value for k, r in got.items()} == {"energy": 4.0}
        with j.database.db.engine.connect() as conn:
            persons = set(conn.execute(text("SELECT id FROM person")).scalars())
            fks = {(fk["referred_table"], tuple(fk["constrained_columns"]))
                   for fk in inspect(conn).get_foreign_keys("food_entry")}
        assert persons == {1, 2, 3}
        assert ("person", ("user_id",)) in fks
    finally:
        j.close()


def test_a_database_is_opened_without_alembic_when_no_migration_is_due(tmp_path: Path) -> None:
    JournalDatabase(tmp_path / "fast.sqlite").close()
    db = Database(f"sqlite:///{tmp_path / 'fast.sqlite'}")
    from norepi.db.engine import current_revision

    assert current_revision(db.engine) == HEAD_REVISION
    db.close()
