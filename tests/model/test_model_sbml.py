"""SBML export: libSBML consistency, and libroadrunner on the exported file reproduces norepi's own (reference
solver) trajectories to 1e-6 relative, every state."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from norepi.days.summary import StressDay
from norepi.lifestyle.stress import Pss10Result, StressEvent
from norepi.model.core import S
from norepi.model.inputs import (
    inputs_from_days,
    reference_days,
    with_exercise,
    with_practice,
    with_tyrosine,
)
from norepi.model.parameters import Parameters
from norepi.model.sbml import RATE_RULE_STATES, RULE_ID, SPECIES_ID, build_sbml, export_sbml
from norepi.model.solver import periodic_state, simulate_reference


@pytest.fixture(scope="module")
def scenario():
    p = Parameters.default()
    days = with_tyrosine(with_exercise(reference_days(1), "hiit", 20, start=dt.time(16, 0)), 1000)
    days = with_practice(days, "slow_breathing", 10)
    d = days[0]
    stress = StressDay(Pss10Result(25, d.date), (StressEvent(dt.datetime.combine(d.date, dt.time(10), dt.UTC), 7),))
    low_cu = replace(d.food, totals={**d.food.totals, "copper_mg": 0.4 * d.targets["copper_mg"].rda})
    inp = inputs_from_days([replace(d, stress=stress, food=low_cu)], p, name="sbml-test")
    y0 = periodic_state(p, inp.baseline)
    return inp.head(20 * 60), p, y0  # night, waking, meals, supplement, stress, practice, HIIT, low copper


def test_sbml_passes_libsbml_consistency(scenario, tmp_path):
    import libsbml

    inp, p, _ = scenario
    path = export_sbml(tmp_path / "m.xml", inp, p)
    doc = libsbml.readSBMLFromFile(str(path))
    assert doc.getLevel() == 3
    n = doc.checkConsistency()
    errors = [doc.getError(i) for i in range(n) if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    assert not errors, [e.getMessage() for e in errors]
    assert doc.getModel().getNumEvents() > 20


def test_roadrunner_reproduces_norepi(scenario):
    import roadrunner

    inp, params, y0 = scenario
    rr = roadrunner.RoadRunner(build_sbml(inp, params, y0))
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-14
    rr.integrator.maximum_num_steps = 100000
    n = inp.minutes
    res = rr.simulate(0, n, n + 1)
    ref = simulate_reference(inp, params, y0, rtol=1e-10, atol=1e-14)
    cols = res.colnames
    for s in S:
        col = RULE_ID[s] if s in RATE_RULE_STATES else f"[{SPECIES_ID[s]}]"
        a = res[:, cols.index(col)]
        b = ref[:, s]
        # values below 1e-4 of a state's maximum (empty gut, decayed drift) are compared absolutely (to 1e-10 of it)
        floor = 1e-4 * np.abs(b).max() + 1e-300
        rel = np.abs(a - b) / np.maximum(np.abs(b), floor)
        assert rel.max() < 1e-6, f"{s.name}: max relative difference {rel.max():.2e}"
