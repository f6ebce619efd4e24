"""Cohort: the compiled kernel matches the single-person solver, people differ, Dask gives the same numbers."""

from __future__ import annotations

import numpy as np
import pytest

from norepi.model.cohort import cohort_local, run_cohort, sample_cohort
from norepi.model.core import ENSEMBLE_STEP_MIN, D
from norepi.model.ensemble import Ensemble, periodic_states, run_sets
from norepi.model.inputs import inputs_from_days, reference_days, with_exercise
from norepi.model.parameters import Parameters
from norepi.model.solver import periodic_state, simulate


@pytest.fixture(scope="module")
def setup():
    inp = inputs_from_days(with_exercise(reference_days(2), "run", 30), name="cohort-test")
    P = sample_cohort(12, Parameters.default(), seed=3)
    return inp, P


def test_cohort_kernel_matches_single_person(setup):
    inp, P = setup
    ens = Ensemble(P, (), "t")
    Y0, failed = periodic_states(ens, inp.baseline, periodic_state(Parameters(P[0].copy()), inp.baseline), rtol=1e-10)
    daily, failed = run_sets(ens, inp.u, Y0, failed)
    assert not failed
    for k in (0, 7):
        params = Parameters(P[k].copy())
        tr = simulate(inp, params, periodic_state(params, inp.baseline))
        # the ensemble kernel steps up to ENSEMBLE_STEP_MIN minutes; daily figures agree within 0.5 %
        assert ENSEMBLE_STEP_MIN > 10
        for idx in (D.NE_MEAN, D.NE_PEAK, D.STORE, D.DBH):
            assert np.isclose(daily[k, 1, idx], tr.daily[1, idx], rtol=5e-3), idx.name


def test_people_differ(setup):
    inp, P = setup
    res = cohort_local(P, inp)
    assert res.ne_peak_nmol_per_l[:, -1].std() > 0  # people differ in their exercise peak


def test_dask_local_cluster_same_results(setup):
    inp, P = setup
    a = cohort_local(P, inp).all()
    # one thread-based worker: numba's workqueue threading layer must not be entered concurrently
    b = run_cohort(P, inp, chunks=3, n_workers=1, processes=False).all()
    # each chunk seeks its people's periodic states on its own (converged to 1e-7): the same within 1e-6
    assert np.allclose(a, b, rtol=1e-6)
