"""n-of-1 insights: each lever vs each outcome at declared lags, with honest uncertainty.

``find_associations(days) -> InsightsReport``. Outcomes are the ratings present in the days, each on the
person's own scale (range and which end is better, never re-scaled), and the daily physiological observations;
levers are food coverage, exercise, sleep, practices, the PSS-10 and the observations (an observation is not
tested against another observation).

Method (per test): AR(1)-prewhitened Pearson r (Box & Jenkins 1976), two-sided p from a 7-day block permutation
of the paired days (blocks keep the within-week dependence, cf. the moving-block bootstrap of Künsch 1989) and a
95 % interval on Fisher's z scale from the permutation spread; Benjamini-Hochberg FDR over all tests run
(Benjamini & Hochberg 1995). Only days on which both the lever and the outcome are known take part: a range
padded with days on which nothing was logged gives the same p-values. A test runs only with at least
``MIN_PAIRED_DAYS`` paired days, ``MIN_DAYS_EACH_SIDE`` of them on each side of the lever's (and the outcome's)
median, and ``MIN_CONSECUTIVE_PAIRS`` paired days whose previous day is paired too. An association, not causation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from norepi.days.summary import DaySummary
from norepi.errors import InputError
from norepi.insights.series import DaySeries, Variable, VariableKind, build_series, rolling_mean
from norepi.insights.stats import (
    BLOCK_DAYS,
    CONFIDENCE,
    N_PERMUTATIONS,
    FloatArray,
    PairedSet,
    Permutations,
    benjamini_hochberg,
    ols_slope,
    paired_sets,
    pearson,
    permutation_test,
    prewhiten,
)

MIN_PAIRED_DAYS = 21
# A stated rule, not a published one: with fewer than 7 days that differ from the rest, one or two unusual days
# decide r (a lever with two non-zero days is not tested). Split at the median; for a lever that is mostly 0 the
# days on the other side are its non-zero days.
MIN_DAYS_EACH_SIDE = 7
# Prewhitening needs the day before: the test runs over paired days whose previous day is paired too.
MIN_CONSECUTIVE_PAIRS = 14
MIN_PSS10_TESTS = 3  # a monthly questionnaire: fewer distinct answers carry almost no information
FDR_Q = 0.10
N_STRONGEST = 3
CAVEAT = ("Association, not causation: other things change along with these levers. Results are screened for "
          "chance (false discovery rate) but not for confounding; a planned experiment tests one lever properly.")


class Lag(StrEnum):
    """When the outcome is read relative to the lever."""

    SAME_DAY = "same_day"
    NEXT_DAY = "next_day"
    ROLLING_7D = "rolling_7d"

    @property
    def days(self) -> int:
        """Days from the lever to the outcome."""
        return 1 if self is Lag.NEXT_DAY else 0

    @property
    def rolling(self) -> bool:
        """Whether the lever is its mean over the 7 days up to the outcome's day (at least 4 known)."""
        return self is Lag.ROLLING_7D

    @property
    def label(self) -> str:
        return _LAG_LABELS[self]


_LAG_LABELS = {Lag.SAME_DAY: "same day", Lag.NEXT_DAY: "next day", Lag.ROLLING_7D: "7-day mean up to that day"}


class TestStatus(StrEnum):
    """Whether a test ran."""

    __test__ = False  # not a pytest class
    TESTED = "tested"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class PairedDay:
    """One paired day for a chart: the outcome's date, the lever's value (the day before for the next-day lag,
    the 7-day mean for the rolling lag) and the outcome."""

    date: dt.date
    lever: float
    outcome: float


@dataclass(frozen=True)
class Method:
    """The settings a report was made with, and what each step is."""

    min_paired_days: int = MIN_PAIRED_DAYS
    min_days_each_side: int = MIN_DAYS_EACH_SIDE
    min_consecutive_pairs: int = MIN_CONSECUTIVE_PAIRS
    fdr_q: float = FDR_Q
    n_permutations: int = N_PERMUTATIONS
    block_days: int = BLOCK_DAYS
    confidence: float = CONFIDENCE
    seed: int = 0
    effect: str = "Pearson r of AR(1)-prewhitened daily series (Box & Jenkins 1976), over the paired days"
    p_value: str = f"two-sided block permutation of the paired days, {BLOCK_DAYS}-day blocks"
    interval: str = (f"{CONFIDENCE:.0%} interval for r on Fisher's z scale with the spread of the block-permutation "
                     "distribution")
    multiple_testing: str = "Benjamini-Hochberg false discovery rate over all tests run (Benjamini & Hochberg 1995)"


