"""Today's plan: concrete actions traced to measured reasons, within the safety rules, fitting what is known."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from typing import Any

import numpy as np
from insights_synth import TIREDNESS, day, empty, session

from norepi.days.summary import DaySummary
from norepi.insights.plan import (
    MAX_ACTIONS,
    MIN_ACTIONS,
    Action,
    ActionLever,
    daily_plan,
    gap_nutrients,
    recovery_markers,
)
from norepi.nutrition.gap_foods import GapFood
from norepi.vocab import ActivityClass, ObservationKind, PracticeKind

TODAY = dt.date(2026, 11, 25)
FULL = {"phe_tyr_mg": 150.0, "iron_mg": 120.0, "vitamin_b6_mg": 130.0, "copper_mg": 110.0, "vitamin_c_mg": 140.0,
        "folate_dfe_ug": 105.0, "magnesium_mg": 120.0}
UL = {"iron_mg": 45.0, "copper_mg": 10.0, "magnesium_mg": 350.0, "vitamin_c_mg": 2000.0}


def food(ndb: str, desc: str, amount: float, pct: float, portion: str = "1 oz", grams: float = 28.0) -> GapFood:
    return GapFood(ndb, desc, portion, grams, amount, amount * 3, pct, pct * 3)


PUMPKIN = food("12014", "Seeds, pumpkin kernels, dried", 168.0, 52.5)
SPINACH = food("11457", "Spinach, raw", 24.0, 7.5, "1 cup", 30.0)
CASHEW = food("12087", "Nuts, cashew nuts, raw", 0.62, 69.0)
LIVER = food("13325", "Beef, liver, cooked", 8.0, 44.0, "3 oz", 85.0)
GAPS = {"magnesium_mg": [PUMPKIN, SPINACH], "copper_mg": [CASHEW, PUMPKIN], "iron_mg": [LIVER]}


def d(back: int) -> dt.date:
    return TODAY - dt.timedelta(days=back)


def week(cov: dict[str, float] | None = None, before: dict[int, dict[str, Any]] | None = None,
         **today_kw: Any) -> list[DaySummary]:
    """Seven logged days before today with ``cov`` coverage, regular 23:00-07:00 sleep and a mood rating (extra
    keywords per day in ``before``, by days back), and today."""
    c = {**FULL, **(cov or {})}
    days = [day(d(b), **{"coverage": c, "sleep_h": 8.0, "ul": UL, "ratings": {"mood": 6}, **(before or {}).get(b, {})})
            for b in range(7, 0, -1)]
    days.append(day(TODAY, **{"sleep_h": 8.0, "ul": UL, **today_kw}))
    return days


def texts(actions: list[Action]) -> str:
    return "\n".join(a.text for a in actions)


def one(actions: list[Action], lever: ActionLever) -> Action:
    (a,) = [a for a in actions if a.lever is lever]
    return a


def test_food_that_closes_two_gaps_cites_both() -> None:
    plan = daily_plan(week({"magnesium_mg": 58.0, "copper_mg": 71.0}), TODAY, GAPS)
    a = one(plan, ActionLever.FOOD)  # pumpkin seeds cover both gaps: one action, not two
    assert "pumpkin" in a.text and "magnesium at 58% of target over 7 days" in a.text and "copper at 71%" in a.text
    assert a.reasons["magnesium_mg_coverage_7d_pct"] == 58.0 and a.reasons["copper_mg_coverage_7d_pct"] == 71.0
    assert a.rule == "gap_food" and a.reasons["ndb_no"] == "12014"
    assert MIN_ACTIONS <= len(plan) <= MAX_ACTIONS
    assert gap_nutrients(week({"magnesium_mg": 58.0, "copper_mg": 71.0}), TODAY) == ["magnesium_mg", "copper_mg"]


def test_food_already_eaten_today_is_not_repeated() -> None:
    days = week({"magnesium_mg": 58.0}, coverage={**FULL, "magnesium_mg": 30.0}, eaten=["12014"])
    plan = daily_plan(days, TODAY, GAPS)
    assert "pumpkin" not in texts(plan) and "Spinach" in texts(plan)


def test_nutrient_already_at_target_today_gets_no_food_action() -> None:
    days = week({"magnesium_mg": 58.0}, coverage={**FULL, "magnesium_mg": 104.0})
    assert not [a for a in daily_plan(days, TODAY, GAPS) if a.lever is ActionLever.FOOD]
    assert gap_nutrients(days, TODAY) == []


def test_no_food_advice_above_the_upper_limit() -> None:
    days = week({"iron_mg": 60.0}, coverage={**FULL, "iron_mg": 60.0}, totals={"iron_mg": 40.0})
    assert "liver" not in texts(daily_plan(days, TODAY, GAPS))  # liver adds 8 mg: 48 > UL 45
    days = week({"iron_mg": 60.0}, coverage={**FULL, "iron_mg": 60.0}, totals={"iron_mg": 30.0})
    assert "liver" in texts(daily_plan(days, TODAY, GAPS))  # 38 <= 45: fine


def test_over_ul_this_week_blocks_advice_for_that_nutrient() -> None:
    days = week({"iron_mg": 40.0}, before={3: {"over_ul": ["iron_mg"]}})
    assert not any("iron" in a.text.lower() for a in daily_plan(days, TODAY, GAPS))


def test_hiit_after_a_week_without_vigorous() -> None:
    days = week(before={7: {"exercise": [session(d(7), ActivityClass.HIIT, 25.0)]},
                        5: {"exercise": [session(d(5), ActivityClass.MODERATE, 40.0, activity="walk")]}})
    ex = one(daily_plan(days, TODAY, GAPS), ActionLever.EXERCISE)
    assert ex.rule == "hiit" and "no vigorous session in 7 days" in ex.text
    assert ex.reasons["days_since_vigorous"] == 7


def test_no_hiit_the_day_after_two_hard_sessions() -> None:
    days = week(before={2: {"exercise": [session(d(2), ActivityClass.RESISTANCE, 45.0)]},
                        1: {"exercise": [session(d(1), ActivityClass.HIIT, 25.0)]}})
    plan = daily_plan(days, TODAY, GAPS)
    ex = one(plan, ActionLever.EXERCISE)
    assert "HIIT 4x4" not in texts(plan) and ex.rule == "easy_after_hard"
    assert ex.reasons["hard_sessions_last_2_days"] == 2


def test_no_hiit_after_a_short_night_counted_asleep_not_in_bed() -> None:
    # 7 h in bed but 4.5 h asleep: a short night (the time in bed would have allowed HIIT)
    days = week(before={6: {"exercise": [session(d(6), ActivityClass.HIIT, 25.0)]}}, sleep_h=7.0, asleep_h=4.5)
    plan = daily_plan(days, TODAY, GAPS)
    ex = one(plan, ActionLever.EXERCISE)
    assert ex.rule == "easy_short_night" and "4.5 h asleep" in ex.text and ex.reasons["last_night_asleep_h"] == 4.5
    assert "HIIT 4x4" not in texts(plan)


def test_hard_session_already_done_today_is_not_suggested_again() -> None:
    days = week(before={6: {"exercise": [session(d(6), ActivityClass.HIIT, 25.0)]}},
                exercise=[session(TODAY, ActivityClass.HIIT, 25.0, clock="07:00")])
    assert not [a for a in daily_plan(days, TODAY, GAPS) if a.lever is ActionLever.EXERCISE]


def _hrv_days(today_hrv: float, *, rhr_today: float = 55.0, n: int = 30) -> list[DaySummary]:
    """``n`` days of HRV (ln-normal around 50 ms) and resting HR (55 +- 2), a HIIT session 5 days ago, and
    today's readings."""
    rng = np.random.default_rng(0)
    days = []
    for b in range(n, 0, -1):
        obs = {ObservationKind.HRV_RMSSD_MS: float(np.exp(rng.normal(math.log(50), 0.12))),
               ObservationKind.RESTING_HR_BPM: float(rng.normal(55, 2))}
        ex = [session(d(b), ActivityClass.HIIT, 25.0)] if b == 5 else []
        days.append(day(d(b), sleep_h=8.0, ratings={"mood": 6}, observations=obs, exercise=ex))
    days.append(day(TODAY, sleep_h=8.0, observations={ObservationKind.HRV_RMSSD_MS: today_hrv,
                                                      ObservationKind.RESTING_HR_BPM: rhr_today}))
    return days


