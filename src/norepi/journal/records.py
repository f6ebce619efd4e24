"""What the journal accepts from a file, and the protocol every importer follows.

Importers read files and yield these records (``read(path, mapping) -> records``); the journal stores them, one
transaction per file. Importers never write; the journal never imports importers.

Every record that can come again in a later export of the same app carries ``key``: a stable identity within its
source (the app's own id, or its start time), so that importing an overlapping export adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, StressEvent
from norepi.vocab import SleepStage

ProgressFn = Callable[[int, int], None]  # (bytes done, bytes total)
# A person's mapping of a file's columns (or habits, or moods) to what they mean, remembered per source:
# column name -> "rating:<name>", "practice:<kind>", "observation:<kind>", "food_complete" or "ignore";
# importers/mapping.py says how categorical values ("rating:mood:4") and yes/no habits ("practice:meditation:15")
# are written, and how a key ending in "*" covers the rest.
ImportMapping = Mapping[str, str]


@dataclass(frozen=True)
class HrZoneTime:
    """Minutes of a session in one of the source's own heart-rate zones ("zone 3", "Fat Burn"), with the zone's
    bounds in bpm when the source gives them."""

    name: str
    minutes: float
    low_bpm: float | None = None
    high_bpm: float | None = None


@dataclass(frozen=True)
class ExerciseRec:
    """A session; ``attach_hr``: fill the HR stream from the heart-rate samples stored in the same import;
    ``zones``: minutes in the source's own heart-rate zones (Whoop, Fitbit)."""

    session: ExerciseSession
    key: str
    laps: tuple[dict[str, Any], ...] = ()
    attach_hr: bool = False
    zones: tuple[HrZoneTime, ...] = ()


@dataclass(frozen=True)
class SleepRec:
    """A sleep period (naps with ``period.nap``), time asleep and stages as the source gave them: stage spans in
    ``period.stages``, or only minutes per stage in ``stage_min`` when the source summarises (Whoop, Oura,
    Garmin)."""

    period: SleepPeriod
    key: str
    stage_min: Mapping[SleepStage, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PracticeRec:
    """A practice session; ``day_only``: the source gave the day, not the time (a daily habit tracker), and
    ``practice.start`` is noon of that day."""

    practice: Practice
    key: str
    day_only: bool = False


@dataclass(frozen=True)
class StressEventRec:
    event: StressEvent
    key: str


@dataclass(frozen=True)
class HeartRateRec:
    """One heart-rate sample (aware time, bpm)."""

    at: dt.datetime
    bpm: float


@dataclass(frozen=True)
class HeartRateSeriesRec:
    """Heart-rate samples (aware time, bpm), many at a time: a source that writes millions of samples (Apple Health,
    Health Connect) yields them in batches rather than one record each."""

    samples: tuple[tuple[dt.datetime, float], ...]
    source: str = ""


@dataclass(frozen=True)
class ObservationRec:
    """A daily physiological observation (resting HR, HRV, the device's own recovery/readiness score)."""

    observation: Observation
    key: str = ""


@dataclass(frozen=True)
class RatingRec:
    """Ratings of one day by rating name, each on the scale the journal holds for that name (the journal checks
    them; ``origin``, "file:line", names where they came from in its message)."""

    date: dt.date
    values: Mapping[str, float]
    source: str = ""
    origin: str = ""


@dataclass(frozen=True)
class FoodCompletenessRec:
    """A source's own flag saying the day's food log is complete (True) or partial (False)."""

    date: dt.date
    complete: bool
    source: str = ""


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
    """A serving from a food app (Cronometer): the app's per-serving values by column name ("Energy (kcal)":
    250.0), phenylalanine and tyrosine converted to mg; ``category`` as the app gives it ("Supplements" marks a
    supplement)."""

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
    category: str = ""


@dataclass(frozen=True)
class DaySummaryRec:
    """A food app's own daily summary row (column name -> value)."""

    date: dt.date
    nutrients: dict[str, float]


Record = (
    ExerciseRec
    | SleepRec
    | PracticeRec
    | StressEventRec
    | HeartRateRec
    | HeartRateSeriesRec
    | ObservationRec
    | RatingRec
    | FoodCompletenessRec
    | DietaryRec
    | ServingRec
    | DaySummaryRec
)


class Importer(Protocol):
    """One source format. ``read`` yields records lazily and raises ImportFormatError naming the file and
    position on malformed input (the caller's transaction then rolls back); a file whose columns need the
    person's mapping (``ImportMapping``) and has none raises MappingNeeded listing them."""

    kind: str  # "whoop", "cronometer", ... : the word of `norepi import <kind>`
    label: str  # what a person reads: "Whoop export"
    suffixes: tuple[str, ...]  # file name endings it takes: (".csv",), (".zip",)

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]: ...
