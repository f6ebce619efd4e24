"""An exercise session names an activity (a catalogue one, or a stated one of the person's own), lasts more than 0
and at most 1440 min, and its average heart rate does not exceed its maximum; messages say the allowed range."""

from __future__ import annotations

import datetime as dt

import pytest

from norepi.errors import InputError
from norepi.lifestyle.exercise import DEFAULT_MET, ExerciseSession, named_activity
from norepi.lifestyle.stress import check_minutes

START = dt.datetime(2026, 11, 20, 7, tzinfo=dt.UTC)


def test_average_above_maximum_is_refused() -> None:
    with pytest.raises(InputError, match="average heart rate 180 bpm is above the maximum 150 bpm") as info:
        ExerciseSession("run", START, 30.0, avg_hr_bpm=180, max_hr_bpm=150)
    assert info.value.field == "avg_hr_bpm"
    assert ExerciseSession("run", START, 30.0, avg_hr_bpm=150, max_hr_bpm=150).avg_hr_bpm == 150


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_an_empty_activity_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="needs an activity"):
        ExerciseSession(name, START, 30.0)
    with pytest.raises(InputError, match="give the activity"):
        named_activity(name, custom=True)


def test_named_activities() -> None:
    assert named_activity("Running") == "run" and named_activity("walk_brisk") == "walk_brisk"
    assert named_activity("  ice   skating ", custom=True) == "ice skating"
    with pytest.raises(InputError, match=f"not in the catalogue.*moderate \\({DEFAULT_MET:g} MET\\)"):
        named_activity("ice skating")


@pytest.mark.parametrize("minutes", [0.0, -5.0, 1441.0, float("nan")])
def test_minutes_say_the_exclusive_minimum(minutes: float) -> None:
    with pytest.raises(InputError, match="more than 0 and at most 1440 min") as info:
        ExerciseSession("run", START, minutes)
    assert "outside 0-1440" not in str(info.value)
    with pytest.raises(InputError, match="give more than 0 and at most 1440 min"):
        check_minutes(minutes)
