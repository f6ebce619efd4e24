"""SBML export: libSBML consistency, and libroadrunner on the exported file reproduces norepi's own
(reference-solver) trajectories to 1e-6 relative."""

import numpy as np
import pytest

from norepi.model.core import STATE_NAMES
from norepi.model.inputs import inputs_from_days, reference_days, scenario_add_exercise, scenario_tyrosine_supplement
from norepi.model.parameters import Parameters
from norepi.model.sbml import RATE_RULE_STATES, SPECIES_ID, build_sbml, export_sbml
from norepi.model.solver import simulate_reference


@pytest.fixture(scope="module")
def scenario():
    days = scenario_tyrosine_supplement(scenario_add_exercise(reference_days(1), "hiit", 20, start="16:00"), 1000)
    days[0]["stress"] = {"pss10": 25, "events": [{"time": "10:00", "intensity": 7, "duration_min": 15}]}
    days[0]["practices"] = [{"kind": "breathing", "minutes": 10}]
    days[0]["coverage_pct"]["copper_mg"] = 40.0
    inp = inputs_from_days(days, name="sbml-test")
    inp.u = inp.u[: 20 * 60]  # first 20 h: night sleep, waking, meals, supplement, stress, practice, HIIT
    return inp


def test_sbml_passes_libsbml_consistency(scenario, tmp_path):
    import libsbml

    path = export_sbml(tmp_path / "m.xml", scenario, Parameters.default())
    doc = libsbml.readSBMLFromFile(str(path))
    assert doc.getLevel() == 3
    n = doc.checkConsistency()
    errors = [doc.getError(i) for i in range(n) if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    assert not errors, [e.getMessage() for e in errors]
    assert doc.getModel().getNumEvents() > 20


def test_roadrunner_reproduces_norepi(scenario):
    import roadrunner

    params = Parameters.default()
    rr = roadrunner.RoadRunner(build_sbml(scenario, params))
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-14
    rr.integrator.maximum_num_steps = 100000
    n = scenario.minutes
    res = rr.simulate(0, n, n + 1)
    ref = simulate_reference(scenario, params, rtol=1e-10, atol=1e-14)
    cols = res.colnames
    for i, name in enumerate(STATE_NAMES):
        col = name if name in RATE_RULE_STATES else f"[{SPECIES_ID[name]}]"
        a = res[:, cols.index(col)]
        b = ref.y[:, i]
        floor = 1e-9 * np.abs(b).max() + 1e-300  # states that are ~0 (empty gut, no load) are compared absolutely
        rel = np.abs(a - b) / np.maximum(np.abs(b), floor)
        assert rel.max() < 1e-6, f"{name}: max relative difference {rel.max():.2e}"
