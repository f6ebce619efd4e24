"""Experiments in the journal (insights/experiment_store.py, moving into the journal): storage and migration 0005.
Needs a Journal; kept apart from the library tests of experiments.py so that it can move with the store."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from norepi.errors import InputError, NotFound
from norepi.insights.experiment_store import experiment, start_experiment, stop_experiment
from norepi.insights.experiments import draw_schedule
from norepi.journal.db import alembic_config, migrate
from norepi.journal.journal import Journal
from norepi.journal.models import Base

START = dt.date(2026, 10, 1)


def test_store_roundtrip_and_migration(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Journal(tmp_path / "j.sqlite") as j:
        with pytest.raises(NotFound):
            experiment(j)
        eid, plan = start_experiment(j, "slow_breathing", "", "focus", START, 7, 4, seed=3)
        assert plan.schedule == draw_schedule(4, 3) and plan.action == "slow breathing"
        got_id, got, stopped = experiment(j)
        assert (got_id, got, stopped) == (eid, plan, None)
        stop_experiment(j, eid)
        assert experiment(j, eid)[2] is not None
        with pytest.raises(InputError):
            start_experiment(j, "coffee", "", "focus", START)
        with pytest.raises(InputError):
            start_experiment(j, "nature", "", "focus", START, phases=3)
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    migrate(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert "experiment" in inspect(engine).get_table_names()
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert "experiment" not in inspect(engine).get_table_names()
    engine.dispose()
