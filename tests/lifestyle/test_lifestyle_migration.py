"""The migrations go down to 0002 (before the lifestyle tables) and back up; sources sit next to numbers."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from norepi.db.engine import migrate
from norepi.journal.schema import HEAD_REVISION, MIGRATIONS, Base
from norepi.lifestyle.exercise import ACTIVITIES, NE_CURVE

LIFESTYLE_TABLES = {
    "heart_profile",
    "exercise_session",
    "sleep_period",
    "practice",
    "stress_event",
    "pss10",
    "rating_value",
    "rating_scale",
    "daily_observation",
    "heart_rate_sample",
    "dietary_record",
    "cronometer_serving",
    "cronometer_day",
    "imported_file",
}


def test_migration_matches_models_and_downgrades(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    migrate(engine, MIGRATIONS, HEAD_REVISION)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert LIFESTYLE_TABLES <= set(inspect(engine).get_table_names())
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert not LIFESTYLE_TABLES & set(inspect(engine).get_table_names())
    assert "food_entry" in inspect(engine).get_table_names()
    migrate(engine, MIGRATIONS, HEAD_REVISION)  # and back up
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_every_number_has_a_source():
    for a in ACTIVITIES.values():
        assert a.compendium_code.isdigit() and len(a.compendium_code) == 5 and a.source, a.key
        assert 1.0 < a.met < 20.0
    for x, rise, source in NE_CURVE:
        assert source and 0.0 <= x <= 1.0 and rise >= 0.0
    xs = [x for x, _, _ in NE_CURVE]
    assert xs == sorted(xs)
