"""Cohort: compiled kernel vs single-person solver, Dask fan-out gives the same numbers."""

import numpy as np
import pytest

from norepi.model import Parameters, inputs_from_days, simulate
from norepi.model.cohort import cohort_local, run_cohort, sample_cohort
from norepi.model.inputs import reference_days, scenario_add_exercise
from norepi.model.solver import rest_state


@pytest.fixture(scope="module")
def setup():
    inp = inputs_from_days(scenario_add_exercise(reference_days(2), "run", 30), name="cohort-test")
    P = sample_cohort(12, Parameters.default(), seed=3)
    return inp, P


def test_cohort_kernel_matches_single_person(setup):
    inp, P = setup
    res = cohort_local(P, inp)
    for k in (0, 7):
        params = Parameters(P[k].copy())
        tr = simulate(inp, params, rest_state(params))
        ne = tr.ne_plasma_nmol_per_l
        assert np.isclose(res.daily[k, 1, 0], ne[1441:2881].mean(), rtol=1e-9)
        assert np.isclose(res.daily[k, 1, 1], ne[1441:2881].max(), rtol=1e-9)


def test_cohort_varies_and_rest_state_is_shared(setup):
    inp, P = setup
    y = [rest_state(Parameters(P[k].copy())) for k in (0, 5)]
    assert np.allclose(y[0], y[1], rtol=1e-8)
    res = cohort_local(P, inp)
    assert res.daily[:, -1, 1].std() > 0  # people differ in their exercise peak


def test_dask_local_cluster_same_results(setup):
    inp, P = setup
    a = cohort_local(P, inp).daily
    # one thread-based worker: numba's workqueue threading layer must not be entered concurrently
    b = run_cohort(P, inp, chunks=3, n_workers=1, processes=False).daily
    assert np.allclose(a, b, rtol=1e-12)
