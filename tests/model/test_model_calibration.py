"""Each calibration and validation target: simulate the published protocol from the periodic steady state, compare
with the published value within the range stated next to the target (norepi.model.calibration.TARGETS)."""

from __future__ import annotations

import json

import pytest

from norepi.model.calibration import FIT_NAMES, FITTED, HELD_OUT, TARGETS, held_out_digest, residuals
from norepi.model.parameters import FITTED_JSON, KINDS, TABLE, Parameters, load_fitted

# Held-out targets the model misses (reported in the README and docs/model.md); strict xfail so that a fix is noticed.
KNOWN_MISSES = {
    "NE breakpoint of an incremental test": "the fitted curve (power ~1.2 above 22 %) has no sharp break: ~60 %",
    "steeper NE rise above 75 % VO2max": "the fitted curve is nearly linear above the threshold",
    "NE recovery time constant after 65 % VO2max": "plasma t1/2 2.4 min (Silverberg) gives tau ~3.5 min, not 101 s",
    "clock time of NE trough": "the trough follows sleep onset (~23:45), not 02:20",
    "supine -> standing rise, 49 controls": "the posture ratio is fitted to PMID 4084169 (x2.6), this study x1.9",
    "supine plasma NE, regional sampling study": "resting NE is anchored to PMID 4084169 (1.07 nM), not 1.59 nM",
    "plasma NE clearance (infusion MCR)": "clearance is anchored to Esler (2.4 L/min), not Silverberg (3.07)",
    "resting NE appearance": "spillover follows from the Esler clearance and supine NE (2.5 vs 4.1 nmol/min)",
    "Stroop task: NE during the task": "acute stress raises the drive during the task; the rise after is not modelled",
}


@pytest.fixture(scope="module")
def params():
    return Parameters.default()


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_target(target, params):
    value, met = target.check(params)
    if target.name in KNOWN_MISSES:
        assert target.role == "held-out", "only held-out targets may be known misses"
        assert not met, f"{target.name} is now met ({value:.4g}): remove it from KNOWN_MISSES and the docs"
        pytest.xfail(KNOWN_MISSES[target.name])
    assert met, f"{target.name}: model {value:.4g} outside [{target.low:.4g}, {target.high:.4g}]"


def test_held_out_targets_are_the_ones_the_fit_saw_declared():
    """The fit recorded a digest of the held-out definitions: changing one (its value, range or role) without a
    refit fails here, so held-out targets cannot be tuned after seeing the fit."""
    data = json.loads(FITTED_JSON.read_text())
    assert data["held_out_digest"] == held_out_digest()
    assert data["targets"] == [t.name for t in FITTED]
    assert len(HELD_OUT) >= 20


def test_the_fit_uses_only_fitted_targets():
    x = [Parameters.default()[n] for n in FIT_NAMES]
    assert len(residuals(x)) == len(FITTED) + 1  # + the weak TAT prior


def test_fitted_values_are_in_the_json_and_marked_fitted():
    fitted = load_fitted()
    assert set(fitted) == set(FIT_NAMES)
    for name in fitted:
        assert TABLE[name].kind == "fitted" and TABLE[name].fitted_to


def test_every_parameter_has_unit_source_and_bounds():
    for p in TABLE.values():
        assert p.unit and p.source and p.kind in KINDS
        if p.kind != "derived":
            assert p.low <= p.value <= p.high, p.name
            assert p.low <= Parameters.default()[p.name] <= p.high, p.name
