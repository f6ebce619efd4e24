"""Typed days (``DaySummary``) built directly, for the insights tests: a builder for one day and synthetic
journals with planted effects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
from scipy.signal import lfilter

from norepi.days.summary import DaySummary, StressDay
from norepi.insights.series import COVERAGE_LEVERS
from norepi.lifestyle.exercise import SessionFacts
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.ratings import DEFAULT_SCALES, Rating, RatingScale
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, Pss10Result, StressEvent
from norepi.nutrition.analysis import FoodDay, FoodItem, OverLimit
from norepi.nutrition.nutrients import KEYS
from norepi.nutrition.targets import Target
from norepi.vocab import ActivityClass, IntensityBand, ObservationKind, PracticeKind

TZ = dt.timezone(dt.timedelta(hours=1))
COVERAGE_KEYS = tuple(COVERAGE_LEVERS.values())
TIREDNESS = RatingScale("tiredness", "tiredness", 0, 5, higher_is_better=False, question="How tired were you?")
DEPRESSION = RatingScale("depression", "depression", 0, 5, higher_is_better=False)


def at(date: dt.date, clock: str) -> dt.datetime:
    hh, mm = map(int, clock.split(":"))
    return dt.datetime.combine(date, dt.time(hh, mm), TZ)


def targets(ul: Mapping[str, float | None] | None = None) -> dict[str, Target]:
    """RDA 100 in every key's unit (so an amount equals its % of target), ULs as given."""
    return {k: Target(100.0, (ul or {}).get(k), "test") for k in KEYS}


def food_day(coverage: Mapping[str, float], *, totals: Mapping[str, float] | None = None,
             ul: Mapping[str, float | None] | None = None, eaten: Sequence[str] = ("01123",),
             over_ul: Sequence[str] = ()) -> FoodDay:
    """A logged food day with the given coverage (% of target) and totals; ``eaten`` NDB numbers as its items."""
    cov: dict[str, float | None] = dict.fromkeys(KEYS, 100.0)
    cov.update(coverage)
    tot = {k: float(v or 0.0) for k, v in cov.items()}
    tot.update(totals or {})
    items = tuple(FoodItem(i, dt.time(8, 0), ndb, f"food {ndb}", 50.0, "1 serving", {}) for i, ndb in
                  enumerate(eaten))
    over = tuple(OverLimit(k, 2.0 * float((ul or {}).get(k) or 1.0), float((ul or {}).get(k) or 1.0), k)
                 for k in over_ul)
    shortfalls = tuple(sorted((k for k, v in cov.items() if (v or 0.0) < 100.0), key=lambda k: cov[k] or 0.0))
    return FoodDay(items, tot, cov, (), (), shortfalls, over)


def session(date: dt.date, cls: ActivityClass, minutes: float = 40.0, *, vigorous_min: float | None = None,
            clock: str = "18:00", activity: str = "run") -> SessionFacts:
    """A session of ``cls``: vigorous/HIIT minutes all in the vigorous band unless ``vigorous_min`` says."""
    bands = dict.fromkeys(IntensityBand, 0.0)
    if cls == ActivityClass.RESISTANCE:
        bands[IntensityBand.RESISTANCE] = minutes
    elif cls in (ActivityClass.VIGOROUS, ActivityClass.HIIT):
        vig = minutes if vigorous_min is None else vigorous_min
        bands[IntensityBand.VIGOROUS] = vig
        bands[IntensityBand.MODERATE] = minutes - vig
    else:
        bands[IntensityBand(cls.value)] = minutes
    return SessionFacts(at(date, clock), activity, minutes, None, None, cls, 100.0, bands)


def night(date: dt.date, in_bed_h: float, bed: str = "23:00", asleep_h: float | None = None,
          nap: bool = False) -> SleepPeriod:
    """A sleep period ending on ``date``: to bed at ``bed`` (the evening before when after noon), ``in_bed_h``
    in bed, ``asleep_h`` of it asleep when the source measured it."""
    hh = int(bed.split(":")[0])
    start = at(date - dt.timedelta(days=1), bed) if hh >= 12 else at(date, bed)
    return SleepPeriod(start, start + dt.timedelta(hours=in_bed_h),
                       asleep_min=None if asleep_h is None else asleep_h * 60.0, nap=nap)


