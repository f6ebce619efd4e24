"""The parameter ensemble: consistent with the calibration, failures reported with their parameters, overrides
checked against documented bounds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from norepi.errors import InputError
from norepi.model.api import run_days
from norepi.model.calibration import FIT_NAMES, REQUIRED, varied_priors
from norepi.model.ensemble import Ensemble, load_ensemble
from norepi.model.inputs import reference_days
from norepi.model.parameters import INDEX, NAMES, TABLE, Parameters


def test_ensemble_is_large_and_within_bounds():
    ens = load_ensemble()
    assert ens.size >= 200 and ens.P.shape[1] == len(NAMES)
    assert set(ens.varied) == set(FIT_NAMES) | set(varied_priors())
    for n in ens.varied:
        col = ens.P[:, INDEX[n]]
        assert np.all((col >= TABLE[n].low) & (col <= TABLE[n].high)), n
        assert col.std() > 0, n


@pytest.mark.parametrize("k", [0, 101, 255])
def test_members_meet_the_calibration(k):
    p = Parameters(load_ensemble().P[k].copy())
    missed = [t.name for t in REQUIRED if not t.check(p)[1]]
    assert not missed


def test_a_failed_member_is_reported_with_its_parameters_not_dropped():
    good = load_ensemble().P[:3].copy()
    bad = good[1].copy()
    bad[INDEX["k_rel_per_min"]] = math.inf
    ens = Ensemble(np.vstack([good, bad[None, :]]), ("k_rel_per_min", "g_upright"), "test")
    run = run_days(reference_days(2), ensemble=ens)
    assert run.members == 3 and len(run.failed) == 1
    (f,) = run.failed
    assert f.index == 3 and math.isinf(f.parameters["k_rel_per_min"]) and f.reason
    assert any("1 of 4 parameter sets failed" in n for n in run.notes)


@pytest.mark.parametrize(
    "overrides, field",
    [({"no_such_parameter": 1.0}, "parameters"), ({"k_debt": 5.0}, "k_debt"), ({"v_n_l": 1.0}, "v_n_l"),
     ({"g_upright": "tall"}, "g_upright")],
)
def test_overrides_are_checked(overrides, field):
    with pytest.raises(InputError) as err:
        Parameters.default(overrides)
    assert err.value.field == field


def test_an_override_reaches_every_member():
    ens = load_ensemble().with_overrides({"k_debt": 0.0})
    assert np.all(ens.P[:, INDEX["k_debt"]] == 0.0) and "k_debt" not in ens.varied
