"""Sleep: nightly duration and midpoint, weekly average, debt, social jet lag, Sleep Regularity Index.

Times are timezone-aware datetimes; clock quantities (midpoints) are in local time of the record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from norepi.errors import InputError

STAGES = ("awake", "light", "deep", "rem", "asleep", "in_bed")
SLEEP_STAGES = frozenset({"light", "deep", "rem", "asleep"})
MAX_PERIOD_H = 24.0


@dataclass(frozen=True)
class SleepPeriod:
    """A sleep period from ``bed`` to ``wake`` (aware datetimes), with optional stages
    ``(start, end, stage)`` where stage is one of ``STAGES``."""

    bed: dt.datetime
    wake: dt.datetime
    stages: tuple[tuple[dt.datetime, dt.datetime, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.bed.tzinfo is None or self.wake.tzinfo is None:
            raise InputError("bed and wake times need a UTC offset", field="bed")
        if self.wake <= self.bed:
            raise InputError(
                f"sleep ends ({self.wake.isoformat()}) before it starts ({self.bed.isoformat()})", field="wake"
            )
        if self.wake - self.bed > dt.timedelta(hours=MAX_PERIOD_H):
            raise InputError(f"sleep period longer than {MAX_PERIOD_H:g} h", field="wake")
        for start, end, stage in self.stages:
            if stage not in STAGES:
                raise InputError(f"unknown sleep stage {stage!r} (one of {', '.join(STAGES)})", field="stages")
            if end <= start:
                raise InputError(f"stage {stage} ends before it starts", field="stages")

    def asleep_spans(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """Non-overlapping spans asleep: the union of sleep stages when any are given, else bed-wake."""
        spans = sorted((s, e) for s, e, st in self.stages if st in SLEEP_STAGES)
        if not spans:
            return [(self.bed, self.wake)]
        merged = [spans[0]]
        for s, e in spans[1:]:
            if s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged

    @property
    def duration_min(self) -> float:
        """Time asleep, min: the union of sleep stages when given (sources may overlap), else wake - bed."""
        return sum((e - s).total_seconds() for s, e in self.asleep_spans()) / 60.0

    @property
    def midpoint(self) -> dt.datetime:
        """Midpoint between bed and wake, in the wake time's offset."""
        return (self.bed + (self.wake - self.bed) / 2).astimezone(self.wake.tzinfo)

    @property
    def night_of(self) -> dt.date:
        """The local date the night ends on (the wake date)."""
        return self.wake.date()


def midpoint_h(p: SleepPeriod) -> float:
    """Midpoint as local clock hours relative to midnight before waking (23:30 -> -0.5, 03:00 -> 3.0)."""
    mid = p.midpoint
    midnight = dt.datetime.combine(p.night_of, dt.time(), mid.tzinfo)
    return (mid - midnight).total_seconds() / 3600.0


# ---- Sleep Regularity Index -------------------------------------------------------------------------


def sri(states: Sequence[Sequence[bool]]) -> float:
    """Sleep Regularity Index (Phillips AJK et al. Sci Rep 2017;7:3216) of N days x M epochs
    (True = asleep): SRI = -100 + 200 / (M (N - 1)) x sum_j sum_i delta(s[i][j], s[i+1][j]),
    i.e. the probability of the same state 24 h apart scaled to -100..100."""
    n = len(states)
    if n < 2:
        raise InputError("the Sleep Regularity Index needs at least 2 days", field="days")
    m = len(states[0])
    if m == 0 or any(len(row) != m for row in states):
        raise InputError("every day needs the same number of epochs", field="epochs")
    same = sum(1 for i in range(n - 1) for j in range(m) if bool(states[i][j]) == bool(states[i + 1][j]))
    return -100.0 + 200.0 * same / (m * (n - 1))  # same formula; this order keeps 100 exact


