"""Virtual cohorts: parameter variation, a compiled kernel that runs people in parallel, and a Dask
fan-out (local cluster by default, or an existing scheduler given as ``tcp://host:port``).

Which parameters vary: drive (posture, exercise, stress), chronic load, TH induction and tyrosine
disposal, each log-normal around the calibrated value (CV 20 % by default). They are chosen so that
the anchored resting state (supine, fasting) is the same for everyone (endogenous Tyr appearance is
recomputed per person), so one rest state starts the whole cohort.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from norepi.errors import InputError
from norepi.model.core import N_STATES, cohort_kernel
from norepi.model.inputs import ModelInputs, validate_inputs
from norepi.model.parameters import INDEX, Parameters
from norepi.model.solver import SolverError, rest_state

VARIED = (
    "g_upright",
    "ex_amp",
    "ex_threshold",
    "ex_power",
    "stress_gain",
    "k_pss",
    "k_debt",
    "k_th_induction",
    "vmax_tat_umol_per_l_min",
)


def sample_cohort(n_people: int, params: Parameters | None = None, cv: float = 0.2, seed: int = 0) -> np.ndarray:
    """(n_people, n_params) parameter matrix: ``VARIED`` log-normal (CV ``cv``), derived values kept
    consistent (endogenous Tyr appearance recomputed)."""
    if n_people < 1:
        raise InputError("need at least one person", field="n_people")
    params = params or Parameters.default()
    rng = np.random.default_rng(seed)
    P = np.repeat(params.values[None, :], n_people, axis=0)
    sigma = np.sqrt(np.log(1 + cv * cv))
    for name in VARIED:
        P[:, INDEX[name]] *= np.exp(rng.normal(-0.5 * sigma * sigma, sigma, n_people))
    P[:, INDEX["ex_threshold"]] = np.clip(P[:, INDEX["ex_threshold"]], 0.05, 0.8)
    P[:, INDEX["g_upright"]] = np.maximum(P[:, INDEX["g_upright"]], 1.0)
    tyr = params["tyr_fasting_umol_per_l"]
    old_tat = params["vmax_tat_umol_per_l_min"] * tyr / (params["km_tat_umol_per_l"] + tyr)
    new_tat = P[:, INDEX["vmax_tat_umol_per_l_min"]] * tyr / (params["km_tat_umol_per_l"] + tyr)
    P[:, INDEX["a_tyr_umol_per_l_min"]] = params["a_tyr_umol_per_l_min"] - old_tat + new_tat
    return P


@dataclass
class CohortResult:
    """``daily[k, d]`` = (mean plasma NE nmol/L, peak nmol/L, store % of the cohort's rest store,
    mean release uM/min) for person k, day d."""

    daily: np.ndarray


def run_cohort_local(P: np.ndarray, inputs: ModelInputs, y0: np.ndarray | None = None) -> np.ndarray:
    """Run every row of ``P`` on ``inputs`` in this process (numba threads). Returns the raw daily
    array (n, days, 4) in model units (uM)."""
    validate_inputs(inputs)
    if inputs.minutes % 1440:
        raise InputError("cohort inputs must be whole days", field="inputs")
    n_days = inputs.minutes // 1440
    if y0 is None:
        y0 = rest_state(Parameters(P[0].copy()))
    Y0 = np.repeat(np.asarray(y0, dtype=float)[None, :], P.shape[0], axis=0)
    daily = np.zeros((P.shape[0], n_days, 4))
    status = np.zeros(P.shape[0], dtype=np.int64)
    cohort_kernel(Y0, np.ascontiguousarray(inputs.u), np.ascontiguousarray(P), daily, status)
    bad = np.nonzero(status)[0]
    if bad.size:
        raise SolverError(f"scenario {inputs.name!r}: person {int(bad[0])} failed at minute {int(status[bad[0]])}")
    return daily


def _chunk(P: np.ndarray, u: np.ndarray, y0: np.ndarray, name: str) -> np.ndarray:
    from datetime import datetime

    import numba

    numba.set_num_threads(1)  # one Dask task = one core
    return run_cohort_local(P, ModelInputs(datetime(2000, 1, 1), u, name=name), y0)


def run_cohort(
    P: np.ndarray,
    inputs: ModelInputs,
    scheduler: str | None = None,
    chunks: int | None = None,
    n_workers: int | None = None,
    processes: bool = True,
) -> CohortResult:
    """Fan the cohort out through Dask: ``scheduler`` None starts a LocalCluster (worker processes
    unless ``processes`` is False), else connects to an existing scheduler (``tcp://host:port``).
    People are split into ``chunks`` tasks."""
    from dask.distributed import Client, LocalCluster

    y0 = rest_state(Parameters(P[0].copy()))
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers or 2, threads_per_worker=1, processes=processes, dashboard_address=None
        )
        client = Client(cluster)
    else:
        cluster = None
        client = Client(scheduler)
    try:
        nw = max(1, len(client.scheduler_info().get("workers", {})))
        parts = np.array_split(P, chunks or 4 * nw)
        u_f = client.scatter(np.ascontiguousarray(inputs.u), broadcast=True)
        futs = [client.submit(_chunk, part, u_f, y0, inputs.name, pure=False) for part in parts if len(part)]
        daily = np.concatenate(client.gather(futs), axis=0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return CohortResult(_to_report_units(daily, y0))


def _to_report_units(daily: np.ndarray, y0: np.ndarray) -> np.ndarray:
    out = daily.copy()
    out[..., 0] *= 1000.0
    out[..., 1] *= 1000.0
    out[..., 2] = 100.0 * daily[..., 2] / y0[8]
    return out


def cohort_local(P: np.ndarray, inputs: ModelInputs) -> CohortResult:
    """In-process cohort (numba threads), report units."""
    y0 = rest_state(Parameters(P[0].copy()))
    return CohortResult(_to_report_units(run_cohort_local(P, inputs, y0), y0))


def roadrunner_person(rr, row: np.ndarray, names=VARIED + ("a_tyr_umol_per_l_min",), minutes: int = 1440):
    """Simulate one person with a loaded libroadrunner model of the exported SBML (baseline)."""
    rr.resetToOrigin()
    for n in names:
        rr.setValue(n, float(row[INDEX[n]]))
    return rr.simulate(0, minutes, minutes // 1440 + 1)


_ = N_STATES
