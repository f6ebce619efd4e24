"""n-of-1 experiments: balanced schedules, exact randomisation p, storage and migration 0005."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from insights_synth import day
from norepi.insights.experiment_store import experiment, start_experiment, stop_experiment
from norepi.journal.db import alembic_config, migrate
from norepi.journal.models import Base
from sqlalchemy import create_engine, inspect

from norepi.errors import InputError, NotFound
from norepi.insights.experiments import (
    ExperimentPlan,
    analyse,
    balanced_schedules,
    draw_schedule,
    min_p_value,
)
from norepi.journal.journal import Journal

START = dt.date(2026, 10, 1)


def test_balanced_schedules_and_smallest_p() -> None:
    assert balanced_schedules(4) == ["AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"]
    assert len(balanced_schedules(8)) == math.comb(8, 4) == 70
    assert min_p_value(4) == pytest.approx(1 / 3) and min_p_value(8) == pytest.approx(2 / 70)
    assert draw_schedule(8, 5) == draw_schedule(8, 5) and draw_schedule(8, 5) in balanced_schedules(8)
    with pytest.raises(ValueError):
        balanced_schedules(3)


def _days(plan: ExperimentPlan, with_mood: float, without_mood: float, breathe_on_a: bool = True) -> list[dict]:
    out = []
    for i in range(plan.phase_days * len(plan.schedule)):
        d = plan.start + dt.timedelta(days=i)
        arm = plan.schedule[i // plan.phase_days]
        mood = with_mood if arm == "A" else without_mood
        mood_i = int(mood)
        practices = [{"kind": "slow_breathing", "duration_min": 10.0}] if arm == "A" and breathe_on_a else []
        out.append(day(d, practices=practices, ratings={"mood": mood_i, "focus": 6}))
    return out


def test_planted_difference_gets_the_smallest_exact_p() -> None:
    plan = ExperimentPlan("slow_breathing", "10 min slow breathing", "mood", START, 7, draw_schedule(8, 1))
    res = analyse(plan, _days(plan, 8, 5), today=plan.end)
    mood = next(r for r in res["results"] if r["outcome"] == "mood")
    # only the actual schedule and its mirror image reach |difference| = 3 among the 70 balanced ones
    assert mood["difference"] == 3.0 and mood["p_value"] == pytest.approx(round(2 / 70, 4))
    assert mood["primary"] and mood["ci_low"] == mood["ci_high"] == 3.0  # no spread between phase means
    focus = next(r for r in res["results"] if r["outcome"] == "focus")
    assert focus["difference"] == 0.0 and focus["p_value"] == 1.0
    assert res["adherence"] == {"A": {"adhered_days": 28, "days": 28}, "B": {"adhered_days": 28, "days": 28}}
    assert res["state"] == "running" and res["min_p_value"] == round(2 / 70, 4)


def test_phase_without_ratings_is_insufficient_and_adherence_counts_misses() -> None:
    plan = ExperimentPlan("slow_breathing", "breathing", "mood", START, 7, "ABAB")
    days = _days(plan, 7, 6, breathe_on_a=False)
    for dd in days[7:14]:
        dd["ratings"] = {}
    res = analyse(plan, days, today=plan.end + dt.timedelta(days=1))
    mood = next(r for r in res["results"] if r["outcome"] == "mood")
    assert mood["status"] == "insufficient" and mood["rated_days_per_phase"] == [7, 0, 7, 7]
    assert res["adherence"]["A"] == {"adhered_days": 0, "days": 14} and res["state"] == "finished"


def test_status_tells_what_to_do_today() -> None:
    plan = ExperimentPlan("slow_breathing", "breathing after work", "mood", START, 7, "ABBA")
    assert plan.status(START + dt.timedelta(days=8)) == {
        "state": "running", "today": "2026-10-09", "phase": 2, "arm": "B",
        "do_today": "skip it: no breathing after work", "day_of_phase": 2}
    assert plan.status(START - dt.timedelta(days=1))["state"] == "not started"


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
