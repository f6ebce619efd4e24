"""Unit tests of norepi.insights.stats against hand-worked values and scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from norepi.insights.stats import (
    BlockPermutations,
    Permutations,
    ar1_coefficient,
    associate,
    benjamini_hochberg,
    block_permutation_indices,
    difference_in_means,
    ols_slope,
    pearson,
    pearson_rows,
    prewhiten,
)


def test_bh_hand_worked() -> None:
    # sorted p: .005 .01 .03 .04 .20; m p / rank: .025 .025 .05 .05 .20; running min from the top: same
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.20, np.nan])
    q = benjamini_hochberg(p)
    assert q[:5] == pytest.approx([0.025, 0.05, 0.05, 0.025, 0.20])
    assert math.isnan(q[5])


def test_bh_monotone_step_up() -> None:
    # m p / rank = .06, .04 -> the step-up minimum gives both .04
    assert benjamini_hochberg(np.array([0.03, 0.04])) == pytest.approx([0.04, 0.04])


def test_bh_paper_example() -> None:
    # Benjamini & Hochberg (1995), section 4: 15 p-values, q* = 0.05 rejects the four smallest
    p = np.array([0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
                  0.5719, 0.6528, 0.7590, 1.000])
    q = benjamini_hochberg(p)
    assert int((q <= 0.05).sum()) == 4
    assert np.all(q >= p)


def test_bh_empty_and_all_nan() -> None:
    assert benjamini_hochberg(np.array([])).size == 0
    assert np.isnan(benjamini_hochberg(np.array([np.nan, np.nan]))).all()


def test_pearson_matches_scipy_on_complete_pairs() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=40), rng.normal(size=40)
    y += 0.5 * x
    x[[2, 7, 11]] = np.nan
    y[[5, 7, 30]] = np.nan
    ok = ~np.isnan(x) & ~np.isnan(y)
    assert pearson(x, y) == pytest.approx(sps.pearsonr(x[ok], y[ok])[0], abs=1e-12)


def test_pearson_rows_with_index_equals_loop() -> None:
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=30), rng.normal(size=30)
    y[[1, 4]] = np.nan
    idx = np.stack([rng.permutation(30) for _ in range(5)])
    rows = pearson_rows(x, y, idx)
    for i in range(5):
        assert rows[i] == pytest.approx(pearson(x, y[idx[i]]), abs=1e-12)


def test_pearson_degenerate_is_nan() -> None:
    assert math.isnan(pearson(np.array([1.0, 1.0, 1.0, 1.0]), np.array([1.0, 2.0, 3.0, 4.0])))
    assert math.isnan(pearson(np.array([1.0, 2.0, np.nan]), np.array([1.0, 2.0, 3.0])))


def test_prewhiten_hand_worked() -> None:
    # mean 2, centred [-1, 1, -1, 1, -1, 1]; lag-1 products all -1 -> phi = -1, clipped to -0.95
    x = np.array([1.0, 3.0, 1.0, 3.0, 1.0, 3.0])
    assert ar1_coefficient(x) == pytest.approx(-0.95)
    e = prewhiten(x)
    assert math.isnan(e[0])
    assert e[1:] == pytest.approx([1 - 0.95, -1 + 0.95, 1 - 0.95, -1 + 0.95, 1 - 0.95])


def test_prewhiten_keeps_missing_missing() -> None:
    x = np.array([1.0, 2.0, np.nan, 4.0, 3.0, 5.0])
    e = prewhiten(x)
    assert np.isnan(e[[0, 2, 3]]).all() and not np.isnan(e[[1, 4, 5]]).any()


def test_ar1_estimate_close_to_truth() -> None:
    from scipy.signal import lfilter

    rng = np.random.default_rng(5)
    x = lfilter([1.0], [1.0, -0.6], rng.normal(size=5000))
    assert ar1_coefficient(x) == pytest.approx(0.6, abs=0.03)


def test_block_permutation_indices_are_block_permutations() -> None:
    rng = np.random.default_rng(6)
    idx = block_permutation_indices(30, 7, 50, rng)
    assert idx.shape == (50, 30)
    for row in idx:
        assert sorted(row.tolist()) == list(range(30))  # a permutation of the days
        # blocks of consecutive days (mod 30): at most 5 blocks -> at most 4 breaks between neighbours
        breaks = sum((row[i + 1] - row[i]) % 30 != 1 for i in range(29))
        assert breaks <= 4


def test_ols_slope_and_difference() -> None:
    x = np.array([0.0, 1.0, 2.0, np.nan])
    y = np.array([1.0, 3.0, 5.0, 100.0])
    assert ols_slope(x, y) == pytest.approx(2.0)
    labels = np.array([True, True, False, False])
    assert difference_in_means(np.array([2.0, 4.0, 1.0, np.nan]), labels) == pytest.approx(2.0)


def test_associate_strong_effect_hits_p_floor_and_interval() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=60)
    y = x + 0.05 * rng.normal(size=60)
    a = associate(x, y, rng, n_permutations=999)
    assert a.p_value == pytest.approx(1 / 1000)
    assert a.r > 0.95 and a.ci_low < a.r < a.ci_high <= 1.0
    assert a.n_pairs == 60 and a.slope == pytest.approx(1.0, abs=0.05)


def test_associate_lag_pairs_lever_with_later_outcome() -> None:
    rng = np.random.default_rng(8)
    x = rng.normal(size=50)
    y = np.empty(50)
    y[1:] = x[:-1]  # outcome = yesterday's lever
    y[0] = 0.0
    same = associate(x, y, np.random.default_rng(1), lag_days=0, n_permutations=199)
    nxt = associate(x, y, np.random.default_rng(1), lag_days=1, n_permutations=199)
    assert nxt.r_raw == pytest.approx(1.0) and nxt.r > 0.99 and abs(same.r) < 0.6
    assert nxt.n_pairs == 49


def test_associate_is_deterministic_for_a_seed() -> None:
    x = np.random.default_rng(9).normal(size=40)
    y = np.random.default_rng(10).normal(size=40)
    a = associate(x, y, np.random.default_rng(11), n_permutations=299)
    b = associate(x, y, np.random.default_rng(11), n_permutations=299)
    assert a == b


def test_permutations_depend_on_the_seed_and_the_number_of_days_only() -> None:
    a, b = Permutations(3, 99), Permutations(3, 99)
    assert np.array_equal(a(50).indices(), b(50).indices())
    b(40)  # asking for another length in between changes nothing
    assert np.array_equal(a(50).indices(), b(50).indices())
    assert not np.array_equal(a(50).indices(), Permutations(4, 99)(50).indices())
    assert a(40).indices().shape == (99, 40) and a(40).count == 99


@pytest.mark.parametrize("k", [3, 7, 13, 14, 50, 361])
def test_block_products_equal_the_explicit_permutations(k: int) -> None:
    # r* by window products and k/7 look-ups per permutation equals the product with the permuted outcome
    rng = np.random.default_rng(k)
    perm = BlockPermutations.draw(k, 7, 300, rng)
    x, y = rng.normal(size=(3, k)), rng.normal(size=k)
    assert np.allclose(perm.products(x, y), (y[perm.indices()] @ x.T).T, rtol=0, atol=1e-12)


def test_associate_runs_over_the_paired_days_only() -> None:
    # the same series with 90 unknown days around them: same r, interval and p (with a seed, not a generator)
    rng = np.random.default_rng(12)
    x, y = rng.normal(size=60), rng.normal(size=60)
    y += 0.4 * x
    x[[5, 17]] = np.nan
    y[[9, 30, 31]] = np.nan
    pad = np.full(45, np.nan)
    a = associate(x, y, 7, n_permutations=999)
    b = associate(np.concatenate([pad, x, pad]), np.concatenate([pad, y, pad]), 7, n_permutations=999)
    assert (a.r, a.ci_low, a.ci_high, a.p_value, a.n_pairs, a.n_tested) == \
        (b.r, b.ci_low, b.ci_high, b.p_value, b.n_pairs, b.n_tested)
    # prewhitening needs the day before: of the 60 days, day 0 and the days missing or after a missing day in
    # either series (5, 6, 17, 18; 9, 10, 30, 31, 32) drop out of the test, 50 remain
    assert a.n_pairs == 55 and a.n_tested == 50


def test_associate_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError):
        associate(np.zeros(5), np.zeros(6), np.random.default_rng(0))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=1, max_size=40))
def test_bh_properties(ps: list[float]) -> None:
    p = np.array(ps)
    q = benjamini_hochberg(p)
    assert np.all(q >= p - 1e-15) and np.all(q <= 1.0)
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(q[order]) >= -1e-15)  # order-preserving
    assert q.min() == pytest.approx(min(1.0, float(np.min(p * len(p) / (np.argsort(np.argsort(p, kind="stable"),
                                                                                   kind="stable") + 1)))))