def rate(values: Mapping[str, float], scales: Mapping[str, RatingScale] | None = None) -> dict[str, Rating]:
    """Ratings by name on the default scales, or on ``scales``."""
    known = {**DEFAULT_SCALES, "tiredness": TIREDNESS, "depression": DEPRESSION, **(scales or {})}
    return {name: Rating(known[name], float(v)) for name, v in values.items()}


def day(date: dt.date, *, coverage: Mapping[str, float] | None = None, totals: Mapping[str, float] | None = None,
        ul: Mapping[str, float | None] | None = None, eaten: Sequence[str] = ("01123",), over_ul: Sequence[str] = (),
        exercise: Sequence[SessionFacts] = (), sleep_h: float | None = None, bed: str = "23:00",
        asleep_h: float | None = None, sleep: Sequence[SleepPeriod] = (),
        practices: Sequence[tuple[PracticeKind, float]] = (), pss10: int | None = None,
        pss10_date: dt.date | None = None, events: Sequence[int] = (), ratings: Mapping[str, float] | None = None,
        scales: Mapping[str, RatingScale] | None = None,
        observations: Mapping[ObservationKind, float] | None = None) -> DaySummary:
    """One typed day. ``coverage`` given -> food logged; ``sleep_h`` -> a night in bed ending on the day;
    ``practices`` as (kind, minutes); ``events`` as intensities of stress events at 12:00."""
    periods = list(sleep)
    if sleep_h is not None:
        periods.append(night(date, sleep_h, bed, asleep_h))
    stress = None
    if pss10 is not None or events:
        pss = Pss10Result(pss10, pss10_date or date) if pss10 is not None else None
        stress = StressDay(pss, tuple(StressEvent(at(date, "12:00"), i) for i in events))
    return DaySummary(
        date=date,
        targets=targets(ul),
        food=None if coverage is None else food_day(coverage, totals=totals, ul=ul, eaten=eaten, over_ul=over_ul),
        exercise=tuple(exercise),
        sleep=tuple(periods),
        practices=tuple(Practice(k, at(date, "07:30"), m) for k, m in practices),
        stress=stress,
        ratings=rate(ratings or {}, scales),
        observations={k: Observation(date, k, v) for k, v in (observations or {}).items()},
    )


def empty(date: dt.date) -> DaySummary:
    """A day on which nothing was logged."""
    return DaySummary(date=date, targets=targets())


def pad(days: Sequence[DaySummary], before: int, after: int) -> list[DaySummary]:
    """``days`` with ``before`` empty days in front and ``after`` empty days behind."""
    first, last = min(d.date for d in days), max(d.date for d in days)
    return ([empty(first - dt.timedelta(days=i)) for i in range(before, 0, -1)] + list(days)
            + [empty(last + dt.timedelta(days=i)) for i in range(1, after + 1)])


