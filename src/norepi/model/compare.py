"""Compare norepi's tyrosine -> dopamine part with the repaired Best 2009 model (libroadrunner)
under the same blood tyrosine input: steady states and the response to a tyrosine step."""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from norepi.model.best2009 import best2009_steady_state, best2009_tyrosine_step
from norepi.model.core import N_FLUX, N_STATES, POOLS, F, S, fluxes, rhs_full
from norepi.model.parameters import Parameters
from norepi.model.solver import rest_inputs, rest_state

STEP_TIMES_H = np.array([0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 24.0])


def _clamped(params: Parameters, tyr_blood: float, y0: np.ndarray, t_end_min: float, t_eval: np.ndarray):
    p = params.values
    u = rest_inputs()
    dy = np.empty(N_STATES)
    f = np.empty(N_FLUX)
    held = [S.TYR_P, S.NE_P, S.SLEEP_DEBT, S.LOAD, S.PRACTICE, S.EX_DRIFT, *POOLS]

    def fun(t: float, y: np.ndarray) -> np.ndarray:
        yy = y.copy()
        yy[S.TYR_P] = tyr_blood
        rhs_full(yy, u, p, dy, f)
        out = dy.copy()
        out[held] = 0.0
        return out

    y = y0.copy()
    y[S.TYR_P] = tyr_blood
    sol = solve_ivp(fun, (0.0, t_end_min), y, method="Radau", rtol=1e-9, atol=1e-12, t_eval=t_eval)
    return sol.y.T


def norepi_neuron_steady(params: Parameters, tyr_blood: float) -> dict[str, float]:
    """norepi neuron at a clamped blood tyrosine (uM), rest drive: tyr_n, L-DOPA, cytosolic DA,
    vesicular DA and NE (uM) and TH flux (uM/h)."""
    y = _clamped(params, tyr_blood, rest_state(params), 60.0 * 2000, np.array([60.0 * 2000]))[-1]
    return _summ(params, y)


def _summ(params: Parameters, y: np.ndarray) -> dict[str, float]:
    f = np.empty(N_FLUX)
    fluxes(y, rest_inputs(), params.values, f)
    return {
        "tyr": float(y[S.TYR_N]),
        "l_dopa": float(y[S.DOPA]),
        "cda": float(y[S.DA_C]),
        "vda": float(y[S.DA_V]),
        "vne": float(y[S.NE_V]),
        "VTH": float(f[F.TH] * 60.0),
    }


def compare_with_best2009(params: Parameters | None = None) -> dict:
    """Figures for docs and tests: steady states at blood Tyr 69/97/194 uM and a 97 -> 194 uM step."""
    params = params or Parameters.default()
    steady = {}
    for b in (69.0, 97.0, 194.0):
        steady[b] = {"best": best2009_steady_state(b), "norepi": norepi_neuron_steady(params, b)}
    y97 = _clamped(params, 97.0, rest_state(params), 60.0 * 2000, np.array([60.0 * 2000]))[-1]
    ys = _clamped(params, 194.0, y97, STEP_TIMES_H[-1] * 60.0, STEP_TIMES_H * 60.0)
    ours = [_summ(params, y) for y in ys]
    best = best2009_tyrosine_step(97.0, 194.0, STEP_TIMES_H)
    step = {
        "t_h": STEP_TIMES_H.tolist(),
        "norepi_tyr": [o["tyr"] for o in ours],
        "best_tyr": best["tyr"].tolist(),
        "norepi_VTH": [o["VTH"] for o in ours],
        "best_VTH": best["VTH"].tolist(),
        "norepi_l_dopa": [o["l_dopa"] for o in ours],
        "best_l_dopa": best["l_dopa"].tolist(),
    }
    return {"steady": steady, "step": step}


def comparison_markdown(res: dict | None = None) -> str:
    res = res or compare_with_best2009()
    lines = ["| blood Tyr (uM) | quantity | Best 2009 (repaired) | norepi | ratio |", "|---|---|---|---|---|"]
    for b, d in res["steady"].items():
        for k, lab in (
            ("tyr", "neuronal Tyr (uM)"),
            ("l_dopa", "L-DOPA (uM)"),
            ("cda", "cytosolic DA (uM)"),
            ("VTH", "TH flux (uM/h)"),
            ("vda", "vesicular DA (uM)"),
        ):
            bb, nn = d["best"][k], d["norepi"][k]
            lines.append(f"| {b:g} | {lab} | {bb:.4g} | {nn:.4g} | {nn / bb:.3g} |")
    s = res["step"]
    lines += [
        "",
        "Step of blood Tyr 97 -> 194 uM at t = 0:",
        "",
        "| t (h) | Best tyr | norepi tyr | Best TH flux (uM/h) | norepi TH flux (uM/h) |",
        "|---|---|---|---|---|",
    ]
    for i, t in enumerate(s["t_h"]):
        lines.append(
            f"| {t:g} | {s['best_tyr'][i]:.4g} | {s['norepi_tyr'][i]:.4g} | {s['best_VTH'][i]:.4g} | "
            f"{s['norepi_VTH'][i]:.4g} |"
        )
    return "\n".join(lines) + "\n"
