"""Simulation front ends: the fast solver (default) and the tight-tolerance reference solver."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import root

from norepi.errors import InputError, NorepiError
from norepi.model.core import (
    N_IN,
    N_STATES,
    STATE_NAMES,
    drive,
    quasi_steady,
    rhs_full,
    simulate_fast_kernel,
)
from norepi.model.inputs import ModelInputs, validate_inputs
from norepi.model.parameters import Parameters


class SolverError(NorepiError):
    """The ODE solver failed; the message names the scenario."""


@dataclass
class Trajectory:
    """States at minutes 0..n (``y[i]`` = state at minute i) and per-minute NE release."""

    t_min: np.ndarray
    y: np.ndarray
    release_umol_per_l_min: np.ndarray
    params: Parameters
    name: str = "scenario"

    def state(self, name: str) -> np.ndarray:
        return self.y[:, STATE_NAMES.index(name)]

    @property
    def ne_plasma_nmol_per_l(self) -> np.ndarray:
        return self.y[:, 11] * 1000.0

    @property
    def ne_plasma_pg_per_ml(self) -> np.ndarray:
        return self.y[:, 11] * 1000.0 * 169.18

    @property
    def tyr_plasma_umol_per_l(self) -> np.ndarray:
        return self.y[:, 3]


def rest_inputs() -> np.ndarray:
    """Input row of the reference rest state: supine, awake, fasting, circadian neutral, PSS 13."""
    u = np.zeros(N_IN)
    u[8] = 13.0
    u[9] = u[10] = u[11] = 1.0
    return u


def rest_state(params: Parameters) -> np.ndarray:
    """Steady state at :func:`rest_inputs` with sleep debt, load and practice at 0."""
    p = params.values
    u = rest_inputs()
    idx = list(range(12))  # everything but debt, load, practice_avg
    y = np.zeros(N_STATES)
    y[2], y[3] = params["phe_fasting_umol_per_l"], params["tyr_fasting_umol_per_l"]
    y[4], y[5], y[7], y[8] = 120.0, 0.1, 41.0, params["ne_v_rest_umol_per_l"]
    y[11] = params["ne_supine_nmol_per_l"] * 1e-3
    quasi_steady(y, u, p)
    dy = np.empty(N_STATES)
    f = np.empty(26)
    scale = np.maximum(np.abs(y[idx]), 1e-6)

    def fun(z):
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
    return y0


def simulate(inputs: ModelInputs, params: Parameters | None = None, y0: np.ndarray | None = None) -> Trajectory:
    """Fast solver: fast species quasi-steady, the rest RK4 at 1-min steps (compiled).

    Returns a :class:`Trajectory` with states at every minute (plasma NE in uM in state 11)."""
    params = params or Parameters.default()
    validate_inputs(inputs)
    y0 = rest_state(params) if y0 is None else _check_y0(y0)
    n = inputs.minutes
    out = np.empty((n + 1, N_STATES))
    rel = np.empty(n)
    try:
        status = simulate_fast_kernel(y0, np.ascontiguousarray(inputs.u), params.values, out, rel)
    except (ArithmeticError, ValueError) as exc:
        raise SolverError(f"scenario {inputs.name!r}: arithmetic failure in the solver ({exc})") from exc
    if status != 0:
        raise SolverError(f"scenario {inputs.name!r}: non-finite state at minute {status}")
    return Trajectory(np.arange(n + 1, dtype=float), out, rel, params, inputs.name)


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
    t_eval_step: int = 1,
) -> Trajectory:
    """Reference solver: the full 15-state ODE (no quasi-steady assumption) with scipy Radau,
    restarted at every input change. For checks (SBML, accuracy of :func:`simulate`), not speed."""
    params = params or Parameters.default()
    validate_inputs(inputs)
    p = params.values
    y = (rest_state(params) if y0 is None else _check_y0(y0)).copy()
    n = inputs.minutes
    out = np.empty((n + 1, N_STATES))
    out[0] = y
    dy = np.empty(N_STATES)
    f = np.empty(26)
    rel = np.empty(n)
    for a, b in input_runs(inputs.u):
        u = np.ascontiguousarray(inputs.u[a])

        def fun(t, yy, u=u):
            rhs_full(yy, u, p, dy, f)
            return dy.copy()

        try:
            sol = solve_ivp(
                fun,
                (float(a), float(b)),
                y,
                method="Radau",
                rtol=rtol,
                atol=atol,
                t_eval=np.arange(a + 1, b + 1, dtype=float),
                dense_output=False,
            )
        except (ArithmeticError, ValueError) as exc:
            raise SolverError(f"scenario {inputs.name!r}: reference solver failed at minute {a}: {exc}") from exc
        if not sol.success:
            raise SolverError(f"scenario {inputs.name!r}: reference solver failed at minute {a}: {sol.message}")
        out[a + 1 : b + 1] = sol.y.T
        y = sol.y[:, -1].copy()
        fire = drive(u, p)
        rel[a:b] = fire * np.exp(out[a:b, 13]) * params["k_rel_per_min"] * out[a:b, 8]
    if not np.all(np.isfinite(out)):
        raise SolverError(f"scenario {inputs.name!r}: non-finite state")
    _ = t_eval_step
    return Trajectory(np.arange(n + 1, dtype=float), out, rel, params, inputs.name)
