"""Stress: the Perceived Stress Scale (PSS-10), practices (meditation, slow breathing, nature) and acute
stress events."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from norepi.errors import InputError
from norepi.vocab import PracticeKind

# Cohen S, Kamarck T, Mermelstein R. J Health Soc Behav 1983;24:385; PSS-10: Cohen S, Williamson G,
# in Spacapan & Oskamp (eds), The Social Psychology of Health, 1988. Answers 0 (never) .. 4 (very often).
PSS10_ITEMS: tuple[str, ...] = (
    "In the last month, how often have you been upset because of something that happened unexpectedly?",
    "In the last month, how often have you felt that you were unable to control the important things in your life?",
    "In the last month, how often have you felt nervous and stressed?",
    "In the last month, how often have you felt confident about your ability to handle your personal problems?",
    "In the last month, how often have you felt that things were going your way?",
    "In the last month, how often have you found that you could not cope with all the things that you had to do?",
    "In the last month, how often have you been able to control irritations in your life?",
    "In the last month, how often have you felt that you were on top of things?",
    "In the last month, how often have you been angered because of things that were outside of your control?",
    "In the last month, how often have you felt difficulties were piling up so high that you could not overcome them?",
)
PSS10_SCALE = "0 = never, 1 = almost never, 2 = sometimes, 3 = fairly often, 4 = very often"
PSS10_REVERSED = frozenset({4, 5, 7, 8})  # 1-based items scored 4 - answer
# Cohen published no cut-offs for the PSS-10 (a continuous measure, compared with norms: mean ~13, Cohen &
# Williamson 1988). The bands below are a convention, not a clinical category: 0-13 low, 14-26 moderate, 27-40 high,
# as widely reproduced by scoring sheets (e.g. the State of New Hampshire employee-wellness PSS sheet [cit?]) and
# used in studies that cite such sheets.
PSS10_BANDS = ((0, 13, "low"), (14, 26, "moderate"), (27, 40, "high"))
PSS10_BANDS_SOURCE = ("a convention, not Cohen's: 0-13 low, 14-26 moderate, 27-40 high, as widely reproduced scoring "
                      "sheets give them (e.g. State of New Hampshire employee wellness [cit?]); Cohen published norms "
                      "(mean ~13), no cut-offs")


def pss10_score(answers: Sequence[int]) -> int:
    """PSS-10 total 0-40 from ten answers 0-4; items 4, 5, 7 and 8 are reverse-scored."""
    if len(answers) != 10:
        raise InputError(f"PSS-10 needs 10 answers, got {len(answers)}", field="answers")
    total = 0
    for i, a in enumerate(answers, start=1):
        if isinstance(a, bool) or not isinstance(a, int) or not 0 <= a <= 4:
            raise InputError(f"answer to item {i} must be 0-4, got {a!r}", field="answers")
        total += 4 - a if i in PSS10_REVERSED else a
    return total


@dataclass(frozen=True)
class Pss10Result:
    """A completed PSS-10: total 0-40, its band, the date it was taken (it asks about the last month)."""

    total: int
    taken_on: dt.date
    record_id: int | None = None

    @property
    def band(self) -> str:
        return pss10_band(self.total)


def pss10_band(total: int) -> str:
    """ "low" (0-13), "moderate" (14-26) or "high" (27-40): a convention (``PSS10_BANDS_SOURCE``), not a diagnosis."""
    for low, high, name in PSS10_BANDS:
        if low <= total <= high:
            return name
    raise InputError(f"PSS-10 total {total} is outside 0-40", field="total")


def parse_answers(text: str) -> list[int]:
    """Ten comma-separated answers ("2,3,1,...") as integers; InputError names the bad one."""
    parts = [p.strip() for p in text.split(",")]
    out: list[int] = []
    for i, p in enumerate(parts, start=1):
        if not p.isdigit():
            raise InputError(f"answer {i} {p!r} is not a whole number 0-4", field="answers")
        out.append(int(p))
    pss10_score(out)
    return out


# ---- practices, events, ratings -------------------------------------------------------------------

PRACTICES: tuple[str, ...] = tuple(PracticeKind)


@dataclass(frozen=True)
class Practice:
    """A practice session: kind, start (aware), minutes; where it came from and its journal id once stored."""

    kind: PracticeKind
    start: dt.datetime
    duration_min: float
    source: str = "manual"
    record_id: int | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", PracticeKind(self.kind))
        except ValueError:
            raise InputError(f"{self.kind!r} is not one of {', '.join(PRACTICES)}", field="kind") from None
        if self.start.tzinfo is None:
            raise InputError("start time needs a UTC offset", field="start")
        check_minutes(self.duration_min)


def check_minutes(value: float, field_name: str = "duration_min") -> float:
    """``value`` if 0 < minutes <= 1440, else InputError."""
    if not (math.isfinite(value) and 0 < value <= 1440):
        raise InputError(f"{value:g} min: give more than 0 and at most 1440 min (24 h)", field=field_name)
    return value


@dataclass(frozen=True)
class StressEvent:
    """An acute stress event: when (aware), intensity 1-10, a note."""

    at: dt.datetime
    intensity: int
    note: str = ""
    record_id: int | None = None

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise InputError("time needs a UTC offset", field="at")
        if isinstance(self.intensity, bool) or not isinstance(self.intensity, int) or not 1 <= self.intensity <= 10:
            raise InputError(f"{self.intensity!r} is not a whole number 1-10", field="intensity")
