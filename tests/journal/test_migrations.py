from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from norepi.journal.db import Database
from norepi.journal.models import Base


def test_migrations_run_up_from_empty_and_match_the_models(tmp_path: Path) -> None:
    db = Database(tmp_path / "empty.sqlite")
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.close()


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    for _ in range(2):
        Database(tmp_path / "again.sqlite").close()