def test_no_hiit_when_recovery_markers_are_well_below_usual() -> None:
    usual = daily_plan(_hrv_days(50.0), TODAY)
    assert one(usual, ActionLever.EXERCISE).rule == "hiit"  # same history, usual HRV: HIIT is due
    days = _hrv_days(35.0)
    plan = daily_plan(days, TODAY)
    ex = one(plan, ActionLever.EXERCISE)
    assert ex.rule == "easy_low_recovery" and "HIIT 4x4" not in texts(plan)
    # well below = under the 30-day mean of ln RMSSD minus 1 SD (Kiviniemi 2007), worked by hand here
    ln = [math.log(dd.observation(ObservationKind.HRV_RMSSD_MS) or 0.0) for dd in days[:-1]]
    threshold = math.exp(statistics.fmean(ln) - statistics.stdev(ln))
    assert ex.reasons["hrv_rmssd_ms_threshold"] == round(threshold, 1) and ex.reasons["hrv_rmssd_ms_today"] == 35.0
    assert "heart rate variability (RMSSD) 35 ms today, under" in ex.text and "below your usual range" in ex.text
    (hrv, rhr) = recovery_markers(days, TODAY)
    assert hrv.well_below_usual and not rhr.well_below_usual and hrv.n_days == 30


def test_a_raised_resting_heart_rate_also_holds_back_hiit() -> None:
    ex = one(daily_plan(_hrv_days(50.0, rhr_today=64.0), TODAY), ActionLever.EXERCISE)
    assert ex.rule == "easy_low_recovery" and "resting heart rate 64 bpm today, over" in ex.text


