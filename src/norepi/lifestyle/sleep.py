"""Sleep: nightly duration and midpoint, weekly average, debt, social jet lag, Sleep Regularity Index.

Times are timezone-aware datetimes; clock quantities (midpoints) are in local time of the record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from norepi.errors import InputError
from norepi.vocab import SLEEP_STAGES, SleepStage

STAGES = tuple(SleepStage)
MAX_PERIOD_H = 24.0
SRI_WINDOW_DAYS = 7
SRI_MIN_PAIRS = 4  # of the 6 consecutive-day pairs of a 7-day window


@dataclass(frozen=True)
class SleepPeriod:
    """A sleep period from ``bed`` to ``wake`` (aware datetimes): optional stages ``(start, end, stage)``, the
    time asleep in minutes when the source measured it (a device's "asleep duration"), whether it is a nap,
    where it came from, and its journal id once stored."""

    bed: dt.datetime
    wake: dt.datetime
    stages: tuple[tuple[dt.datetime, dt.datetime, SleepStage], ...] = field(default=())
    asleep_min: float | None = None
    nap: bool = False
    source: str = "manual"
    record_id: int | None = None
    stage_min: Mapping[SleepStage, float] = field(default_factory=dict)  # minutes per stage, as a source summarised

    def __post_init__(self) -> None:
        if self.bed.tzinfo is None or self.wake.tzinfo is None:
            raise InputError("bed and wake times need a UTC offset", field="bed")
        if self.wake <= self.bed:
            raise InputError(
                f"sleep ends ({self.wake.isoformat()}) before it starts ({self.bed.isoformat()})", field="wake"
            )
        if self.wake - self.bed > dt.timedelta(hours=MAX_PERIOD_H):
            raise InputError(f"sleep period longer than {MAX_PERIOD_H:g} h", field="wake")
        stages = []
        for start, end, stage in self.stages:
            try:
                stages.append((start, end, SleepStage(stage)))
            except ValueError:
                known = ", ".join(STAGES)
                raise InputError(f"unknown sleep stage {stage!r} (one of {known})", field="stages") from None
            if end <= start:
                raise InputError(f"stage {stage} ends before it starts", field="stages")
        object.__setattr__(self, "stages", tuple(stages))
        if self.asleep_min is not None and not (
            math.isfinite(self.asleep_min) and 0 <= self.asleep_min <= self.in_bed_min + 1e-6
        ):
            raise InputError(
                f"{self.asleep_min:g} min asleep is outside 0-{self.in_bed_min:.0f} min (the time in bed)",
                field="asleep_min",
            )

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
    def minutes_by_stage(self) -> dict[SleepStage, float]:
        """Minutes in each stage: the source's summary when it gave one, else the sum of the stage spans ({} when
        neither is known)."""
        if self.stage_min:
            return {SleepStage(k): float(v) for k, v in self.stage_min.items()}
        out: dict[SleepStage, float] = {}
        for start, end, stage in self.stages:
            out[stage] = out.get(stage, 0.0) + (end - start).total_seconds() / 60.0
        return out

    @property
    def in_bed_min(self) -> float:
        """Time in bed, min: wake - bed."""
        return (self.wake - self.bed).total_seconds() / 60.0

    @property
    def asleep_basis(self) -> str:
        """Where ``time_asleep_min`` comes from: "measured" (the source's own figure), "stages" (the union of
        sleep stages) or "in bed" (neither given: the time in bed is taken as asleep)."""
        if self.asleep_min is not None:
            return "measured"
        return "stages" if any(st in SLEEP_STAGES for _, _, st in self.stages) else "in bed"

    @property
    def time_asleep_min(self) -> float:
        """Time asleep, min: the source's measured figure, else the union of sleep stages (sources may
        overlap), else the time in bed (``asleep_basis`` says which)."""
        if self.asleep_min is not None:
            return self.asleep_min
        return sum((e - s).total_seconds() for s, e in self.asleep_spans()) / 60.0

    @property
    def midpoint(self) -> dt.datetime:
        """Midpoint between bed and wake, in the wake time's offset."""
        return (self.bed + (self.wake - self.bed) / 2).astimezone(self.wake.tzinfo)

    @property
    def night_of(self) -> dt.date:
        """The local date the period ends on (the wake date)."""
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
    start lies within a span asleep (sleep stages when given, else bed-wake); time not recorded is wake.
    For a grid in which unrecorded nights are missing rather than wake, see ``asleep_grid``."""
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


def asleep_grid(periods: Sequence[SleepPeriod], first_day: dt.date, days: int) -> tuple[np.ndarray, np.ndarray]:
    """Days x minutes asleep grid from local midnight of ``first_day`` (each record on its own wall clock, so a
    time-zone change keeps bedtimes where they were lived), and per day whether it is known: the periods ending on
    the day and on the next day are both recorded. A day not known is missing, not awake."""
    per_day = 24 * 60
    grid = np.zeros((days + 1) * per_day, dtype=bool)
    logged = np.zeros(days + 1, dtype=bool)
    origin = dt.datetime.combine(first_day, dt.time())
    for p in periods:
        i = (p.night_of - first_day).days
        if not 0 <= i <= days:
            continue
        logged[i] = True
        for s, e in p.asleep_spans():
            a = s.astimezone(p.wake.tzinfo).replace(tzinfo=None)
            b = e.astimezone(p.wake.tzinfo).replace(tzinfo=None)
            i0 = max(0, math.ceil((a - origin).total_seconds() / 60))
            i1 = min(grid.size, math.ceil((b - origin).total_seconds() / 60))
            if i1 > i0:
                grid[i0:i1] = True
    known = logged[:days] & logged[1 : days + 1]
    return grid[: days * per_day].reshape(days, per_day), known


def sleep_regularity(
    periods: Sequence[SleepPeriod], first_day: dt.date, days: int = SRI_WINDOW_DAYS, min_pairs: int = SRI_MIN_PAIRS
) -> float | None:
    """Sleep Regularity Index of the ``days`` days from ``first_day`` (Phillips AJK et al. Sci Rep 2017;7:3216):
    -100 + 200 x the share of minutes in the same state (asleep/awake) 24 h apart, over the pairs of consecutive
    days that are both known (``asleep_grid``), as Phillips and the published reference implementations treat
    unrecorded days; None with fewer than ``min_pairs`` such pairs. The one SRI of norepi: ``week``, ``today``,
    insights and the model all use it."""
    return rolling_sri(periods, first_day + dt.timedelta(days=days - 1), 1, days, min_pairs)[0]


def rolling_sri(
    periods: Sequence[SleepPeriod],
    last_day: dt.date,
    n_days: int,
    window_days: int = SRI_WINDOW_DAYS,
    min_pairs: int = SRI_MIN_PAIRS,
) -> list[float | None]:
    """``sleep_regularity`` of the ``window_days`` ending on each of the ``n_days`` days up to ``last_day``."""
    first = last_day - dt.timedelta(days=n_days + window_days - 2)
    total = n_days + window_days - 1
    grid, known = asleep_grid(periods, first, total)
    same = (grid[1:] == grid[:-1]).mean(axis=1)  # pair (d-1, d) at index d-1
    pair_ok = known[1:] & known[:-1]
    out: list[float | None] = []
    for t in range(window_days - 1, total):
        lo = t - (window_days - 1)
        ok = pair_ok[lo:t]
        out.append(-100.0 + 200.0 * float(same[lo:t][ok].mean()) if int(ok.sum()) >= min_pairs else None)
    return out


# ---- week ---------------------------------------------------------------------------------------------

FREE_WEEKDAYS = frozenset({5, 6})  # nights ending Saturday or Sunday count as free days


@dataclass(frozen=True)
class SleepWeek:
    """A week's sleep: nights, average time asleep (min; naps of those days included), debt (min) against need,
    social jet lag (h: |mean midpoint on free days - on workdays|, Wittmann M et al. Chronobiol Int
    2006;23:497), Sleep Regularity Index (``sleep_regularity``)."""

    nights: int
    avg_duration_min: float | None
    need_min: float
    debt_min: float
    social_jet_lag_h: float | None
    sri: float | None


def sleep_week(periods: Sequence[SleepPeriod], first_day: dt.date, need_h: float = 8.0) -> SleepWeek:
    """Summary of the 7 nights ending ``first_day`` .. ``first_day + 6``. Debt is the need of the
    logged nights minus the time slept, floored at 0 (a long night pays back a short one); nights not
    recorded are missing, not zero. ``periods`` should include the night ending the day after the week."""
    if not 3.0 <= need_h <= 14.0:
        raise InputError(f"sleep need {need_h:g} h is outside 3-14 h", field="sleep_need_h")
    days = {first_day + dt.timedelta(days=i) for i in range(7)}
    in_week = [p for p in periods if p.night_of in days]
    nights = [p for p in in_week if not p.nap]
    need_min = need_h * 60.0
    by_night: dict[dt.date, float] = {}
    for p in nights:
        by_night[p.night_of] = by_night.get(p.night_of, 0.0) + p.time_asleep_min
    if not by_night:
        return SleepWeek(0, None, need_min, 0.0, None, None)
    for p in in_week:
        if p.nap and p.night_of in by_night:
            by_night[p.night_of] += p.time_asleep_min
    slept = sum(by_night.values())
    debt = max(0.0, need_min * len(by_night) - slept)
    free = [midpoint_h(p) for p in nights if p.night_of.weekday() in FREE_WEEKDAYS]
    work = [midpoint_h(p) for p in nights if p.night_of.weekday() not in FREE_WEEKDAYS]
    sjl = abs(sum(free) / len(free) - sum(work) / len(work)) if free and work else None
    index = sleep_regularity(periods, first_day)
    return SleepWeek(len(by_night), slept / len(by_night), need_min, debt, sjl, index)


# ---- one night, one record ------------------------------------------------------------------------------

# Which source wins when two records cover the same sleep: measured devices first (they give time asleep and
# stages), then files a person exported, then what was typed by hand.
SOURCE_PREFERENCE: tuple[str, ...] = (
    "whoop", "oura", "garmin", "fitbit", "health-connect", "apple-health", "fit", "csv", "manual",
)


def overlapping(a: SleepPeriod, b: SleepPeriod) -> bool:
    """Whether two periods share any time in bed."""
    return a.bed < b.wake and b.bed < a.wake


def resolve_overlaps(
    periods: Sequence[SleepPeriod], preference: Sequence[str] = SOURCE_PREFERENCE
) -> tuple[list[SleepPeriod], list[tuple[SleepPeriod, SleepPeriod]]]:
    """One record per stretch of sleep: of periods that overlap, the one from the most preferred source (then
    with a measured time asleep or stages, then the longest) is kept, never the sum. Returns (kept, in time
    order) and (set aside, the period kept instead) so that the choice can be stated."""
    rank = {s: i for i, s in enumerate(preference)}

    def merit(p: SleepPeriod) -> tuple[int, int, float]:
        return (rank.get(p.source, len(rank) - 1), 0 if p.asleep_basis != "in bed" else 1, -p.in_bed_min)

    kept: list[SleepPeriod] = []
    aside: list[tuple[SleepPeriod, SleepPeriod]] = []
    for p in sorted(periods, key=merit):
        winner = next((k for k in kept if overlapping(k, p)), None)
        if winner is None:
            kept.append(p)
        else:
            aside.append((p, winner))
    return sorted(kept, key=lambda p: p.bed), aside
