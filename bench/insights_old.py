"""The insights of commit 8cd4eb7 (day dicts, permutations over the whole range), kept as the baseline of
bench/bench_insights.py: series.py, stats.py and associations.py of that commit in one module, unchanged but for
their imports. Not part of norepi."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

# ---- insights/stats.py ----


import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

BLOCK_DAYS = 7  # block length of the permutation test
N_PERMUTATIONS = 4999  # -> smallest possible p = 1/5000
CONFIDENCE = 0.95


def ar1_coefficient(x: FloatArray) -> float:
    """Lag-1 autocorrelation of ``x`` over days where both t and t-1 are present (Yule-Walker AR(1)),
    clipped to [-0.95, 0.95]; 0 when too few pairs."""
    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    if present.sum() < 3:
        return 0.0
    c = x - np.nanmean(x)
    a, b = c[1:], c[:-1]
    both = ~np.isnan(a) & ~np.isnan(b)
    denom = float(np.nansum(c * c)) / present.sum()
    if both.sum() < 2 or denom <= 0:
        return 0.0
    phi = float(np.mean(a[both] * b[both])) / denom
    return float(np.clip(phi, -0.95, 0.95))


def prewhiten(x: FloatArray) -> FloatArray:
    """AR(1) innovations e_t = (x_t - m) - phi (x_{t-1} - m); NaN where x_t or x_{t-1} is missing (and at t=0).
    Box GEP, Jenkins GM. Time Series Analysis: Forecasting and Control, 1976 (prewhitening)."""
    x = np.asarray(x, dtype=float)
    out = np.full_like(x, np.nan)
    if x.size < 2 or np.all(np.isnan(x)):
        return out
    phi = ar1_coefficient(x)
    c = x - np.nanmean(x)
    out[1:] = c[1:] - phi * c[:-1]
    return out


def _centred(v: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(values centred on their mean with NaN -> 0, presence as 0/1 floats)."""
    present = ~np.isnan(v)
    c = np.where(present, v - (np.nanmean(v) if present.any() else 0.0), 0.0)
    return c, present.astype(float)


