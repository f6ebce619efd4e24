"""Simulation front ends: the fast solver (default), the tight-tolerance reference solver, and the periodic steady
state every run and every calibration protocol starts from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import root

from norepi.errors import InputError, NorepiError
from norepi.model.core import (
    MAX_STEP_MIN,
    MIN_PER_DAY,
    N_DAILY,
    N_FLUX,
    N_IN,
    N_STATES,
    POOLS,
    SLOW_STATES,
    D,
    S,
    U,
    drive,
    make_steps,
    pool_targets,
    quasi_steady,
    rhs_full,
    run_person,
)
from norepi.model.inputs import ModelInputs, validate_inputs
from norepi.model.parameters import NE_G_PER_MOL, Parameters


class SolverError(NorepiError):
    """The ODE solver failed; the message names the scenario."""


@dataclass
class Trajectory:
    """A simulated series: ``daily[d]`` the ``D`` outputs of day d, ``ne_p_umol_per_l[i]`` plasma NE at the end of
    minute i, ``y`` the states at minutes 0..n when recorded (else None), ``y_end`` the final state."""

    daily: np.ndarray
    ne_p_umol_per_l: np.ndarray
    y: np.ndarray | None
    y0: np.ndarray
    y_end: np.ndarray
    params: Parameters
    name: str = "scenario"

    def state(self, s: S) -> np.ndarray:
        """State ``s`` at every minute (needs ``record=True``)."""
        if self.y is None:
            raise InputError("this trajectory was simulated without recording the states", field="record")
        return self.y[:, s]

    @property
    def ne_plasma_nmol_per_l(self) -> np.ndarray:
        """Plasma NE (nmol/L) at minutes 0..n (minute 0 = the initial state)."""
        return np.concatenate([[self.y0[S.NE_P]], self.ne_p_umol_per_l]) * 1000.0

    @property
    def ne_plasma_pg_per_ml(self) -> np.ndarray:
        return self.ne_plasma_nmol_per_l * NE_G_PER_MOL

    @property
    def tyr_plasma_umol_per_l(self) -> np.ndarray:
        return self.state(S.TYR_P)


def rest_inputs() -> np.ndarray:
    """Input row of the reference rest state: supine, awake, fasting, circadian neutral, PSS 13, intakes that keep
    every cofactor pool full."""
    u = np.zeros(N_IN)
    u[U.PSS10] = 13.0
    u[U.VITC_MG] = 90.0
    u[U.CU_RDA] = u[U.B6_RDA] = u[U.FOLATE_RDA] = 1.0
    return u


def steady_pools(u: np.ndarray, params: Parameters) -> np.ndarray:
    """The pools (``POOLS`` order) that a constant daily intake ``u`` holds at steady state."""
    t = pool_targets(u, params.values)
    smax = params["cof_store_max"]
    return np.array([min(t[0], 1.0), min(t[1], smax), min(t[2], smax), min(t[3], smax)])


def rest_state(params: Parameters) -> np.ndarray:
    """Steady state at :func:`rest_inputs` with sleep debt, load, practice and drift at 0 and full pools (the
    design state of the derived parameters)."""
    p = params.values
    u = rest_inputs()
    idx = [int(s) for s in S if s not in (S.SLEEP_DEBT, S.LOAD, S.PRACTICE, S.EX_DRIFT, *POOLS)]
    y = np.zeros(N_STATES)
    y[list(POOLS)] = steady_pools(u, params)
    y[S.PHE_P], y[S.TYR_P] = params["phe_fasting_umol_per_l"], params["tyr_fasting_umol_per_l"]
    y[S.TYR_N], y[S.DOPA], y[S.DA_V], y[S.NE_V] = 120.0, 0.1, 41.0, params["ne_v_rest_umol_per_l"]
    y[S.NE_P] = params["ne_supine_nmol_per_l"] * 1e-3
    quasi_steady(y, u, p)
    dy = np.empty(N_STATES)
    f = np.empty(N_FLUX)
    scale = np.maximum(np.abs(y[idx]), 1e-6)

    def fun(z: np.ndarray) -> np.ndarray:
        yy = y.copy()
        yy[idx] = z * scale
        rhs_full(yy, u, p, dy, f)
        return dy[idx] / scale

    sol = root(fun, y[idx] / scale, method="hybr", tol=1e-14)
    if not sol.success and np.max(np.abs(fun(sol.x))) > 1e-12:
        sol = root(fun, sol.x, method="lm", tol=1e-14)
    if np.max(np.abs(fun(sol.x))) > 1e-10 or np.any(sol.x < 0):
        raise SolverError(f"rest state: steady-state solve failed ({sol.message})")
    y[idx] = sol.x * scale
    return y


def _check_y0(y0: np.ndarray) -> np.ndarray:
    y0 = np.asarray(y0, dtype=float)
    if y0.shape != (N_STATES,):
        raise InputError(f"initial state must have {N_STATES} values", field="y0")
    if not np.all(np.isfinite(y0)) or np.any(y0 < 0):
        raise InputError("initial state must be finite and non-negative", field="y0")
    return y0.copy()


def steps_of(u: np.ndarray, max_step: int = MAX_STEP_MIN) -> tuple[np.ndarray, np.ndarray]:
    """The fast solver's steps (start minute, length) for an input series."""
    if len(u) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return make_steps(np.ascontiguousarray(u), max_step)


