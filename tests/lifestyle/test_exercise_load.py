"""Exercise intensity (Karvonen %HRR, RPE, METs), class, catecholamine load, week summary.

Expected numbers are worked by hand from the published anchors (see docs/lifestyle.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from norepi.errors import InputError
from norepi.lifestyle.exercise import (
    ExerciseSession,
    HeartProfile,
    catecholamine_load,
    classify,
    exercise_week,
    hr_max_tanaka,
    ne_rise_nm,
    pct_hrr,
    pct_vo2max_from_hrr,
    session_facts,
)

START = dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
HEART = HeartProfile(resting_hr_bpm=60, max_hr_bpm=180)  # HRR = 120 bpm


def test_hr_relations():
    assert hr_max_tanaka(40) == 180.0  # 208 - 28
    assert pct_hrr(150, 60, 180) == pytest.approx(0.75)  # 90 / 120
    assert pct_vo2max_from_hrr(0.5) == pytest.approx(0.55)  # (50 + 11.6) / 1.12 = 55.0
    assert HeartProfile(60).with_age(40).max_hr_bpm == 180.0
    assert HeartProfile(60, 190).with_age(40).max_hr_bpm == 190.0


def test_ne_curve_anchors():
    assert ne_rise_nm(0.10) == 0.0
    assert ne_rise_nm(0.45) == pytest.approx(1.23)
    assert ne_rise_nm(0.65) == pytest.approx(3.08)
    assert ne_rise_nm(0.55) == pytest.approx((1.23 + 3.08) / 2)
    assert ne_rise_nm(1.0) == pytest.approx(7.2)


def test_steady_session_at_65_percent_vo2max():
    # %VO2max 0.65 <- %HRR = 1.12 x 65 - 11.6 = 61.2 % <- HR = 60 + 0.612 x 120 = 133.44 bpm
    s = ExerciseSession("run", START, 30, avg_hr_bpm=133.44)
    assert catecholamine_load(s, HEART) == pytest.approx(30 * 3.08)
    assert classify(s, HEART) == "vigorous"  # 61.2 % HRR >= 60 %


def test_steady_session_at_45_percent_vo2max_is_light_and_small():
    # %HRR = 1.12 x 45 - 11.6 = 38.8 % -> HR = 60 + 0.388 x 120 = 106.56 bpm
    s = ExerciseSession("walk", START, 30, avg_hr_bpm=106.56)
    assert catecholamine_load(s, HEART) == pytest.approx(30 * 1.23)
    assert classify(s, HEART) == "light"


def test_hiit_from_hr_stream():
    # 4 x (60 s at 170 bpm, 60 s at 120 bpm); 85 % HRmax = 153, 80 % = 144
    stream = tuple((float(sec), 170.0 if (sec // 60) % 2 == 0 else 120.0) for sec in range(480))
    s = ExerciseSession("run", START, 8, hr_stream=stream)
    assert classify(s, HEART) == "hiit"
    # work minutes: supramaximal 10.1 nM each; recovery minutes at 50 % HRR -> 55 % VO2max -> 2.155 nM
    assert catecholamine_load(s, HEART) == pytest.approx(4 * 10.1 + 4 * 2.155)
    facts = session_facts(s, HEART)
    assert facts.avg_hr_bpm == pytest.approx(145) and facts.max_hr_bpm == 170
    assert facts.minutes_by_band["vigorous"] == 4  # 170 bpm = 91.7 % HRR
    assert facts.minutes_by_band["moderate"] == 4  # 120 bpm = 50 % HRR


def test_steady_hard_run_is_not_hiit():
    stream = tuple((float(sec), 160.0) for sec in range(600))
    assert classify(ExerciseSession("run", START, 10, hr_stream=stream), HEART) == "vigorous"


def test_resistance_rpe_and_met_paths():
    lift = ExerciseSession("resistance", START, 45, rpe_cr10=8)
    assert classify(lift, HEART) == "resistance"
    assert catecholamine_load(lift, HEART) == pytest.approx(45 * 9.8 * 0.8 * 0.5)
    assert classify(ExerciseSession("run", START, 20, rpe_cr10=7), HEART) == "vigorous"  # 70 % HRR
    assert classify(ExerciseSession("run", START, 20, rpe_cr10=5), HEART) == "moderate"
    assert classify(ExerciseSession("walk", START, 20), HEART) == "moderate"  # 3.5 MET
    assert classify(ExerciseSession("hiit", START, 20), HEART) == "hiit"
    # without HRmax the heart rate cannot be used: falls back to the catalogue
    assert classify(ExerciseSession("walk", START, 20, avg_hr_bpm=170), HeartProfile(60)) == "moderate"


def test_partial_minute_weight():
    s = ExerciseSession("run", START, 10.5, avg_hr_bpm=133.44)
    assert catecholamine_load(s, HEART) == pytest.approx(10.5 * 3.08)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"avg_hr_bpm": 0}, "avg_hr_bpm"),
        ({"avg_hr_bpm": 400}, "avg_hr_bpm"),
        ({"max_hr_bpm": 400}, "max_hr_bpm"),
        ({"duration_min": -10}, "duration_min"),
        ({"rpe_cr10": 11}, "rpe_cr10"),
        ({"hr_stream": ((0.0, 120.0), (1.0, 0.0))}, "hr_stream[1]"),
    ],
)
def test_bad_sessions(kwargs, field):
    args = {"activity": "run", "start": START, "duration_min": 30, **kwargs}
    with pytest.raises(InputError, match=field.replace("[", r"\[")):
        ExerciseSession(**args)


def test_week_minutes_guideline_and_resistance_days():
    day = dt.timedelta(days=1)
    sessions = [
        ExerciseSession("run", START, 30, avg_hr_bpm=150),  # 75 % HRR: 30 vigorous min
        ExerciseSession("walk", START + day, 60, avg_hr_bpm=120),  # 50 % HRR: 60 moderate min
        ExerciseSession("resistance", START + 2 * day, 40, rpe_cr10=7),
        ExerciseSession("resistance", START + 2 * day + dt.timedelta(hours=5), 20, rpe_cr10=7),
        ExerciseSession("squats", START + 4 * day, 30, rpe_cr10=7),
    ]
    w = exercise_week(session_facts(s, HEART) for s in sessions)
    assert w.minutes_by_band == {"light": 0, "moderate": 60, "vigorous": 30, "resistance": 90}
    assert w.moderate_equivalent_min == 120  # 60 + 2 x 30
    assert w.guideline_fraction == pytest.approx(0.8)
    assert w.resistance_days == 2
    assert round(100 * w.guideline_fraction, 1) == 80.0