def sleep_states(
    periods: Sequence[SleepPeriod], first_day: dt.date, days: int, tz: dt.tzinfo, epoch_min: float = 1.0
) -> list[list[bool]]:
    """Days x epochs grid from local midnight of ``first_day`` in ``tz``: an epoch is asleep when its
    start lies within a span asleep (sleep stages when given, else bed-wake); time not recorded is wake."""
    per_day = round(24 * 60 / epoch_min)
    if not math.isclose(per_day * epoch_min, 24 * 60):
        raise InputError(f"epoch of {epoch_min:g} min does not divide a day", field="epoch_min")
    origin = dt.datetime.combine(first_day, dt.time(), tz)
    step = dt.timedelta(minutes=epoch_min)
    total = days * per_day
    grid = [False] * total
    for p in periods:
        for s, e in p.asleep_spans():
            i0 = max(0, math.ceil((s - origin) / step - 1e-9))
            i1 = min(total, math.ceil((e - origin) / step - 1e-9))
            for i in range(i0, i1):
                grid[i] = True
    return [grid[d * per_day : (d + 1) * per_day] for d in range(days)]


# ---- week ---------------------------------------------------------------------------------------------

FREE_WEEKDAYS = frozenset({5, 6})  # nights ending Saturday or Sunday count as free days


@dataclass(frozen=True)
class SleepWeek:
    """A week's sleep: nights, average duration (min), debt (min) against need, social jet lag (h:
    |mean midpoint on free days - on workdays|, Wittmann M et al. Chronobiol Int 2006;23:497), SRI."""

    nights: int
    avg_duration_min: float | None
    need_min: float
    debt_min: float
    social_jet_lag_h: float | None
    sri: float | None

    def as_dict(self) -> dict[str, object]:
        r = lambda v: None if v is None else round(v, 1)  # noqa: E731
        return {
            "nights": self.nights,
            "avg_duration_min": r(self.avg_duration_min),
            "need_min": self.need_min,
            "debt_min": r(self.debt_min),
            "social_jet_lag_h": r(self.social_jet_lag_h),
            "sri": r(self.sri),
        }


def sleep_week(
    periods: Sequence[SleepPeriod],
    first_day: dt.date,
    need_h: float = 8.0,
    tz: dt.tzinfo | None = None,
    epoch_min: float = 1.0,
) -> SleepWeek:
    """Summary of the 7 nights ending ``first_day`` .. ``first_day + 6``. Debt is the need of the
    logged nights minus the time slept, floored at 0 (a long night pays back a short one). SRI is over
    the 7 days from local midnight of ``first_day`` when at least 2 nights are logged."""
    if not 3.0 <= need_h <= 14.0:
        raise InputError(f"sleep need {need_h:g} h is outside 3-14 h", field="sleep_need_h")
    days = [first_day + dt.timedelta(days=i) for i in range(7)]
    nights = [p for p in periods if p.night_of in days]
    need_min = need_h * 60.0
    if not nights:
        return SleepWeek(0, None, need_min, 0.0, None, None)
    dur = [p.duration_min for p in nights]
    by_night: dict[dt.date, float] = {}
    for p in nights:
        by_night[p.night_of] = by_night.get(p.night_of, 0.0) + p.duration_min
    debt = max(0.0, need_min * len(by_night) - sum(dur))
    free = [midpoint_h(p) for p in nights if p.night_of.weekday() in FREE_WEEKDAYS]
    work = [midpoint_h(p) for p in nights if p.night_of.weekday() not in FREE_WEEKDAYS]
    sjl = abs(sum(free) / len(free) - sum(work) / len(work)) if free and work else None
    index = None
    if len(by_night) >= 2:
        zone = tz or nights[0].wake.tzinfo
        assert zone is not None
        index = sri(sleep_states(periods, first_day, 7, zone, epoch_min))
    return SleepWeek(len(by_night), sum(dur) / len(by_night), need_min, debt, sjl, index)