def simulate(
    inputs: ModelInputs, params: Parameters | None = None, y0: np.ndarray | None = None, record: bool = False
) -> Trajectory:
    """Fast solver: fast species quasi-steady, the other states RK4 over runs of equal inputs (compiled), plasma
    NE exact per minute. ``y0`` defaults to :func:`rest_state`; ``record`` keeps the state at every minute."""
    params = params or Parameters.default()
    validate_inputs(inputs)
    y = rest_state(params) if y0 is None else _check_y0(y0)
    u = np.ascontiguousarray(inputs.u)
    n = len(u)
    starts, lens = steps_of(u)
    daily = np.zeros((n // MIN_PER_DAY, N_DAILY))
    ne = np.empty(n)
    ys = np.empty((n + 1, N_STATES)) if record else np.empty((0, N_STATES))
    y_start = y.copy()
    try:
        status = run_person(y, u, starts, lens, params.values, daily, ne, ys)
    except (ArithmeticError, ValueError) as exc:
        raise SolverError(f"scenario {inputs.name!r}: arithmetic failure in the solver ({exc})") from exc
    if status != 0:
        raise SolverError(f"scenario {inputs.name!r}: non-finite state at minute {status}")
    return Trajectory(daily, ne, ys if record else None, y_start, y, params, inputs.name)


def input_runs(u: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) minute ranges over which every input is constant."""
    if len(u) == 0:
        return []
    change = np.any(u[1:] != u[:-1], axis=1)
    starts = np.concatenate([[0], np.nonzero(change)[0] + 1])
    ends = np.concatenate([starts[1:], [len(u)]])
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def simulate_reference(
    inputs: ModelInputs,
    params: Parameters | None = None,
    y0: np.ndarray | None = None,
    rtol: float = 1e-10,
    atol: float = 1e-14,
) -> np.ndarray:
    """Reference solver: the full ODE (no quasi-steady assumption) with scipy Radau, restarted at every input
    change. Returns the states at minutes 0..n (rows). For checks (SBML, accuracy of :func:`simulate`)."""
    params = params or Parameters.default()
    validate_inputs(inputs)
    p = params.values
    y = (rest_state(params) if y0 is None else _check_y0(y0)).copy()
    n = inputs.minutes
    out = np.empty((n + 1, N_STATES))
    out[0] = y
    dy = np.empty(N_STATES)
    f = np.empty(N_FLUX)
    for a, b in input_runs(inputs.u):
        u = np.ascontiguousarray(inputs.u[a])

        def fun(t: float, yy: np.ndarray, u: np.ndarray = u) -> np.ndarray:
            rhs_full(yy, u, p, dy, f)
            return dy.copy()

        try:
            sol = solve_ivp(
                fun, (float(a), float(b)), y, method="Radau", rtol=rtol, atol=atol,
                t_eval=np.arange(a + 1, b + 1, dtype=float),
            )
        except (ArithmeticError, ValueError) as exc:
            raise SolverError(f"scenario {inputs.name!r}: reference solver failed at minute {a}: {exc}") from exc
        if not sol.success:
            raise SolverError(f"scenario {inputs.name!r}: reference solver failed at minute {a}: {sol.message}")
        out[a + 1 : b + 1] = sol.y.T
        y = sol.y[:, -1].copy()
    if not np.all(np.isfinite(out)):
        raise SolverError(f"scenario {inputs.name!r}: non-finite state")
    return out


def release_of(y: np.ndarray, u: np.ndarray, params: Parameters) -> np.ndarray:
    """NE release (uM/min per neuron volume) for states ``y`` (rows) under input rows ``u``."""
    p = params.values
    return np.array([drive(y[i], u[i], p) for i in range(len(u))]) * np.exp(y[: len(u), S.LOAD]) * params[
        "k_rel_per_min"
    ] * y[: len(u), S.NE_V]


# ---------------------------------------------------------------------------------------------- periodic state
def periodic_state(
    params: Parameters, day_u: np.ndarray, y0: np.ndarray | None = None, rtol: float = 1e-9, max_days: int = 400
) -> np.ndarray:
    """The state at midnight of the periodic steady state reached by repeating one day of inputs ``day_u`` (1440
    rows): pools set to the steady value of the day's intake, the rest iterated day by day with Aitken
    extrapolation of the slow states (debt, load, practice) until one more day changes no state by more than
    ``rtol`` (relative). SolverError when it does not converge."""
    day_u = np.ascontiguousarray(day_u, dtype=float)
    if day_u.shape != (MIN_PER_DAY, N_IN):
        raise InputError(f"a baseline day must have {MIN_PER_DAY} rows of {N_IN} inputs", field="baseline")
    key = (params.key(), day_u.tobytes(), None if y0 is None else np.asarray(y0, float).tobytes(), rtol, max_days)
    return _periodic_cached(key).copy()


@lru_cache(maxsize=64)
def _periodic_cached(key: tuple) -> np.ndarray:
    pkey, ukey, ykey, rtol, max_days = key
    params = Parameters(np.frombuffer(pkey, dtype=float).copy())
    day_u = np.frombuffer(ukey, dtype=float).reshape(MIN_PER_DAY, N_IN).copy()
    y = rest_state(params) if ykey is None else np.frombuffer(ykey, dtype=float).copy()
    y[list(POOLS)] = steady_pools(day_u[0], params)
    starts, lens = steps_of(day_u)
    daily = np.zeros((1, N_DAILY))
    empty_ne, empty_y = np.empty(0), np.empty((0, N_STATES))
    p = params.values
    hist: list[np.ndarray] = []
    for day in range(max_days):
        prev = y.copy()
        if run_person(y, day_u, starts, lens, p, daily, empty_ne, empty_y) != 0:
            raise SolverError("baseline day: non-finite state while seeking the periodic steady state")
        scale = np.maximum(np.abs(y), 1e-9 + 1e-6 * np.abs(y).max())
        if day > 0 and np.max(np.abs(y - prev) / scale) < rtol:
            return y
        hist.append(y.copy())
        if len(hist) == 3:
            x0, x1, x2 = hist
            for s in SLOW_STATES:
                den = x2[s] - 2 * x1[s] + x0[s]
                if abs(den) > 1e-300:
                    cand = x2[s] - (x2[s] - x1[s]) ** 2 / den
                    if np.isfinite(cand) and cand >= 0 and abs(cand - x2[s]) < 10 * (abs(x2[s]) + 1e-6):
                        y[s] = cand
            hist = []
    raise SolverError(f"baseline day: no periodic steady state within {max_days} days")


def daily_reference(trajectory: Trajectory) -> dict[D, np.ndarray]:
    """The daily outputs of a trajectory by name."""
    return {d: trajectory.daily[:, d] for d in D}
