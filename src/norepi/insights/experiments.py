"""n-of-1 experiments: "7 days with / 7 days without evening breathing" as a randomised ABAB... schedule.

The schedule is drawn uniformly among the balanced sequences of A (with) and B (without) phases, so the
randomisation test over those same sequences is exact: p = share of balanced relabellings of the phases whose
|mean(A) - mean(B)| is at least the observed one (Edgington & Onghena, Randomization Tests, 4th ed. 2007;
phases, not days, are the unit, which respects the autocorrelation inside a phase). The interval is a t
interval on the phase means (Welch). Analysis is intention-to-treat on the schedule; adherence is reported.
Outcomes are the ratings (each on the person's own scale) and observations present in the experiment's days.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from norepi.days.summary import DaySummary
from norepi.errors import InputError
from norepi.insights.series import Variable, VariableKind, build_series, rating_variable
from norepi.lifestyle.ratings import DEFAULT_SCALES
from norepi.vocab import VIGOROUS_CLASSES, ActivityClass, PracticeKind

EXERCISE_LEVERS: tuple[ActivityClass, ...] = (ActivityClass.HIIT, ActivityClass.RESISTANCE, ActivityClass.VIGOROUS)
PRACTICE_LEVERS = frozenset(k.value for k in PracticeKind)
LEVERS: tuple[str, ...] = (*(k.value for k in PracticeKind), *(c.value for c in EXERCISE_LEVERS))
MIN_RATED_PER_PHASE = 3
CAVEAT = ("Intention-to-treat on the planned schedule; ratings are not blinded, so expectation can move them. "
          "With 4 phases the smallest possible p is 1/3; plan 8 phases (p can reach 1/35) for a clear answer.")
METHOD = "exact randomisation test over balanced phase schedules; Welch t interval on phase means"


def balanced_schedules(phases: int) -> list[str]:
    """Every sequence of ``phases`` letters with as many A as B (``phases`` even), in lexicographic order."""
    if phases < 2 or phases % 2:
        raise ValueError("an experiment needs an even number of phases, at least 2")
    out = []
    for combo in itertools.combinations(range(phases), phases // 2):
        out.append("".join("A" if i in combo else "B" for i in range(phases)))
    return out


def draw_schedule(phases: int, seed: int) -> str:
    """A schedule drawn uniformly from ``balanced_schedules`` with ``seed``."""
    options = balanced_schedules(phases)
    return options[int(np.random.default_rng(seed).integers(len(options)))]


def min_p_value(phases: int) -> float:
    """Smallest two-sided p the randomisation test can give: 2 / C(phases, phases/2) (A/B swapped ties)."""
    return min(1.0, 2.0 / math.comb(phases, phases // 2))


def phase_of(day: dt.date, start: dt.date, phase_days: int, schedule: str) -> tuple[int, str] | None:
    """(phase index, "A"/"B") of ``day``, or None outside the experiment."""
    k = (day - start).days
    if k < 0 or k >= phase_days * len(schedule):
        return None
    i = k // phase_days
    return i, schedule[i]


def did_lever(day: DaySummary, lever: str) -> bool:
    """Whether the day shows the lever done: a practice of that kind, or a session of that class (vigorous
    counts vigorous and HIIT sessions)."""
    if lever in PRACTICE_LEVERS:
        return any(p.kind == lever and p.duration_min > 0 for p in day.practices)
    if lever not in LEVERS:
        raise InputError(f"{lever!r} is not one of {', '.join(LEVERS)}", field="lever")
    cls = ActivityClass(lever)
    classes = VIGOROUS_CLASSES if cls is ActivityClass.VIGOROUS else frozenset({cls})
    return any(s.activity_class in classes for s in day.exercise)


@dataclass(frozen=True)
class Phase:
    """One phase of the schedule: its number (from 1), arm ("A" = with the action), and dates."""

    number: int
    arm: str
    start: dt.date
    end: dt.date

    @property
    def with_action(self) -> bool:
        return self.arm == "A"


@dataclass(frozen=True)
class ExperimentStatus:
    """Where a day falls: "not started", "running" or "finished"; when running, the phase, the arm, what to do
    that day and the day of the phase (from 1)."""

    state: str
    today: dt.date
    phase: int | None = None
    arm: str | None = None
    do_today: str | None = None
    day_of_phase: int | None = None


@dataclass(frozen=True)
class ExperimentPlan:
    """What the journal keeps: lever, action text, primary outcome (a rating name), start, phase length (days),
    schedule."""

    lever: str
    action: str
    outcome: str
    start: dt.date
    phase_days: int
    schedule: str

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.phase_days * len(self.schedule) - 1)

    def phases(self) -> tuple[Phase, ...]:
        return tuple(Phase(i + 1, arm, self.start + dt.timedelta(days=i * self.phase_days),
                           self.start + dt.timedelta(days=(i + 1) * self.phase_days - 1))
                     for i, arm in enumerate(self.schedule))

    def status(self, today: dt.date) -> ExperimentStatus:
        """Where ``today`` falls: phase, arm and what to do today."""
        at = phase_of(today, self.start, self.phase_days, self.schedule)
        if at is None:
            return ExperimentStatus("not started" if today < self.start else "finished", today)
        i, arm = at
        todo = f"do it: {self.action}" if arm == "A" else f"skip it: no {self.action}"
        return ExperimentStatus("running", today, i + 1, arm, todo, (today - self.start).days % self.phase_days + 1)


@dataclass(frozen=True)
class Adherence:
    """Days of an arm in the journal, and on how many the lever was done (arm A) or not done (arm B) as planned."""

    adhered_days: int
    days: int


@dataclass(frozen=True)
class OutcomeResult:
    """One outcome: rated days and mean per phase; when every phase has at least ``MIN_RATED_PER_PHASE`` values
    (``status`` "analysed"), the difference of means with minus without (outcome units), its Welch interval and
    the exact p."""

    outcome: Variable
    primary: bool
    rated_days_per_phase: tuple[int, ...]
    phase_means: tuple[float | None, ...]
    status: str  # "analysed" | "insufficient"
    reason: str = ""
    difference: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None

    @property
    def better(self) -> bool | None:
        """Whether "with" went with the better end of the outcome (None: not analysed, no difference, or no
        better end)."""
        if self.difference is None or self.difference == 0 or self.outcome.higher_is_better is None:
            return None
        return (self.difference > 0) == self.outcome.higher_is_better


@dataclass(frozen=True)
class ExperimentResult:
    """The analysis of an experiment: its plan, state on the day asked (None when no day was given), the smallest
    possible p of its schedule, adherence per arm ("A", "B") and one result per outcome, the primary first."""

    plan: ExperimentPlan
    state: str | None
    min_p_value: float
    adherence: Mapping[str, Adherence]
    results: tuple[OutcomeResult, ...]
    method: str = METHOD
    caveat: str = CAVEAT


def _welch_interval(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    from scipy import stats as sps  # imported here: scipy.stats costs ~0.3 s to import

    if a.size < 2 or b.size < 2:
        return float("nan"), float("nan")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    d = float(a.mean() - b.mean())
    if se == 0:
        return d, d
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    half = float(sps.t.ppf(0.5 + confidence / 2, df)) * se
    return d - half, d + half


def _primary_variable(name: str) -> Variable:
    if name in DEFAULT_SCALES:
        return rating_variable(DEFAULT_SCALES[name])
    return Variable(name, name.replace("_", " "), VariableKind.RATING)


def analyse(plan: ExperimentPlan, days: Sequence[DaySummary], today: dt.date | None = None) -> ExperimentResult:
    """Per outcome: mean with (A) minus without (B) over the experiment's days, exact randomisation p over the
    balanced schedules (phase means as units), Welch t interval on phase means, adherence per arm."""
    in_exp = [d for d in days if phase_of(d.date, plan.start, plan.phase_days, plan.schedule) is not None]
    s = build_series(in_exp)
    n_ph = len(plan.schedule)
    counts_by_arm = {"A": [0, 0], "B": [0, 0]}  # [adhered days, days in the journal]
    for d in in_exp:
        at = phase_of(d.date, plan.start, plan.phase_days, plan.schedule)
        if at is None:
            continue
        counts_by_arm[at[1]][1] += 1
        counts_by_arm[at[1]][0] += int(did_lever(d, plan.lever) == (at[1] == "A"))
    phase_idx = [phase_of(dd, plan.start, plan.phase_days, plan.schedule) for dd in s.dates]
    variables = dict(s.outcome_variables)
    if plan.outcome not in variables:
        variables = {plan.outcome: _primary_variable(plan.outcome), **variables}
    names = [plan.outcome, *(n for n in variables if n != plan.outcome)]
    options = balanced_schedules(n_ph)
    labels = np.array([c == "A" for c in plan.schedule])
    results = []
    for name in names:
        y = s.outcomes[name] if name in s.outcomes else np.full(len(s), np.nan)
        means = np.full(n_ph, np.nan)
        counts = np.zeros(n_ph, dtype=int)
        for i in range(n_ph):
            vals = [y[j] for j, at in enumerate(phase_idx) if at is not None and at[0] == i and not np.isnan(y[j])]
            counts[i] = len(vals)
            if len(vals) >= MIN_RATED_PER_PHASE:
                means[i] = float(np.mean(vals))
        shown = tuple(None if np.isnan(m) else round(float(m), 3) for m in means)
        row = OutcomeResult(variables[name], name == plan.outcome, tuple(int(c) for c in counts), shown,
                            "insufficient", f"every phase needs at least {MIN_RATED_PER_PHASE} rated days")
        if np.isnan(means).any():
            results.append(row)
            continue
        obs = float(means[labels].mean() - means[~labels].mean())
        diffs = np.array([means[[c == "A" for c in o]].mean() - means[[c == "B" for c in o]].mean()
                          for o in options])
        p = float(np.mean(np.abs(diffs) >= abs(obs) - 1e-12))
        lo, hi = _welch_interval(means[labels], means[~labels])
        results.append(replace(row, status="analysed", reason="", difference=round(obs, 3), ci_low=round(lo, 3),
                               ci_high=round(hi, 3), p_value=round(p, 4)))
    state = plan.status(today).state if today else None
    adherence = {arm: Adherence(v[0], v[1]) for arm, v in counts_by_arm.items()}
    return ExperimentResult(plan, state, round(min_p_value(n_ph), 4), adherence, tuple(results))
