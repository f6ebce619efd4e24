"""Typed days -> inputs: what each part sets, what is assumed where nothing was logged (and marked), refusals of bad
input, the scenario builders, and the fast solver against the reference solver."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from model_days import HEART, TARGETS, day, food, item, logged_days, night, session, three_meals, without_food

from norepi.errors import InputError
from norepi.lifestyle.exercise import HeartProfile, activity, hr_max_tanaka, vo2max_fractions
from norepi.model.api import changes_from, parse_add
from norepi.model.core import MIN_PER_DAY, N_IN, N_STATES, D, S, U
from norepi.model.inputs import (
    ModelInputs,
    NothingLogged,
    inputs_from_days,
    prepare_days,
    reference_days,
    validate_inputs,
    with_exercise,
    with_pss10,
    with_sleep_hours,
    with_tyrosine,
)
from norepi.model.parameters import PHE_G_PER_MOL, TYR_G_PER_MOL, Parameters
from norepi.model.solver import SolverError, periodic_state, simulate, simulate_reference

D0 = dt.date(2025, 3, 1)


def test_a_full_day_sets_every_input_by_name():
    meals = food(item(dt.time(8, 0), 1500, 1200, share=0.5), item(None, protein_g=30, share=0.5))
    run = session(D0, "run", 30, avg_hr_bpm=150)
    d = day(
        D0,
        meals=meals,
        sleep=(night(D0, dt.time(23, 30)),),
        exercise=(run,),
        pss=20,
        events=((dt.time(11, 0), 6),),
        practices=((dt.time(7, 30), 15),),
    )
    inp = inputs_from_days([d])
    assert inp.minutes == MIN_PER_DAY and inp.assumed == ((),)
    asleep = inp.column(U.ASLEEP)
    assert asleep[: 7 * 60].all() and not asleep[7 * 60 : 23 * 60 + 30].any()
    assert asleep[23 * 60 + 30 :].all()  # the evening after the range: the usual (here: the only) bedtime
    vo2 = inp.column(U.VO2)[18 * 60 : 18 * 60 + 30]
    assert np.allclose(vo2, vo2max_fractions(run)) and inp.column(U.VO2)[: 18 * 60].max() == 0
    assert (inp.column(U.UPRIGHT)[18 * 60 : 18 * 60 + 30] == 1).all()
    assert inp.column(U.STRESS)[11 * 60 + 5] == 6 and inp.column(U.STRESS)[11 * 60 + 10] == 0  # 10-min event
    assert inp.column(U.PSS10)[0] == 20
    assert inp.column(U.PRACTICE).sum() == 15
    # amino acids: the timed serving's own values, the untimed one's protein x 8.5 % split 55/45, over 3 meals
    p = Parameters.default()
    phe = 1500 + 30 * p["phe_tyr_g_per_g_protein"] * 1000 * p["phe_share"]
    assert np.isclose(inp.column(U.PHE_IN).sum(), phe / PHE_G_PER_MOL * 1000)
    assert inp.column(U.TYR_IN)[8 * 60 : 8 * 60 + 15].sum() > 0
    assert inp.column(U.CU_RDA)[0] == pytest.approx(1.0) and inp.column(U.VITC_MG)[0] == pytest.approx(90.0)


def test_unlogged_food_takes_the_usual_intake_and_is_marked():
    days = [
        day(D0, meals=three_meals(grams=1.0)),
        day(D0 + dt.timedelta(days=1)),
        day(D0 + dt.timedelta(days=2), meals=three_meals(grams=2.0, cof_pct=50)),
    ]
    inp = inputs_from_days(days)
    assert inp.assumed[0] == () and inp.assumed[2] == ()
    (a,) = inp.assumed[1]
    assert a.part == "food" and "median of 2 logged days" in a.reason
    per_day = inp.column(U.TYR_IN).reshape(3, MIN_PER_DAY).sum(axis=1)
    assert per_day[1] == pytest.approx((per_day[0] + per_day[2]) / 2)  # median of two = their mean
    assert inp.column(U.CU_RDA)[MIN_PER_DAY] == pytest.approx(0.75)
    assert any("1 of 3 days had no food logged" in n for n in inp.notes)


def test_no_food_anywhere_takes_the_reference_diet_and_says_so():
    inp = inputs_from_days([day(D0), day(D0 + dt.timedelta(days=1))])
    assert all(a[0].part == "food" and "reference diet" in a[0].reason for a in inp.assumed)
    assert inp.column(U.PHE_IN).sum() > 0


def test_missing_night_takes_the_usual_night_and_a_missing_date_is_a_day_with_nothing():
    first = [
        day(
            D0 + dt.timedelta(days=k),
            meals=three_meals(),
            sleep=(night(D0 + dt.timedelta(days=k), dt.time(0, 30), dt.time(8, 0)),),
        )
        for k in range(3)
    ]
    gap = day(D0 + dt.timedelta(days=4), meals=three_meals(), sleep=False)
    inp = inputs_from_days([*first, gap])
    assert len(inp.dates) == 5  # D0+3 was missing: filled as a day with nothing logged
    assert {a.part for a in inp.assumed[3]} == {"food", "sleep"}
    (s4,) = inp.assumed[4]
    assert s4.part == "sleep" and "00:30-08:00" in s4.reason and "3 nights" in s4.reason
    asleep = inp.column(U.ASLEEP).reshape(5, MIN_PER_DAY)
    assert asleep[4, 30 : 8 * 60].all() and not asleep[4, 8 * 60 : 24 * 60].any()


def test_measured_time_asleep_counts_awake_first_then_asleep():
    d = day(D0, meals=three_meals(), sleep=(night(D0, dt.time(23, 0), dt.time(7, 0), asleep_min=360),))
    asleep = inputs_from_days([d]).column(U.ASLEEP)
    assert not asleep[:60].any() and asleep[60 : 7 * 60].all()  # 8 h in bed, 6 h asleep up to the wake time
    assert (inputs_from_days([d]).column(U.UPRIGHT)[:60] == 0).all()  # lying awake


def test_nothing_logged_is_said_not_simulated():
    with pytest.raises(NothingLogged) as err:
        prepare_days([day(D0, sleep=False), day(D0 + dt.timedelta(days=1), sleep=False)])
    assert set(err.value.what_to_log) >= {"food", "sleep"} and "2025-03-01" in str(err.value)


@pytest.mark.parametrize(
    "days, field",
    [
        ([], "days"),
        (["2025-03-01"], "days"),
        ([day(D0, meals=three_meals()), day(D0, meals=three_meals())], "date"),
    ],
)
def test_bad_days_are_refused_naming_the_field(days, field):
    with pytest.raises(InputError) as err:
        prepare_days(days)
    assert err.value.field == field


def test_bad_input_array_refused():
    u = np.zeros((10, N_IN))
    u[:, U.PSS10] = 45
    with pytest.raises(InputError) as err:
        validate_inputs(ModelInputs(dt.datetime(2025, 1, 1), u))
    assert err.value.field == "pss10"


def test_intensity_comes_from_lifestyle_met_and_fitness():
    walk = session(D0, "walk", 90)  # 3.5 MET
    default = vo2max_fractions(walk)
    assert default[0] == pytest.approx(3.5 / (15.3 * 190 / 60 / 3.5))  # Uth 2004 fitness from HRmax/HRrest
    unfit = HeartProfile(80, hr_max_tanaka(60))
    s = with_exercise(reference_days(1), "walk", 90, heart=unfit)[0].exercise[0]
    assert vo2max_fractions(s)[0] > default[0]  # the same walk is a larger share of a smaller VO2max
    assert vo2max_fractions(with_exercise(reference_days(1), "walk", 90)[0].exercise[0])[0] == pytest.approx(0.35)


def test_scenario_builders():
    base = reference_days(3)
    short = inputs_from_days(with_sleep_hours(base, 5))
    assert short.column(U.ASLEEP)[MIN_PER_DAY : 2 * MIN_PER_DAY].sum() == 300
    hiit = with_exercise(base, "hiit", 20)
    inp = inputs_from_days(hiit)
    assert inp.column(U.VO2)[18 * 60] == pytest.approx(activity("hiit").met / 10.0)
    tyr = (
        inputs_from_days(with_tyrosine(base, 2000)).column(U.TYR_IN).sum()
        - inputs_from_days(base).column(U.TYR_IN).sum()
    )
    assert tyr == pytest.approx(3 * 2000 / TYR_G_PER_MOL * 1000)
    assert inputs_from_days(with_pss10(base, 25)).column(U.PSS10).min() == 25
    ch = changes_from(sleep_hours=6, add=["hiit 20min daily", "meditation 15 min"], tyrosine_mg=500)
    assert ch.exercise == (("hiit", 20.0),) and ch.practices[0][1] == 15.0
    assert "sleep 6 h a night" in ch.describe() and "meditation 15 min a day" in ch.describe()


@pytest.mark.parametrize("text", ["hiit for a while", "juggling 20min", ""])
def test_unreadable_additions_are_refused(text):
    with pytest.raises(InputError) as err:
        parse_add(text)
    assert err.value.field == "add"


@pytest.mark.parametrize(
    "kwargs, field",
    [({"sleep_hours": 30}, "sleep_hours"), ({"tyrosine_mg": -5}, "tyrosine_mg"), ({"pss10": 41}, "pss10")],
)
def test_what_ifs_outside_physiology_are_refused(kwargs, field):
    ch = changes_from(**kwargs)
    with pytest.raises(InputError) as err:
        ch.apply(prepare_days(reference_days(2)).days)
    assert err.value.field == field


def test_solver_failure_names_the_scenario():
    p = Parameters.default()
    bad = p.values.copy()
    from norepi.model.parameters import INDEX

    bad[INDEX["k_rel_per_min"]] = 1e300
    inp = inputs_from_days(reference_days(1), name="exploding")
    with pytest.raises(SolverError, match="exploding"):
        simulate(inp, Parameters(bad), np.ones(N_STATES))


def test_fast_solver_matches_reference():
    """Quasi-steady fast species, RK4 pathway and exact slow states vs the full stiff ODE (Radau, rtol 1e-10)."""
    p = Parameters.default()
    days = logged_days(D0, 1, exercise=(session(D0, "hiit", 20, dt.time(8, 0)),), events=((dt.time(10, 0), 8),))
    inp = inputs_from_days(days, p, "accuracy")
    y0 = periodic_state(p, inp.baseline)
    inp = inp.head(14 * 60)
    fast, ref = simulate(inp, p, y0, record=True), simulate_reference(inp, p, y0)
    ne_f, ne_r = fast.ne_plasma_nmol_per_l[1:], 1000 * ref[1:, S.NE_P]
    assert np.max(np.abs(ne_f - ne_r) / ne_r) < 0.01
    assert np.max(np.abs(fast.y[:, S.NE_V] - ref[:, S.NE_V]) / ref[:, S.NE_V]) < 3e-4
    assert np.max(np.abs(fast.y[:, S.TYR_P] - ref[:, S.TYR_P]) / ref[:, S.TYR_P]) < 5e-3
    # daily sums in closed form equal the per-minute values
    full = simulate(inputs_from_days(days, p), p, y0, record=True)
    assert full.daily[0, D.NE_MEAN] == pytest.approx(full.ne_p_umol_per_l.mean(), rel=1e-9)
    assert full.daily[0, D.NE_PEAK] == pytest.approx(full.ne_p_umol_per_l.max(), rel=1e-9)


def test_unlogged_days_have_no_zeros():
    days = logged_days(D0, 3)
    days[1] = without_food(days[1])
    u = inputs_from_days(days).u.reshape(3, MIN_PER_DAY, N_IN)
    assert u[1, :, U.PHE_IN].sum() == pytest.approx(u[0, :, U.PHE_IN].sum())
    assert u[1, 0, U.CU_RDA] == pytest.approx(1.0) and TARGETS["copper_mg"].rda > 0
    assert HEART.max_hr_bpm == 190
