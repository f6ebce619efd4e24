"""Day dicts -> aligned series: missing stays missing (NaN), never zero."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from insights_synth import day

from norepi.insights.series import build_series, rolling_mean, rolling_sri
from norepi.lifestyle.sleep import SleepPeriod, sleep_states, sri

D0 = dt.date(2026, 11, 1)


def d(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def test_day_without_food_has_no_nutrition_even_if_coverage_is_zero() -> None:
    empty = day(d(0))
    empty["coverage_pct"] = {"magnesium_mg": 0.0}  # what analyze_day gives for a day with no entries
    s = build_series([empty, day(d(1), coverage={"magnesium_mg": 55.0})])
    assert np.isnan(s.levers["magnesium_coverage_pct"][0])
    assert s.levers["magnesium_coverage_pct"][1] == 55.0


def test_calendar_gaps_become_missing_days() -> None:
    s = build_series([day(d(0), ratings={"mood": 5}), day(d(3), ratings={"mood": 7})])
    assert s.dates == tuple(d(i) for i in range(4))
    assert np.isnan(s.outcomes["mood"][[1, 2]]).all()
    assert list(s.outcomes["mood"][[0, 3]]) == [5.0, 7.0]


def test_exercise_zero_only_inside_tracked_span() -> None:
    hiit = {"start": "2026-11-02T18:00:00+01:00", "type": "hiit", "duration_min": 20.0, "intensity": "hiit"}
    lift = {"start": "2026-11-04T18:00:00+01:00", "type": "resistance", "duration_min": 45.0,
            "intensity": "resistance", "minutes_by_band": {"moderate": 30.0, "vigorous": 5.0}}
    s = build_series([day(d(0)), day(d(1)), day(d(2), exercise=[hiit]), day(d(3)), day(d(4), exercise=[lift]),
                      day(d(5))])
    vig = s.levers["vigorous_min"]
    assert np.isnan(vig[[0, 1, 5]]).all()
    assert list(vig[2:5]) == [20.0, 0.0, 5.0]  # HIIT without bands counts whole; bands when given
    assert list(s.levers["resistance_day"][2:5]) == [0.0, 0.0, 1.0]


def test_sleep_practice_pss_and_ratings() -> None:
    days = [
        day(d(0), sleep_h=7.5, practices=[{"kind": "slow_breathing", "duration_min": 10.0},
                                          {"kind": "nature", "minutes": 20}],
            pss10=20, pss10_date=d(0), ratings={"focus": 7, "mood": 11}),
        day(d(40), pss10=20, pss10_date=d(0)),  # a PSS-10 taken 40 days ago no longer counts
    ]
    s = build_series(days)
    assert s.levers["sleep_duration_h"][0] == pytest.approx(7.5)
    assert s.levers["practice_min"][0] == 30.0
    assert s.levers["pss10_score"][0] == 20.0 and np.isnan(s.levers["pss10_score"][40])
    assert s.outcomes["focus"][0] == 7.0 and np.isnan(s.outcomes["mood"][0])  # 11 is off the 1-10 scale
    assert np.isnan(s.levers["sleep_duration_h"][1])


def test_rolling_mean_needs_four_days() -> None:
    x = np.array([1.0, np.nan, 3.0, 5.0, np.nan, 7.0, 9.0, 11.0])
    r = rolling_mean(x, 7, 4)
    assert np.isnan(r[:5]).all()
    assert r[5] == pytest.approx(4.0)  # 1, 3, 5, 7
    assert r[7] == pytest.approx(7.0)  # days 1..7 present: 3, 5, 7, 9, 11


def test_sri_alternating_schedule_hand_worked() -> None:
    # nights alternate 23:00-07:00 and 01:00-09:00: consecutive days differ 00-01, 07-09 and 23-24 = 240 min,
    # so SRI = -100 + 200 x 1200/1440 = 66.67
    days = []
    for i in range(10):
        bed = "23:00" if i % 2 == 0 else "01:00"
        days.append(day(d(i), sleep_h=8.0, bed=bed))
    s = rolling_sri([d(i) for i in range(10)], {d(i): days[i] for i in range(10)})
    assert s[7] == pytest.approx(-100 + 200 * 1200 / 1440)
    assert np.isnan(s[:4]).all()  # fewer than 4 known day pairs in the window
    assert s[9] == pytest.approx(s[7])  # day 9's evening is unknown: its pair is left out, 5 pairs remain


def test_sri_matches_lifestyle_sleep_module() -> None:
    rng = np.random.default_rng(1)
    days, periods = [], []
    tz = dt.timezone(dt.timedelta(hours=1))
    for i in range(12):
        bed_h = float(rng.uniform(22, 25.5))
        hh, mm = int(bed_h) % 24, int((bed_h % 1) * 60)
        length = float(rng.uniform(6, 9))
        dd = day(d(i), sleep_h=length, bed=f"{hh:02d}:{mm:02d}")
        days.append(dd)
        night = dd["sleep"][0]
        periods.append(SleepPeriod(dt.datetime.fromisoformat(night["start"]), dt.datetime.fromisoformat(night["end"])))
    ours = rolling_sri([d(i) for i in range(12)], {d(i): days[i] for i in range(12)})
    t = 8  # window days 2..8, all nights 2..9 logged
    theirs = sri(sleep_states(periods, d(t - 6), 7, tz))
    assert ours[t] == pytest.approx(theirs, abs=0.2)
