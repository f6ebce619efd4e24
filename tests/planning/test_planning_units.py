"""Pure planning pieces over hand-made value objects: servings, kinds, amino-acid rule, relaxation, meal order,
familiarity, accepting a plan."""

from __future__ import annotations

import datetime as dt

import pytest

from norepi.days.summary import DaySummary
from norepi.errors import Infeasible, InputError
from norepi.foods.amounts import PortionOption, to_grams
from norepi.foods.catalogue import CatalogueFood
from norepi.nutrition.analysis import FoodItem, analyze_food
from norepi.nutrition.targets import Target
from norepi.planning.candidates import Serving, choose_serving, kind_of, to_candidate
from norepi.planning.explain import explain
from norepi.planning.familiarity import familiarity
from norepi.planning.meals import MEALS, MealRule
from norepi.planning.model import DayProblem, nutrient_total
from norepi.planning.plan import PlanRequest, accept_items, plan_from_candidates
from norepi.planning.pool import select_candidates
from norepi.planning.solve import solve_day
from norepi.profile import Profile

KEYS = ("energy_kcal", "protein_g", "phenylalanine_mg", "tyrosine_mg", "phe_tyr_mg", "vitamin_c_mg", "copper_mg",
        "vitamin_b6_mg", "folate_dfe_ug", "magnesium_mg", "iron_mg")
ONE_MEAL = (MealRule("all day", dt.time(12, 0), 0.0, 1.0, 1, 5, frozenset({"1600", "2000"})),)


def _targets(phe_tyr_mg: float = 1000.0) -> dict[str, Target]:
    t = {k: Target(1.0, None, "test") for k in KEYS}
    t["phe_tyr_mg"] = Target(phe_tyr_mg, None, "test")
    t["folate_dfe_ug"] = Target(1.0, 1000.0, "test")
    return t


def _row(food_id: str, desc: str, group: str, values: dict[str, float]) -> CatalogueFood:
    usda = {"208": 100.0, "203": 10.0, "401": 10.0, "312": 1.0, "415": 1.0, "435": 10.0, "304": 10.0, "303": 1.0}
    return CatalogueFood(food_id, desc, group, True, False, {**usda, **values}, (PortionOption(1.0, "cup", 200.0),))


def test_serving_text_reads_back_to_the_same_grams() -> None:
    portions = (PortionOption(1.0, "cup, chopped", 160.0), PortionOption(1.0, "large", 50.0))
    assert Serving("cup, chopped", 0.25, 40.0, 1, 8).text(6) == "1 1/2 cup, chopped"
    assert to_grams("1 1/2 cup, chopped", portions) == pytest.approx(240.0)
    assert Serving("g", 10.0, 10.0, 2, 30).text(15) == "150 g"
    egg = CatalogueFood("01129", "Egg, whole, cooked, hard-boiled", "0100", True, False, {"208": 155.0}, portions)
    assert choose_serving(egg, 150.0) == Serving("large", 1.0, 50.0, 1, 3)


def test_kinds_group_near_duplicates() -> None:
    assert kind_of("Cornmeal, whole-grain, yellow") == kind_of("Cornmeal, degermed, enriched, yellow")
    assert kind_of("Beef, chuck, roasted") != kind_of("Beef, round, roasted")
    assert kind_of("Bread, multi-grain (includes whole-grain)") == kind_of("Bread, multi-grain, toasted")


def test_foods_without_amino_acid_data_never_count_towards_phe_tyr() -> None:
    no_aa = to_candidate(_row("90001", "Beans, mystery, cooked", "1600", {"203": 25.0}))
    with_aa = to_candidate(_row("90002", "Rice, cooked", "2000", {"508": 0.2, "509": 0.2}))
    assert not no_aa.has_amino_acids and with_aa.has_amino_acids
    problem = DayProblem((no_aa, with_aa), _targets(1000.0), 0.0, 5000.0, 300.0, ONE_MEAL, "fewest")
    solution = solve_day(problem)
    assert solution is not None
    # 1000 mg needs 250 g of the food with 400 mg per 100 g, whatever the other food holds
    assert nutrient_total(problem.foods, solution.steps, "phe_tyr_mg") >= 1000.0
    assert any(problem.foods[fi].food_id == "90002" and n * 50.0 >= 250.0 for (fi, _), n in solution.steps.items())
    alone = DayProblem((no_aa,), _targets(1000.0), 0.0, 5000.0, 300.0, ONE_MEAL, "fewest")
    assert solve_day(alone) is None
    relaxed = solve_day(alone, relax=True)
    assert relaxed is not None
    reasons = explain(relaxed.relaxed, alone.foods)
    assert [r.key for r in reasons] == ["phe_tyr_mg"]
    assert reasons[0].achieved == pytest.approx(0.0, abs=1e-6)
    assert "Phenylalanine + tyrosine reaches only" in reasons[0].message