@dataclass(frozen=True)
class AssociationResult:
    """One lever x outcome x lag test. ``n_pairs`` days have both values (``missing_days`` of the range do not);
    the effect fields are None when the test did not run (``status``, ``reason``; ``more_days_needed`` paired days
    would make it run when too few were the reason). ``series`` holds the paired days of the reported tests."""

    lever: Variable
    outcome: Variable
    lag: Lag
    n_pairs: int
    missing_days: int
    status: TestStatus
    reason: str = ""
    more_days_needed: int = 0
    n_tested: int = 0
    r: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    finding: bool = False
    r_raw: float | None = None
    slope_per_unit: float | None = None
    series: tuple[PairedDay, ...] = ()

    @property
    def better(self) -> bool | None:
        """Whether more of the lever went with the better end of the outcome (None: not tested, no effect, or
        an outcome without a better end)."""
        if self.r is None or self.r == 0 or self.outcome.higher_is_better is None:
            return None
        return (self.r > 0) == self.outcome.higher_is_better

    def sentence(self, fdr_q: float = FDR_Q) -> str:
        """The result in plain words, with its interval and whether it is established at ``fdr_q``."""
        lever, outcome = self.lever, self.outcome
        if self.status is not TestStatus.TESTED or self.r is None:
            return f"{lever.label} and {outcome.label} ({self.lag.label}): not tested, {self.reason}."
        way = "higher" if self.r > 0 else "lower"
        if self.lag is Lag.SAME_DAY:
            text = f"On days with {lever.more}, {outcome.label} was {way}"
        elif self.lag is Lag.NEXT_DAY:
            text = f"After days with {lever.more}, {outcome.label} was {way} the next day"
        else:
            text = f"When the 7-day average of {lever.label} was higher, {outcome.label} was {way}"
        if self.better is not None:
            text += f" ({'better' if self.better else 'worse'}: {outcome.direction})"
        q = self.q_value if self.q_value is not None else float("nan")
        verdict = (f"established at a {fdr_q:.0%} false discovery rate" if self.finding
                   else "not established (could be chance)")
        return (f"{text}. r = {self.r:+.2f} (95% interval {self.ci_low:+.2f} to {self.ci_high:+.2f}) over "
                f"{self.n_pairs} paired days; q = {_two_digits(q)}: {verdict}.")


def _two_digits(v: float) -> str:
    """Two significant digits, no exponent (0.013, 0.41, 1)."""
    if not math.isfinite(v) or v <= 0:
        return f"{v:g}"
    digits = max(0, 1 - math.floor(math.log10(v)))
    return f"{round(v, digits):.{digits}f}"


@dataclass(frozen=True)
class Readiness:
    """How far the journal is from insights: days with a rating, tests run, and the fewest more paired days any
    test still needs (0 once a test ran), in one sentence."""

    rated_days: int
    tests_run: int
    more_days_needed: int
    message: str


@dataclass(frozen=True)
class InsightsReport:
    """Every test over a date range. ``findings`` are the tests with q <= ``method.fdr_q``; ``strongest`` the
    ``N_STRONGEST`` smallest p-values whether or not they are established (their ``sentence`` says which)."""

    start: dt.date | None
    end: dt.date | None
    n_days: int
    levers: tuple[Variable, ...]
    outcomes: tuple[Variable, ...]
    tests: tuple[AssociationResult, ...]
    strongest: tuple[AssociationResult, ...]
    readiness: Readiness
    method: Method
    caveat: str = CAVEAT

    @property
    def findings(self) -> tuple[AssociationResult, ...]:
        return tuple(sorted((t for t in self.tests if t.finding),
                            key=lambda t: (t.q_value or 1.0, -abs(t.r or 0.0))))

    @property
    def n_tests(self) -> int:
        return sum(t.status is TestStatus.TESTED for t in self.tests)

    @property
    def n_insufficient(self) -> int:
        return len(self.tests) - self.n_tests


def days_each_side(v: FloatArray) -> int:
    """Days on the smaller side of a split at the median, the split (ties with the lower or the upper side)
    that balances best: about half the days for a continuous value, the non-zero days for one mostly at zero."""
    if v.size == 0:
        return 0
    med = float(np.median(v))
    below, above = int((v < med).sum()), int((v > med).sum())
    at = v.size - below - above
    return max(min(below + at, above), min(below, above + at))


@dataclass
class _Pending:
    key: tuple[str, str, Lag]
    lever_x: FloatArray
    outcome_y: FloatArray


