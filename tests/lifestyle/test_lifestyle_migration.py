"""Migration 0003 matches the models, and goes down to 0002 and back up; sources sit next to numbers."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from norepi.journal.db import alembic_config, migrate
from norepi.journal.models import Base
from norepi.lifestyle.exercise import ACTIVITIES, NE_CURVE

LIFESTYLE_TABLES = {
    "heart_profile",
    "exercise_session",
    "sleep_period",
    "practice",
    "stress_event",
    "pss10",
    "daily_rating",
    "heart_rate_sample",
    "dietary_record",
    "cronometer_serving",
    "cronometer_day",
    "imported_file",
}


def test_migration_matches_models_and_downgrades(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    migrate(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert LIFESTYLE_TABLES <= set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert not LIFESTYLE_TABLES & set(inspect(engine).get_table_names())
    assert "food_entry" in inspect(engine).get_table_names()
    engine.dispose()


def test_every_number_has_a_source():
    for a in ACTIVITIES.values():
        assert a.compendium_code.isdigit() and len(a.compendium_code) == 5 and a.source, a.key
        assert 1.0 < a.met < 20.0
    for x, rise, source in NE_CURVE:
        assert source and 0.0 <= x <= 1.0 and rise >= 0.0
    xs = [x for x, _, _ in NE_CURVE]
    assert xs == sorted(xs)