def test_strict_plan_raises_with_the_conflicts_and_relaxed_plan_names_them() -> None:
    foods = (to_candidate(_row("90001", "Beans, mystery, cooked", "1600", {"203": 25.0})),)
    request = PlanRequest(start=dt.date(2026, 11, 23), objective="fewest", strict=True)
    with pytest.raises(Infeasible) as err:
        plan_from_candidates(foods, _targets(), 300.0, request, meals=ONE_MEAL)
    assert any("Phenylalanine + tyrosine" in c for c in err.value.conflicts)
    relaxed = plan_from_candidates(foods, _targets(), 300.0, PlanRequest(start=request.start, objective="fewest"),
                                   meals=ONE_MEAL)
    assert [(r.key, r.date) for r in relaxed.relaxed] == [("phe_tyr_mg", request.start)]
    with pytest.raises(Infeasible):
        plan_from_candidates((), _targets(), 300.0, request, meals=ONE_MEAL)


def test_select_candidates_applies_diet_dislikes_and_pins() -> None:
    rows = [_row("90001", "Beans, black, cooked", "1600", {}), _row("90002", "Chicken, breast, roasted", "0500", {}),
            _row("90003", "Rice, brown, cooked", "2000", {}), _row("90004", "Rice, white, cooked", "2000", {})]
    vegan = Profile(sex="female", age_years=30, weight_kg=60, height_cm=165, diet="vegan")
    chosen = select_candidates(rows, vegan, _targets(), 2000.0, dislikes=("black",), pins=("90004",))
    ids = {f.food_id for f in chosen.foods}
    assert ids == {"90003", "90004"}  # no chicken (vegan), no black beans (disliked); both rices kept
    assert [f.pinned for f in chosen.foods if f.food_id == "90004"] == [True]
    with pytest.raises(Exception, match="pinned"):
        select_candidates(rows, vegan, _targets(), 2000.0, pins=("90002",))


def test_oil_counted_in_tablespoons_whichever_way_usda_writes_it() -> None:
    for word in ("tbsp", "tablespoon"):
        row = CatalogueFood("04053", "Oil, olive, salad or cooking", "0400", True, False, {"208": 884.0},
                            (PortionOption(1.0, word, 13.5), PortionOption(1.0, "cup", 216.0)))
        serving = choose_serving(row, 27.0)
        assert (serving.label, serving.grams, serving.max_steps) == (word, 13.5, 2)


def test_coffee_is_not_planned_even_when_usual() -> None:
    coffee = _row("14209", "Beverages, coffee, brewed, prepared with tap water", "1400", {"208": 1.0})
    cocoa = _row("14000", "Beverages, cocoa, prepared with milk", "1400", {"208": 80.0})
    profile = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
    kept = select_candidates([coffee, cocoa], profile, _targets(), 2000.0,
                             familiarity={"14209": 1.0, "14000": 0.5})
    assert [f.food_id for f in kept.foods] == ["14000"]
    assert kept.removed == {"under 15 kcal per 100 g": 1}


def test_estimated_values_do_not_count() -> None:
    """A value the food list estimated (phenylalanine from protein) is not a measured one: not planned on."""
    measured = _row("90003", "Rice, brown, cooked", "2000", {"508": 0.2, "509": 0.2})
    estimated = CatalogueFood(**{**measured.__dict__, "estimated": frozenset({"508", "509"})})
    assert to_candidate(measured).has_amino_acids
    assert not to_candidate(estimated).has_amino_acids
    assert "phe_tyr_mg" not in to_candidate(estimated).per_100g


