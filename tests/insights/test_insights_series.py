"""Typed days -> aligned series: missing stays missing (NaN), never zero; ratings on their own scales; time asleep;
the one SRI of lifestyle/sleep.py."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from insights_synth import TIREDNESS, day, empty, night, session

from norepi.errors import InputError
from norepi.insights.series import VariableKind, build_series, rolling_mean
from norepi.lifestyle.ratings import RatingScale
from norepi.lifestyle.sleep import sleep_regularity
from norepi.vocab import ActivityClass, ObservationKind, PracticeKind

D0 = dt.date(2026, 11, 1)


def d(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def test_day_without_food_has_no_nutrition() -> None:
    s = build_series([empty(d(0)), day(d(1), coverage={"magnesium_mg": 55.0})])
    assert np.isnan(s.levers["magnesium_coverage_pct"][0])
    assert s.levers["magnesium_coverage_pct"][1] == 55.0


def test_calendar_gaps_become_missing_days_and_duplicates_are_refused() -> None:
    s = build_series([day(d(0), ratings={"mood": 5}), day(d(3), ratings={"mood": 7})])
    assert s.dates == tuple(d(i) for i in range(4))
    assert np.isnan(s.outcomes["mood"][[1, 2]]).all()
    assert list(s.outcomes["mood"][[0, 3]]) == [5.0, 7.0]
    with pytest.raises(InputError, match="2026-11-01 appears twice"):
        build_series([empty(d(0)), empty(d(0))])


def test_exercise_zero_only_inside_tracked_span() -> None:
    hiit = session(d(2), ActivityClass.HIIT, 20.0)
    lift = session(d(4), ActivityClass.RESISTANCE, 45.0)
    run = session(d(4), ActivityClass.VIGOROUS, 30.0, vigorous_min=5.0)
    s = build_series([empty(d(0)), empty(d(1)), day(d(2), exercise=[hiit]), empty(d(3)),
                      day(d(4), exercise=[lift, run]), empty(d(5))])
    vig = s.levers["vigorous_min"]
    assert np.isnan(vig[[0, 1, 5]]).all()
    assert list(vig[2:5]) == [20.0, 0.0, 5.0]  # minutes in the vigorous band, from SessionFacts
    assert list(s.levers["resistance_day"][2:5]) == [0.0, 0.0, 1.0]


def test_time_asleep_not_time_in_bed() -> None:
    # 8.5 h in bed, 6.6 h asleep as the device measured it; a nap does not count as the night
    nap = night(d(0), 1.0, bed="14:00", nap=True)
    s = build_series([day(d(0), sleep_h=8.5, asleep_h=6.6, sleep=[nap]), day(d(1), sleep=[nap]), empty(d(2))])
    assert s.levers["time_asleep_h"][0] == pytest.approx(6.6)
    assert np.isnan(s.levers["time_asleep_h"][1])  # only a nap: the night is unknown
    assert np.isnan(s.levers["time_asleep_h"][2])


def test_practice_pss_and_pss_expiry() -> None:
    days = [
        day(d(0), sleep_h=7.5, practices=[(PracticeKind.SLOW_BREATHING, 10.0), (PracticeKind.NATURE, 20.0)],
            pss10=20, pss10_date=d(0), ratings={"focus": 7}),
        day(d(40), pss10=20, pss10_date=d(0)),  # a PSS-10 taken 40 days ago no longer counts
    ]
    s = build_series(days)
    assert s.levers["practice_min"][0] == 30.0
    assert s.levers["pss10_score"][0] == 20.0 and np.isnan(s.levers["pss10_score"][40])
    assert s.pss10_questionnaires == 1


def test_outcomes_are_the_ratings_present_each_on_its_own_scale() -> None:
    # a person's own rating, 0-5 and lower is better, is an outcome as it is: not one of the four defaults, not
    # re-scaled to 1-10, its direction kept
    s = build_series([day(d(0), ratings={"tiredness": 0, "mood": 6}), day(d(1), ratings={"tiredness": 4})])
    assert set(s.outcomes) == {"tiredness", "mood"}
    assert list(s.outcomes["tiredness"]) == [0.0, 4.0]
    var = s.outcome_variables["tiredness"]
    assert var.scale == TIREDNESS and var.higher_is_better is False
    assert var.described == "tiredness (0-5, lower is better)"


def test_a_rating_redefined_keeps_only_the_days_on_its_current_scale() -> None:
    old = RatingScale("tiredness", "tiredness", 1, 10, higher_is_better=False)
    s = build_series([day(d(0), ratings={"tiredness": 9}, scales={"tiredness": old}),
                      day(d(1), ratings={"tiredness": 3})])
    assert np.isnan(s.outcomes["tiredness"][0]) and s.outcomes["tiredness"][1] == 3.0
    assert s.off_scale_days == {"tiredness": 1}


def test_observations_are_levers_and_outcomes() -> None:
    s = build_series([day(d(0), observations={ObservationKind.HRV_RMSSD_MS: 48.0,
                                              ObservationKind.RESTING_HR_BPM: 55.0}),
                      empty(d(1))])
    for name in ("hrv_rmssd_ms", "resting_hr_bpm"):
        assert name in s.levers and name in s.outcomes
        assert s.lever_variables[name].kind is VariableKind.OBSERVATION
    assert s.levers["hrv_rmssd_ms"][0] == 48.0 and np.isnan(s.levers["hrv_rmssd_ms"][1])
    assert s.outcome_variables["resting_hr_bpm"].higher_is_better is False
    assert "recovery_score_pct" not in s.levers  # a kind never observed is not a variable


def test_rolling_mean_needs_four_days_and_stops_at_the_last_known_day() -> None:
    x = np.array([1.0, np.nan, 3.0, 5.0, np.nan, 7.0, 9.0, 11.0, np.nan, np.nan])
    r = rolling_mean(x, 7, 4)
    assert np.isnan(r[:5]).all()
    assert r[5] == pytest.approx(4.0)  # 1, 3, 5, 7
    assert r[7] == pytest.approx(7.0)  # days 1..7 present: 3, 5, 7, 9, 11
    assert np.isnan(r[8:]).all()  # after the last known day: nothing new to average


def test_sri_is_the_one_of_lifestyle_sleep() -> None:
    rng = np.random.default_rng(1)
    days = []
    for i in range(14):
        bed_h = float(rng.uniform(22, 25.5))
        days.append(day(d(i), sleep_h=float(rng.uniform(6, 9)), bed=f"{int(bed_h) % 24:02d}:{int(bed_h % 1 * 60):02d}"))
    days[6] = empty(d(6))  # a night not recorded is missing, not awake
    s = build_series(days)
    periods = [p for dd in days for p in dd.sleep]
    for t in range(6, 14):
        ours = s.levers["sleep_regularity_sri"][t]
        theirs = sleep_regularity(periods, d(t - 6))
        assert (np.isnan(ours) and theirs is None) or ours == pytest.approx(theirs)
    assert not np.isnan(s.levers["sleep_regularity_sri"][13])


def test_sri_alternating_schedule_hand_worked() -> None:
    # nights alternate 23:00-07:00 and 01:00-09:00: consecutive days differ 00-01, 07-09 and 23-24 = 240 min,
    # so SRI = -100 + 200 x 1200/1440 = 66.67
    s = build_series([day(d(i), sleep_h=8.0, bed="23:00" if i % 2 == 0 else "01:00") for i in range(10)])
    sri = s.levers["sleep_regularity_sri"]
    assert sri[7] == pytest.approx(-100 + 200 * 1200 / 1440)
    assert np.isnan(sri[:4]).all()  # fewer than 4 known day pairs in the window
