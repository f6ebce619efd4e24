"""Virtual cohorts: parameter variation, the compiled kernel that runs sets in parallel (``core.cohort_kernel``,
the same kernel the ensemble uses), and a Dask fan-out (local cluster by default, or an existing scheduler given
as ``tcp://host:port``).

Which parameters vary: drive (posture, exercise, stress), chronic load, TH induction and tyrosine disposal, each
log-normal around the calibrated value (CV 20 % by default); endogenous Tyr appearance is recomputed so that
fasting plasma tyrosine stays at its anchor. Each person starts from their own periodic steady state of the
series' baseline day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from norepi.errors import InputError
from norepi.model.core import MIN_PER_DAY, D
from norepi.model.ensemble import Ensemble, periodic_states, run_sets
from norepi.model.inputs import ModelInputs, validate_inputs
from norepi.model.parameters import INDEX, Parameters
from norepi.model.solver import SolverError, periodic_state

VARIED = (
    "g_upright",
    "ex_amp",
    "ex_power",
    "stress_gain",
    "k_pss",
    "k_debt",
    "k_th_induction",
    "vmax_tat_umol_per_l_min",
)


def sample_cohort(n_people: int, params: Parameters | None = None, cv: float = 0.2, seed: int = 0) -> np.ndarray:
    """(n_people, n_params) parameter matrix: ``VARIED`` log-normal (CV ``cv``), endogenous Tyr appearance kept
    consistent with the anchored fasting tyrosine."""
    if n_people < 1:
        raise InputError("need at least one person", field="n_people")
    params = params or Parameters.default()
    rng = np.random.default_rng(seed)
    P = np.repeat(params.values[None, :], n_people, axis=0)
    sigma = np.sqrt(np.log(1 + cv * cv))
    for name in VARIED:
        P[:, INDEX[name]] *= np.exp(rng.normal(-0.5 * sigma * sigma, sigma, n_people))
    P[:, INDEX["g_upright"]] = np.maximum(P[:, INDEX["g_upright"]], 1.0)
    tyr = params["tyr_fasting_umol_per_l"]
    old_tat = params["vmax_tat_umol_per_l_min"] * tyr / (params["km_tat_umol_per_l"] + tyr)
    new_tat = P[:, INDEX["vmax_tat_umol_per_l_min"]] * tyr / (params["km_tat_umol_per_l"] + tyr)
    P[:, INDEX["a_tyr_umol_per_l_min"]] = params["a_tyr_umol_per_l_min"] - old_tat + new_tat
    return P


@dataclass
class CohortResult:
    """Per person k and day d: mean and peak plasma NE (nmol/L), store (% of the person's own start state), mean
    release (uM/min per neuron volume)."""

    ne_mean_nmol_per_l: np.ndarray
    ne_peak_nmol_per_l: np.ndarray
    store_pct: np.ndarray
    release_umol_per_l_min: np.ndarray

    def all(self) -> np.ndarray:
        """The four figures stacked (people x days x 4), for comparisons."""
        return np.stack([self.ne_mean_nmol_per_l, self.ne_peak_nmol_per_l, self.store_pct,
                         self.release_umol_per_l_min], axis=-1)


def _report(daily: np.ndarray, Y0: np.ndarray) -> CohortResult:
    from norepi.model.core import S

    return CohortResult(
        1000.0 * daily[..., D.NE_MEAN],
        1000.0 * daily[..., D.NE_PEAK],
        100.0 * daily[..., D.STORE] / Y0[:, None, S.NE_V],
        daily[..., D.RELEASE],
    )


def run_cohort_local(P: np.ndarray, inputs: ModelInputs, start: np.ndarray | None = None,
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Run every row of ``P`` on ``inputs`` in this process (numba threads): (raw daily array, start states). Each
    person's periodic steady state is sought from ``start`` (default: that of the first person)."""
    validate_inputs(inputs)
    if inputs.minutes % MIN_PER_DAY or inputs.baseline is None:
        raise InputError("cohort inputs must be whole days with a baseline day", field="inputs")
    ens = Ensemble(np.ascontiguousarray(P), (), "cohort")
    if start is None:
        start = periodic_state(Parameters(P[0].copy()), inputs.baseline)
    Y0, failed = periodic_states(ens, inputs.baseline, start)
    daily, failed = run_sets(ens, inputs.u, Y0, failed)
    if failed:
        k = min(failed)
        raise SolverError(f"scenario {inputs.name!r}: person {k} failed: {failed[k]}")
    return daily, Y0


def cohort_local(P: np.ndarray, inputs: ModelInputs) -> CohortResult:
    """In-process cohort (numba threads), report units."""
    daily, Y0 = run_cohort_local(P, inputs)
    return _report(daily, Y0)


def _chunk(P: np.ndarray, inputs: ModelInputs, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numba

    numba.set_num_threads(1)  # one Dask task = one core
    return run_cohort_local(P, inputs, start)


def run_cohort(
    P: np.ndarray,
    inputs: ModelInputs,
    scheduler: str | None = None,
    chunks: int | None = None,
    n_workers: int | None = None,
    processes: bool = True,
) -> CohortResult:
    """Fan the cohort out through Dask: ``scheduler`` None starts a LocalCluster (worker processes unless
    ``processes`` is False), else connects to an existing scheduler (``tcp://host:port``). People are split into
    ``chunks`` tasks."""
    from dask.distributed import Client, LocalCluster

    if inputs.baseline is None:
        raise InputError("cohort inputs need a baseline day", field="inputs")
    start = periodic_state(Parameters(P[0].copy()), inputs.baseline)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers or 2, threads_per_worker=1, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        nw = max(1, len(client.scheduler_info().get("workers", {})))
        parts = [part for part in np.array_split(P, chunks or 4 * nw) if len(part)]
        inp_f = client.scatter(inputs, broadcast=True)
        results = client.gather([client.submit(_chunk, part, inp_f, start, pure=False) for part in parts])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    daily = np.concatenate([r[0] for r in results], axis=0)
    Y0 = np.concatenate([r[1] for r in results], axis=0)
    return _report(daily, Y0)


def roadrunner_person(rr, row: np.ndarray, names=VARIED + ("a_tyr_umol_per_l_min",), minutes: int = MIN_PER_DAY):  # noqa: ANN001, ANN201, B008
    """Simulate one person with a loaded libroadrunner model of the exported SBML."""
    rr.resetToOrigin()
    for n in names:
        rr.setValue(n, float(row[INDEX[n]]))
    return rr.simulate(0, minutes, minutes // MIN_PER_DAY + 1)
