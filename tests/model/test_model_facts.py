"""Every row of the physiology fact sheet is placed: a target (met or missed), a parameter, an input elsewhere, or not
modelled with the reason."""

from __future__ import annotations

import pytest

from norepi.model.calibration import BY_NAME
from norepi.model.facts import FACT_SHEET, FACTS, fact_rows
from norepi.model.parameters import TABLE

pytestmark = pytest.mark.skipif(not FACT_SHEET.exists(), reason=f"fact sheet not found at {FACT_SHEET}")


def test_every_fact_row_is_placed_and_no_placement_is_stale():
    rows = {(s, q) for s, q, _, _ in fact_rows()}
    assert rows - set(FACTS) == set(), "rows of the fact sheet with no placement"
    assert set(FACTS) - rows == set(), "placements of rows no longer in the fact sheet"


def test_placements_name_real_targets_and_parameters_and_give_reasons():
    for key, use in FACTS.items():
        assert use.kind in {"target", "parameter", "input", "by construction", "not modelled"}, key
        if use.kind == "target":
            assert use.what and all(n in BY_NAME for n in use.what), key
        elif use.kind == "parameter":
            assert use.what and all(n in TABLE for n in use.what), key
        else:
            assert use.why, key