def test_recovery_needs_ten_days_of_baseline() -> None:
    days = _hrv_days(35.0, n=9)
    assert recovery_markers(days, TODAY) == []
    assert one(daily_plan(days, TODAY), ActionLever.EXERCISE).rule == "hiit"


def test_irregular_sleep_gets_a_bedtime_with_sri_and_drift() -> None:
    # last 3 nights 02:00-10:00 instead of 23:00-07:00: midpoint +3 h vs the 4 nights before
    days = week(before={2: {"bed": "02:00"}, 1: {"bed": "02:00"}}, bed="02:00")
    sl = one(daily_plan(days, TODAY, GAPS), ActionLever.SLEEP)
    assert sl.rule == "bedtime" and sl.text.startswith("Lights out by")
    assert sl.reasons["midpoint_drift_h"] == 3.0  # mean(6, 6, 6) - mean(3, 3, 3, 3)
    # day grids differ 60 min (d4/d3: 23-24 h) and 300 min (d3/d2: 00-02 h, 07-10 h) over the 5 known day pairs
    # of the week (today's evening is not known yet): SRI = -100 + 200 x (1 - 360 / 7200) = 90
    assert sl.reasons["sri_7d"] == 90.0
    assert "the middle of your sleep moved +3.0 h" in sl.text and "regularity" not in sl.text


def test_alternating_bedtimes_give_low_sri() -> None:
    days = [day(d(b), coverage=FULL, sleep_h=8.0, bed="23:00" if b % 2 else "01:00", ratings={"mood": 6})
            for b in range(7, 0, -1)]
    days.append(day(TODAY, sleep_h=8.0, bed="01:00"))
    sl = one(daily_plan(days, TODAY, GAPS), ActionLever.SLEEP)
    # consecutive days differ 00-01, 07-09 and 23-24 h = 240 min: SRI = -100 + 200 x 1200 / 1440 = 66.7
    assert sl.reasons["sri_7d"] == 66.7 and "sleep regularity index 67 this week" in sl.text


def test_short_sleep_is_time_asleep() -> None:
    # 8 h in bed every night, 6 h of it asleep: short sleep, though the time in bed looks long enough
    asleep = {b: {"asleep_h": 6.0} for b in range(1, 8)}
    sl = one(daily_plan(week(before=asleep, asleep_h=6.0), TODAY, GAPS), ActionLever.SLEEP)
    assert sl.reasons["avg_asleep_h"] == 6.0 and "6.0 h asleep on average over 7 nights" in sl.text
    assert not any(a.text.startswith("Lights out") for a in daily_plan(week(), TODAY, GAPS))


def test_stress_practice_named_with_pss_and_not_repeated() -> None:
    st = one(daily_plan(week(pss10=24, pss10_date=d(3)), TODAY, GAPS), ActionLever.STRESS)
    assert "slow breathing" in st.text and "PSS-10 = 24 (moderate)" in st.text and st.reasons["pss10"] == 24
    days = week(pss10=24, pss10_date=d(3), practices=[(PracticeKind.SLOW_BREATHING, 10.0)])
    st = one(daily_plan(days, TODAY, GAPS), ActionLever.STRESS)
    assert "slow breathing" not in st.text and "meditation" in st.text
    assert st.reasons["practices_done_today"] == "slow_breathing"


