"""The insights report: minimum days, BH over all tests, a planted effect found, the JSON shape."""

from __future__ import annotations

import json

import insights_synth as synth
import numpy as np
from scipy.stats import binom

from norepi.insights.associations import CAVEAT, LAGS, MIN_PAIRED_DAYS, run_insights
from norepi.insights.series import LEVERS, OUTCOMES
from norepi.insights.stats import benjamini_hochberg


def test_nothing_shown_below_minimum_days() -> None:
    report = run_insights(synth.journal(MIN_PAIRED_DAYS - 3, seed=1), n_permutations=199)
    out = report.as_dict()
    assert out["n_tests"] == 0 and out["findings"] == []
    assert all(t["status"] == "insufficient" and t["r"] is None and "at least 21" in t["reason"]
               for t in out["tests"])
    assert out["caveat"] == CAVEAT and "not causation" in CAVEAT


def test_planted_effect_is_the_top_finding_and_json_shape() -> None:
    days = synth.journal(90, seed=1, planted=("sleep", "focus", 0.6))
    report = run_insights(days, seed=3)
    out = json.loads(json.dumps(report.as_dict()))  # plain JSON
    assert len(out["tests"]) == len(LEVERS) * len(OUTCOMES) * len(LAGS)
    assert out["n_tests"] == len(out["tests"])  # all levers tracked for 90 days
    top = out["findings"][0]
    assert (top["lever"], top["outcome"], top["lag"]) == ("sleep_duration_h", "focus", "same_day")
    assert top["ci_low"] > 0 and top["q_value"] <= out["method"]["fdr_q"] and top["r"] > 0.3
    assert top["n_pairs"] + top["missing_days"] == 90
    series = top["series"]
    assert len(series["date"]) == len(series["lever"]) == len(series["outcome"]) == top["n_pairs"]
    assert set(out["method"]) >= {"effect", "p_value", "interval", "multiple_testing", "min_paired_days", "fdr_q"}
    # q-values are BH over exactly the tests run
    ps = np.array([t.p_value for t in report.tests if t.status == "tested"])
    qs = np.array([t.q_value for t in report.tests if t.status == "tested"])
    assert np.allclose(qs, benjamini_hochberg(ps))
    # non-findings carry no series (the chart data is per finding)
    assert all("series" not in t for t in out["tests"])


def test_missing_ratings_are_not_zero() -> None:
    days = synth.journal(40, seed=2)
    for dday in days[::2]:
        dday["ratings"] = {}
    report = run_insights(days, n_permutations=99, levers=["sleep_duration_h"], outcomes=["mood"],
                          lags=["same_day"])
    (t,) = report.tests
    assert t.n_pairs <= 20 and t.status == "insufficient"


def test_null_journals_rarely_give_any_finding() -> None:
    # 30 journals with no true effect; 4 levers x 2 ratings x 3 lags = 24 tests each. BH at q = 0.10 under the
    # global null keeps P(any finding) <= 0.10 (Benjamini & Hochberg 1995, Theorem 1 with all nulls true),
    # so the count of journals with a finding is <= Binomial(30, 0.10); bound: its 99.9 % quantile.
    hits = 0
    for seed in range(30):
        report = run_insights(synth.journal(60, seed=100 + seed), seed=seed, n_permutations=999,
                              levers=["sleep_duration_h", "vigorous_min", "magnesium_coverage_pct", "practice_min"],
                              outcomes=["focus", "mood"])
        hits += bool(report.findings)
    assert hits <= binom.ppf(0.999, 30, 0.10)
