"""PSS-10 scoring (Cohen 1983/1988): items 4, 5, 7, 8 reverse-scored; bands; practices and ratings."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norepi.errors import InputError
from norepi.lifestyle.ratings import DEFAULT_SCALES, RatingScale, check_ratings, scales_with
from norepi.lifestyle.stress import (
    Practice,
    StressEvent,
    parse_answers,
    pss10_band,
    pss10_score,
)


def test_pss10_hand_scored():
    # items 1,2,3,6,9,10 as given: 2+3+1+1+1+2 = 10; items 4,5,7,8 reversed: (4-3)+(4-2)+(4-2)+(4-3) = 6
    assert pss10_score([2, 3, 1, 3, 2, 1, 2, 3, 1, 2]) == 16
    assert pss10_score([0] * 10) == 16  # four reversed items score 4 each
    assert pss10_score([4] * 10) == 24  # six items score 4 each
    assert pss10_score([4, 4, 4, 0, 0, 4, 0, 0, 4, 4]) == 40
    assert pss10_score([0, 0, 0, 4, 4, 0, 4, 4, 0, 0]) == 0


def test_pss10_bands_edges():
    assert [pss10_band(v) for v in (0, 13, 14, 26, 27, 40)] == ["low", "low", "moderate", "moderate", "high", "high"]
    with pytest.raises(InputError):
        pss10_band(41)


@pytest.mark.parametrize("answers", [[1] * 9, [1] * 11, [5] + [1] * 9, [-1] + [1] * 9])
def test_pss10_bad_answers(answers):
    with pytest.raises(InputError):
        pss10_score(answers)


def test_parse_answers():
    assert parse_answers("2, 3,1,3,2,1,2,3,1,2") == [2, 3, 1, 3, 2, 1, 2, 3, 1, 2]
    with pytest.raises(InputError, match="answer 3"):
        parse_answers("1,1,x,1,1,1,1,1,1,1")


@given(st.lists(st.integers(0, 4), min_size=10, max_size=10))
def test_pss10_range_and_reversal(answers):
    total = pss10_score(answers)
    assert 0 <= total <= 40
    flipped = [4 - a for a in answers]
    assert pss10_score(flipped) == 40 - total


def test_practice_event_rating_validation():
    now = dt.datetime(2026, 11, 20, 8, tzinfo=dt.UTC)
    assert Practice("meditation", now, 15).duration_min == 15
    with pytest.raises(InputError, match="duration_min"):
        Practice("meditation", now, -5)
    with pytest.raises(InputError):
        Practice("napping", now, 5)
    with pytest.raises(InputError):
        StressEvent(now, 11)
    assert check_ratings({"focus": 7, "mood": None}, DEFAULT_SCALES) == {"focus": 7}
    with pytest.raises(InputError, match="energy"):
        check_ratings({"energy": 0}, DEFAULT_SCALES)
    with pytest.raises(InputError):
        check_ratings({}, DEFAULT_SCALES)
    with pytest.raises(InputError, match="not one of your ratings"):
        check_ratings({"tiredness": 3}, DEFAULT_SCALES)


def test_a_rating_a_person_defines_keeps_its_own_scale_and_direction():
    tired = RatingScale("tiredness", "tiredness", 0, 5, higher_is_better=False, question="How tired were you?")
    scales = scales_with([tired])
    assert check_ratings({"tiredness": 0, "mood": 8}, scales) == {"tiredness": 0.0, "mood": 8.0}
    with pytest.raises(InputError, match="outside the tiredness scale 0-5, lower is better"):
        check_ratings({"tiredness": 6}, scales)
    with pytest.raises(InputError, match="not a step"):
        check_ratings({"tiredness": 2.5}, scales)
    assert tired.better_is_up(0) == 1.0 and tired.better_is_up(5) == 0.0
    with pytest.raises(InputError, match="not a rating name"):
        RatingScale("Tired ness", "x")
    with pytest.raises(InputError, match="empty"):
        RatingScale("flat", "flat", 3, 3)
