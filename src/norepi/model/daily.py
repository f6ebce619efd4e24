"""Daily indices from a simulated journal, and what-if scenarios beside a baseline."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from norepi.errors import InputError
from norepi.model.inputs import (
    inputs_from_days,
    reference_days,
    scenario_add_exercise,
    scenario_practice,
    scenario_pss,
    scenario_sleep_hours,
    scenario_tyrosine_supplement,
)
from norepi.model.parameters import NE_G_PER_MOL, Parameters
from norepi.model.solver import Trajectory, rest_state, simulate

DISCLAIMER = (
    "Educational model with population-average parameters: it shows how food, exercise, sleep and stress "
    "act on norepinephrine in a typical adult. It is not a measurement of your norepinephrine and not a "
    "diagnosis; see a clinician for medical questions."
)
WARMUP_DAYS = 21


@dataclass
class DailyIndex:
    """Indices of one simulated day. Store and release capacity are % of the healthy reference."""

    date: str
    store_pct: float
    ne_mean_nmol_per_l: float
    ne_mean_pg_per_ml: float
    ne_peak_nmol_per_l: float
    ne_peak_pg_per_ml: float
    release_capacity_pct: float
    tyr_mean_umol_per_l: float
    load: float

    def as_dict(self) -> dict:
        return asdict(self)


def _dbh_flux(tr: Trajectory, u: np.ndarray) -> np.ndarray:
    p = tr.params
    da_v = tr.y[:-1, 7]
    return u[:, 11] * p["vmax_dbh_umol_per_l_min"] * da_v / (p["km_dbh_umol_per_l"] + da_v)


@lru_cache(maxsize=16)
def _healthy(values_key: bytes) -> tuple[np.ndarray, float, float]:
    params = Parameters(np.frombuffer(values_key, dtype=float).copy())
    days = reference_days(WARMUP_DAYS + 7)
    inp = inputs_from_days(days, name="healthy reference")
    tr = simulate(inp, params, rest_state(params))
    last = slice(-1441, -1)
    y_end = tr.y[-1].copy()
    store = float(tr.y[last, 8].mean())
    dbh = float(_dbh_flux(tr, inp.u)[-1440:].mean())
    return y_end, store, dbh


def healthy_reference(params: Parameters) -> tuple[np.ndarray, float, float]:
    """(state at the end of a healthy reference day at periodic steady state, mean vesicular NE (uM),
    mean NE synthesis by DBH (uM/min)) for ``params``."""
    y, s, d = _healthy(params.values.tobytes())
    return y.copy(), s, d


def indices(tr: Trajectory, u: np.ndarray, first: date, params: Parameters) -> list[DailyIndex]:
    """Daily indices of a trajectory that starts at midnight of ``first``."""
    _, store_ref, dbh_ref = healthy_reference(params)
    n_days = (len(tr.y) - 1) // 1440
    ne = tr.ne_plasma_nmol_per_l
    dbh = _dbh_flux(tr, u)
    out = []
    for k in range(n_days):
        sl = slice(k * 1440 + 1, (k + 1) * 1440 + 1)
        m, pk = float(ne[sl].mean()), float(ne[sl].max())
        out.append(
            DailyIndex(
                date=(first + timedelta(days=k)).isoformat(),
                store_pct=100.0 * float(tr.y[sl, 8].mean()) / store_ref,
                ne_mean_nmol_per_l=m,
                ne_mean_pg_per_ml=m * NE_G_PER_MOL,
                ne_peak_nmol_per_l=pk,
                ne_peak_pg_per_ml=pk * NE_G_PER_MOL,
                release_capacity_pct=100.0 * float(dbh[k * 1440 : (k + 1) * 1440].mean()) / dbh_ref,
                tyr_mean_umol_per_l=float(tr.y[sl, 3].mean()),
                load=float(tr.y[sl, 13].mean()),
            )
        )
    return out


def simulate_days(
    days: list[dict], params: Parameters | None = None, name: str = "journal"
) -> tuple[Trajectory, np.ndarray, date]:
    """Simulate journal days starting from the healthy reference state."""
    params = params or Parameters.default()
    inp = inputs_from_days(days, name=name)
    y0, _, _ = healthy_reference(params)
    tr = simulate(inp, params, y0)
    return tr, inp.u, inp.start.date()


def run_journal(days: list[dict], params: Parameters | None = None) -> list[DailyIndex]:
    """Daily indices (store %, mean/peak plasma NE, release capacity %) for journal day dicts."""
    params = params or Parameters.default()
    tr, u, first = simulate_days(days, params)
    return indices(tr, u, first, params)


_ADD_RE = re.compile(r"^\s*([a-zA-Z_-]+)\s+(\d+(?:\.\d+)?)\s*min(?:utes)?(?:\s+daily)?\s*$")


def apply_scenario(
    days: list[dict],
    sleep_hours: float | None = None,
    add: list[str] | None = None,
    tyrosine_mg: float | None = None,
    pss10: int | None = None,
) -> list[dict]:
    """Day dicts changed by a what-if: ``add`` items look like "hiit 20min daily" or
    "meditation 15min"."""
    out = days
    if sleep_hours is not None:
        out = scenario_sleep_hours(out, sleep_hours)
    for item in add or []:
        m = _ADD_RE.match(item)
        if not m:
            raise InputError(f"cannot read {item!r}; expected e.g. 'hiit 20min daily'", field="add")
        kind, minutes = m.group(1).lower(), float(m.group(2))
        if kind in ("meditation", "breathing", "nature"):
            out = scenario_practice(out, kind, minutes)
        else:
            out = scenario_add_exercise(out, kind, minutes)
    if tyrosine_mg is not None:
        out = scenario_tyrosine_supplement(out, tyrosine_mg)
    if pss10 is not None:
        out = scenario_pss(out, pss10)
    return out


@dataclass
class WhatIf:
    baseline: list[DailyIndex]
    scenario: list[DailyIndex]
    baseline_trajectory: Trajectory
    scenario_trajectory: Trajectory
    description: str


def whatif(days: list[dict] | None = None, n_days: int = 7, params: Parameters | None = None, **changes) -> WhatIf:
    """Simulate ``days`` (default: ``n_days`` reference days) and the same days changed by
    :func:`apply_scenario` keyword arguments; returns both daily index lists and trajectories."""
    params = params or Parameters.default()
    if days is None:
        if not 1 <= n_days <= 3660:
            raise InputError("days must be 1-3660", field="days")
        days = reference_days(n_days)
    changed = apply_scenario(days, **changes)
    tb, ub, first = simulate_days(days, params, "baseline")
    ts, us, _ = simulate_days(changed, params, "scenario")
    desc = ", ".join(f"{k}={v}" for k, v in changes.items() if v not in (None, [], ()))
    return WhatIf(indices(tb, ub, first, params), indices(ts, us, first, params), tb, ts, desc or "no change")


def plot_whatif(res: WhatIf, path) -> None:
    """Two panels: plasma NE (nmol/L) over time, and daily store %, baseline vs scenario (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(2, 1, figsize=(10, 6))
    t = res.baseline_trajectory.t_min / 1440.0
    a1.plot(t, res.baseline_trajectory.ne_plasma_nmol_per_l, lw=0.6, label="baseline")
    a1.plot(t, res.scenario_trajectory.ne_plasma_nmol_per_l, lw=0.6, label=res.description)
    a1.set_xlabel("day")
    a1.set_ylabel("plasma NE (nmol/L)")
    a1.legend()
    x = np.arange(len(res.baseline))
    a2.plot(x, [d.store_pct for d in res.baseline], "o-", label="baseline")
    a2.plot(x, [d.store_pct for d in res.scenario], "o-", label=res.description)
    a2.set_xlabel("day")
    a2.set_ylabel("NE store (% of healthy)")
    a2.legend()
    fig.suptitle("norepi model (educational, population-average parameters)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_run(tr: Trajectory, idx: list[DailyIndex], path) -> None:
    """Plasma NE over time and daily store % for ``model run`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(2, 1, figsize=(10, 6))
    a1.plot(tr.t_min / 1440.0, tr.ne_plasma_nmol_per_l, lw=0.6)
    a1.set_xlabel("day")
    a1.set_ylabel("plasma NE (nmol/L)")
    a2.plot([d.store_pct for d in idx], "o-", label="store %")
    a2.plot([d.release_capacity_pct for d in idx], "s-", label="release capacity %")
    a2.set_xlabel("day")
    a2.set_ylabel("% of healthy")
    a2.legend()
    fig.suptitle("norepi model (educational, population-average parameters)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
