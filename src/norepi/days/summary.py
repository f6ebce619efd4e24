"""``DaySummary``: one day of one person, the typed value every layer above the journal reads.

Each part is a value object of the package that knows it (nutrition: ``FoodDay``; lifestyle: sessions, sleep
periods, practices, stress, ratings, observations). A part that was not logged is ``None`` or empty, never
zeros: ``food is None`` is a day without food entries (unknown intake, not fasting); an empty ``sleep`` is a night
not recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from norepi.lifestyle.exercise import SessionFacts
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.ratings import Rating
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, Pss10Result, StressEvent
from norepi.nutrition.analysis import FoodDay
from norepi.nutrition.targets import Target
from norepi.vocab import ObservationKind


@dataclass(frozen=True)
class StressDay:
    """The latest PSS-10 taken on or before the day (None if never), and the day's acute stress events."""

    pss10: Pss10Result | None
    events: tuple[StressEvent, ...] = ()


@dataclass(frozen=True)
class DaySummary:
    """One day: targets from the profile in effect, the food part (None = nothing logged), exercise sessions
    starting that day, sleep periods ending that day (naps included, ``nap`` set), practices, stress, ratings
    by name and physiological observations by kind."""

    date: dt.date
    targets: Mapping[str, Target]
    food: FoodDay | None = None
    exercise: tuple[SessionFacts, ...] = ()
    sleep: tuple[SleepPeriod, ...] = ()
    practices: tuple[Practice, ...] = ()
    stress: StressDay | None = None
    ratings: Mapping[str, Rating] = field(default_factory=dict)
    observations: Mapping[ObservationKind, Observation] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what was resolved or assumed in building the day ("two records of one night")

    @property
    def food_logged(self) -> bool:
        """Whether any food was logged (else the day's intake is unknown)."""
        return self.food is not None

    @property
    def main_sleep(self) -> SleepPeriod | None:
        """The longest period ending this day that is not a nap (the night), or None when none was recorded."""
        nights = [p for p in self.sleep if not p.nap]
        return max(nights, key=lambda p: p.in_bed_min) if nights else None

    @property
    def time_asleep_min(self) -> float | None:
        """Minutes asleep in the periods ending this day (naps included); None when none was recorded."""
        return sum(p.time_asleep_min for p in self.sleep) if self.sleep else None

    def rating(self, name: str) -> float | None:
        """The value of rating ``name`` (None when not rated that day)."""
        r = self.ratings.get(name)
        return None if r is None else r.value

    def observation(self, kind: ObservationKind) -> float | None:
        """The value of observation ``kind`` (None when not observed that day)."""
        o = self.observations.get(kind)
        return None if o is None else o.value
