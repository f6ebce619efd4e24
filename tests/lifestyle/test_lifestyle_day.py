"""Lifestyle records in the journal and in the day JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from norepi.days import summarize_day
from norepi.errors import InputError
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, StressEvent
from norepi.operations.week import week
from norepi.web.contract import day_out, week_json

TZ = dt.timezone(dt.timedelta(hours=1))
DAY = dt.date(2026, 11, 20)


def day_json(jrnl, on: dt.date) -> dict:
    return day_out(summarize_day(jrnl, on)).model_dump(mode="json")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def test_day_json_has_every_lifestyle_key(jrnl):
    jrnl.lifestyle.set_heart_profile(resting_hr_bpm=60, effective_on=dt.date(2026, 1, 1))  # HRmax from age 40: 180
    jrnl.lifestyle.log_exercise(ExerciseSession("run", at(20, 7), 30, avg_hr_bpm=133.44, max_hr_bpm=150))
    jrnl.lifestyle.log_exercise(ExerciseSession("run", at(21, 7), 30, avg_hr_bpm=133.44))  # another day
    jrnl.lifestyle.log_sleep(SleepPeriod(at(19, 23), at(20, 7)))
    jrnl.lifestyle.log_sleep(SleepPeriod(at(20, 23), at(21, 6)))  # ends the next day
    jrnl.lifestyle.log_practice(Practice("slow_breathing", at(20, 21), 10))
    jrnl.lifestyle.log_stress_event(StressEvent(at(20, 15, 30), 7, "deadline"))
    assert jrnl.lifestyle.log_pss10([2, 3, 1, 3, 2, 1, 2, 3, 1, 2], dt.date(2026, 11, 18)).total == 16
    jrnl.lifestyle.log_ratings(DAY, {"focus": 7, "energy": 6})
    jrnl.lifestyle.log_ratings(DAY, {"mood": 8, "energy": 5})  # merges, latest wins
    d = day_json(jrnl, DAY)
    assert d["exercise"] == [
        {
            "id": d["exercise"][0]["id"],
            "start": "2026-11-20T07:00:00+01:00",
            "type": "run",
            "duration_min": 30.0,
            "avg_hr": 133,
            "max_hr": 150,
            "intensity": "vigorous",
            "hrr_fraction": 0.612,  # Karvonen: (133.44 - 60) / (180 - 60)
            "load": 92.4,
            "minutes_by_band": {"vigorous": 30.0},
            "source": "manual",
        }
    ]
    assert d["sleep"] == [
        {"id": d["sleep"][0]["id"], "start": "2026-11-19T23:00:00+01:00", "end": "2026-11-20T07:00:00+01:00",
         "duration_min": 480.0, "in_bed_min": 480.0, "asleep_basis": "in bed", "stages_min": {}, "nap": False,
         "source": "manual"}
    ]
    assert d["practices"] == [{"id": d["practices"][0]["id"], "kind": "slow_breathing",
                               "start": "2026-11-20T21:00:00+01:00", "duration_min": 10.0}]
    assert d["stress"] == {
        "pss10": 16,
        "band": "moderate",
        "pss10_date": "2026-11-18",
        "events": [{"id": d["stress"]["events"][0]["id"], "at": "2026-11-20T15:30:00+01:00", "intensity": 7,
                    "note": "deadline"}],
    }
    assert d["ratings"] == {"focus": 7, "energy": 5, "mood": 8}  # only the ratings given: motivation not rated


def test_empty_day_and_local_date_by_offset(jrnl):
    d = day_json(jrnl, DAY)
    assert (d["exercise"], d["sleep"], d["practices"], d["stress"], d["ratings"]) == ([], [], [], {}, {})
    assert (d["food_logged"], d["totals"], d["coverage_pct"]) == (False, None, None)
    # 23:30 at UTC-05:00 is already the 21st in UTC, but belongs to the 20th locally
    west = dt.timezone(dt.timedelta(hours=-5))
    jrnl.lifestyle.log_exercise(ExerciseSession("walk", dt.datetime(2026, 11, 20, 23, 30, tzinfo=west), 20))
    assert [e["start"] for e in day_json(jrnl, DAY)["exercise"]] == ["2026-11-20T23:30:00-05:00"]
    assert day_json(jrnl, dt.date(2026, 11, 21))["exercise"] == []


def test_heart_profile_history_and_validation(jrnl):
    assert jrnl.lifestyle.heart_profile(DAY).max_hr_bpm == 180.0  # Tanaka at 40
    jrnl.lifestyle.set_heart_profile(resting_hr_bpm=55, max_hr_bpm=190, effective_on=dt.date(2026, 6, 1))
    jrnl.lifestyle.set_heart_profile(sleep_need_h=7.5, effective_on=dt.date(2026, 9, 1))
    hp = jrnl.lifestyle.heart_profile(DAY)
    assert (hp.resting_hr_bpm, hp.max_hr_bpm, hp.sleep_need_h) == (55, 190, 7.5)
    assert jrnl.lifestyle.heart_profile(dt.date(2026, 5, 1)).max_hr_bpm == 180.0
    with pytest.raises(InputError, match="resting_hr_bpm"):
        jrnl.lifestyle.set_heart_profile(resting_hr_bpm=400)
    with pytest.raises(InputError):
        jrnl.lifestyle.set_heart_profile(max_hr_bpm=50)  # below resting


def test_week_summary(jrnl):
    jrnl.lifestyle.set_heart_profile(resting_hr_bpm=60, max_hr_bpm=180, sleep_need_h=8,
                                     effective_on=dt.date(2026, 1, 1))
    jrnl.lifestyle.log_exercise(ExerciseSession("run", at(16, 7), 30, avg_hr_bpm=150))  # vigorous
    jrnl.lifestyle.log_exercise(ExerciseSession("resistance", at(18, 18), 45, rpe_cr10=8))
    jrnl.lifestyle.log_exercise(ExerciseSession("run", at(23, 7), 30, avg_hr_bpm=150))  # next week
    for d in (16, 17):
        jrnl.lifestyle.log_sleep(SleepPeriod(at(d - 1, 23), at(d, 6)))  # 7 h each
    jrnl.lifestyle.log_practice(Practice("meditation", at(17, 8), 10))
    jrnl.lifestyle.log_practice(Practice("meditation", at(19, 8), 15))
    w = week_json(week(jrnl, dt.date(2026, 11, 16)))
    assert w["exercise"]["sessions"] == 2
    assert w["exercise"]["vigorous_min"] == 30
    assert w["exercise"]["moderate_equivalent_min"] == 60
    assert w["exercise"]["resistance_days"] == 1
    assert w["sleep"]["nights"] == 2
    assert w["sleep"]["avg_duration_min"] == 420
    assert w["sleep"]["debt_min"] == 120
    assert w["practice_min"] == {"meditation": 25}