def _r_from_sums(k: FloatArray, sx: FloatArray, sy: FloatArray, sxx: FloatArray, syy: FloatArray,
                 sxy: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        vx = sxx - sx * sx / k
        vy = syy - sy * sy / k
        r = (sxy - sx * sy / k) / np.sqrt(vx * vy)
    r = np.where((k < 3) | (vx <= 1e-9 * sxx + 1e-12) | (vy <= 1e-9 * syy + 1e-12), np.nan, r)
    return np.clip(r, -1.0, 1.0)


def pearson_rows(x: FloatArray, y: FloatArray, index: IntArray | None = None) -> FloatArray:
    """Pearson r of ``x`` (n,) with ``y[index]`` for each row of ``index`` (k, n) -- or with ``y`` itself --
    over the days both are present; NaN when fewer than 3 pairs or no variation. Vectorised as matrix-vector
    products of the 0-filled series and their presence masks (no per-row Python)."""
    x0, mx = _centred(np.asarray(x, dtype=float))
    y0, my = _centred(np.asarray(y, dtype=float))
    if index is None:
        index = np.arange(y0.size)[None, :]
    ys, ms = y0[index], my[index]
    k = ms @ mx
    return _r_from_sums(k, ms @ x0, ys @ mx, ms @ (x0 * x0), (ys * ys) @ mx, ys @ x0)


def pearson(x: FloatArray, y: FloatArray) -> float:
    """Pearson r over the days both ``x`` and ``y`` are present (NaN if < 3 pairs or constant)."""
    return float(pearson_rows(x, y)[0])


def block_permutation_indices(n: int, block: int, count: int, rng: np.random.Generator) -> IntArray:
    """``count`` rows of day indices 0..n-1: the series cut into blocks of ``block`` days at a random circular
    offset, and the blocks put in random order (a block permutation that keeps within-block autocorrelation)."""
    n_blocks = -(-n // block)
    order = rng.permuted(np.broadcast_to(np.arange(n_blocks), (count, n_blocks)), axis=1)
    padded = np.arange(n_blocks * block).reshape(n_blocks, block)  # the last block may run past n
    rows = padded[order].reshape(count, -1)
    idx = rows[rows < n].reshape(count, n)  # every row keeps exactly the n real days, blocks in order
    offset = rng.integers(0, n, size=count)
    return ((idx + offset[:, None]) % n).astype(np.int64)


@dataclass(frozen=True)
class Association:
    """Association of a lever series with an outcome series at a lag.

    ``r`` is the correlation of the AR(1)-prewhitened series (the tested effect); ``p_value`` the two-sided
    block-permutation p, (1 + #{|r*| >= |r|}) / (1 + B) (Phipson & Smyth, Stat Appl Genet Mol Biol 2010;9:39);
    ``ci_low``/``ci_high`` a ``confidence`` interval for r on Fisher's z scale, r_z +- z_(1-a/2) x SD(z*) with
    SD(z*) the spread of the block-permutation distribution (the sampling SD of z near no effect, already
    widened by any leftover autocorrelation); ``r_raw`` and ``slope`` (outcome units per lever unit, least
    squares) describe the raw paired days and are not tested."""

    n_pairs: int
    r: float
    ci_low: float
    ci_high: float
    p_value: float
    r_raw: float
    slope: float
    n_permutations: int
    block_days: int


def ols_slope(x: FloatArray, y: FloatArray) -> float:
    """Least-squares slope of y on x over days both are present (NaN if x does not vary)."""
    m = ~np.isnan(x) & ~np.isnan(y)
    if m.sum() < 2:
        return float("nan")
    xc = x[m] - x[m].mean()
    sxx = float(xc @ xc)
    return float(xc @ (y[m] - y[m].mean()) / sxx) if sxx > 1e-12 else float("nan")


def associate(lever: FloatArray, outcome: FloatArray, rng: np.random.Generator, *, lag_days: int = 0,
              n_permutations: int = N_PERMUTATIONS, block_days: int = BLOCK_DAYS,
              confidence: float = CONFIDENCE) -> Association:
    """Test lever on day t vs outcome on day t + ``lag_days`` (equal-length daily series on one calendar,
    NaN = missing).

    Each series is AR(1)-prewhitened in its own time (``prewhiten``), then shifted by the lag; the null
    distribution comes from permuting ``block_days``-day blocks of the prewhitened outcome, so short-range
    dependence left after prewhitening is kept inside blocks."""
    return associate_many([lever], outcome, rng, lag_days=lag_days, n_permutations=n_permutations,
                          block_days=block_days, confidence=confidence)[0]


def associate_many(levers: Sequence[FloatArray], outcome: FloatArray, rng: np.random.Generator, *,
                   lag_days: int = 0, n_permutations: int = N_PERMUTATIONS, block_days: int = BLOCK_DAYS,
                   confidence: float = CONFIDENCE) -> list[Association]:
    """``associate`` for several levers against one outcome, sharing one set of block permutations of the
    outcome (each test stays exact on its own; the outcome is gathered once)."""
    outcome = np.asarray(outcome, dtype=float)
    n_all = outcome.size
    if not levers:
        return []
    if lag_days < 0 or lag_days >= n_all:
        raise ValueError("0 <= lag_days < length needed")
    end = n_all - lag_days
    y = outcome[lag_days:]
    ey = prewhiten(outcome)[lag_days:]
    y0, my = _centred(ey)
    perm = block_permutation_indices(end, block_days, n_permutations, rng)
    half_q = NormalDist().inv_cdf(0.5 + confidence / 2)
    nan = float("nan")
    out: list[Association | None] = []
    columns: list[FloatArray] = []  # per tested lever: presence, centred values, squares (3 columns)
    observed: list[tuple[int, float, float, float]] = []
    for lever in levers:
        lever = np.asarray(lever, dtype=float)
        if lever.shape != outcome.shape:
            raise ValueError("lever and outcome need the same length")
        x = lever[:end]
        ex = prewhiten(lever)[:end]
        n_pairs = int((~np.isnan(x) & ~np.isnan(y)).sum())
        r, r_raw, slope = pearson(ex, ey), pearson(x, y), ols_slope(x, y)
        if np.isnan(r):
            out.append(Association(n_pairs, r, nan, nan, nan, r_raw, slope, 0, block_days))
            continue
        x0, mx = _centred(ex)
        columns += [mx, x0, x0 * x0]
        observed.append((n_pairs, r, r_raw, slope))
        out.append(None)
    if columns:
        # all permutation sums of all levers in one matrix product: [ms; ys; ys^2] (3B x n) @ X (n x 3L)
        ys, ms = y0[perm], my[perm]
        sums = np.vstack([ms, ys, ys * ys]) @ np.column_stack(columns)
        b_ = perm.shape[0]
        m_s, y_s, y2_s = sums[:b_], sums[b_:2 * b_], sums[2 * b_:]
        for j, (n_pairs, r, r_raw, slope) in enumerate(observed):
            c = 3 * j
            r_perm = _r_from_sums(m_s[:, c], m_s[:, c + 1], y_s[:, c], m_s[:, c + 2], y2_s[:, c], y_s[:, c + 1])
            r_perm = r_perm[~np.isnan(r_perm)]
            slot = out.index(None)
            if r_perm.size == 0:
                out[slot] = Association(n_pairs, r, nan, nan, nan, r_raw, slope, 0, block_days)
                continue
            exceed = int((np.abs(r_perm) >= abs(r) - 1e-12).sum())
            p = (1 + exceed) / (1 + r_perm.size)
            half = half_q * float(np.std(np.arctanh(np.clip(r_perm, -0.999999, 0.999999))))
            z = float(np.arctanh(np.clip(r, -0.999999, 0.999999)))
            out[slot] = Association(n_pairs, r, math.tanh(z - half), math.tanh(z + half), p, r_raw, slope,
                                    int(r_perm.size), block_days)
    return [a for a in out if a is not None]


def benjamini_hochberg(p_values: FloatArray) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (q-values) over the non-NaN entries; NaN stays NaN.
    q_(i) = min_{j >= i} min(1, m p_(j) / j). Benjamini Y, Hochberg Y. J R Stat Soc B 1995;57:289."""
    p = np.asarray(p_values, dtype=float)
    q = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q
    pv = p[ok]
    order = np.argsort(pv, kind="stable")
    ranked = pv[order] * m / np.arange(1, m + 1)
    adj = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    out = np.empty(m)
    out[order] = adj
    q[ok] = out
    return q


def difference_in_means(y: FloatArray, labels: NDArray[np.bool_]) -> float:
    """mean(y | label) - mean(y | not label) over present days (NaN when a group is empty)."""
    m = ~np.isnan(y)
    a, b = y[m & labels], y[m & ~labels]
    return float(a.mean() - b.mean()) if a.size and b.size else float("nan")
# ---- insights/series.py ----


import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


COFACTORS: tuple[str, ...] = ("iron_mg", "vitamin_b6_mg", "copper_mg", "vitamin_c_mg", "folate_dfe_ug",
                              "magnesium_mg")
PRECURSOR = "phe_tyr_mg"
# lever name (units in the name) -> nutrient key of coverage_pct
COVERAGE_LEVERS: dict[str, str] = {
    "phe_tyr_coverage_pct": PRECURSOR,
    "iron_coverage_pct": "iron_mg",
    "vitamin_b6_coverage_pct": "vitamin_b6_mg",
    "copper_coverage_pct": "copper_mg",
    "vitamin_c_coverage_pct": "vitamin_c_mg",
    "folate_coverage_pct": "folate_dfe_ug",
    "magnesium_coverage_pct": "magnesium_mg",
}
LIFESTYLE_LEVERS: tuple[str, ...] = ("vigorous_min", "resistance_day", "sleep_duration_h", "sleep_regularity_sri",
                                     "practice_min", "pss10_score")
LEVERS: tuple[str, ...] = (*COVERAGE_LEVERS, *LIFESTYLE_LEVERS)
OUTCOMES: tuple[str, ...] = ("focus", "energy", "mood", "motivation")  # self-ratings 1-10
LEVER_LABELS: dict[str, str] = {
    "phe_tyr_coverage_pct": "phenylalanine+tyrosine, % of target",
    "iron_coverage_pct": "iron, % of target",
    "vitamin_b6_coverage_pct": "vitamin B6, % of target",
    "copper_coverage_pct": "copper, % of target",
    "vitamin_c_coverage_pct": "vitamin C, % of target",
    "folate_coverage_pct": "folate, % of target",
    "magnesium_coverage_pct": "magnesium, % of target",
    "vigorous_min": "vigorous exercise, min",
    "resistance_day": "resistance session (1 = yes)",
    "sleep_duration_h": "sleep, h",
    "sleep_regularity_sri": "Sleep Regularity Index (7 days)",
    "practice_min": "meditation / breathing / nature, min",
    "pss10_score": "PSS-10 (0-40)",
}
PSS10_VALID_DAYS = 28
SRI_WINDOW_DAYS = 7
SRI_MIN_PAIRS = 4  # of the 6 consecutive-day pairs in a 7-day window
VIGOROUS_CLASSES = frozenset({"vigorous", "hiit"})
HARD_CLASSES = frozenset({"vigorous", "hiit", "resistance"})


@dataclass(frozen=True)
class DaySeries:
    """Daily series on one calendar (``dates``, consecutive), NaN = missing."""

    dates: tuple[dt.date, ...]
    levers: dict[str, FloatArray] = field(default_factory=dict)
    outcomes: dict[str, FloatArray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.dates)


def _num(v: Any) -> float:
    if v is None or isinstance(v, bool):
        return float("nan")
    try:
        f = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return f if np.isfinite(f) else float("nan")


def _parse_time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def has_food(day: Mapping[str, Any]) -> bool:
    """Whether the day has any food entries (otherwise its nutrition is missing, not zero)."""
    return bool(day.get("entries"))


def session_minutes(session: Mapping[str, Any]) -> tuple[float, float]:
    """(vigorous min, total min) of one exercise session: vigorous minutes by heart-rate band when the journal
    gives ``minutes_by_band``, else the whole session when its class is vigorous or HIIT."""
    total = _num(session.get("duration_min"))
    total = 0.0 if np.isnan(total) else total
    bands = session.get("minutes_by_band")
    if isinstance(bands, Mapping) and bands:
        vig = _num(bands.get("vigorous", 0.0))
        return (0.0 if np.isnan(vig) else vig), total
    return (total if session.get("intensity") in VIGOROUS_CLASSES else 0.0), total


def practice_minutes(p: Mapping[str, Any]) -> float:
    v = _num(p.get("duration_min", p.get("minutes")))
    return 0.0 if np.isnan(v) else v


def sleep_hours(day: Mapping[str, Any]) -> float:
    """Hours asleep in the night ending on the day (NaN when none logged)."""
    nights = day.get("sleep") or []
    if not nights:
        return float("nan")
    mins = [_num(n.get("duration_min")) for n in nights]
    mins = [m for m in mins if not np.isnan(m)]
    return sum(mins) / 60.0 if mins else float("nan")


def _calendar(days: Sequence[Mapping[str, Any]]) -> tuple[tuple[dt.date, ...], dict[dt.date, Mapping[str, Any]]]:
    by_date = {dt.date.fromisoformat(str(d["date"])): d for d in days}
    if not by_date:
        return (), {}
    first, last = min(by_date), max(by_date)
    dates = tuple(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return dates, by_date


def _tracked_span(dates: Sequence[dt.date], present: Sequence[bool]) -> FloatArray:
    """1.0 between the first and last True (inclusive), NaN elsewhere."""
    flags = np.asarray(present, dtype=bool)
    out = np.full(len(dates), np.nan)
    if flags.any():
        idx = np.flatnonzero(flags)
        out[idx[0]:idx[-1] + 1] = 1.0
    return out


def asleep_grid(dates: Sequence[dt.date], by_date: Mapping[dt.date, Mapping[str, Any]],
                epoch_min: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Days x epochs asleep grid from local midnight (the clock of each record), and a per-day flag whether
    the day is fully known (the nights ending on the day and on the next day are both logged)."""
    per_day = 24 * 60 // epoch_min
    n = len(dates)
    grid = np.zeros((n + 1) * per_day, dtype=bool)
    logged = np.zeros(n + 1, dtype=bool)
    origin = dt.datetime.combine(dates[0], dt.time()) if dates else dt.datetime.min
    for i, d in enumerate(dates):
        for night in by_date.get(d, {}).get("sleep") or []:
            a, b = _parse_time(night.get("start")), _parse_time(night.get("end"))
            if a is None or b is None or b <= a:
                continue
            logged[i] = True
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)  # local wall clock of the record
            i0 = max(0, int(np.ceil((a - origin).total_seconds() / 60 / epoch_min)))
            i1 = min(grid.size, int(np.ceil((b - origin).total_seconds() / 60 / epoch_min)))
            if i1 > i0:
                grid[i0:i1] = True
    known = logged[:n] & logged[1:n + 1]
    return grid[: n * per_day].reshape(n, per_day), known


def rolling_sri(dates: Sequence[dt.date], by_date: Mapping[dt.date, Mapping[str, Any]],
                window_days: int = SRI_WINDOW_DAYS, min_pairs: int = SRI_MIN_PAIRS) -> FloatArray:
    """Sleep Regularity Index over the ``window_days`` ending each day: -100 + 200 x the share of epochs in the
    same state (asleep/awake) 24 h apart, over consecutive known day pairs (Phillips AJK et al. Sci Rep
    2017;7:3216); NaN with fewer than ``min_pairs`` known pairs."""
    n = len(dates)
    out = np.full(n, np.nan)
    if n < 2:
        return out
    grid, known = asleep_grid(dates, by_date)
    same = (grid[1:] == grid[:-1]).mean(axis=1)  # pair (d-1, d) at index d-1
    pair_ok = known[1:] & known[:-1]
    for t in range(1, n):
        lo = max(0, t - (window_days - 1))
        ok = pair_ok[lo:t]
        if ok.sum() >= min_pairs:
            out[t] = -100.0 + 200.0 * float(same[lo:t][ok].mean())
    return out


def rolling_mean(x: FloatArray, window_days: int = 7, min_present: int = 4) -> FloatArray:
    """Mean of the ``window_days`` days ending each day over the days present; NaN with < ``min_present``."""
    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    csum = np.concatenate(([0.0], np.cumsum(np.where(present, x, 0.0))))
    ccount = np.concatenate(([0], np.cumsum(present)))
    hi = np.arange(1, x.size + 1)
    lo = np.maximum(0, hi - window_days)
    count = ccount[hi] - ccount[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (csum[hi] - csum[lo]) / count
    return np.where(count >= min_present, mean, np.nan)


def build_series(days: Sequence[Mapping[str, Any]]) -> DaySeries:
    """Aligned lever and outcome series from day dicts (any order; calendar gaps become NaN days)."""
    dates, by_date = _calendar(days)
    n = len(dates)
    levers: dict[str, FloatArray] = {k: np.full(n, np.nan) for k in LEVERS}
    outcomes: dict[str, FloatArray] = {k: np.full(n, np.nan) for k in OUTCOMES}
    ex_present, pr_present = [], []
    vig, res, prac = np.zeros(n), np.zeros(n), np.zeros(n)
    for i, d in enumerate(dates):
        day = by_date.get(d, {})
        if has_food(day):
            cov = day.get("coverage_pct") or {}
            for lever, key in COVERAGE_LEVERS.items():
                levers[lever][i] = _num(cov.get(key))
        sessions = day.get("exercise") or []
        ex_present.append(bool(sessions))
        for s in sessions:
            vig[i] += session_minutes(s)[0]
            if s.get("intensity") == "resistance" or s.get("type") == "resistance":
                res[i] = 1.0
        practices = day.get("practices") or []
        pr_present.append(bool(practices))
        prac[i] = sum(practice_minutes(p) for p in practices)
        levers["sleep_duration_h"][i] = sleep_hours(day)
        stress = day.get("stress") or {}
        score = _num(stress.get("pss10"))
        taken = stress.get("pss10_date")
        if not np.isnan(score) and taken:
            try:
                age = (d - dt.date.fromisoformat(str(taken))).days
            except ValueError:
                age = 0
            score = score if 0 <= age <= PSS10_VALID_DAYS else float("nan")
        levers["pss10_score"][i] = score
        ratings = day.get("ratings") or {}
        for k in OUTCOMES:
            v = _num(ratings.get(k))
            outcomes[k][i] = v if 1.0 <= v <= 10.0 else float("nan")
    ex_span, pr_span = _tracked_span(dates, ex_present), _tracked_span(dates, pr_present)
    levers["vigorous_min"] = vig * ex_span
    levers["resistance_day"] = res * ex_span
    levers["practice_min"] = prac * pr_span
    levers["sleep_regularity_sri"] = rolling_sri(dates, by_date)
    return DaySeries(dates, levers, outcomes)


def pss10_tests(days: Sequence[Mapping[str, Any]]) -> int:
    """Number of distinct PSS-10 questionnaires seen in the days."""
    seen = {(d.get("stress") or {}).get("pss10_date") for d in days}
    return len({s for s in seen if s})
# ---- insights/associations.py ----


import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


MIN_PAIRED_DAYS = 21
MIN_PSS10_TESTS = 3  # a monthly questionnaire: fewer distinct answers carry almost no information
FDR_Q = 0.10
# lag name -> (days the outcome follows the lever, lever is the 7-day rolling mean)
LAGS: dict[str, tuple[int, bool]] = {"same_day": (0, False), "next_day": (1, False), "rolling_7d": (0, True)}
LAG_LABELS = {"same_day": "same day", "next_day": "next day", "rolling_7d": "7-day mean up to that day"}
CAVEAT = ("Association, not causation: other things change along with these levers. Findings are screened for "
          "chance (false discovery rate) but not for confounding; a planned experiment (norepi experiment) tests "
          "one lever properly.")
METHOD = {
    "effect": "Pearson r of AR(1)-prewhitened daily series (Box & Jenkins 1976)",
    "p_value": f"two-sided block permutation, {BLOCK_DAYS}-day blocks",
    "interval": f"{CONFIDENCE:.0%} interval for r on Fisher's z scale with the spread of the block-permutation "
                "distribution",
    "multiple_testing": "Benjamini-Hochberg false discovery rate over all tests run (Benjamini & Hochberg 1995)",
    "lags": {k: LAG_LABELS[k] for k in LAGS},
}


@dataclass
class AssociationResult:
    """One lever x outcome x lag test. Effect fields are None when the test did not run (``status``)."""

    lever: str
    outcome: str
    lag: str
    n_pairs: int
    missing_days: int
    status: str  # "tested" | "insufficient"
    reason: str = ""
    r: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    finding: bool = False
    r_raw: float | None = None
    slope_per_unit: float | None = None
    series: dict[str, list[Any]] = field(default_factory=dict)

    def as_dict(self, with_series: bool = False) -> dict[str, Any]:
        r4 = lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else round(v, 4)  # noqa: E731
        out: dict[str, Any] = {
            "lever": self.lever, "lever_label": LEVER_LABELS.get(self.lever, self.lever), "outcome": self.outcome,
            "lag": self.lag, "n_pairs": self.n_pairs, "missing_days": self.missing_days, "status": self.status,
            "reason": self.reason, "r": r4(self.r), "ci_low": r4(self.ci_low), "ci_high": r4(self.ci_high),
            "p_value": r4(self.p_value), "q_value": r4(self.q_value), "finding": self.finding,
            "r_raw": r4(self.r_raw), "slope_per_unit": r4(self.slope_per_unit),
        }
        if with_series:
            out["series"] = self.series
        return out


@dataclass
class InsightReport:
    """All tests over a date range; ``findings`` are the tests with q <= ``fdr_q``."""

    start: str | None
    end: str | None
    n_days: int
    tests: list[AssociationResult]
    min_paired_days: int = MIN_PAIRED_DAYS
    fdr_q: float = FDR_Q
    n_permutations: int = N_PERMUTATIONS
    seed: int = 0

    @property
    def findings(self) -> list[AssociationResult]:
        return sorted((t for t in self.tests if t.finding), key=lambda t: (t.q_value or 1.0, -abs(t.r or 0.0)))

    def as_dict(self) -> dict[str, Any]:
        tested = [t for t in self.tests if t.status == "tested"]
        return {
            "start": self.start, "end": self.end, "n_days": self.n_days, "caveat": CAVEAT,
            "method": {**METHOD, "min_paired_days": self.min_paired_days, "fdr_q": self.fdr_q,
                       "n_permutations": self.n_permutations, "seed": self.seed},
            "n_tests": len(tested), "n_insufficient": len(self.tests) - len(tested),
            "findings": [t.as_dict(with_series=True) for t in self.findings],
            "tests": [t.as_dict() for t in self.tests],
        }


def _paired_series(s: DaySeries, x: np.ndarray, y: np.ndarray, lag: int) -> dict[str, list[Any]]:
    """Dates (of the outcome), lever and outcome values of the paired days, for a chart."""
    out: dict[str, list[Any]] = {"date": [], "lever": [], "outcome": []}
    for t in range(len(s) - lag):
        a, b = x[t], y[t + lag]
        if not (np.isnan(a) or np.isnan(b)):
            out["date"].append(s.dates[t + lag].isoformat())
            out["lever"].append(round(float(a), 3))
            out["outcome"].append(round(float(b), 3))
    return out


def run_insights(days: Sequence[Mapping[str, Any]], *, seed: int = 0, n_permutations: int = N_PERMUTATIONS,
                 min_paired_days: int = MIN_PAIRED_DAYS, fdr_q: float = FDR_Q,
                 levers: Sequence[str] = LEVERS, outcomes: Sequence[str] = OUTCOMES,
                 lags: Sequence[str] = tuple(LAGS)) -> InsightReport:
    """Every lever x outcome x lag test over the day dicts (see module docstring); deterministic for a seed."""
    s = build_series(days)
    rng = np.random.default_rng(seed)
    n_pss = pss10_tests(days)
    n = len(s)
    results: dict[tuple[str, str, str], AssociationResult] = {}
    for lag_name in lags:
        lag, rolling = LAGS[lag_name]
        xs = {lever: rolling_mean(s.levers[lever]) if rolling else s.levers[lever] for lever in levers}
        for outcome in outcomes:
            y = s.outcomes[outcome]
            runnable: list[str] = []
            for lever, x in xs.items():
                a, b = (x[: n - lag], y[lag:]) if n > lag else (x[:0], y[:0])
                both = ~np.isnan(a) & ~np.isnan(b)
                pairs = int(both.sum())
                res = AssociationResult(lever, outcome, lag_name, pairs, max(0, n - lag - pairs), "insufficient")
                results[(lever, outcome, lag_name)] = res
                if pairs < max(min_paired_days, 3):
                    res.reason = f"{pairs} paired days; at least {min_paired_days} needed"
                elif lever == "pss10_score" and n_pss < MIN_PSS10_TESTS:
                    res.reason = f"{n_pss} PSS-10 questionnaire(s); at least {MIN_PSS10_TESTS} needed"
                elif np.ptp(a[both]) == 0 or np.ptp(b[both]) == 0:
                    res.reason = "no variation on the paired days"
                else:
                    runnable.append(lever)
            found = associate_many([xs[lv] for lv in runnable], y, rng, lag_days=lag,
                                   n_permutations=n_permutations)
            for lever, assoc in zip(runnable, found, strict=True):
                res = results[(lever, outcome, lag_name)]
                if np.isnan(assoc.p_value):
                    res.reason = "too few consecutive days to remove day-to-day carry-over"
                    continue
                res.status = "tested"
                res.r, res.ci_low, res.ci_high, res.p_value = assoc.r, assoc.ci_low, assoc.ci_high, assoc.p_value
                res.r_raw, res.slope_per_unit = assoc.r_raw, assoc.slope
                res.series = _paired_series(s, xs[lever], y, lag)
    tests = [results[(lever, outcome, lag_name)] for lever in levers for lag_name in lags for outcome in outcomes]
    tested = [t for t in tests if t.status == "tested"]
    q = benjamini_hochberg(np.array([t.p_value for t in tested], dtype=float))
    for t, qv in zip(tested, q, strict=True):
        t.q_value = float(qv)
        t.finding = bool(qv <= fdr_q)
    for t in tests:
        if not t.finding:
            t.series = {}
    start = s.dates[0].isoformat() if s.dates else None
    end = s.dates[-1].isoformat() if s.dates else None
    return InsightReport(start, end, len(s), tests, min_paired_days, fdr_q, n_permutations, seed)
