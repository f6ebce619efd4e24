"""Property tests (hypothesis): non-negativity, mass balance, steady state from any start,
monotone exercise response."""

from datetime import datetime

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from norepi.model.core import N_IN, N_STATES, exercise_factor, fluxes, rhs_full
from norepi.model.inputs import ModelInputs, cofactor_factor
from norepi.model.parameters import Parameters
from norepi.model.solver import rest_state, simulate

PARAMS = Parameters.default()
P = PARAMS.values
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def input_rows():
    return st.builds(
        lambda phe, tyr, inten, asleep, upright, circ, stress, prac, pss, fth, faadc, fdbh: np.array(
            [
                phe,
                tyr,
                0.0 if asleep else inten,
                float(asleep),
                0.0 if asleep else upright,
                circ,
                0.0 if asleep else stress,
                0.0 if asleep else float(prac),
                pss,
                fth,
                faadc,
                fdbh,
                0.0,
            ]
        ),
        st.floats(0, 200),
        st.floats(0, 200),
        st.floats(0, 1),
        st.booleans(),
        st.floats(0, 1),
        st.floats(-1, 1),
        st.floats(0, 10),
        st.booleans(),
        st.floats(0, 40),
        st.floats(0.2, 1),
        st.floats(0.2, 1),
        st.floats(0.1, 1),
    )


def random_state(draw_scale):
    y0 = rest_state(PARAMS) * np.asarray(draw_scale)
    return y0


scales = st.lists(st.floats(0.0, 5.0), min_size=N_STATES, max_size=N_STATES)


@SETTINGS
@given(rows=st.lists(input_rows(), min_size=1, max_size=6), scale=scales)
def test_concentrations_never_negative(rows, scale):
    u = np.repeat(np.array(rows), 120, axis=0)
    tr = simulate(ModelInputs(datetime(2025, 1, 1), u, name="random"), PARAMS, random_state(scale))
    assert np.all(tr.y >= 0.0)
    assert np.all(np.isfinite(tr.y))


# amounts: (state index, volume); a pathway molecule counts once whatever its form
def _amount(y):
    vaa, vn = PARAMS["v_aa_l"], PARAMS["v_n_l"]
    vne = PARAMS["cl_ne_l_per_min"] * PARAMS["t_half_ne_min"] / np.log(2)
    aromatic = y[0] + y[1] + vaa * (y[2] + y[3]) + vn * (y[4] + y[5] + y[6] + y[7] + y[8] + y[9] + y[10]) + vne * y[11]
    return aromatic


@SETTINGS
@given(row=input_rows(), scale=scales)
def test_mass_balance_of_the_pathway(row, scale):
    """d(total aromatic amino acid + catecholamine amount)/dt = intake + endogenous appearance
    - (unabsorbed fraction, PAH-independent disposal, TAT, MAO, release of DA, COMT, clearance)."""
    y = random_state(scale)
    dy = np.empty(N_STATES)
    f = np.empty(26)
    rhs_full(y, row, P, dy, f)
    fluxes(y, row, P, f)
    vaa, vn = PARAMS["v_aa_l"], PARAMS["v_n_l"]
    vne = PARAMS["cl_ne_l_per_min"] * PARAMS["t_half_ne_min"] / np.log(2)
    d_total = dy[0] + dy[1] + vaa * (dy[2] + dy[3]) + vn * dy[4:11].sum() + vne * dy[11]
    fabs = PARAMS["f_abs"]
    sources = row[0] + row[1] + vaa * (PARAMS["a_phe_umol_per_l_min"] + PARAMS["a_tyr_umol_per_l_min"]) + 1e-3 * row[12]
    sinks = (1 - fabs) * (f[0] + f[1]) + vaa * (f[21] + f[3]) + vn * (f[9] + f[12] + f[16] + f[19]) + vne * f[20]
    assert np.isclose(d_total, sources - sinks, rtol=1e-9, atol=1e-12 * (abs(sources) + abs(sinks)))
    _ = _amount


@SETTINGS
@given(row=input_rows(), s1=scales, s2=scales)
def test_steady_state_from_any_start(row, s1, s2):
    """Constant inputs (asleep, so that sleep debt has a steady state): two different starts end at
    the same state, and that state is steady."""
    row = row.copy()
    row[2] = row[6] = row[7] = row[4] = 0.0
    row[3] = 1.0
    u = np.repeat(row[None, :], 60 * 24 * 60, axis=0)  # 60 days
    inp = ModelInputs(datetime(2025, 1, 1), u, name="constant")
    a = simulate(inp, PARAMS, random_state(s1)).y
    b = simulate(inp, PARAMS, random_state(s2)).y
    for i in range(12):
        ref = max(abs(a[-1, i]), 1e-9)
        assert abs(a[-1, i] - b[-1, i]) / ref < 1e-3, i
        assert abs(a[-1, i] - a[-1441, i]) / ref < 1e-3, i  # no change over the last day


@SETTINGS
@given(i1=st.floats(0, 1), i2=st.floats(0, 1), minutes=st.integers(1, 120), upright=st.floats(0, 1))
def test_more_intense_exercise_never_less_release(i1, i2, minutes, upright):
    lo, hi = sorted((i1, i2))
    assert exercise_factor(hi, P) >= exercise_factor(lo, P)

    def total_release(inten):
        u = np.zeros((minutes + 60, N_IN))
        u[:, 4] = upright
        u[:minutes, 2] = inten
        u[:minutes, 4] = 1.0
        u[:, 8] = 13
        u[:, 9:12] = 1
        return simulate(ModelInputs(datetime(2025, 1, 1), u, name="ex"), PARAMS).release_umol_per_l_min.sum()

    assert total_release(hi) >= total_release(lo) * (1 - 1e-12)


@given(r=st.floats(0, 50), fmin=st.floats(0, 1))
def test_cofactor_factor_saturates(r, fmin):
    f = cofactor_factor(r, fmin)
    assert fmin - 1e-12 <= f <= 1.0
    assert cofactor_factor(r + 0.1, fmin) >= f - 1e-12
    assert abs(cofactor_factor(1.0, fmin) - 1.0) < 1e-12
    assert abs(cofactor_factor(0.0, fmin) - fmin) < 1e-12
