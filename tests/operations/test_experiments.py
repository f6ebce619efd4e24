"""Experiments kept in the journal: start (validated, schedule drawn), read back, stop; a person's own rating as
the outcome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from norepi.errors import InputError, NotFound
from norepi.insights.experiments import draw_schedule
from norepi.journal.journal import Journal
from norepi.lifestyle.ratings import RatingScale
from norepi.operations.insights import experiment, start_experiment

START = dt.date(2026, 10, 1)


def test_store_roundtrip_and_validation(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as j:
        with pytest.raises(NotFound):
            experiment(j)
        stored, plan = start_experiment(j, "slow_breathing", "", "focus", START, 7, 4, seed=3)
        assert plan.schedule == draw_schedule(4, 3) and plan.action == "slow breathing"
        again, same = experiment(j)
        assert (again.id, same, again.stopped_at) == (stored.id, plan, None)
        assert j.experiments.stop(stored.id).stopped_at is not None
        assert experiment(j, stored.id)[0].stopped_at is not None
        with pytest.raises(InputError, match="lever"):
            start_experiment(j, "coffee", "", "focus", START)
        with pytest.raises(InputError, match="phases"):
            start_experiment(j, "nature", "", "focus", START, phases=3)
        with pytest.raises(InputError, match="not one of your ratings"):
            start_experiment(j, "nature", "", "tiredness", START)
        j.lifestyle.define_rating(RatingScale("tiredness", "tiredness", 0, 5, higher_is_better=False))
        _, own = start_experiment(j, "nature", "", "tiredness", START, seed=1)
        assert own.outcome == "tiredness"