def test_meals_are_listed_in_time_order() -> None:
    assert [m.name for m in MEALS] == ["breakfast", "lunch", "snacks", "dinner"]
    assert [m.time for m in MEALS] == sorted(m.time for m in MEALS)
    foods = tuple(to_candidate(_row(f"9000{i}", f"Beans, kind {i}, cooked", "1600", {"508": 0.5, "509": 0.5}))
                  for i in range(4))
    late_first = (MealRule("dinner", dt.time(19, 0), 0.0, 1.0, 1, 2, frozenset({"1600"})),
                  MealRule("snacks", dt.time(16, 0), 0.0, 1.0, 1, 2, frozenset({"1600"})))
    plan = plan_from_candidates(foods, _targets(10.0), 300.0, PlanRequest(start=dt.date(2026, 11, 23),
                                                                       objective="fewest"), meals=late_first)
    assert [m.name for m in plan.days[0].meals] == ["snacks", "dinner"]


def _day(date: dt.date, food_ids: list[str] | None) -> DaySummary:
    targets = _targets()
    if food_ids is None:
        return DaySummary(date, targets)
    items = [FoodItem(None, None, fid, fid, 100.0, "100 g", dict.fromkeys(KEYS, 1.0)) for fid in food_ids]
    return DaySummary(date, targets, analyze_food(items, targets))


def test_familiarity_is_the_share_of_logged_days() -> None:
    d0 = dt.date(2026, 11, 1)
    days = [_day(d0, ["01129", "18075"]), _day(d0 + dt.timedelta(days=1), ["01129", "01129", ""]),
            _day(d0 + dt.timedelta(days=2), None),  # nothing logged: unknown, not a day without eggs
            _day(d0 + dt.timedelta(days=3), ["09040"])]
    assert familiarity(days) == {"01129": 2 / 3, "18075": 1 / 3, "09040": 1 / 3}
    # only the window before the plan's first day counts
    assert familiarity(days, before=d0 + dt.timedelta(days=3), window_days=2) == {"01129": 1.0}
    assert familiarity([_day(d0, None)]) == {}


def test_accept_items_shift_and_choose_days() -> None:
    foods = tuple(to_candidate(_row(f"9000{i}", f"Beans, kind {i}, cooked", "1600", {"508": 0.5, "509": 0.5}))
                  for i in range(3))
    start = dt.date(2026, 11, 23)
    plan = plan_from_candidates(foods, _targets(10.0), 300.0, PlanRequest(start=start, days=2, objective="fewest",
                                                                       max_uses_per_week=7), meals=ONE_MEAL)
    items = accept_items(plan)
    assert items and all(i.time == dt.time(12, 0) and i.amount for i in items)
    assert {i.date for i in items} == {start, start + dt.timedelta(days=1)}
    moved = accept_items(plan, dt.date(2026, 12, 1), 1)
    assert {i.date for i in moved} == {dt.date(2026, 12, 1)}
    assert [i.food_id for i in moved] == [it.food_id for it in plan.days[1].meals[0].items]
    with pytest.raises(InputError):
        accept_items(plan, None, 5)


def test_a_whole_item_step_is_one_the_amount_parser_reads_back() -> None:
    """A plan counts pineapple in slices whose text the amount parser reads back to the same grams (USDA gives two
    slice sizes), never in a portion that reads back as another one, and never falls back to grams."""
    portions = (PortionOption(1.0, "cup, chunks", 165.0), PortionOption(1.0, "fruit", 905.0),
                PortionOption(1.0, 'slice (4-2/3" dia x 3/4" thick)', 166.0),
                PortionOption(1.0, 'slice (3-1/2" dia x 3/4" thick)', 84.0))
    pineapple = CatalogueFood("09266", "Pineapple, raw, all varieties", "0900", True, False, {"208": 50.0}, portions)
    serving = choose_serving(pineapple, 250.0, 2)
    assert serving.label.startswith("slice") and serving.grams in (84.0, 166.0)
    assert to_grams(serving.text(2), portions) == pytest.approx(2 * serving.grams)
