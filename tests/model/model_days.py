"""Typed days for the model tests, built directly (no Journal): food, sleep, exercise, stress and practice."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from norepi.days.summary import DaySummary, StressDay
from norepi.lifestyle.exercise import ExerciseSession, HeartProfile, session_facts
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, Pss10Result, StressEvent
from norepi.model.inputs import reference_targets
from norepi.nutrition.analysis import FoodItem, analyze_food
from norepi.nutrition.nutrients import KEYS
from norepi.vocab import PracticeKind

TZ = dt.timezone(dt.timedelta(hours=1))
TARGETS = reference_targets()
HEART = HeartProfile(resting_hr_bpm=60, max_hr_bpm=190)


def item(
    time: dt.time | None,
    phe_mg: float | None = None,
    tyr_mg: float | None = None,
    protein_g: float | None = None,
    cof_pct: float = 100.0,
    share: float = 1.0,
) -> FoodItem:
    """A serving with the given amino acids and ``share`` of the day's cofactor targets at ``cof_pct`` %."""
    amounts: dict[str, float | None] = dict.fromkeys(KEYS, 0.0)
    amounts["phenylalanine_mg"] = phe_mg
    amounts["tyrosine_mg"] = tyr_mg
    amounts["phe_tyr_mg"] = None if phe_mg is None or tyr_mg is None else phe_mg + tyr_mg
    amounts["protein_g"] = protein_g
    for key in ("vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug"):
        amounts[key] = TARGETS[key].rda * cof_pct / 100.0 * share
    return FoodItem(None, time, "", "test serving", None, "", amounts)


def food(*items: FoodItem):  # noqa: ANN201
    return analyze_food(items, TARGETS)


def night(
    date: dt.date, bed: dt.time = dt.time(23, 0), wake: dt.time = dt.time(7, 0), asleep_min: float | None = None
) -> SleepPeriod:
    """The night ending on ``date``."""
    bed_day = date - dt.timedelta(days=1) if bed > wake else date
    return SleepPeriod(
        dt.datetime.combine(bed_day, bed, TZ), dt.datetime.combine(date, wake, TZ), asleep_min=asleep_min
    )


def session(date: dt.date, activity: str, minutes: float, start: dt.time = dt.time(18, 0), **kw):  # noqa: ANN003, ANN201
    return session_facts(ExerciseSession(activity, dt.datetime.combine(date, start, TZ), minutes, **kw), HEART)


def day(
    date: dt.date,
    *,
    meals=None,
    sleep=True,
    exercise=(),
    pss: int | None = None,  # noqa: ANN001
    events: tuple[tuple[dt.time, int], ...] = (),
    practices: tuple[tuple[dt.time, float], ...] = (),
) -> DaySummary:
    """A day: ``meals`` a FoodDay or None (nothing logged); ``sleep`` True (23:00-07:00 night), False (not
    recorded) or a tuple of periods."""
    periods = (night(date),) if sleep is True else (() if sleep is False else tuple(sleep))
    stress = None
    if pss is not None or events:
        stress = StressDay(
            Pss10Result(pss, date) if pss is not None else None,
            tuple(StressEvent(dt.datetime.combine(date, t, TZ), i) for t, i in events),
        )
    return DaySummary(
        date=date,
        targets=TARGETS,
        food=meals,
        sleep=periods,
        exercise=tuple(exercise),
        practices=tuple(Practice(PracticeKind.MEDITATION, dt.datetime.combine(date, t, TZ), m) for t, m in practices),
        stress=stress,
    )


def three_meals(cof_pct: float = 100.0, grams: float = 1.0):  # noqa: ANN201
    """Three timed meals, each with ``grams`` x (1.2 g Phe, 1.0 g Tyr) and a third of the cofactor targets."""
    return food(
        *(
            item(t, 1200 * grams, 1000 * grams, cof_pct=cof_pct, share=1 / 3)
            for t in (dt.time(7, 30), dt.time(12, 30), dt.time(19, 0))
        )
    )


def logged_days(first: dt.date, n: int, **kw) -> list[DaySummary]:  # noqa: ANN003
    return [day(first + dt.timedelta(days=k), meals=three_meals(), **kw) for k in range(n)]


def without_food(d: DaySummary) -> DaySummary:
    return replace(d, food=None)
