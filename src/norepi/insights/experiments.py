"""n-of-1 experiments: "7 days with / 7 days without evening breathing" as a randomised ABAB... schedule.

The schedule is drawn uniformly among the balanced sequences of A (with) and B (without) phases, so the
randomisation test over those same sequences is exact: p = share of balanced relabellings of the phases whose
|mean(A) - mean(B)| is at least the observed one (Edgington & Onghena, Randomization Tests, 4th ed. 2007;
phases, not days, are the unit, which respects the autocorrelation inside a phase). The interval is a t
interval on the phase means (Welch). Analysis is intention-to-treat on the schedule; adherence is reported.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from norepi.insights.series import OUTCOMES, build_series, practice_minutes
from norepi.lifestyle.stress import PRACTICES

EXERCISE_LEVERS = ("hiit", "resistance", "vigorous")
LEVERS = (*PRACTICES, *EXERCISE_LEVERS)
MIN_RATED_PER_PHASE = 3
CAVEAT = ("Intention-to-treat on the planned schedule; ratings are not blinded, so expectation can move them. "
          "With 4 phases the smallest possible p is 1/3; plan 8 phases (p can reach 1/35) for a clear answer.")


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


def did_lever(day: Mapping[str, Any], lever: str) -> bool | None:
    """Whether the day's journal shows the lever done (practice of that kind / session of that class)."""
    if lever in PRACTICES:
        return any(p.get("kind") == lever and practice_minutes(p) > 0 for p in day.get("practices") or [])
    if lever in EXERCISE_LEVERS:
        classes = {"vigorous": {"vigorous", "hiit"}}.get(lever, {lever})
        return any(s.get("intensity") in classes for s in day.get("exercise") or [])
    return None


@dataclass(frozen=True)
class ExperimentPlan:
    """What the app keeps: lever, action text, primary outcome, start, phase length (days), schedule."""

    lever: str
    action: str
    outcome: str
    start: dt.date
    phase_days: int
    schedule: str

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.phase_days * len(self.schedule) - 1)

    def phases(self) -> list[dict[str, Any]]:
        return [{"phase": i + 1, "arm": arm, "with_action": arm == "A",
                 "start": (self.start + dt.timedelta(days=i * self.phase_days)).isoformat(),
                 "end": (self.start + dt.timedelta(days=(i + 1) * self.phase_days - 1)).isoformat()}
                for i, arm in enumerate(self.schedule)]

    def status(self, today: dt.date) -> dict[str, Any]:
        """Where ``today`` falls: phase, arm and what to do today."""
        at = phase_of(today, self.start, self.phase_days, self.schedule)
        if at is None:
            state = "not started" if today < self.start else "finished"
            return {"state": state, "today": today.isoformat(), "phase": None, "arm": None, "do_today": None}
        i, arm = at
        todo = f"do it: {self.action}" if arm == "A" else f"skip it: no {self.action}"
        return {"state": "running", "today": today.isoformat(), "phase": i + 1, "arm": arm, "do_today": todo,
                "day_of_phase": (today - self.start).days % self.phase_days + 1}


def _welch_interval(a: np.ndarray, b: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    if a.size < 2 or b.size < 2:
        return float("nan"), float("nan")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    if se == 0:
        d = float(a.mean() - b.mean())
        return d, d
    df = (va + vb) ** 2 / ((va**2 / (a.size - 1) if a.size > 1 else 0) + (vb**2 / (b.size - 1) if b.size > 1 else 0))
    half = float(sps.t.ppf(0.5 + confidence / 2, df)) * se
    d = float(a.mean() - b.mean())
    return d - half, d + half


def analyse(plan: ExperimentPlan, days: Sequence[Mapping[str, Any]], today: dt.date | None = None) -> dict[str, Any]:
    """Per rating: mean with (A) minus without (B) over the experiment's rated days, exact randomisation p over
    the balanced schedules (phase means as units), Welch t interval on phase means, adherence per arm."""
    in_exp = [d for d in days if phase_of(dt.date.fromisoformat(str(d["date"])), plan.start, plan.phase_days,
                                          plan.schedule) is not None]
    s = build_series(in_exp) if in_exp else None
    n_ph = len(plan.schedule)
    adherence: dict[str, list[int]] = {"A": [0, 0], "B": [0, 0]}  # [adhered days, days in the journal]
    for d in in_exp:
        at = phase_of(dt.date.fromisoformat(str(d["date"])), plan.start, plan.phase_days, plan.schedule)
        did = did_lever(d, plan.lever)
        if at is None or did is None:
            continue
        arm = at[1]
        adherence[arm][1] += 1
        adherence[arm][0] += int(did == (arm == "A"))
    results = []
    options = balanced_schedules(n_ph)
    for outcome in OUTCOMES:
        means = np.full(n_ph, np.nan)
        counts = np.zeros(n_ph, dtype=int)
        if s is not None:
            y = s.outcomes[outcome]
            for i in range(n_ph):
                idx = [j for j, dd in enumerate(s.dates)
                       if (at := phase_of(dd, plan.start, plan.phase_days, plan.schedule)) and at[0] == i
                       and not np.isnan(y[j])]
                counts[i] = len(idx)
                if len(idx) >= MIN_RATED_PER_PHASE:
                    means[i] = float(np.mean(y[idx]))
        usable = ~np.isnan(means)
        labels = np.array([c == "A" for c in plan.schedule])
        row: dict[str, Any] = {"outcome": outcome, "primary": outcome == plan.outcome,
                               "rated_days_per_phase": counts.tolist(),
                               "phase_means": [None if np.isnan(m) else round(float(m), 3) for m in means]}
        if not (usable & labels).any() or not (usable & ~labels).any() or not usable.all():
            row.update({"status": "insufficient", "reason": f"every phase needs at least {MIN_RATED_PER_PHASE} "
                        "rated days", "difference": None, "ci_low": None, "ci_high": None, "p_value": None})
            results.append(row)
            continue
        obs = float(means[labels].mean() - means[~labels].mean())
        diffs = np.array([means[[c == "A" for c in o]].mean() - means[[c == "B" for c in o]].mean()
                          for o in options])
        p = float(np.mean(np.abs(diffs) >= abs(obs) - 1e-12))
        lo, hi = _welch_interval(means[labels], means[~labels])
        row.update({"status": "analysed", "difference": round(obs, 3), "ci_low": round(lo, 3),
                    "ci_high": round(hi, 3), "p_value": round(p, 4)})
        results.append(row)
    state = plan.status(today)["state"] if today else None
    return {"lever": plan.lever, "action": plan.action, "primary_outcome": plan.outcome,
            "start": plan.start.isoformat(), "end": plan.end.isoformat(), "phase_days": plan.phase_days,
            "schedule": plan.schedule, "phases": plan.phases(), "state": state,
            "method": "exact randomisation test over balanced phase schedules; Welch t interval on phase means",
            "min_p_value": round(min_p_value(n_ph), 4),
            "adherence": {arm: {"adhered_days": v[0], "days": v[1]} for arm, v in adherence.items()},
            "results": results, "caveat": CAVEAT}
