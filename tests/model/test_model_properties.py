"""Property tests (hypothesis): non-negativity, mass balance, steady state from any start, monotone exercise
response, cofactor factors bounded."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from norepi.model.core import N_FLUX, N_IN, N_STATES, POOLS, F, S, U, cofactor_factor, exercise_factor, fluxes, rhs_full
from norepi.model.inputs import ModelInputs
from norepi.model.parameters import Parameters
from norepi.model.solver import rest_state, simulate, steady_pools

PARAMS = Parameters.default()
P = PARAMS.values
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _row(phe, tyr, vo2, asleep, upright, circ, stress, prac, pss, vc, cu, b6, fol) -> np.ndarray:  # noqa: ANN001
    u = np.zeros(N_IN)
    u[U.PHE_IN], u[U.TYR_IN] = phe, tyr
    u[U.VO2] = 0.0 if asleep else vo2
    u[U.ASLEEP] = float(asleep)
    u[U.UPRIGHT] = 0.0 if asleep else upright
    u[U.CIRCADIAN] = circ
    u[U.STRESS] = 0.0 if asleep else stress
    u[U.PRACTICE] = 0.0 if asleep else float(prac)
    u[U.PSS10] = pss
    u[U.VITC_MG], u[U.CU_RDA], u[U.B6_RDA], u[U.FOLATE_RDA] = vc, cu, b6, fol
    return u


def input_rows():  # noqa: ANN201
    return st.builds(
        _row,
        st.floats(0, 200),
        st.floats(0, 200),
        st.floats(0, 1.2),
        st.booleans(),
        st.floats(0, 1),
        st.floats(-1, 1),
        st.floats(0, 10),
        st.booleans(),
        st.floats(0, 40),
        st.floats(0, 500),
        st.floats(0, 3),
        st.floats(0, 3),
        st.floats(0, 3),
    )


def random_state(scale) -> np.ndarray:  # noqa: ANN001
    y0 = rest_state(PARAMS) * np.asarray(scale)
    for s in (S.POOL_VITC,):
        y0[s] = min(y0[s], 1.0)
    return y0


scales = st.lists(st.floats(0.0, 5.0), min_size=N_STATES, max_size=N_STATES)


@SETTINGS
@given(rows=st.lists(input_rows(), min_size=1, max_size=6), scale=scales)
def test_concentrations_never_negative(rows, scale):
    u = np.repeat(np.array(rows), 120, axis=0)
    tr = simulate(ModelInputs(dt.datetime(2025, 1, 1), u, name="random"), PARAMS, random_state(scale), record=True)
    assert np.all(tr.y >= 0.0)
    assert np.all(np.isfinite(tr.y))


@SETTINGS
@given(row=input_rows(), scale=scales)
def test_mass_balance_of_the_pathway(row, scale):
    """d(total aromatic amino acid + catecholamine amount)/dt = intake + endogenous appearance - (unabsorbed
    fraction, PAH-independent disposal, TAT, MAO, release of DA, COMT, clearance)."""
    y = random_state(scale)
    dy = np.empty(N_STATES)
    f = np.empty(N_FLUX)
    rhs_full(y, row, P, dy, f)
    fluxes(y, row, P, f)
    vaa, vn = PARAMS["v_aa_l"], PARAMS["v_n_l"]
    vne = PARAMS["cl_ne_l_per_min"] * PARAMS["t_half_ne_min"] / np.log(2)
    neuron = [S.TYR_N, S.DOPA, S.DA_C, S.DA_V, S.NE_V, S.NE_C, S.NE_E]
    d_total = dy[S.GUT_PHE] + dy[S.GUT_TYR] + vaa * (dy[S.PHE_P] + dy[S.TYR_P]) + vn * dy[neuron].sum() + vne * dy[
        S.NE_P]
    fabs = PARAMS["f_abs"]
    sources = (row[U.PHE_IN] + row[U.TYR_IN] + vaa * (PARAMS["a_phe_umol_per_l_min"] + PARAMS["a_tyr_umol_per_l_min"])
               + 1e-3 * row[U.NE_INFUSION])
    sinks = ((1 - fabs) * (f[F.PHE_ABS] + f[F.TYR_ABS]) + vaa * (f[F.PHE_OTHER] + f[F.TAT])
             + vn * (f[F.MAO_DA] + f[F.REL_DA] + f[F.MAO_NE] + f[F.COMT]) + vne * f[F.CLEAR])
    assert np.isclose(d_total, sources - sinks, rtol=1e-9, atol=1e-12 * (abs(sources) + abs(sinks)))


@SETTINGS
@given(row=input_rows(), s1=scales, s2=scales)
def test_steady_state_from_any_start(row, s1, s2):
    """Constant inputs (asleep): two different starts end at the same pathway state, and it is steady."""
    row = row.copy()
    row[U.VO2] = row[U.STRESS] = row[U.PRACTICE] = row[U.UPRIGHT] = 0.0
    row[U.ASLEEP] = 1.0
    u = np.repeat(row[None, :], 60 * 24 * 60, axis=0)  # 60 days
    inp = ModelInputs(dt.datetime(2025, 1, 1), u, name="constant")
    y1, y2 = random_state(s1), random_state(s2)
    for y in (y1, y2):  # the pools relax over months, exactly (their own test: the vitamin C and folate targets)
        y[list(POOLS)] = steady_pools(row, PARAMS)
    a = simulate(inp, PARAMS, y1)
    b = simulate(inp, PARAMS, y2)
    a1 = simulate(ModelInputs(dt.datetime(2025, 1, 1), u[:1440], name="one more day"), PARAMS, a.y_end)
    for s in (S.PHE_P, S.TYR_P, S.TYR_N, S.DA_V, S.NE_V, S.NE_P):
        ref = max(abs(a.y_end[s]), 1e-9)
        assert abs(a.y_end[s] - b.y_end[s]) / ref < 1e-3, s.name
        assert abs(a.y_end[s] - a1.y_end[s]) / ref < 1e-3, s.name


@SETTINGS
@given(i1=st.floats(0, 1.2), i2=st.floats(0, 1.2), minutes=st.integers(1, 120), upright=st.floats(0, 1))
def test_more_intense_exercise_never_less_release(i1, i2, minutes, upright):
    lo, hi = sorted((i1, i2))
    assert exercise_factor(hi, 0.0, P) >= exercise_factor(lo, 0.0, P)

    def total_release(vo2: float) -> float:
        u = np.zeros((minutes + 60, N_IN))
        u[:, U.UPRIGHT] = upright
        u[:minutes, U.VO2] = vo2
        u[:minutes, U.UPRIGHT] = 1.0
        u[:, U.PSS10] = 13
        u[:, U.VITC_MG] = 90
        u[:, [U.CU_RDA, U.B6_RDA, U.FOLATE_RDA]] = 1
        inp = ModelInputs(dt.datetime(2025, 1, 1), u, name="ex")
        tr = simulate(inp, PARAMS, record=True)
        return float(tr.y[:, S.NE_P].sum())

    assert total_release(hi) >= total_release(lo) * (1 - 1e-9)


@given(pool=st.floats(0, 50), fmin=st.floats(0, 1), half=st.floats(0.01, 5))
def test_cofactor_factor_saturates(pool, fmin, half):
    f = cofactor_factor(pool, fmin, half)
    assert fmin - 1e-12 <= f <= 1.0
    assert cofactor_factor(pool + 0.1, fmin, half) >= f - 1e-12
    assert abs(cofactor_factor(1.0, fmin, half) - 1.0) < 1e-12
    assert abs(cofactor_factor(0.0, fmin, half) - fmin) < 1e-12
