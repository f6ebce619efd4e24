"""The public API on typed days: intervals on every figure, assumed days marked, no collapse from not logging, what a
person with no data is told, what-if verdicts, the digits shown."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from model_days import day, logged_days, without_food

from norepi.model.api import NO_DIFFERENCE, PRECURSOR_NOTE, changes_from, run_days, whatif
from norepi.model.inputs import NothingLogged
from norepi.model.uncertainty import Interval
from norepi.web.model_contract import model_plain

D0 = dt.date(2025, 5, 1)


@pytest.fixture(scope="module")
def gap_run():
    days = logged_days(D0, 12)
    for k in (4, 5, 6, 7):
        days[k] = without_food(days[k])
    return run_days(days)


def test_every_figure_has_an_interval_and_unlogged_days_are_marked(gap_run):
    assert gap_run.members >= 200 and not gap_run.failed
    for d in gap_run.days:
        for iv in (d.ne_mean_nmol_per_l, d.ne_peak_nmol_per_l, d.store_pct, d.release_capacity_pct):
            assert iv.low <= iv.value <= iv.high and iv.high > iv.low
    assert [d.is_assumed for d in gap_run.days] == [k in (4, 5, 6, 7) for k in range(12)]
    assert all("usual intake (median of 8 logged days)" in d.assumed[0].reason for d in gap_run.days[4:8])


def test_not_logging_food_does_not_collapse_the_stores(gap_run):
    logged = np.array([d.store_pct.value for d in gap_run.days[:4]])
    unlogged = np.array([d.store_pct.value for d in gap_run.days[4:8]])
    assert np.all(np.abs(unlogged - logged.mean()) < 2.0)
    cap = [d.release_capacity_pct.value for d in gap_run.days]
    assert min(cap) > 95


def test_a_person_with_nothing_logged_gets_no_numbers():
    with pytest.raises(NothingLogged) as err:
        run_days([day(D0, sleep=False), day(D0 + dt.timedelta(days=1), sleep=False)])
    assert "food" in err.value.what_to_log


def test_short_sleep_raises_mean_ne_and_tyrosine_shows_no_difference():
    res = whatif(None, changes_from(sleep_hours=5), n_days=7)
    mean = res.period[0]
    assert mean.index == "mean plasma NE" and mean.distinguishable and mean.pct.low > 0
    tyr = whatif(None, changes_from(tyrosine_mg=2000), n_days=3)
    assert PRECURSOR_NOTE in tyr.notes
    assert not tyr.period[0].distinguishable and NO_DIFFERENCE in tyr.period[0].text
    assert len(tyr.per_day) == 3 and tyr.baseline.start_state == tyr.scenario.start_state


def test_digits_follow_the_interval():
    assert Interval(1.934, 1.612, 2.341, "nmol/L").text() == "1.9 (1.6-2.3) nmol/L"
    assert Interval(98.4, 92.2, 101.7, "%").text() == "98 (92-102) %"
    assert Interval(100.0000003, 100.0, 100.0000008, "%").text() == "100 (100-100) %"
    assert Interval(6.2, 3.1, 9.4, "%").text(signed=True) == "+6 (+3 to +9) %"
    assert Interval(-0.31, -0.52, -0.2, "%").covers(0.0) is False


def test_results_become_plain_values(gap_run):
    plain = model_plain(gap_run)
    text = json.dumps(plain)
    assert '"assumed": [{"part": "food"' in text and plain["parameter_sets"] >= 200
    assert plain["days"][0]["ne_mean_nmol_per_l"]["text"].endswith("nmol/L")
    assert "no accepted healthy range" in plain["limits"]


def test_plots_are_written(tmp_path):
    from norepi.model.plots import plot_run, plot_whatif

    run = run_days(logged_days(D0, 2), ensemble=False, with_central=True)
    plot_run(run, tmp_path / "run.png")
    res = whatif(None, changes_from(sleep_hours=6), n_days=2, ensemble=False, with_central=True)
    plot_whatif(res, tmp_path / "w.png")
    assert (tmp_path / "run.png").read_bytes()[:4] == b"\x89PNG" and (tmp_path / "w.png").stat().st_size > 1000
