"""n-of-1 insights: each lever vs each self-rating at declared lags, with honest uncertainty.

Method (per test): AR(1)-prewhitened Pearson r (Box & Jenkins 1976), two-sided p from a 7-day block
permutation (blocks keep the within-week dependence, cf. the moving-block bootstrap of Künsch 1989) and a
95 % interval on Fisher's z scale from the permutation spread; Benjamini-Hochberg FDR over all tests run
(Benjamini & Hochberg 1995). A test runs only with at least ``MIN_PAIRED_DAYS`` paired days; missing days are
left out, never counted as zero. An association, not causation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from norepi.insights.series import LEVER_LABELS, LEVERS, OUTCOMES, DaySeries, build_series, pss10_tests, rolling_mean
from norepi.insights.stats import (
    BLOCK_DAYS,
    CONFIDENCE,
    N_PERMUTATIONS,
    associate_many,
    benjamini_hochberg,
)

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