def test_old_or_low_pss_gives_no_stress_action_but_an_event_does() -> None:
    assert not [a for a in daily_plan(week(pss10=24, pss10_date=d(40)), TODAY, GAPS) if a.lever is ActionLever.STRESS]
    assert not [a for a in daily_plan(week(pss10=10, pss10_date=d(1)), TODAY, GAPS) if a.lever is ActionLever.STRESS]
    st = one(daily_plan(week(events=[7]), TODAY, GAPS), ActionLever.STRESS)
    assert "stress event today, intensity 7" in st.text and st.reasons["stress_events_today"] == 1


def test_supplement_only_with_ul_and_interactions() -> None:
    sup = one(daily_plan(week({"phe_tyr_mg": 40.0, "magnesium_mg": 45.0}), TODAY, GAPS), ActionLever.SUPPLEMENT)
    assert "phenylalanine + tyrosine" in sup.text and "MAO inhibitors" in sup.text and "thyroid hormone" in sup.text
    sup = one(daily_plan(week({"magnesium_mg": 45.0}), TODAY, GAPS), ActionLever.SUPPLEMENT)
    assert "upper limit 350 mg/day (from supplements)" in sup.text and sup.reasons["magnesium_mg_ul"] == 350.0


def test_empty_journal_is_asked_to_log_a_few_days_first() -> None:
    days = [empty(d(b)) for b in range(13, -1, -1)]
    plan = daily_plan(days, TODAY, GAPS)
    assert plan[0].rule == "log_first" and "Log a few days first" in plan[0].text
    assert all(a.lever is ActionLever.TRACKING for a in plan) and MIN_ACTIONS <= len(plan) <= MAX_ACTIONS
    assert "HIIT" not in texts(plan) and "logged in" not in texts(plan)  # it knows nothing about this person
    rate = next(a for a in plan if a.rule == "rate_day")
    assert rate.reasons["rated_days_needed"] == 21 and "insights need 21 more rated days" in rate.text


def test_no_hiit_for_someone_whose_exercise_is_unknown() -> None:
    plan = daily_plan(week(), TODAY, GAPS)  # food, sleep and ratings logged; never any exercise
    assert not [a for a in plan if a.lever is ActionLever.EXERCISE]
    log = next(a for a in plan if a.rule == "log_exercise")
    assert "none logged in the last 8 days, so no intensity is suggested yet" in log.text


def test_someone_who_only_walks_gets_moderate_not_hiit() -> None:
    walks = {b: {"exercise": [session(d(b), ActivityClass.MODERATE, 40.0, activity="walk")]} for b in (6, 4, 2)}
    ex = one(daily_plan(week(before=walks), TODAY, GAPS), ActionLever.EXERCISE)
    assert ex.rule == "moderate" and "HIIT" not in ex.text
    assert "your exercise log of 6 days shows no vigorous session yet" in ex.text


def test_the_rating_prompt_uses_the_persons_own_scales() -> None:
    days = week(before={b: {"ratings": {"tiredness": 2}} for b in range(1, 8)})
    rate = next(a for a in daily_plan(days, TODAY, GAPS) if a.rule == "rate_day")
    assert rate.text.startswith("Rate tiredness (0-5, lower is better) tonight: rated 7 of the last 7 days")
    assert rate.reasons["rated_days_needed"] == 14
    assert daily_plan(days, TODAY, GAPS, rating_scales={"tiredness": TIREDNESS})[0].text == \
        daily_plan(days, TODAY, GAPS)[0].text


def test_always_three_to_six_actions_each_with_reasons() -> None:
    cases = [week(), week({"magnesium_mg": 30.0, "copper_mg": 40.0, "iron_mg": 50.0}, pss10=30, sleep_h=4.0),
             [day(TODAY)], [empty(TODAY)]]
    for days in cases:
        plan = daily_plan(days, TODAY, GAPS)
        assert MIN_ACTIONS <= len(plan) <= MAX_ACTIONS, texts(plan)
        assert all(a.reasons and a.rule for a in plan)
        assert len({a.text for a in plan}) == len(plan)