def _outcome_span(s: DaySeries, levers: Sequence[Variable], outcomes: Sequence[Variable]) -> tuple[int, int]:
    """Calendar indices [lo, hi) from the day before the first known outcome (or the first day after it with
    anything known) to the last known outcome: nothing outside can pair with an outcome, so the series are cut
    to it, and days added around a range change no statistic, not even in the last digit."""
    known = np.zeros(len(s), dtype=bool)
    for v in outcomes:
        known |= ~np.isnan(s.outcomes[v.name])
    if not known.any():
        return 0, 0
    idx = np.flatnonzero(known)
    lo, hi = max(0, int(idx[0]) - 1), int(idx[-1]) + 1
    if lo < idx[0] and not any(not np.isnan(s.levers[v.name][lo]) for v in levers):
        lo += 1
    return lo, hi


def _choose(names: Sequence[str] | None, known: dict[str, Variable], what: str) -> list[Variable]:
    if names is None:
        return list(known.values())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(f"{', '.join(unknown)}: not among the {what} of these days ({', '.join(known) or 'none'})",
                         field=what)
    return [known[n] for n in names]


def _readiness(s: DaySeries, tests: Sequence[AssociationResult], min_paired_days: int) -> Readiness:
    rated = int(sum(any(not np.isnan(s.outcomes[v][i]) for v, var in s.outcome_variables.items()
                        if var.kind is VariableKind.RATING) for i in range(len(s))))
    run = sum(t.status is TestStatus.TESTED for t in tests)
    if run:
        return Readiness(rated, run, 0, f"{run} comparisons over {len(s)} days.")
    if not s.outcomes:
        return Readiness(0, 0, min_paired_days, f"No ratings yet: rate your day on at least {min_paired_days} days; "
                         "insights compare your ratings with what you log.")
    needs = [t.more_days_needed for t in tests if t.more_days_needed > 0]
    if needs:
        more = min(needs)
        return Readiness(rated, 0, more, f"{more} more days with a rating and something logged are needed (at "
                         f"least {min_paired_days} paired days per comparison; {rated} days rated so far).")
    return Readiness(rated, 0, 0, "Enough days, but what you logged barely varied: no comparison could run yet.")


