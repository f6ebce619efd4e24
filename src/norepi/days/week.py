"""A week of typed days: exercise against the guidelines, sleep (average, debt, social jet lag, regularity),
practice minutes. Pure: it reads ``DaySummary`` values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from norepi.days.summary import DaySummary
from norepi.lifestyle.exercise import ExerciseWeek, exercise_week
from norepi.lifestyle.sleep import SleepWeek, sleep_week
from norepi.vocab import PracticeKind

WEEK_DAYS = 7


@dataclass(frozen=True)
class WeekSummary:
    """Exercise and sleep of the 7 days from ``start``, and practice minutes by kind."""

    start: dt.date
    exercise: ExerciseWeek
    sleep: SleepWeek
    practice_min: dict[PracticeKind, float] = field(default_factory=dict)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=WEEK_DAYS - 1)


def summarize_week(days: Sequence[DaySummary], start: dt.date, sleep_need_h: float = 8.0) -> WeekSummary:
    """The week of the 7 days from ``start`` out of ``days`` (which should also hold the day after the week,
    whose night closes the week's sleep regularity); days missing from ``days`` count as not logged."""
    week = {start + dt.timedelta(days=i) for i in range(WEEK_DAYS)}
    in_week = [d for d in days if d.date in week]
    ex = exercise_week(f for d in in_week for f in d.exercise)
    periods = [p for d in days if start <= d.date <= start + dt.timedelta(days=WEEK_DAYS) for p in d.sleep]
    sl = sleep_week(periods, start, sleep_need_h)
    practice: dict[PracticeKind, float] = {}
    for d in in_week:
        for p in d.practices:
            practice[p.kind] = practice.get(p.kind, 0.0) + p.duration_min
    return WeekSummary(start, ex, sl, practice)
