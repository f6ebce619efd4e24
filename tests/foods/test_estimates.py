"""Estimated phenylalanine and tyrosine: leave-one-out error on SR28 (stated in docs/foods.md), labels, ranges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from norepi.foods.estimates import PHE, TYR, AminoEstimator, LooError, leave_one_out
from norepi.foods.off import OffRead, by_barcode, lookup_barcode
from norepi.foods.records import FoodRecord
from norepi.foods.sr_records import SrRelease

DOCS = Path(__file__).resolve().parents[2] / "docs" / "foods.md"


@pytest.fixture(scope="module")
def loo(sr28: SrRelease) -> dict[str, LooError]:
    return {
        "twins": leave_one_out(sr28.foods),
        "no_twins": leave_one_out(sr28.foods, same_name=False),
        "baseline": leave_one_out(sr28.foods, baseline=True),
    }


def test_nearest_profiles_beat_one_average_profile(loo: dict[str, LooError]) -> None:
    hard, base = loo["no_twins"], loo["baseline"]
    assert hard.foods > 4000
    assert hard.phe_median < base.phe_median and hard.tyr_median < base.tyr_median
    assert hard.phe_p90 < base.phe_p90 and hard.tyr_p90 < base.tyr_p90
    assert loo["twins"].phe_median < hard.phe_median  # a near-twin is the best reference
    assert hard.phe_in_range >= 0.7 and hard.tyr_in_range >= 0.7


def _stated(label: str) -> list[float]:
    text = DOCS.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
    return [float(x) for x in re.findall(r"(\d+(?:\.\d+)?) %", line)]


@pytest.mark.parametrize("label", ["twins", "no_twins", "baseline"])
def test_docs_state_the_measured_error(label: str, loo: dict[str, LooError]) -> None:
    e = loo[label]
    measured = [e.phe_median, e.phe_p90, e.tyr_median, e.tyr_p90]
    assert _stated(label)[:4] == pytest.approx([round(100 * x, 1) for x in measured], abs=0.051)


def test_a_packaged_food_gets_labelled_estimates_with_a_range(sr28: SrRelease, off_sample: OffRead,
                                                              sr_foods: dict[str, FoodRecord]) -> None:
    estimator = AminoEstimator(sr28.foods)
    bread = lookup_barcode("0000236555909", by_barcode(off_sample.foods))
    assert bread.value(PHE) is None
    est = estimator.estimates_for(bread)
    assert set(est) == {PHE, TYR}
    phe = est[PHE]
    assert phe.low <= phe.value <= phe.high and phe.unit == "g" and "Bread" in phe.basis
    white = next(f for f in sr28.foods if f.description.startswith("Bread, white") and f.value(PHE))  # measured
    measured_ratio = white.value(PHE) / white.value("203")
    assert phe.value / bread.value("203") == pytest.approx(measured_ratio, rel=0.2)
    with_est = FoodRecord(**{**bread.__dict__, "estimates": est})
    cat = with_est.catalogue()
    assert cat.estimated == {PHE, TYR} and cat.per_100g[PHE] == phe.value


def test_measured_foods_and_foods_without_protein_get_none(sr28: SrRelease, sr_foods: dict[str, FoodRecord]) -> None:
    estimator = AminoEstimator(sr28.foods)
    assert estimator.estimates_for(sr_foods["01123"]) == {}  # egg: measured
    lacking = next(f for f in sr28.foods if f.value(PHE) is None and f.value("203"))
    got = estimator.estimates_for(lacking)
    assert got[PHE].low <= got[PHE].value <= got[PHE].high and PHE not in lacking.nutrients
    no_protein = FoodRecord(**{**lacking.__dict__, "nutrients": {}})
    assert estimator.estimates_for(no_protein) == {}


def test_add_estimates_fills_only_what_is_missing(sr28: SrRelease, off_sample: OffRead) -> None:
    from norepi.foods.estimates import add_estimates

    estimator = AminoEstimator(sr28.foods)
    out = list(add_estimates(off_sample.foods[:40], estimator))
    with_protein = [f for f in out if f.value("203") is not None]
    assert with_protein and all(PHE in f.estimates and PHE not in f.nutrients for f in with_protein)
    assert all(not f.estimates for f in out if f.value("203") is None)