def journal(n_days: int, seed: int, *, planted: tuple[str, str, float] | None = None,
            last: dt.date = dt.date(2026, 11, 24), missing: float = 0.1) -> list[DaySummary]:
    """``n_days`` days with every lever and the four default ratings tracked as AR(1) (phi 0.5) noise, about
    ``missing`` of the days without food and without ratings; ``planted`` = ("sleep", "focus", r) makes focus
    follow time asleep on the same day with innovation correlation r."""
    rng = np.random.default_rng(seed)

    def ar(n: int) -> np.ndarray:
        return lfilter([1.0], [1.0, -0.5], rng.standard_normal(n + 30))[30:]

    first = last - dt.timedelta(days=n_days - 1)
    cov = {k: 80 + 20 * ar(n_days) for k in COVERAGE_KEYS}
    sleep = ar(n_days)
    ratings = {k: ar(n_days) for k in ("focus", "energy", "mood", "motivation")}
    if planted is not None:
        _, outcome, r = planted
        ratings[outcome] = r / np.sqrt(1 - r * r) * sleep + ratings[outcome]
    vig = np.clip(20 + 15 * ar(n_days), 0, 40)
    days = []
    for i in range(n_days):
        d = first + dt.timedelta(days=i)
        food = rng.random() > missing
        rated = rng.random() > missing
        ex = [session(d, ActivityClass.VIGOROUS, 40.0, vigorous_min=round(float(vig[i]), 1))]
        if i % 3 == 0:
            ex.append(session(d, ActivityClass.RESISTANCE, 30.0, clock="07:00", activity="resistance"))
        asleep = float(np.clip(7.5 + 0.7 * sleep[i], 3, 11))
        days.append(day(
            d, coverage={k: float(v[i]) for k, v in cov.items()} if food else None, exercise=ex,
            sleep_h=asleep + 0.5, asleep_h=asleep, bed="23:00" if i % 2 else "23:40",
            practices=[(PracticeKind.MEDITATION, float(rng.integers(5, 30)))],
            pss10=int(14 + (i // 10) % 5), pss10_date=first + dt.timedelta(days=10 * (i // 10)),
            ratings={k: int(np.clip(round(6 + 1.5 * v[i]), 1, 10)) for k, v in ratings.items()} if rated else {},
        ))
    return days


def year_like_real(seed: int = 1, last: dt.date = dt.date(2026, 11, 24)) -> list[DaySummary]:
    """A year shaped like the real one of issue 13: a quarter of the days without food entries, a workout on
    about 3 days in 5, every night with a measured time asleep ~1.9 h under the time in bed, resting HR, HRV and
    a recovery score most days, tiredness and depression (0-5, lower is better) rated on 250 days from the
    fourth month on, meditation on 68 days; tiredness falls with time asleep (innovation correlation 0.45)."""
    rng = np.random.default_rng(seed)
    n = 365

    def ar() -> np.ndarray:
        return lfilter([1.0], [1.0, -0.5], rng.standard_normal(n + 30))[30:]

    cov = {k: 85 + 25 * ar() for k in COVERAGE_KEYS}
    sleep, tired, depressed = ar(), ar(), ar()
    tired = tired - 0.45 / np.sqrt(1 - 0.45**2) * sleep
    food_days = set(rng.choice(n, 3 * n // 4, replace=False).tolist())
    rated = set(range(100, n)) - set(rng.choice(range(100, n), 15, replace=False).tolist())
    meditation = set(rng.choice(n, 68, replace=False).tolist())
    classes = (ActivityClass.VIGOROUS, ActivityClass.MODERATE, ActivityClass.RESISTANCE)
    days = []
    for i in range(n):
        d = last - dt.timedelta(days=n - 1 - i)
        asleep = float(np.clip(6.6 + 0.7 * sleep[i], 3.5, 10.0))
        ex = [session(d, classes[i % 3], 45.0, vigorous_min=float(rng.uniform(5, 30)))] if rng.random() < 0.6 else []
        obs = {ObservationKind.RESTING_HR_BPM: float(rng.normal(56, 3)),
               ObservationKind.HRV_RMSSD_MS: float(np.exp(rng.normal(np.log(55), 0.2))),
               ObservationKind.RECOVERY_SCORE_PCT: float(np.clip(rng.normal(60, 18), 1, 99))}
        ratings = {"tiredness": float(np.clip(round(2.5 + 1.2 * tired[i]), 0, 5)),
                   "depression": float(np.clip(round(1.5 + 1.2 * depressed[i]), 0, 5))} if i in rated else {}
        days.append(day(d, coverage={k: float(v[i]) for k, v in cov.items()} if i in food_days else None,
                        exercise=ex, sleep_h=asleep + 1.9, asleep_h=asleep, bed="23:00" if i % 2 else "23:30",
                        practices=[(PracticeKind.MEDITATION, 15.0)] if i in meditation else [], ratings=ratings,
                        observations=obs if rng.random() < 0.95 else None))
    return days
