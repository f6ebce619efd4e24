"""Insights: calibration and speed (not a timed test).

1. False-positive rate and interval coverage of the association test on null AR(1) pairs (phi 0.5 both, 10 %
   missing) per lag, with Clopper-Pearson 95 % intervals, beside the naive day-by-day shuffle as the baseline.
2. Power for planted innovation correlations r = 0.3 / 0.4 / 0.5 at 60 and 90 days.
3. The full report on synthetic journals: how often a planted sleep -> focus effect survives BH, how often a
   journal with no effect shows any finding.
4. Wall time of the full report (13 levers x 4 ratings x 3 lags, 4999 block permutations) for 90/180/365 days.
Usage: python bench/bench_insights.py [replicates]
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import numpy as np
from scipy.signal import lfilter
from scipy.stats import beta

from norepi.insights.associations import run_insights
from norepi.insights.series import COVERAGE_LEVERS, rolling_mean
from norepi.insights.stats import associate, pearson_rows

R = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
N_PERM = 999


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


def naive_p(x: np.ndarray, y: np.ndarray, lag: int, rng: np.random.Generator) -> float:
    n = x.size - lag
    r = pearson_rows(x[:n], y[lag:])[0]
    idx = rng.permuted(np.broadcast_to(np.arange(n), (N_PERM, n)), axis=1)
    rp = pearson_rows(x[:n], y[lag:], idx)
    return (1 + int((np.abs(rp) >= abs(r)).sum())) / (1 + N_PERM)


def calibration(n_days: int = 60) -> None:
    print(f"False positives at alpha 0.05, {R} null pairs per lag, {n_days} days, {N_PERM} permutations")
    for name, lag, rolling in (("same_day", 0, False), ("next_day", 1, False), ("rolling_7d", 0, True)):
        rng = np.random.default_rng(1)
        xs, ys = drop(rng, ar1(rng, R, n_days)), drop(rng, ar1(rng, R, n_days))
        rej = cov = naive = 0
        for x, y in zip(xs, ys, strict=True):
            lever = rolling_mean(x) if rolling else x
            a = associate(lever, y, rng, lag_days=lag, n_permutations=N_PERM)
            rej += a.p_value <= 0.05
            cov += a.ci_low <= 0 <= a.ci_high
            naive += naive_p(lever, y, lag, rng) <= 0.05
        print(f"  {name:<11} norepi {cp(rej, R)}   naive shuffle {cp(naive, R)}   95% interval covers 0: "
              f"{cp(cov, R)}")


def power() -> None:
    print("Power at alpha 0.05 (same day), 1000 pairs each")
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


def journal(n_days: int, rng: np.random.Generator, planted_r: float = 0.0) -> list[dict]:
    """Day dicts with every lever tracked (AR(1) noise); focus follows sleep hours with innovation
    correlation ``planted_r``."""
    last = dt.date(2026, 11, 24)
    sleep = ar1(rng, 1, n_days)[0]
    focus = ar1(rng, 1, n_days)[0] + planted_r / np.sqrt(1 - planted_r**2) * sleep
    cov = {k: 90 + 20 * ar1(rng, 1, n_days)[0] for k in COVERAGE_LEVERS.values()}
    days = []
    for i in range(n_days):
        d = last - dt.timedelta(days=n_days - 1 - i)
        mins = 480 + 45 * sleep[i]
        days.append({"date": d.isoformat(), "entries": [{"ndb_no": "01123"}],
                     "coverage_pct": {k: float(v[i]) for k, v in cov.items()},
                     "exercise": [{"type": "run", "duration_min": 30.0, "intensity": "vigorous"}] if i % 3 else
                                 [{"type": "resistance", "duration_min": 40.0, "intensity": "resistance"}],
                     "sleep": [{"start": f"{(d - dt.timedelta(days=1)).isoformat()}T23:00:00+01:00",
                                "end": (dt.datetime.combine(d - dt.timedelta(days=1), dt.time(23))
                                        + dt.timedelta(minutes=float(mins))).isoformat() + "+01:00",
                                "duration_min": float(mins)}],
                     "practices": [{"kind": "meditation", "duration_min": float(rng.integers(0, 20))}],
                     "stress": {"pss10": 15 + i // 30, "pss10_date": (d - dt.timedelta(days=i % 30)).isoformat()},
                     "ratings": {"focus": int(np.clip(round(6 + 1.5 * focus[i]), 1, 10)),
                                 **{k: int(rng.integers(3, 9)) for k in ("energy", "mood", "motivation")}}})
    return days


def pipeline(reps: int = 40) -> None:
    print(f"Full report (BH q <= 0.10 over all tests), {reps} journals each")
    for n_days, r in ((90, 0.0), (90, 0.4), (90, 0.5)):
        rng = np.random.default_rng(4)
        found = any_finding = 0
        for _ in range(reps):
            rep = run_insights(journal(n_days, rng, r), seed=int(rng.integers(1 << 30)))
            any_finding += bool(rep.findings)
            found += any(t.lever == "sleep_duration_h" and t.outcome == "focus" and t.lag == "same_day"
                         for t in rep.findings)
        print(f"  {n_days} days, planted r = {r}: planted found {cp(found, reps)}, any finding {cp(any_finding, reps)}")


def speed() -> None:
    print("Full report wall time (13 levers x 4 ratings x 3 lags, 4999 permutations each)")
    rng = np.random.default_rng(3)
    for n_days in (90, 180, 365):
        days = journal(n_days, rng)
        t = time.perf_counter()
        rep = run_insights(days)
        print(f"  {n_days} days: {time.perf_counter() - t:.2f} s, {rep.as_dict()['n_tests']} tests run")


if __name__ == "__main__":
    calibration()
    power()
    pipeline()
    speed()
