"""Journal days -> inputs, defaults, refusal of non-physiological inputs, solver failures."""

from datetime import datetime

import numpy as np
import pytest

from norepi.errors import InputError
from norepi.model.inputs import (
    ModelInputs,
    inputs_from_days,
    reference_days,
    scenario_add_exercise,
    scenario_sleep_hours,
)
from norepi.model.parameters import INDEX, Parameters
from norepi.model.solver import SolverError, simulate, simulate_reference


def day(**kw):
    d = {
        "date": "2025-03-01",
        "totals": {"protein_g": 90, "phenylalanine_mg": 4000, "tyrosine_mg": 3200},
        "coverage_pct": {"iron_mg": 120, "copper_mg": 80, "vitamin_c_mg": None},
        "entries": [{"time": "08:00", "phe_tyr_mg": 1500, "grams": 200}, {"time": None, "phe_tyr_mg": 3000}],
        "exercise": [{"start": "2025-03-01T18:00:00", "type": "run", "duration_min": 30, "avg_hr": 150}],
        "sleep": [{"start": "2025-02-28T23:30:00", "end": "2025-03-01T07:00:00", "duration_min": 450}],
        "practices": [{"kind": "meditation", "minutes": 15}],
        "stress": {"pss10": 20, "events": [{"time": "11:00", "intensity": 6, "duration_min": 20}]},
    }
    d.update(kw)
    return d


def test_inputs_from_a_full_day():
    inp = inputs_from_days([day()])
    assert inp.minutes == 1440
    asleep = inp.column("asleep")
    assert asleep[:420].all() and not asleep[420:1380].any()  # 23:30 the night before to 07:00
    ex = inp.column("intensity_hrr")
    assert np.allclose(ex[18 * 60 : 18 * 60 + 30], (150 - 60) / (190 - 60)) and ex[: 18 * 60].max() == 0
    assert inp.column("stress_intensity")[11 * 60 + 5] == 6
    assert inp.column("pss10")[0] == 20
    assert inp.column("practice").sum() == 15
    # amino acids: total umol entering the gut equals the entries' mg / molar mass
    phe_frac = 4000 / 7200
    expect = 4500 * phe_frac / 165.19 * 1000
    assert np.isclose(inp.column("phe_in_umol_per_min").sum(), expect)


def test_defaults_for_empty_lifestyle():
    inp = inputs_from_days([{"date": "2025-03-01"}])
    asleep = inp.column("asleep")
    assert asleep[: 7 * 60].all() and asleep[23 * 60 :].all() and not asleep[7 * 60 : 23 * 60].any()
    assert inp.column("intensity_hrr").max() == 0
    assert inp.column("phe_in_umol_per_min").sum() > 0  # reference diet
    assert inp.notes and "reference diet" in inp.notes[0]
    assert inp.column("f_th").min() == 1.0


def test_deficiency_lowers_and_surplus_does_not_raise_factors():
    low = inputs_from_days([day(coverage_pct={"copper_mg": 10, "vitamin_b6_mg": 10, "iron_mg": 10})])
    high = inputs_from_days([day(coverage_pct={"copper_mg": 500, "vitamin_b6_mg": 500, "iron_mg": 500})])
    for col in ("f_th", "f_aadc", "f_dbh"):
        assert low.column(col)[0] < 1.0
        assert high.column(col)[0] == 1.0


@pytest.mark.parametrize(
    "change, field",
    [
        ({"exercise": [{"type": "run", "duration_min": -5}]}, "exercise[0].duration_min"),
        ({"exercise": [{"type": "run", "duration_min": 30, "avg_hr": 400}]}, "exercise[0].avg_hr"),
        ({"sleep": [{"start": "2025-02-28T20:00:00", "end": "2025-03-02T02:00:00"}]}, "sleep[0]"),
        ({"sleep": [{"start": "22:00", "duration_min": 1800}]}, "sleep[0].duration_min"),
        ({"stress": {"pss10": 41}}, "stress.pss10"),
        ({"stress": {"pss10": -1}}, "stress.pss10"),
        ({"practices": [{"kind": "meditation", "minutes": -3}]}, "practices[0].minutes"),
        ({"stress": {"events": [{"time": "10:00", "intensity": 11}]}}, "stress.events[0].intensity"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(change, field):
    with pytest.raises(InputError) as err:
        inputs_from_days([day(**change)])
    assert err.value.field == field


def test_bad_input_array_refused():
    u = np.zeros((10, 13))
    u[:, 8] = 45
    with pytest.raises(InputError) as err:
        simulate(ModelInputs(datetime(2025, 1, 1), u, name="x"))
    assert err.value.field == "pss10"


def test_solver_failure_names_the_scenario():
    p = Parameters.default()
    bad = p.values.copy()
    bad[INDEX["k_rel_per_min"]] = 1e300
    params = Parameters(bad)
    inp = inputs_from_days(reference_days(1), name="exploding")
    y0 = np.abs(np.nan_to_num(np.ones(15)))
    with pytest.raises(SolverError, match="exploding"):
        simulate(inp, params, y0)


def test_scenario_builders():
    base = reference_days(3)
    short = inputs_from_days(scenario_sleep_hours(base, 5))
    assert abs(short.column("asleep")[1440:2880].sum() - 300) <= 2
    hiit = inputs_from_days(scenario_add_exercise(base, "hiit", 20))
    col = hiit.column("intensity_hrr")[18 * 60 : 18 * 60 + 20]
    assert col.max() == 0.95 and col.min() == 0.5


def test_fast_solver_matches_reference():
    """Quasi-steady fast species + RK4 vs the full stiff ODE (Radau, rtol 1e-10)."""
    days = scenario_add_exercise(reference_days(1), "hiit", 20, start="08:00")
    days[0]["stress"] = {"events": [{"time": "10:00", "intensity": 8, "duration_min": 15}]}
    inp = inputs_from_days(days, name="accuracy")
    inp.u = inp.u[: 14 * 60]
    fast, ref = simulate(inp), simulate_reference(inp)
    ne_f, ne_r = fast.ne_plasma_nmol_per_l[1:], ref.ne_plasma_nmol_per_l[1:]
    assert np.max(np.abs(ne_f - ne_r) / ne_r) < 0.01
    assert np.max(np.abs(fast.y[:, 8] - ref.y[:, 8]) / ref.y[:, 8]) < 1e-4
    # rows inside a multi-minute step are linear interpolations: plasma Tyr within 0.5 %
    assert np.max(np.abs(fast.y[:, 3] - ref.y[:, 3]) / ref.y[:, 3]) < 5e-3
