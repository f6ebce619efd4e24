"""The model's public API for the CLI and the web: ``run_days`` and ``whatif`` over typed days, results as
dataclasses (JSON is made by the callers), every figure an :class:`Interval`.

A run starts from the periodic steady state of the person's usual day (``inputs.baseline_day``), the same state
the calibration protocols start from for their own baseline; each parameter set of the ensemble starts from its
own. Indices: mean and peak plasma NE (nmol/L), store % (mean vesicular NE vs the set's healthy reference day),
release capacity % (NE synthesis by DBH vs the healthy reference: the rate at which released NE is replaced) and
mean plasma tyrosine (uM).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from norepi.days.summary import DaySummary
from norepi.errors import InputError
from norepi.lifestyle.exercise import ACTIVITIES, HeartProfile, activity_key
from norepi.model.core import D
from norepi.model.ensemble import (
    Ensemble,
    FailedMember,
    central_as_ensemble,
    failed_members,
    load_ensemble,
    periodic_states,
    references,
    run_sets,
)
from norepi.model.inputs import (
    Assumption,
    Changes,
    ModelInputs,
    PreparedDays,
    inputs_from_days,
    inputs_from_prepared,
    prepare_days,
    reference_days,
)
from norepi.model.parameters import NE_G_PER_MOL, Parameters
from norepi.model.solver import Trajectory, periodic_state, simulate
from norepi.model.uncertainty import Interval
from norepi.vocab import PracticeKind

DISCLAIMER = (
    "Educational model with population-average parameters: it shows how food, exercise, sleep and stress act on "
    "norepinephrine in a typical adult. It is not a measurement of your norepinephrine and not a diagnosis; see a "
    "clinician for medical questions."
)
LIMITS = (
    "There is no accepted healthy range for plasma norepinephrine, and the model does not claim one. What it "
    "tracks is supply (the precursors, and the cofactor pools that DBH, AADC and TH depend on), the vesicular "
    "stores and their release as food, exercise, sleep and stress change them, compared with a healthy reference "
    "day. Intervals show how far parameter sets that all fit the published data disagree; your own values can "
    "differ more (one plasma NE measurement varies by 14-50 % between repeats)."
)
PRECURSOR_NOTE = (
    "The model shows no benefit of extra tyrosine or protein, and cannot: at usual plasma tyrosine, tyrosine "
    "hydroxylase is near saturation and slightly inhibited by more substrate (Best 2009; Nasrin 1994), and the "
    "body's own protein turnover holds plasma tyrosine up on low-protein days. Human studies find little effect "
    "at baseline (Jongkees 2015); the benefit reported under high demand (cold, stress; mostly in rats) rests on "
    "mechanisms the model does not represent, so it says nothing about it."
)
NO_DIFFERENCE = "no difference the model can tell apart"
# Differences whose whole interval lies within +-1 % are below what the model resolves: its fast solver agrees with
# the reference solver to within 1 % (tests/model/test_model_inputs.py), and no input is known that well.
RESOLUTION_PCT = 1.0


@dataclass(frozen=True)
class DayResult:
    """One simulated day: each index with its ensemble interval, and what was assumed (food, sleep) and why."""

    date: dt.date
    ne_mean_nmol_per_l: Interval
    ne_peak_nmol_per_l: Interval
    store_pct: Interval
    release_capacity_pct: Interval
    tyr_mean_umol_per_l: Interval
    assumed: tuple[Assumption, ...] = ()

    @property
    def is_assumed(self) -> bool:
        """Whether any part of the day (food or sleep) was filled in."""
        return bool(self.assumed)

    @property
    def ne_mean_pg_per_ml(self) -> Interval:
        return self.ne_mean_nmol_per_l.scaled(NE_G_PER_MOL, "pg/mL")

    @property
    def ne_peak_pg_per_ml(self) -> Interval:
        return self.ne_peak_nmol_per_l.scaled(NE_G_PER_MOL, "pg/mL")


@dataclass(frozen=True)
class ModelRun:
    """The days of a run, the run-level notes, how many parameter sets it rests on and which failed (with their
    parameters), where it started from, and the disclaimer and limits in plain words. ``central`` is the run with
    the calibrated parameters alone (per-minute plasma NE for plots), when asked for."""

    days: tuple[DayResult, ...]
    notes: tuple[str, ...]
    members: int
    failed: tuple[FailedMember, ...]
    start_state: str
    disclaimer: str = DISCLAIMER
    limits: str = LIMITS
    central: Trajectory | None = None


@dataclass(frozen=True)
class Difference:
    """Scenario vs baseline for one index: the paired relative difference (%) with its interval, and in words."""

    index: str
    pct: Interval

    @property
    def distinguishable(self) -> bool:
        """False when the interval (at the digits shown) covers no change, or lies within the model's resolution
        (``RESOLUTION_PCT``)."""
        if self.pct.covers(0.0):
            return False
        return not (abs(self.pct.low) < RESOLUTION_PCT and abs(self.pct.high) < RESOLUTION_PCT)

    @property
    def text(self) -> str:
        if not self.distinguishable:
            return f"{self.index}: {NO_DIFFERENCE} ({self.pct.text(signed=True)})"
        return f"{self.index}: {self.pct.text(signed=True)}"


@dataclass(frozen=True)
class WhatIfResult:
    """Baseline and scenario runs of the same days from the same state, the per-day and whole-period differences
    (paired by parameter set), the change in words and notes (what the model cannot tell about the change)."""

    description: str
    baseline: ModelRun
    scenario: ModelRun
    per_day: tuple[tuple[dt.date, tuple[Difference, ...]], ...]
    period: tuple[Difference, ...]
    notes: tuple[str, ...]
    disclaimer: str = DISCLAIMER

    @property
    def verdict(self) -> str:
        """The whole-period differences in words, one per index."""
        return "; ".join(d.text for d in self.period)


# ------------------------------------------------------------------------------------------------ running
def _ensemble_for(params: Parameters, use_ensemble: bool | Ensemble) -> Ensemble:
    if isinstance(use_ensemble, Ensemble):
        return use_ensemble.with_overrides(params.overrides)
    if not use_ensemble:
        return central_as_ensemble(params)
    return load_ensemble().with_overrides(params.overrides)


@lru_cache(maxsize=1)
def _reference_day_u() -> bytes:
    inp = inputs_from_days(reference_days(2))
    return np.ascontiguousarray(inp.baseline).tobytes()


def _reference_u() -> np.ndarray:
    return np.frombuffer(_reference_day_u(), dtype=float).reshape(1440, -1)


@dataclass(frozen=True)
class _Raw:
    daily: np.ndarray  # sets x days x D
    store_ref: np.ndarray
    dbh_ref: np.ndarray
    failed: dict[int, str]


def _run(ens: Ensemble, inputs: ModelInputs, params: Parameters) -> _Raw:
    assert inputs.baseline is not None
    start = periodic_state(params, inputs.baseline)
    Y0, failed = periodic_states(ens, inputs.baseline, start)
    daily, failed = run_sets(ens, inputs.u, Y0, failed)
    ref = references(ens, _reference_u())
    for k, r in ref.failed.items():
        failed.setdefault(k, f"healthy reference: {r}")
    return _Raw(daily, ref.store, ref.dbh, failed)


def _ok(raw: _Raw) -> np.ndarray:
    mask = np.ones(raw.daily.shape[0], dtype=bool)
    mask[list(raw.failed)] = False
    return mask


def _day_results(raw: _Raw, inputs: ModelInputs) -> tuple[DayResult, ...]:
    ok = _ok(raw)
    d = raw.daily[ok]
    store = 100.0 * d[:, :, D.STORE] / raw.store_ref[ok, None]
    cap = 100.0 * d[:, :, D.DBH] / raw.dbh_ref[ok, None]
    out = []
    for k, date in enumerate(inputs.dates):
        out.append(
            DayResult(
                date=date,
                ne_mean_nmol_per_l=Interval.of(1000.0 * d[:, k, D.NE_MEAN], "nmol/L"),
                ne_peak_nmol_per_l=Interval.of(1000.0 * d[:, k, D.NE_PEAK], "nmol/L"),
                store_pct=Interval.of(store[:, k], "%"),
                release_capacity_pct=Interval.of(cap[:, k], "%"),
                tyr_mean_umol_per_l=Interval.of(d[:, k, D.TYR], "uM"),
                assumed=inputs.assumed[k] if k < len(inputs.assumed) else (),
            )
        )
    return tuple(out)


def _model_run(raw: _Raw, ens: Ensemble, inputs: ModelInputs, central: Trajectory | None) -> ModelRun:
    notes = list(inputs.notes)
    if raw.failed:
        notes.append(f"{len(raw.failed)} of {ens.size} parameter sets failed and are left out (listed in failed)")
    return ModelRun(
        days=_day_results(raw, inputs),
        notes=tuple(notes),
        members=ens.size - len(raw.failed),
        failed=failed_members(ens, raw.failed),
        start_state="the periodic steady state of your usual day (usual intake and sleep, no exercise)",
        central=central,
    )


def _central(inputs: ModelInputs, params: Parameters) -> Trajectory:
    assert inputs.baseline is not None
    return simulate(inputs, params, periodic_state(params, inputs.baseline))


def run_days(
    days: Sequence[DaySummary],
    params: Parameters | None = None,
    *,
    ensemble: bool | Ensemble = True,
    with_central: bool = False,
    name: str = "journal",
) -> ModelRun:
    """Simulate a person's days (food, sleep, exercise, practice, stress) and return each day's indices with their
    intervals (5-95 % of the parameter ensemble; ``ensemble=False``: the calibrated parameters alone, no
    interval; or an ``Ensemble`` of one's own) and what was assumed. NothingLogged (a DataMissing) when nothing in
    the range was logged; ``with_central`` adds the calibrated run's per-minute plasma NE (for plots)."""
    params = params or Parameters.default()
    prepared = prepare_days(days, params)
    inputs = inputs_from_prepared(prepared, params, name)
    ens = _ensemble_for(params, ensemble)
    raw = _run(ens, inputs, params)
    return _model_run(raw, ens, inputs, _central(inputs, params) if with_central else None)


_ADD_RE = re.compile(r"^\s*([a-zA-Z_ -]+?)\s+(\d+(?:\.\d+)?)\s*min(?:utes)?(?:\s+(?:daily|a day))?\s*$")
_PRACTICE_WORDS = {
    "meditation": PracticeKind.MEDITATION,
    "breathing": PracticeKind.SLOW_BREATHING,
    "slow_breathing": PracticeKind.SLOW_BREATHING,
    "slow breathing": PracticeKind.SLOW_BREATHING,
    "nature": PracticeKind.NATURE,
}


def parse_add(text: str) -> tuple[str, str, float]:
    """("exercise", activity key, minutes) or ("practice", practice kind, minutes) from words like
    "hiit 20min daily" or "meditation 15 min"; InputError (field "add") when unreadable or unknown."""
    m = _ADD_RE.match(text)
    if not m:
        raise InputError(f"cannot read {text!r}; expected e.g. 'hiit 20min daily' or 'meditation 15min'", field="add")
    word, minutes = m.group(1).strip().lower(), float(m.group(2))
    if word in _PRACTICE_WORDS:
        return "practice", _PRACTICE_WORDS[word].value, minutes
    key = activity_key(word)
    if key not in ACTIVITIES:
        known = ", ".join(sorted(ACTIVITIES))
        raise InputError(f"unknown activity {word!r} (one of {known}, or meditation, breathing, nature)", field="add")
    return "exercise", key, minutes


def changes_from(
    sleep_hours: float | None = None,
    add: Sequence[str] = (),
    tyrosine_mg: float | None = None,
    pss10: int | None = None,
    heart: HeartProfile | None = None,
) -> Changes:
    """A :class:`Changes` from the CLI's and web's plain options (``add`` items as for :func:`parse_add`)."""
    exercise: list[tuple[str, float]] = []
    practices: list[tuple[PracticeKind, float]] = []
    for item in add:
        kind, what, minutes = parse_add(item)
        if kind == "practice":
            practices.append((PracticeKind(what), minutes))
        else:
            exercise.append((what, minutes))
    return Changes(sleep_hours, tuple(exercise), tuple(practices), tyrosine_mg, pss10, heart or HeartProfile())


_INDICES: tuple[tuple[str, D], ...] = (
    ("mean plasma NE", D.NE_MEAN),
    ("peak plasma NE", D.NE_PEAK),
    ("store", D.STORE),
    ("release capacity", D.DBH),
)


def _differences(b: np.ndarray, s: np.ndarray) -> tuple[Difference, ...]:
    """Paired relative differences (%) per index; ``b`` and ``s`` are sets x D (one day or a period mean)."""
    out = []
    for label, idx in _INDICES:
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = 100.0 * (s[:, idx] / b[:, idx] - 1.0)
        out.append(Difference(label, Interval.of(rel, "%")))
    return tuple(out)


def whatif(
    days: Sequence[DaySummary] | None = None,
    changes: Changes | None = None,
    *,
    n_days: int = 7,
    params: Parameters | None = None,
    ensemble: bool | Ensemble = True,
    with_central: bool = False,
) -> WhatIfResult:
    """The person's days (default: ``n_days`` healthy reference days) beside the same days changed by ``changes``,
    both from the same starting state and with the same parameter sets, so that each difference is paired. A
    difference whose interval covers no change reads "no difference the model can tell apart"."""
    params = params or Parameters.default()
    changes = changes or Changes()
    if days is None:
        days = reference_days(n_days, params=params)
    prepared = prepare_days(days, params)
    scen = PreparedDays(
        tuple(changes.apply(prepared.days)), prepared.assumed, prepared.usual, prepared.notes, prepared.next_night
    )
    inp_b = inputs_from_prepared(prepared, params, "baseline")
    inp_s = inputs_from_prepared(scen, params, "scenario")
    inp_s = replace(inp_s, baseline=inp_b.baseline)
    ens = _ensemble_for(params, ensemble)
    raw_b = _run(ens, inp_b, params)
    raw_s = _run(ens, inp_s, params)
    failed = {**raw_b.failed, **raw_s.failed}
    raw_b = _Raw(raw_b.daily, raw_b.store_ref, raw_b.dbh_ref, failed)
    raw_s = _Raw(raw_s.daily, raw_s.store_ref, raw_s.dbh_ref, failed)
    ok = _ok(raw_b)
    db, ds = raw_b.daily[ok], raw_s.daily[ok]
    per_day = tuple((date, _differences(db[:, k], ds[:, k])) for k, date in enumerate(inp_b.dates))
    period = _differences(db.mean(axis=1), ds.mean(axis=1))
    notes = []
    if changes.tyrosine_mg is not None:
        notes.append(PRECURSOR_NOTE)
    return WhatIfResult(
        description=changes.describe(),
        baseline=_model_run(raw_b, ens, inp_b, _central(inp_b, params) if with_central else None),
        scenario=_model_run(raw_s, ens, inp_s, _central(inp_s, params) if with_central else None),
        per_day=per_day,
        period=period,
        notes=tuple(notes),
    )
