"""The insights report: over the paired days only (padding changes no p-value), a stated minimum of days with
variation, the strongest associations always shown, ratings on their own scales, observations as levers and
outcomes, and how many more days a short journal needs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import insights_synth as synth
import numpy as np
import pytest
from scipy.stats import binom

from norepi.errors import InputError
from norepi.insights.associations import (
    CAVEAT,
    MIN_DAYS_EACH_SIDE,
    MIN_PAIRED_DAYS,
    Lag,
    TestStatus,
    days_each_side,
    find_associations,
)
from norepi.insights.series import LEVERS
from norepi.insights.stats import benjamini_hochberg
from norepi.vocab import ObservationKind, PracticeKind

LAST = dt.date(2026, 11, 24)


def _key(t):  # type: ignore[no-untyped-def]
    return (t.lever.name, t.outcome.name, t.lag)


def test_short_journal_says_how_many_more_days() -> None:
    report = find_associations(synth.journal(MIN_PAIRED_DAYS - 3, seed=1), n_permutations=199)
    assert report.n_tests == 0 and report.findings == () and report.strongest == ()
    assert all(t.status is TestStatus.INSUFFICIENT and t.r is None for t in report.tests)
    assert all(f"at least {MIN_PAIRED_DAYS} needed" in t.reason for t in report.tests)
    best = max(t.n_pairs for t in report.tests)
    r = report.readiness
    assert r.tests_run == 0 and r.more_days_needed == MIN_PAIRED_DAYS - best > 0
    assert f"{r.more_days_needed} more days" in r.message and f"{r.rated_days} days rated" in r.message
    assert report.caveat == CAVEAT and "not causation" in CAVEAT


def test_journal_without_ratings_asks_for_them() -> None:
    days = [synth.day(LAST - dt.timedelta(days=i), sleep_h=8.0) for i in range(14)]
    report = find_associations(days)
    assert report.outcomes == () and report.tests == ()
    assert report.readiness.more_days_needed == MIN_PAIRED_DAYS and "No ratings yet" in report.readiness.message


def test_planted_effect_is_the_top_finding() -> None:
    days = synth.journal(90, seed=1, planted=("sleep", "focus", 0.6))
    report = find_associations(days, seed=3)
    n_levers, n_outcomes = len(LEVERS), 4
    assert len(report.tests) == n_levers * n_outcomes * len(Lag) and report.n_tests == len(report.tests)
    top = report.findings[0]
    assert _key(top) == ("time_asleep_h", "focus", Lag.SAME_DAY) and report.strongest[0] == top
    assert top.ci_low is not None and top.ci_low > 0 and top.q_value is not None and top.q_value <= 0.10
    assert top.r is not None and top.r > 0.3 and top.better is True
    assert top.n_pairs + top.missing_days == 90
    assert len(top.series) == top.n_pairs and all(not np.isnan(p.lever + p.outcome) for p in top.series)
    assert "On days with more time asleep (h), focus was higher (better: higher is better)" in top.sentence()
    assert "established at a 10% false discovery rate" in top.sentence()
    tested = [t for t in report.tests if t.status is TestStatus.TESTED]
    assert np.allclose([t.q_value for t in tested], benjamini_hochberg(np.array([t.p_value for t in tested])))
    # only the reported tests carry chart data
    shown = set(map(_key, report.findings)) | set(map(_key, report.strongest))
    assert all(bool(t.series) == (_key(t) in shown) for t in report.tests)


def test_padding_the_range_with_empty_months_changes_no_p_value() -> None:
    days = synth.journal(120, seed=5, planted=("sleep", "mood", 0.5))
    plain = find_associations(days, seed=2)
    padded = find_associations(synth.pad(days, 61, 45), seed=2)
    assert padded.n_days == plain.n_days + 106
    assert [_key(t) for t in plain.tests] == [_key(t) for t in padded.tests]
    for a, b in zip(plain.tests, padded.tests, strict=True):
        assert (a.status, a.n_pairs, a.r, a.ci_low, a.ci_high, a.p_value, a.q_value) == \
            (b.status, b.n_pairs, b.r, b.ci_low, b.ci_high, b.p_value, b.q_value)
        assert b.missing_days == a.missing_days + 106  # the empty days are missing, and nothing else
    assert plain.findings and [_key(t) for t in plain.findings] == [_key(t) for t in padded.findings]


def test_a_year_like_the_real_one_finds_its_planted_effect_padded_or_not() -> None:
    # issue 13: a quarter of the days without food, ratings of the person's own on 250 days: the planted
    # time asleep -> tiredness effect is found over the whole year, and over the year padded with empty months
    days = synth.year_like_real(seed=3)
    plain, padded = find_associations(days), find_associations(synth.pad(days, 61, 62))
    for report in (plain, padded):
        t = next(t for t in report.tests if _key(t) == ("time_asleep_h", "tiredness", Lag.SAME_DAY))
        assert t.finding and t.q_value is not None and t.q_value < 0.1 and t.better is True
        assert t.n_pairs == 250 and report.strongest[0].outcome.name == "tiredness"
    assert plain.tests == tuple(dataclasses.replace(t, missing_days=t.missing_days - 123) for t in padded.tests)


def _practice_days(nonzero: int) -> list:  # type: ignore[type-arg]
    """60 days of sleep and mood; practice logged on the first and last day (so the days between count as 0)
    and ``nonzero`` days in all."""
    rng = np.random.default_rng(4)
    on = set(np.linspace(0, 59, nonzero).round().astype(int).tolist())
    days = []
    for i in range(60):
        d = LAST - dt.timedelta(days=59 - i)
        days.append(synth.day(d, sleep_h=float(rng.uniform(6, 9)), ratings={"mood": int(rng.integers(3, 9))},
                              practices=[(PracticeKind.MEDITATION, 15.0)] if i in on else []))
    return days


def test_a_lever_with_two_non_zero_days_is_not_tested() -> None:
    report = find_associations(_practice_days(2), levers=["practice_min"], n_permutations=199)
    for t in report.tests:
        assert t.status is TestStatus.INSUFFICIENT and t.n_pairs >= MIN_PAIRED_DAYS
        # the next-day lag drops the last day; a 7-day mean spreads each non-zero day over up to 7 days
        only = "[1-6]" if t.lag is Lag.ROLLING_7D else "[12]"
        assert re.search(rf"on only {only} of the {t.n_pairs} paired days", t.reason)
        assert f"at least {MIN_DAYS_EACH_SIDE} on each side" in t.reason
    enough = find_associations(_practice_days(MIN_DAYS_EACH_SIDE), levers=["practice_min"], n_permutations=199)
    assert any(t.status is TestStatus.TESTED for t in enough.tests)


def test_days_each_side_of_the_median() -> None:
    assert days_each_side(np.array([0.0] * 30 + [15.0, 20.0])) == 2  # mostly zero: the non-zero days
    assert days_each_side(np.array([1.0] * 30 + [0.0] * 5)) == 5  # mostly one: the zero days
    assert days_each_side(np.arange(40.0)) == 20
    assert days_each_side(np.array([3.0] * 10)) == 0


def test_no_finding_still_shows_the_strongest_as_not_established() -> None:
    report = find_associations(synth.journal(60, seed=11), seed=1, n_permutations=999,
                               levers=["time_asleep_h", "vigorous_min", "magnesium_coverage_pct"])
    assert report.n_tests > 0 and report.findings == ()
    assert len(report.strongest) == 3
    ps = [t.p_value for t in report.strongest]
    assert ps == sorted(ps) and ps[0] == min(t.p_value for t in report.tests if t.p_value is not None)
    for t in report.strongest:
        assert not t.finding and "not established (could be chance)" in t.sentence() and t.series


def _tiredness_days(n: int, seed: int) -> list:  # type: ignore[type-arg]
    """``n`` days: time asleep varies, tiredness (0-5, lower is better) falls with more sleep, HRV rises with it."""
    rng = np.random.default_rng(seed)
    days = []
    for i in range(n):
        d = LAST - dt.timedelta(days=n - 1 - i)
        asleep = float(rng.normal(7.0, 0.8))
        tired = int(np.clip(round(2.5 - 1.2 * (asleep - 7.0) + rng.normal(0, 0.8)), 0, 5))
        hrv = float(np.clip(50 + 8 * (asleep - 7.0) + rng.normal(0, 5), 5, 200))
        days.append(synth.day(d, sleep_h=asleep + 0.7, asleep_h=asleep, ratings={"tiredness": tired},
                              observations={ObservationKind.HRV_RMSSD_MS: hrv,
                                            ObservationKind.RESTING_HR_BPM: float(rng.normal(55, 3))}))
    return days


def test_a_rating_the_person_defined_is_used_as_defined() -> None:
    report = find_associations(_tiredness_days(70, 1), levers=["time_asleep_h"], outcomes=["tiredness"],
                               lags=[Lag.SAME_DAY])
    (t,) = report.tests
    assert t.outcome.scale is not None and (t.outcome.scale.low, t.outcome.scale.high) == (0, 5)
    assert t.finding and t.r is not None and t.r < 0 and t.better is True  # lower tiredness is better
    assert {p.outcome for p in t.series} <= {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}  # the person's own values
    assert t.slope_per_unit is not None and -2.0 < t.slope_per_unit < -0.5  # tiredness points per hour asleep
    text = t.sentence()
    assert "On days with more time asleep (h), tiredness was lower (better: lower is better)" in text


def test_observations_as_outcomes_and_levers() -> None:
    report = find_associations(_tiredness_days(70, 2), lags=[Lag.SAME_DAY])
    outcomes = {v.name for v in report.outcomes}
    assert {"tiredness", "hrv_rmssd_ms", "resting_hr_bpm"} <= outcomes
    keys = {_key(t) for t in report.tests}
    assert ("time_asleep_h", "hrv_rmssd_ms", Lag.SAME_DAY) in keys
    assert ("hrv_rmssd_ms", "tiredness", Lag.SAME_DAY) in keys
    assert ("resting_hr_bpm", "hrv_rmssd_ms", Lag.SAME_DAY) not in keys  # observation vs observation: not tested
    hrv = next(t for t in report.tests if _key(t) == ("time_asleep_h", "hrv_rmssd_ms", Lag.SAME_DAY))
    assert hrv.finding and hrv.better is True and "higher is better" in hrv.sentence()


def test_missing_ratings_are_not_zero() -> None:
    days = synth.journal(40, seed=2)
    days = [dataclasses.replace(dd, ratings={}) if i % 2 == 0 else dd for i, dd in enumerate(days)]
    report = find_associations(days, n_permutations=99, levers=["time_asleep_h"], outcomes=["mood"],
                               lags=[Lag.SAME_DAY])
    (t,) = report.tests
    assert t.n_pairs <= 20 and t.status is TestStatus.INSUFFICIENT and t.more_days_needed == MIN_PAIRED_DAYS - t.n_pairs


def test_unknown_lever_or_outcome_is_refused() -> None:
    days = synth.journal(30, seed=1)
    with pytest.raises(InputError, match="coffee_cups"):
        find_associations(days, levers=["coffee_cups"])
    with pytest.raises(InputError, match="tiredness: not among the outcomes"):
        find_associations(days, outcomes=["tiredness"])


def test_null_journals_rarely_give_any_finding() -> None:
    # 30 journals with no true effect; 4 levers x 2 ratings x 3 lags = 24 tests each. BH at q = 0.10 under the
    # global null keeps P(any finding) <= 0.10 (Benjamini & Hochberg 1995, Theorem 1 with all nulls true),
    # so the count of journals with a finding is <= Binomial(30, 0.10); bound: its 99.9 % quantile.
    hits = 0
    for seed in range(30):
        report = find_associations(synth.journal(60, seed=100 + seed), seed=seed, n_permutations=999,
                                   levers=["time_asleep_h", "vigorous_min", "magnesium_coverage_pct",
                                           "practice_min"], outcomes=["focus", "mood"])
        hits += bool(report.findings)
    assert hits <= binom.ppf(0.999, 30, 0.10)