def find_associations(days: Sequence[DaySummary], *, seed: int = 0, n_permutations: int = N_PERMUTATIONS,
                      min_paired_days: int = MIN_PAIRED_DAYS, min_days_each_side: int = MIN_DAYS_EACH_SIDE,
                      fdr_q: float = FDR_Q, levers: Sequence[str] | None = None,
                      outcomes: Sequence[str] | None = None, lags: Sequence[Lag | str] = tuple(Lag),
                      n_strongest: int = N_STRONGEST) -> InsightsReport:
    """Every lever x outcome x lag test over the days (see the module docstring); deterministic for a seed.
    ``levers`` and ``outcomes`` restrict the tests by name (an unknown name is an InputError)."""
    s = build_series(days)
    n = len(s)
    lever_vars = _choose(levers, {k: v for k, v in s.lever_variables.items()}, "levers")
    outcome_vars = _choose(outcomes, dict(s.outcome_variables), "outcomes")
    lag_list = [Lag(g) for g in lags]
    method = Method(min_paired_days, min_days_each_side, MIN_CONSECUTIVE_PAIRS, fdr_q, n_permutations, seed=seed)
    results: dict[tuple[str, str, Lag], AssociationResult] = {}
    jobs: list[tuple[PairedSet, list[_Pending]]] = []
    lo, hi = _outcome_span(s, lever_vars, outcome_vars)
    for lag in lag_list:
        end = max(0, hi - lo - lag.days)
        missing_base = max(0, n - lag.days)
        xs = {v.name: (rolling_mean(s.levers[v.name]) if lag.rolling else s.levers[v.name])[lo:hi]
              for v in lever_vars}
        white = {name: prewhiten(x)[:end] for name, x in xs.items()}
        for ov in outcome_vars:
            y = s.outcomes[ov.name][lo:hi]
            b = y[lag.days:lag.days + end]
            pending: list[_Pending] = []
            for lv in lever_vars:
                if lv.name == ov.name or (lv.kind is VariableKind.OBSERVATION and ov.kind is VariableKind.OBSERVATION):
                    continue
                key = (lv.name, ov.name, lag)
                a = xs[lv.name][:end]
                both = ~np.isnan(a) & ~np.isnan(b)
                pairs = int(both.sum())
                res = AssociationResult(lv, ov, lag, pairs, missing_base - pairs, TestStatus.INSUFFICIENT)
                if np.isnan(s.levers[lv.name]).all():
                    res = replace(res, reason=f"no {lv.label} logged in these days")
                elif pairs < max(min_paired_days, 3):
                    more = max(min_paired_days, 3) - pairs
                    res = replace(res, reason=f"{pairs} paired days; at least {min_paired_days} needed ({more} more)",
                                  more_days_needed=more)
                elif lv.name == "pss10_score" and s.pss10_questionnaires < MIN_PSS10_TESTS:
                    res = replace(res, reason=f"{s.pss10_questionnaires} PSS-10 questionnaire(s); at least "
                                  f"{MIN_PSS10_TESTS} needed")
                elif (side := days_each_side(a[both])) < min_days_each_side:
                    res = replace(res, reason=f"{lv.label} differs from its usual value on only {side} of the "
                                  f"{pairs} paired days; at least {min_days_each_side} on each side needed")
                elif (side := days_each_side(b[both])) < min_days_each_side:
                    res = replace(res, reason=f"{ov.label} differs from its usual value on only {side} of the "
                                  f"{pairs} paired days; at least {min_days_each_side} on each side needed")
                else:
                    pending.append(_Pending(key, a, b))
                results[key] = res
            if pending:
                ey = prewhiten(y)[lag.days:]
                for ps in paired_sets([white[p.key[0]] for p in pending], ey):
                    jobs.append((ps, [pending[j] for j in ps.members]))
    perms = Permutations(seed, n_permutations, BLOCK_DAYS)
    for ps, members in sorted(jobs, key=lambda job: job[0].k):  # each length of permutations drawn once
        if ps.k < MIN_CONSECUTIVE_PAIRS:
            for p in members:
                results[p.key] = replace(results[p.key], n_tested=ps.k, reason=(
                    f"only {ps.k} paired days follow a paired day (needed to remove day-to-day carry-over); at least "
                    f"{MIN_CONSECUTIVE_PAIRS} needed"))
            continue
        for p, (r, ci_lo, ci_hi, pv, _) in zip(members, permutation_test(ps, perms(ps.k)), strict=True):
            if math.isnan(pv):
                results[p.key] = replace(results[p.key], n_tested=ps.k, reason="no variation on the tested days")
                continue
            results[p.key] = replace(results[p.key], status=TestStatus.TESTED, n_tested=ps.k, r=r, ci_low=ci_lo,
                                     ci_high=ci_hi, p_value=pv, r_raw=_none_if_nan(pearson(p.lever_x, p.outcome_y)),
                                     slope_per_unit=_none_if_nan(ols_slope(p.lever_x, p.outcome_y)))
    order = [(lv.name, ov.name, lag) for lv in lever_vars for lag in lag_list for ov in outcome_vars]
    tests = [results[k] for k in order if k in results]
    tested = [i for i, t in enumerate(tests) if t.status is TestStatus.TESTED]
    q = benjamini_hochberg(np.array([tests[i].p_value for i in tested], dtype=float))
    for i, qv in zip(tested, q, strict=True):
        tests[i] = replace(tests[i], q_value=float(qv), finding=bool(qv <= fdr_q))
    ranked = sorted(tested, key=lambda i: (tests[i].q_value, tests[i].p_value, -abs(tests[i].r or 0.0)))
    shown = {i for i in ranked[:n_strongest]} | {i for i in tested if tests[i].finding}
    for i in shown:
        tests[i] = replace(tests[i], series=_paired_series(s, tests[i]))
    strongest = tuple(tests[i] for i in ranked[:n_strongest])
    start = s.dates[0] if s.dates else None
    end_d = s.dates[-1] if s.dates else None
    return InsightsReport(start, end_d, n, tuple(lever_vars), tuple(outcome_vars), tuple(tests), strongest,
                          _readiness(s, tests, min_paired_days), method)


def _paired_series(s: DaySeries, t: AssociationResult) -> tuple[PairedDay, ...]:
    x = s.levers[t.lever.name]
    x = rolling_mean(x) if t.lag.rolling else x
    y = s.outcomes[t.outcome.name]
    lag = t.lag.days
    out = []
    for i in range(len(s) - lag):
        a, b = x[i], y[i + lag]
        if not (np.isnan(a) or np.isnan(b)):
            out.append(PairedDay(s.dates[i + lag], float(a), float(b)))
    return tuple(out)


def _none_if_nan(v: float) -> float | None:
    return None if math.isnan(v) else v
