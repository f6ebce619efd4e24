"""Each calibration target: simulate the published protocol, compare with the published value within
the tolerance stated next to the target (norepi.model.calibration.TARGETS)."""

import pytest

from norepi.model.calibration import TARGETS
from norepi.model.parameters import TABLE, Parameters, load_fitted

# Held-out targets the model is known to miss (reported in docs/model.md); strict xfail so that a fix
# is noticed.
KNOWN_MISSES = {
    "24-h mean plasma NE": "awake upright fraction 0.75 and no ambulatory activity: model ~1.7 vs 2.44 nM",
    "clock time of NE trough": "trough falls right after sleep onset (~23:45), not at 02:20",
}


@pytest.fixture(scope="module")
def params():
    return Parameters.default()


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_target(target, params):
    value = target.model(params)
    met = target.low <= value <= target.high
    if target.name in KNOWN_MISSES:
        assert not met, f"{target.name} is now met ({value:.4g}): remove it from KNOWN_MISSES and the docs"
        pytest.xfail(KNOWN_MISSES[target.name])
    assert target.low <= value <= target.high, (
        f"{target.name}: model {value:.4g} outside [{target.low:.4g}, {target.high:.4g}]"
    )


def test_fitted_values_are_in_the_json_and_marked_fitted():
    fitted = load_fitted()
    assert fitted, "fitted_parameters.json missing"
    for name in fitted:
        assert TABLE[name].kind == "fitted" and TABLE[name].fitted_to


def test_every_parameter_has_unit_and_source():
    for p in TABLE.values():
        assert p.unit and p.source and p.kind in {"literature", "prior", "fitted", "derived"}


def test_held_out_targets_exist():
    roles = {t.role for t in TARGETS}
    assert {"fitted", "held-out", "anchored"} <= roles
    assert sum(t.role == "held-out" for t in TARGETS) >= 5
