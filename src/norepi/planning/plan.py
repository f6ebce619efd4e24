"""Meal plans for one day or several: candidates -> one MILP per day (with variety) -> meals, totals, list.

Everything here is pure: the caller gives the food list (a :class:`.pool.FoodPool`, built once), the person's
``Profile`` (and targets), how usual each food is (:func:`.familiarity.familiarity` of their logged days), pins as
food ids and prices; :func:`plan_meals` returns a :class:`Plan`, and :func:`accept_items` turns a plan into the
journal items that log it. JSON and storage are the caller's.

A multi-day plan is solved day by day within a time budget of :data:`DAY_BUDGET_S` per day on average:
each day takes the best plan HiGHS finds in its share of the time left (at least :data:`MIN_DAY_S`, at most
``QUICK_S`` seconds), or stops sooner when the plan is proven optimal, so easy days leave time for hard
ones. After each day, foods used ``max_uses_per_week`` times in the
current 7-day week are blocked, and once a kind of food is chosen (a cornmeal, a bread) other foods of that
kind are blocked for the rest of the plan. Pinned foods are never blocked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from norepi.errors import AmountError, Infeasible, InputError
from norepi.foods.amounts import to_grams
from norepi.foods.catalogue import CatalogueFood
from norepi.nutrition.analysis import FoodDay, FoodItem, analyze_food, folic_acid_ug, serving_amounts
from norepi.nutrition.targets import ENERGY_BAND_FRACTION, Target, energy_kcal, targets_for
from norepi.planning.candidates import Candidate
from norepi.planning.explain import Relaxation, explain
from norepi.planning.meals import MEALS, MealRule
from norepi.planning.model import OBJECTIVES, DayProblem
from norepi.planning.pool import FoodPool, as_pool, day_subset, select_candidates
from norepi.planning.shopping import ShoppingItem, shopping_list
from norepi.planning.solve import QUICK_S, DaySolution, solve_day
from norepi.profile import ALLERGENS, DIETS, Profile

DEFAULT_MAX_USES_PER_WEEK = 3
DAY_BUDGET_S = 0.22  # multi-day plans: average solve time per day (s); see the module docstring
MIN_DAY_S = 0.1  # ... but at least this long for any day (s)
RELAX_S = 5.0  # most time for the relaxation of a day with no plan (s; the best relaxed plan found by then)
NOTES = (
    "Magnesium: the UL (350 mg for adults) applies to supplements only (and medicines), not to magnesium in "
    "food, so the plan does not cap it.",
    "Folate: the UL applies to folic acid (fortified foods and supplements) and is compared with folic acid.",
    "Phenylalanine + tyrosine counts only foods USDA gives both amino acids for; others add 0.",
    "Shopping list: foods planned cooked are listed raw or dry, in the weight to buy (cooked weight / yield).",
)


@dataclass(frozen=True)
class PlanRequest:
    """What to plan: first date, number of days, objective (usual, fewest, cost), diet and allergen overrides
    (None = the profile's), dislikes (words or food ids), pins (food ids, resolved by the caller), prices per
    100 g by food id, variety (uses of a food per week), foods per group in a day's model, an energy goal
    override (kcal/day) and whether to fail instead of relaxing."""

    start: dt.date
    days: int = 1
    objective: str = "usual"
    diet: str | None = None
    exclusions: tuple[str, ...] | None = None
    dislikes: tuple[str, ...] = ()
    pins: tuple[str, ...] = ()
    prices: Mapping[str, float] = field(default_factory=dict)
    max_uses_per_week: int = DEFAULT_MAX_USES_PER_WEEK
    per_group: int = 6
    energy_kcal: float | None = None
    strict: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.days <= 28:
            raise InputError(f"{self.days} days: plan 1 to 28 days", field="days")
        if self.objective not in OBJECTIVES:
            raise InputError(f"{self.objective!r} is not one of {', '.join(OBJECTIVES)}", field="objective")
        if self.objective == "cost" and not self.prices:
            raise InputError("the cost objective needs prices (NDB=price per 100 g)", field="objective")
        if self.diet is not None and self.diet not in DIETS:
            raise InputError(f"{self.diet!r} is not one of {', '.join(DIETS)}", field="diet")
        for item in self.exclusions or ():
            if item not in ALLERGENS:
                raise InputError(f"{item!r} is not one of {', '.join(ALLERGENS)}", field="exclude")
        if self.max_uses_per_week < 1:
            raise InputError("a food must be allowed at least once a week", field="max_uses_per_week")
        if self.energy_kcal is not None and not 800 <= self.energy_kcal <= 6000:
            raise InputError(f"{self.energy_kcal:g} kcal is outside 800-6000 kcal", field="energy_kcal")
        for food_id, price in self.prices.items():
            if price < 0:
                raise InputError(f"price of {food_id} is negative", field="price")


@dataclass(frozen=True)
class PlanItem:
    """One planned food: ``portion`` is household text the journal's amount parser reads back to ``grams``."""

    food_id: str
    description: str
    grams: float
    portion: str


@dataclass(frozen=True)
class PlanMeal:
    """A meal of a planned day: its name, clock time and foods."""

    name: str
    time: dt.time
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class PlanDay:
    """One planned day: meals in time order, the day's nutrition (``food``: totals, coverage, lower bounds, ULs
    exceeded, unknowns, by :func:`norepi.nutrition.analysis.analyze_food`, as for a logged day) against
    ``targets``, and the solve: objective value, seconds, status ("optimal", or "time limit": the best plan found
    in the time allowed) and ``gap_pct`` (how far the objective may lie above the best possible, %)."""

    date: dt.date
    meals: tuple[PlanMeal, ...]
    food: FoodDay
    targets: Mapping[str, Target]
    objective_value: float
    solve_seconds: float
    status: str = "optimal"
    gap_pct: float | None = None


@dataclass(frozen=True)
class Plan:
    """A meal plan: its days, the shopping list (purchase weights), the constraints that had to give (dated), notes
    for the person, how many candidate foods there were, and the usual or pinned foods planned in their eaten
    form ((food id given, food id planned))."""

    start_date: dt.date
    objective: str
    days: tuple[PlanDay, ...]
    shopping_list: tuple[ShoppingItem, ...]
    relaxed: tuple[Relaxation, ...]
    notes: tuple[str, ...]
    candidates: int
    eaten_forms: tuple[tuple[str, str], ...] = ()


class LogItem(NamedTuple):
    """One journal item of an accepted plan: food id, amount text, date and clock time."""

    food_id: str
    amount: str
    date: dt.date
    time: dt.time | None


def person(profile: Profile, request: PlanRequest) -> Profile:
    """The profile with the request's diet and exclusions in place of its own (where given)."""
    return dataclasses.replace(profile, diet=request.diet or profile.diet,  # type: ignore[arg-type]
                               exclusions=tuple(request.exclusions if request.exclusions is not None
                                                else profile.exclusions))


def plan_meals(foods: FoodPool | Iterable[CatalogueFood], profile: Profile, request: PlanRequest, *,
               familiarity: Mapping[str, float] | None = None,
               targets: Mapping[str, Target] | None = None) -> Plan:
    """Plan ``request.days`` days for ``profile`` (diet and exclusions as the request overrides them) from the food
    list ``foods`` (a :class:`FoodPool` built once, or the foods themselves, prepared on each call).

    ``familiarity``: food id -> share of logged days the food was eaten (:func:`.familiarity.familiarity`; None or
    {} to ignore the journal); ``targets``: the person's (default ``targets_for(profile)``). Raises InputError for
    a pin that is not allowed or not in the list, Infeasible when no food is left or (``strict``) no plan meets
    every target."""
    pool = as_pool(foods)
    profile = person(profile, request)
    targets = dict(targets) if targets is not None else targets_for(profile)
    goal = request.energy_kcal or energy_kcal(profile)
    cands = select_candidates(pool, profile, targets, goal, familiarity=familiarity, pins=request.pins,
                              dislikes=request.dislikes, prices=request.prices, per_group=pool_per_group(request),
                              require_price=request.objective == "cost")
    plan = plan_from_candidates(cands.foods, targets, goal, request, pool=pool)
    if not cands.eaten_forms:
        return plan
    notes = [f"{pool.foods[a].description} is planned as {pool.foods[b].description}, the form it is eaten in."
             for a, b in cands.eaten_forms]
    return dataclasses.replace(plan, notes=(*plan.notes, *notes), eaten_forms=cands.eaten_forms)


def pool_per_group(request: PlanRequest) -> int:
    """Foods kept per food group for the whole plan: enough that each day can still pick ``per_group``
    unblocked ones when a food may appear only ``max_uses_per_week`` days a week."""
    if request.days == 1:
        return request.per_group
    return request.per_group * (math.ceil(min(request.days, 7) / request.max_uses_per_week) + 1)


def _blocked(foods: Sequence[Candidate], uses: Counter[str], kinds: Mapping[str, str], max_uses: int) -> frozenset[str]:
    return frozenset(f.food_id for f in foods if not f.pinned and (
        uses[f.food_id] >= max_uses or (f.kind in kinds and kinds[f.kind] != f.food_id)))


def plan_from_candidates(foods: Sequence[Candidate], targets: Mapping[str, Target], goal_kcal: float,
                         request: PlanRequest, meals: tuple[MealRule, ...] = MEALS,
                         pool: FoodPool | None = None) -> Plan:
    """Plan the days of ``request`` over these candidates (pure); ``pool`` gives the purchase forms of the
    shopping list (without it, everything is bought as planned)."""
    foods = tuple(foods)
    if not foods and request.objective == "cost":
        n = len(request.prices)
        raise Infeasible(f"none of the {n} food{'s' if n != 1 else ''} with a price can be planned (left out by the "
                         "diet, allergens or dislikes, or not a common food with a household portion); price more "
                         "foods", conflicts=["priced foods"])
    if not foods:
        raise Infeasible("no food is left to plan with after the diet, exclusions and dislikes",
                         conflicts=["candidate foods"])
    meals = tuple(sorted(meals, key=lambda m: m.time))  # a day's meals in time order
    low, high = goal_kcal * (1 - ENERGY_BAND_FRACTION), goal_kcal * (1 + ENERGY_BAND_FRACTION)
    if round(goal_kcal) != round(targets["energy_kcal"].rda):
        targets = {**targets, "energy_kcal": Target(round(goal_kcal), None, "requested energy goal",
                                                    f"+/- {ENERGY_BAND_FRACTION:.0%} band")}
    uses: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    days: list[PlanDay] = []
    relaxed: list[Relaxation] = []
    by_id = {f.food_id: f for f in foods}
    grams_total: dict[str, float] = defaultdict(float)
    deadline = time.perf_counter() + DAY_BUDGET_S * request.days
    for d in range(request.days):
        date = request.start + dt.timedelta(days=d)
        if d % 7 == 0:
            uses.clear()
        blocked = _blocked(foods, uses, kinds, request.max_uses_per_week)
        day_foods = day_subset(foods, blocked, request.per_group)
        problem = DayProblem(day_foods, targets, low, high, goal_kcal, meals, request.objective,
                             repeats=dict(uses))
        quick = None  # one day: until proven optimal (or the time limit)
        if request.days > 1:
            share = (deadline - time.perf_counter()) / (request.days - d)
            quick = min(QUICK_S, max(MIN_DAY_S, share))
        solution = solve_day(problem, quick_s=quick)
        if solution is None:  # with the whole unblocked pool before bending any target
            day_foods = day_subset(foods, blocked, len(foods))
            problem = dataclasses.replace(problem, foods=day_foods)
            solution = solve_day(problem, quick_s=quick)
        if solution is None and kinds:  # then other foods of kinds used on earlier days (max uses still hold)
            day_foods = day_subset(foods, _blocked(foods, uses, {}, request.max_uses_per_week), len(foods))
            problem = dataclasses.replace(problem, foods=day_foods)
            solution = solve_day(problem, quick_s=quick)
        if solution is None:
            solution = solve_day(problem, relax=True, time_limit_s=RELAX_S)
            if solution is None:
                raise Infeasible(f"no plan for {date}, even with every target relaxed", conflicts=[])
            reasons = explain(solution.relaxed, day_foods)
            if request.strict:
                raise Infeasible(f"no plan for {date} meets every target; these conflict: "
                                 + "; ".join(r.message for r in reasons), conflicts=[r.message for r in reasons])
            relaxed.extend(dataclasses.replace(r, date=date) for r in reasons)
        for fi, _mi in solution.steps:
            food = day_foods[fi]
            uses[food.food_id] += 1
            kinds.setdefault(food.kind, food.food_id)
        day = _day_out(date, day_foods, solution, targets, meals)
        for meal in day.meals:
            for item in meal.items:
                grams_total[item.food_id] += item.grams
        days.append(day)
    if pool is None:
        pool = FoodPool(_as_catalogue(f) for f in by_id.values())
    shopping = shopping_list(grams_total, pool.foods, pool.forms)
    used_without_aa = sorted({by_id[n].description for n in grams_total if not by_id[n].has_amino_acids})
    notes = list(NOTES)
    if request.objective == "cost":
        n = len(foods)
        notes.append(f"Cost objective: only the {n} food{'s' if n != 1 else ''} with a price (and pinned foods) "
                     "were candidates; give more prices (food id = price per 100 g) for a fuller plan.")
    if used_without_aa:
        notes.append("No amino-acid data (not counted towards Phe+Tyr): " + "; ".join(used_without_aa))
    return Plan(start_date=request.start, objective=request.objective, days=tuple(days), shopping_list=shopping,
                relaxed=tuple(relaxed), notes=tuple(notes), candidates=len(foods))


def _as_catalogue(food: Candidate) -> CatalogueFood:
    """A candidate back as a food of a food list (for a plan made from candidates without their list)."""
    return CatalogueFood(food.food_id, food.description, food.group_code, True, False, food.usda_per_100g,
                         food.portions)


def _portion_text(food: Candidate, steps: int) -> str:
    """Household text for ``steps`` serving steps if the amount parser reads it back to the same grams."""
    grams = steps * food.serving.grams
    text = food.serving.text(steps)
    if food.serving.label != "g":
        try:
            if abs(to_grams(text, food.portions, food.description) - grams) <= 0.001 * grams:
                return text
        except AmountError:
            pass
    return f"{round(grams):g} g"


def _day_out(date: dt.date, foods: Sequence[Candidate], solution: DaySolution, targets: Mapping[str, Target],
             meals: tuple[MealRule, ...]) -> PlanDay:
    by_meal: dict[int, list[PlanItem]] = defaultdict(list)
    items: list[FoodItem] = []
    for (fi, mi), n in sorted(solution.steps.items(), key=lambda t: (t[0][1], foods[t[0][0]].meal_group)):
        food = foods[fi]
        grams = round(n * food.serving.grams, 1)
        portion = _portion_text(food, n)
        by_meal[mi].append(PlanItem(food.food_id, food.description, grams, portion))
        items.append(FoodItem(None, meals[mi].time, food.food_id, food.description, grams, portion,
                              serving_amounts(food.usda_per_100g, grams), folic_acid_ug(food.usda_per_100g, grams),
                              source="plan"))
    meal_out = tuple(PlanMeal(meal.name, meal.time, tuple(by_meal.get(mi, ()))) for mi, meal in enumerate(meals))
    return PlanDay(date, meal_out, analyze_food(items, targets), dict(targets), solution.objective,
                   solution.seconds, solution.status, solution.gap_pct)


def accept_items(plan: Plan, start: dt.date | None = None, day_index: int | None = None) -> list[LogItem]:
    """The journal items that log ``plan`` (food id, amount text, date, time), every day or only day ``day_index``
    (0 = first); with ``start``, the first day logged (that day, with ``day_index``) lands on ``start`` and the
    others keep their distance from it. The journal stores them (source "plan")."""
    if day_index is not None and not 0 <= day_index < len(plan.days):
        raise InputError(f"the plan has {len(plan.days)} day(s)", field="day")
    chosen = plan.days if day_index is None else (plan.days[day_index],)
    offset = (start - chosen[0].date) if start is not None else dt.timedelta(0)
    return [LogItem(item.food_id, item.portion or f"{item.grams:g} g", day.date + offset, meal.time)
            for day in chosen for meal in day.meals for item in meal.items]
