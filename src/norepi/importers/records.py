"""The records importers yield, and the protocol every importer follows: ``read(path) -> records``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice

ProgressFn = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class ExerciseRec:
    """A session; ``key`` identifies it across imports; ``attach_hr``: fill the HR stream from the
    heart-rate samples stored in the same import (Apple Health)."""

    session: ExerciseSession
    key: str
    laps: tuple[dict[str, Any], ...] = ()
    attach_hr: bool = False


@dataclass(frozen=True)
class SleepRec:
    period: SleepPeriod
    key: str


@dataclass(frozen=True)
class PracticeRec:
    practice: Practice
    key: str


@dataclass(frozen=True)
class HeartRateRec:
    """One heart-rate sample (aware time, bpm)."""

    at: dt.datetime
    bpm: float


@dataclass(frozen=True)
class RatingRec:
    date: dt.date
    values: dict[str, int]


@dataclass(frozen=True)
class DietaryRec:
    """A dietary quantity (e.g. Apple Health DietaryProtein) in its own unit."""

    at: dt.datetime
    kind: str
    value: float
    unit: str
    key: str


@dataclass(frozen=True)
class ServingRec:
    """A Cronometer serving: Cronometer's per-serving values by column name ("Energy (kcal)": 250.0),
    phenylalanine and tyrosine converted to mg."""

    date: dt.date
    time: dt.time | None
    group: str
    food_name: str
    amount: str
    nutrients: dict[str, float] = field(default_factory=dict)
    energy_kcal: float | None = None
    phenylalanine_mg: float | None = None
    tyrosine_mg: float | None = None
    key: str = ""


@dataclass(frozen=True)
class DaySummaryRec:
    """Cronometer's daily summary row (column name -> value)."""

    date: dt.date
    nutrients: dict[str, float]


Record = ExerciseRec | SleepRec | PracticeRec | HeartRateRec | RatingRec | DietaryRec | ServingRec | DaySummaryRec


class Importer(Protocol):
    """One source format. ``read`` yields records lazily and raises ImportFormatError naming the file
    and position on malformed input (the caller's transaction then rolls back)."""

    kind: str

    def read(self, path: Path, progress: ProgressFn | None = None) -> Iterator[Record]: ...
