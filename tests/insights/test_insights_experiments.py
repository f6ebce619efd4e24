"""n-of-1 experiments: balanced schedules, exact randomisation p, typed results over typed days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from insights_synth import day, session

from norepi.days.summary import DaySummary
from norepi.errors import InputError
from norepi.insights.experiments import (
    ExperimentPlan,
    ExperimentStatus,
    analyse,
    balanced_schedules,
    did_lever,
    draw_schedule,
    min_p_value,
)
from norepi.vocab import ActivityClass, PracticeKind

START = dt.date(2026, 10, 1)


def test_balanced_schedules_and_smallest_p() -> None:
    assert balanced_schedules(4) == ["AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"]
    assert len(balanced_schedules(8)) == math.comb(8, 4) == 70
    assert min_p_value(4) == pytest.approx(1 / 3) and min_p_value(8) == pytest.approx(2 / 70)
    assert draw_schedule(8, 5) == draw_schedule(8, 5) and draw_schedule(8, 5) in balanced_schedules(8)
    with pytest.raises(ValueError):
        balanced_schedules(3)


def _days(plan: ExperimentPlan, with_value: float, without_value: float, breathe_on_a: bool = True,
          rating: str = "mood") -> list[DaySummary]:
    out = []
    for i in range(plan.phase_days * len(plan.schedule)):
        d = plan.start + dt.timedelta(days=i)
        arm = plan.schedule[i // plan.phase_days]
        value = with_value if arm == "A" else without_value
        practices = [(PracticeKind.SLOW_BREATHING, 10.0)] if arm == "A" and breathe_on_a else []
        out.append(day(d, practices=practices, ratings={rating: int(value), "focus": 6}))
    return out


def test_planted_difference_gets_the_smallest_exact_p() -> None:
    plan = ExperimentPlan("slow_breathing", "10 min slow breathing", "mood", START, 7, draw_schedule(8, 1))
    res = analyse(plan, _days(plan, 8, 5), today=plan.end)
    mood, focus = res.results[0], next(r for r in res.results if r.outcome.name == "focus")
    # only the actual schedule and its mirror image reach |difference| = 3 among the 70 balanced ones
    assert mood.outcome.name == "mood" and mood.primary and mood.better is True
    assert mood.difference == 3.0 and mood.p_value == pytest.approx(round(2 / 70, 4))
    assert mood.ci_low == mood.ci_high == 3.0  # no spread between phase means
    assert focus.difference == 0.0 and focus.p_value == 1.0 and focus.better is None
    assert res.adherence["A"].adhered_days == res.adherence["A"].days == 28
    assert res.adherence["B"].adhered_days == res.adherence["B"].days == 28
    assert res.state == "running" and res.min_p_value == round(2 / 70, 4)


def test_a_rating_the_person_defined_is_an_outcome_with_its_direction() -> None:
    # tiredness 0-5, lower is better: 1 with the practice, 4 without -> a difference of -3, and better
    plan = ExperimentPlan("slow_breathing", "breathing", "tiredness", START, 7, draw_schedule(8, 2))
    (tired, _focus) = analyse(plan, _days(plan, 1, 4, rating="tiredness")).results
    assert tired.primary and tired.difference == -3.0 and tired.better is True
    assert tired.outcome.scale is not None and tired.outcome.scale.range_text == "0-5, lower is better"


def test_phase_without_ratings_is_insufficient_and_adherence_counts_misses() -> None:
    plan = ExperimentPlan("slow_breathing", "breathing", "mood", START, 7, "ABAB")
    days = _days(plan, 7, 6, breathe_on_a=False)
    days[7:14] = [dataclasses.replace(dd, ratings={}) for dd in days[7:14]]
    res = analyse(plan, days, today=plan.end + dt.timedelta(days=1))
    mood = res.results[0]
    assert mood.status == "insufficient" and mood.rated_days_per_phase == (7, 0, 7, 7)
    assert res.adherence["A"].adhered_days == 0 and res.adherence["A"].days == 14 and res.state == "finished"


def test_primary_outcome_never_rated_is_reported_insufficient() -> None:
    plan = ExperimentPlan("nature", "a walk in the park", "energy", START, 3, "AB")
    res = analyse(plan, [day(START, ratings={"mood": 6})])
    assert res.results[0].outcome.name == "energy" and res.results[0].status == "insufficient"


def test_did_lever_reads_practices_and_session_classes() -> None:
    hiit = day(START, exercise=[session(START, ActivityClass.HIIT, 20.0)])
    assert did_lever(hiit, "hiit") and did_lever(hiit, "vigorous") and not did_lever(hiit, "resistance")
    assert did_lever(day(START, practices=[(PracticeKind.MEDITATION, 5.0)]), "meditation")
    with pytest.raises(InputError, match="coffee"):
        did_lever(hiit, "coffee")


def test_status_tells_what_to_do_today() -> None:
    plan = ExperimentPlan("slow_breathing", "breathing after work", "mood", START, 7, "ABBA")
    assert plan.status(START + dt.timedelta(days=8)) == ExperimentStatus(
        "running", dt.date(2026, 10, 9), 2, "B", "skip it: no breathing after work", 2)
    assert plan.status(START - dt.timedelta(days=1)).state == "not started"
    assert [p.with_action for p in plan.phases()] == [True, False, False, True]
    assert plan.phases()[-1].end == plan.end == dt.date(2026, 10, 28)
