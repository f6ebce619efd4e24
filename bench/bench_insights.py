"""Insights: speed beside the old path, calibration and power (not a timed test).

1. Speed and memory of the full report on one person's year shaped like the real one of issue 13 (food on 294
   of 365 days, 214 workouts, nightly sleep with a measured time asleep, Whoop-like resting HR / HRV / recovery,
   two ratings of the person's own, 0-5 lower-is-better, on 250 days, meditation on 68 days), and on synthetic
   journals of 90/180/365 days with the four default ratings; each beside the old path (day dicts, permutations
   over the whole range; bench/insights_old.py, a copy of commit 8cd4eb7) run in the same process on the same days.
2. False-positive rate and interval coverage of the association test on null AR(1) pairs (phi 0.5 both, 10 %
   missing) per lag, with Clopper-Pearson 95 % intervals, beside the naive day-by-day shuffle as the baseline.
3. Power for planted innovation correlations r = 0.3 / 0.4 / 0.5 at 60 and 90 days.
4. The full report on synthetic journals: how often a planted sleep -> focus effect survives BH, how often a
   journal with no effect shows any finding.
Usage: python bench/bench_insights.py [replicates] [--speed]   (--speed: section 1 only)
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.signal import lfilter
from scipy.stats import beta

sys.path.insert(0, str(Path(__file__).resolve().parent))
import insights_old as old  # noqa: E402

from norepi.days.summary import DaySummary  # noqa: E402
from norepi.insights.associations import Lag, find_associations  # noqa: E402
from norepi.insights.series import COVERAGE_LEVERS, rolling_mean  # noqa: E402
from norepi.insights.stats import associate, pearson_rows  # noqa: E402
from norepi.lifestyle.exercise import SessionFacts  # noqa: E402
from norepi.lifestyle.observations import Observation  # noqa: E402
from norepi.lifestyle.ratings import DEFAULT_SCALES, Rating, RatingScale  # noqa: E402
from norepi.lifestyle.sleep import SleepPeriod  # noqa: E402
from norepi.lifestyle.stress import Practice  # noqa: E402
from norepi.nutrition.analysis import FoodDay, FoodItem  # noqa: E402
from norepi.nutrition.nutrients import KEYS  # noqa: E402
from norepi.nutrition.targets import Target  # noqa: E402
from norepi.vocab import ActivityClass, IntensityBand, ObservationKind, PracticeKind  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
R = int(ARGS[0]) if ARGS else 4000
N_PERM = 999
TZ = dt.timezone(dt.timedelta(hours=1))
LAST = dt.date(2026, 11, 24)
TARGETS = {k: Target(100.0, None, "bench") for k in KEYS}
TIREDNESS = RatingScale("tiredness", "tiredness", 0, 5, higher_is_better=False)
DEPRESSION = RatingScale("depression", "depression", 0, 5, higher_is_better=False)


def ar1(rng: np.random.Generator, reps: int, n: int, phi: float = 0.5) -> np.ndarray:
    return lfilter([1.0], [1.0, -phi], rng.standard_normal((reps, n + 50)), axis=1)[:, 50:]


def drop(rng: np.random.Generator, x: np.ndarray, share: float = 0.1) -> np.ndarray:
    x = x.copy()
    x[rng.random(x.shape) < share] = np.nan
    return x


def cp(k: int, n: int) -> str:
    lo = beta.ppf(0.025, k, n - k + 1) if k else 0.0
    hi = beta.ppf(0.975, k + 1, n - k) if k < n else 1.0
    return f"{k / n:.4f} [{lo:.4f}, {hi:.4f}]"


# ---- typed days -------------------------------------------------------------------------------------------

def _at(d: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(), TZ) + dt.timedelta(hours=hour)


def _food(cov: dict[str, float]) -> FoodDay:
    full: dict[str, float | None] = dict.fromkeys(KEYS, 100.0)
    full.update(cov)
    item = FoodItem(1, dt.time(8), "01123", "Egg", 50.0, "1 large", {})
    return FoodDay((item,), {k: float(v or 0.0) for k, v in full.items()}, full, (), (), (), ())


def _session(d: dt.date, cls: ActivityClass, minutes: float, vigorous: float) -> SessionFacts:
    bands = dict.fromkeys(IntensityBand, 0.0)
    if cls is ActivityClass.RESISTANCE:
        bands[IntensityBand.RESISTANCE] = minutes
    else:
        bands[IntensityBand.VIGOROUS] = vigorous
        bands[IntensityBand.MODERATE] = minutes - vigorous
    return SessionFacts(_at(d, 18), "run", minutes, None, None, cls, 100.0, bands)


def _night(d: dt.date, bed_h: float, in_bed_h: float, asleep_h: float) -> SleepPeriod:
    bed = _at(d - dt.timedelta(days=1), bed_h)
    return SleepPeriod(bed, bed + dt.timedelta(hours=in_bed_h), asleep_min=asleep_h * 60)


def person_year(seed: int = 1) -> list[DaySummary]:
    """A year shaped like the real one of issue 13; tiredness falls with time asleep (innovation r 0.45)."""
    rng = np.random.default_rng(seed)
    n = 365
    cov = {k: 85 + 25 * ar1(rng, 1, n)[0] for k in COVERAGE_LEVERS.values()}
    sleep = ar1(rng, 1, n)[0]
    tired = ar1(rng, 1, n)[0] - 0.45 / np.sqrt(1 - 0.45**2) * sleep
    depressed = ar1(rng, 1, n)[0]
    food_days = set(rng.choice(n, 294, replace=False).tolist())
    workout_days = set(rng.choice(n, 214, replace=False).tolist())
    meditation_days = set(rng.choice(n, 68, replace=False).tolist())
    rated = set(range(100, 365)) - set(rng.choice(range(100, 365), 15, replace=False).tolist())  # 250 days
    days = []
    for i in range(n):
        d = LAST - dt.timedelta(days=n - 1 - i)
        asleep = float(np.clip(6.6 + 0.7 * sleep[i], 3.5, 10))
        ex = []
        if i in workout_days:
            cls = [ActivityClass.VIGOROUS, ActivityClass.MODERATE, ActivityClass.RESISTANCE][i % 3]
            ex.append(_session(d, cls, 45.0, float(rng.uniform(5, 30)) if cls is ActivityClass.VIGOROUS else 0.0))
        obs = {ObservationKind.RESTING_HR_BPM: float(rng.normal(56, 3)),
               ObservationKind.HRV_RMSSD_MS: float(np.exp(rng.normal(np.log(55), 0.2))),
               ObservationKind.RECOVERY_SCORE_PCT: float(np.clip(rng.normal(60, 18), 1, 99))}
        ratings = {}
        if i in rated:
            ratings = {"tiredness": Rating(TIREDNESS, float(np.clip(round(2.5 + 1.2 * tired[i]), 0, 5))),
                       "depression": Rating(DEPRESSION, float(np.clip(round(1.5 + 1.2 * depressed[i]), 0, 5)))}
        days.append(DaySummary(
            date=d, targets=TARGETS,
            food=_food({k: float(v[i]) for k, v in cov.items()}) if i in food_days else None,
            exercise=tuple(ex),
            sleep=(_night(d, 23.0 + (i % 2) * 0.5, asleep + 1.9, asleep),),
            practices=(Practice(PracticeKind.MEDITATION, _at(d, 7.5), 15.0),) if i in meditation_days else (),
            ratings=ratings,
            observations={k: Observation(d, k, v) for k, v in obs.items()}))
    return days


def default_journal(n_days: int, rng: np.random.Generator, planted_r: float = 0.0) -> list[DaySummary]:
    """Typed days with every lever tracked (AR(1) noise) and the four default ratings; focus follows time asleep
    with innovation correlation ``planted_r``."""
    sleep = ar1(rng, 1, n_days)[0]
    focus = ar1(rng, 1, n_days)[0] + planted_r / np.sqrt(1 - planted_r**2) * sleep
    cov = {k: 90 + 20 * ar1(rng, 1, n_days)[0] for k in COVERAGE_LEVERS.values()}
    days = []
    for i in range(n_days):
        d = LAST - dt.timedelta(days=n_days - 1 - i)
        asleep = 8.0 + 0.75 * sleep[i]
        ratings = {"focus": Rating(DEFAULT_SCALES["focus"], float(np.clip(round(6 + 1.5 * focus[i]), 1, 10)))}
        ratings.update({k: Rating(DEFAULT_SCALES[k], float(rng.integers(3, 9))) for k in ("energy", "mood",
                                                                                          "motivation")})
        cls = ActivityClass.VIGOROUS if i % 3 else ActivityClass.RESISTANCE
        days.append(DaySummary(
            date=d, targets=TARGETS, food=_food({k: float(v[i]) for k, v in cov.items()}),
            exercise=(_session(d, cls, 35.0, 30.0 if i % 3 else 0.0),),
            sleep=(_night(d, 23.0, asleep, asleep),),
            practices=(Practice(PracticeKind.MEDITATION, _at(d, 7.5), float(rng.integers(1, 20))),),
            ratings=ratings))
    return days


def as_old_dicts(days: Sequence[DaySummary], squeeze: bool = False) -> list[dict[str, Any]]:
    """The days in the old day-JSON shape. ``squeeze``: the person's tiredness and depression (0-5, lower is
    better) as energy and mood 1-10 with the sign flipped, as the old code needed; observations have no way in."""
    out = []
    for d in days:
        ratings = {k: r.value for k, r in d.ratings.items()}
        if squeeze:
            ratings = {new: round(1 + (5 - r.value) * 9 / 5) for name, new in (("tiredness", "energy"),
                                                                              ("depression", "mood"))
                       if (r := d.ratings.get(name)) is not None}
        out.append({
            "date": d.date.isoformat(),
            "entries": [{"ndb_no": "01123"}] if d.food is not None else [],
            "coverage_pct": dict(d.food.coverage_pct) if d.food is not None else {},
            "exercise": [{"type": s.activity, "duration_min": s.duration_min, "intensity": s.activity_class.value,
                          "minutes_by_band": {b.value: m for b, m in s.minutes_by_band.items()}} for s in d.exercise],
            "sleep": [{"start": p.bed.isoformat(), "end": p.wake.isoformat(), "duration_min": p.in_bed_min}
                      for p in d.sleep],
            "practices": [{"kind": p.kind.value, "duration_min": p.duration_min} for p in d.practices],
            "stress": {}, "ratings": ratings})
    return out


# ---- 1. speed ------------------------------------------------------------------------------------------

def _best_of(fn: Callable[[], Any], times: int = 3) -> tuple[float, float, Any]:
    """Best wall time and best CPU time (s) of ``times`` runs, and the result: on a shared machine the CPU time
    of this process is the steadier figure."""
    walls, cpus, out = [], [], None
    for _ in range(times):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus), out


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def speed() -> None:
    print("1. Full report wall time (best of 3) and peak traced memory, new vs old path, same days, same process")
    year = person_year()
    dicts = as_old_dicts(year, squeeze=True)
    no_obs = [DaySummary(d.date, d.targets, d.food, d.exercise, d.sleep, d.practices, d.stress, d.ratings)
              for d in year]
    new_t, new_c, rep = _best_of(lambda: find_associations(year))
    same_t, same_c, rep_same = _best_of(lambda: find_associations(no_obs))
    old_t, old_c, rep_old = _best_of(lambda: old.run_insights(dicts))
    new_mb, old_mb = _peak_mb(lambda: find_associations(year)), _peak_mb(lambda: old.run_insights(dicts))
    print(f"  a year like the real one (365 days, 250 rated): new {new_t:.2f} s wall, {new_c:.2f} s CPU "
          f"({rep.n_tests} tests, {new_mb:.0f} MB); old {old_t:.2f} s wall, {old_c:.2f} s CPU "
          f"({rep_old.as_dict()['n_tests']} tests, {old_mb:.0f} MB): CPU {old_c / new_c:.1f}x less, memory "
          f"{old_mb / new_mb:.1f}x less")
    print(f"    without the observations (the tests the old path can run): new {same_t:.2f} s wall, {same_c:.2f} s "
          f"CPU ({rep_same.n_tests} tests): CPU {old_c / same_c:.1f}x less")
    found = [t for t in rep.findings if (t.lever.name, t.outcome.name) == ("time_asleep_h", "tiredness")]
    print(f"    planted time asleep -> tiredness: new finds {len(found)} of 3 lags "
          f"(q {', '.join(f'{t.q_value:.3f}' for t in found) or '-'}); old finds "
          f"{sum(t.lever == 'sleep_duration_h' and t.outcome == 'energy' for t in rep_old.findings)} (energy = "
          "tiredness squeezed to 1-10)")
    rng = np.random.default_rng(3)
    for n_days in (90, 180, 365):
        days = default_journal(n_days, rng)
        d_old = as_old_dicts(days)
        nt, nc, r_new = _best_of(lambda days=days: find_associations(days))
        ot, oc, r_old = _best_of(lambda d_old=d_old: old.run_insights(d_old))
        print(f"  {n_days} days, 4 default ratings: new {nt:.2f} s wall, {nc:.2f} s CPU ({r_new.n_tests} tests); "
              f"old {ot:.2f} s wall, {oc:.2f} s CPU ({r_old.as_dict()['n_tests']} tests): CPU {oc / nc:.1f}x less")


# ---- 2-4. calibration, power, the full report ------------------------------------------------------------

def naive_p(x: np.ndarray, y: np.ndarray, lag: int, rng: np.random.Generator) -> float:
    n = x.size - lag
    r = pearson_rows(x[:n], y[lag:])[0]
    idx = rng.permuted(np.broadcast_to(np.arange(n), (N_PERM, n)), axis=1)
    rp = pearson_rows(x[:n], y[lag:], idx)
    return (1 + int((np.abs(rp) >= abs(r)).sum())) / (1 + N_PERM)


def calibration(n_days: int = 60) -> None:
    print(f"2. False positives at alpha 0.05, {R} null pairs per lag, {n_days} days, {N_PERM} permutations")
    for lag in Lag:
        rng = np.random.default_rng(1)
        xs, ys = drop(rng, ar1(rng, R, n_days)), drop(rng, ar1(rng, R, n_days))
        rej = cov = naive = 0
        for x, y in zip(xs, ys, strict=True):
            lever = rolling_mean(x) if lag.rolling else x
            a = associate(lever, y, rng, lag_days=lag.days, n_permutations=N_PERM)
            rej += a.p_value <= 0.05
            cov += a.ci_low <= 0 <= a.ci_high
            naive += naive_p(lever, y, lag.days, rng) <= 0.05
        print(f"  {lag.value:<11} norepi {cp(rej, R)}   naive shuffle {cp(naive, R)}   95% interval covers 0: "
              f"{cp(cov, R)}")


def power() -> None:
    print("3. Power at alpha 0.05 (same day), 1000 pairs each")
    for n_days in (60, 90):
        for r in (0.3, 0.4, 0.5):
            rng = np.random.default_rng(2)
            b = r / np.sqrt(1 - r * r)
            x = ar1(rng, 1000, n_days)
            y = b * x + ar1(rng, 1000, n_days)
            x, y = drop(rng, x), drop(rng, y)
            hits = sum(associate(xi, yi, rng, n_permutations=N_PERM).p_value <= 0.05
                       for xi, yi in zip(x, y, strict=True))
            print(f"  {n_days} days, r = {r}: {cp(int(hits), 1000)}")


def pipeline(reps: int = 40) -> None:
    print(f"4. Full report (BH q <= 0.10 over all tests), {reps} journals each")
    for n_days, r in ((90, 0.0), (90, 0.4), (90, 0.5)):
        rng = np.random.default_rng(4)
        found = any_finding = 0
        for _ in range(reps):
            rep = find_associations(default_journal(n_days, rng, r), seed=int(rng.integers(1 << 30)))
            any_finding += bool(rep.findings)
            found += any((t.lever.name, t.outcome.name, t.lag) == ("time_asleep_h", "focus", Lag.SAME_DAY)
                         for t in rep.findings)
        print(f"  {n_days} days, planted r = {r}: planted found {cp(found, reps)}, any finding {cp(any_finding, reps)}")


if __name__ == "__main__":
    speed()
    if "--speed" not in sys.argv:
        calibration()
        power()
        pipeline()
