"""Meal plans for one day or several: candidates -> one MILP per day (with variety) -> meals, totals, list.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from norepi.errors import AmountError, Infeasible, InputError
from norepi.foods.amounts import to_grams
from norepi.journal.journal import Journal
from norepi.nutrition.analysis import EntryFacts, Incomplete, OverLimit, TargetOut, analyze_day
from norepi.nutrition.targets import ENERGY_BAND_FRACTION, Target, energy_kcal, targets_for
from norepi.planning.candidates import Candidate, day_subset, load_candidates
from norepi.planning.explain import Relaxation, explain
from norepi.planning.meals import MEAL_ORDER, MEALS, MealRule
from norepi.planning.model import OBJECTIVES, QUICK_S, DayProblem, DaySolution, solve_day
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
)


@dataclass(frozen=True)
class PlanRequest:
    """What to plan: first date, number of days, objective (usual, fewest, cost), diet and allergen
    overrides (None = the profile's), dislikes (words or NDB numbers), pins (NDB numbers or text), prices
    per 100 g by NDB number, variety (uses of a food per week), whether to weight the person's usual foods,
    an energy goal override (kcal/day) and whether to fail instead of relaxing."""

    start: dt.date
    days: int = 1
    objective: str = "usual"
    diet: str | None = None
    exclusions: tuple[str, ...] | None = None
    dislikes: tuple[str, ...] = ()
    pins: tuple[str, ...] = ()
    prices: Mapping[str, float] = field(default_factory=dict)
    max_uses_per_week: int = DEFAULT_MAX_USES_PER_WEEK
    use_journal: bool = True
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
        for ndb, price in self.prices.items():
            if price < 0:
                raise InputError(f"price of {ndb} is negative", field="price")

    def as_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["start"] = self.start.isoformat()
        data["prices"] = dict(self.prices)
        return data


class PlanItem(BaseModel):
    ndb_no: str
    description: str
    grams: float
    portion: str


class PlanMeal(BaseModel):
    name: str
    time: str
    items: list[PlanItem]


class PlanDay(BaseModel):
    """One planned day: meals, and totals vs targets with the same keys as the day JSON."""

    date: str
    meals: list[PlanMeal]
    totals: dict[str, float]
    targets: dict[str, TargetOut]
    coverage_pct: dict[str, float | None]
    lower_bound: list[str]
    over_ul: list[OverLimit]
    incomplete: list[Incomplete]
    objective_value: float
    solve_seconds: float
    status: str = "optimal"  # or "time limit": the best plan found in the time allowed (multi-day plans)
    gap_pct: float | None = None  # how far the objective may lie above the best possible (%)


class ShoppingItem(BaseModel):
    ndb_no: str
    description: str
    grams: float
    portion: str


class Plan(BaseModel):
    """A meal plan (``norepi plan day|week --json``)."""

    id: int | None = None
    start_date: str
    objective: str
    days: list[PlanDay]
    shopping_list: list[ShoppingItem]
    relaxed: list[dict[str, Any]]
    notes: list[str]
    candidates: int

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def plan_meals(journal: Journal, request: PlanRequest) -> Plan:
    """Plan ``request.days`` days from the journal's profile, foods and usual foods (not saved)."""
    profile = journal.profile(request.start)
    profile = dataclasses.replace(profile, diet=request.diet or profile.diet,  # type: ignore[arg-type]
                                  exclusions=tuple(request.exclusions if request.exclusions is not None
                                                   else profile.exclusions))
    targets = targets_for(profile)
    goal = request.energy_kcal or energy_kcal(profile)
    cands = load_candidates(journal, profile, targets, goal, today=request.start, pins=request.pins,
                            dislikes=request.dislikes, prices=request.prices, use_journal=request.use_journal,
                            per_group=pool_per_group(request), require_price=request.objective == "cost")
    return plan_from_candidates(cands.foods, targets, goal, request, profile)


def pool_per_group(request: PlanRequest) -> int:
    """Foods kept per food group for the whole plan: enough that each day can still pick ``per_group``
    unblocked ones when a food may appear only ``max_uses_per_week`` days a week."""
    if request.days == 1:
        return request.per_group
    return request.per_group * (math.ceil(min(request.days, 7) / request.max_uses_per_week) + 1)


def _blocked(foods: Sequence[Candidate], uses: Counter[str], kinds: Mapping[str, str], max_uses: int) -> frozenset[str]:
    return frozenset(f.ndb_no for f in foods if not f.pinned and (
        uses[f.ndb_no] >= max_uses or (f.kind in kinds and kinds[f.kind] != f.ndb_no)))


def plan_from_candidates(foods: Sequence[Candidate], targets: Mapping[str, Target], goal_kcal: float,
                         request: PlanRequest, profile: Profile | None = None,
                         meals: tuple[MealRule, ...] = MEALS) -> Plan:
    """Plan the days of ``request`` over these candidates (pure: no database)."""
    foods = tuple(foods)
    if not foods and request.objective == "cost":
        n = len(request.prices)
        raise Infeasible(f"none of the {n} food{'s' if n != 1 else ''} with a price can be planned (left out by the "
                         "diet, allergens or dislikes, or not a common food with a household portion); price more "
                         "foods", conflicts=["priced foods"])
    if not foods:
        raise Infeasible("no food is left to plan with after the diet, exclusions and dislikes",
                         conflicts=["candidate foods"])
    low, high = goal_kcal * (1 - ENERGY_BAND_FRACTION), goal_kcal * (1 + ENERGY_BAND_FRACTION)
    if round(goal_kcal) != round(targets["energy_kcal"].rda):
        targets = {**targets, "energy_kcal": Target(round(goal_kcal), None, "requested energy goal",
                                                    f"+/- {ENERGY_BAND_FRACTION:.0%} band")}
    uses: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    days: list[PlanDay] = []
    relaxed: list[dict[str, Any]] = []
    by_ndb = {f.ndb_no: f for f in foods}
    grams_total: dict[str, float] = defaultdict(float)
    steps_total: dict[str, int] = defaultdict(int)
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
            relaxed.extend({"date": date.isoformat(), **r.as_json()} for r in reasons)
        for (fi, _mi), n in solution.steps.items():
            food = day_foods[fi]
            uses[food.ndb_no] += 1
            kinds.setdefault(food.kind, food.ndb_no)
            grams_total[food.ndb_no] += n * food.serving.grams
            steps_total[food.ndb_no] += n
        days.append(_day_out(date, day_foods, solution, targets, meals))
    shopping = [ShoppingItem(ndb_no=ndb, description=by_ndb[ndb].description, grams=round(grams, 1),
                             portion=_portion_text(by_ndb[ndb], steps_total[ndb]))
                for ndb, grams in sorted(grams_total.items(), key=lambda t: (by_ndb[t[0]].group_code,
                                                                              by_ndb[t[0]].description))]
    used_without_aa = sorted({by_ndb[n].description for n in grams_total if not by_ndb[n].has_amino_acids})
    notes = list(NOTES)
    if request.objective == "cost":
        n = len(foods)
        notes.append(f"Cost objective: only the {n} food{'s' if n != 1 else ''} with a price (and pinned foods) "
                     "were candidates; give more prices (--price NDB=price per 100 g) for a fuller plan.")
    if used_without_aa:
        notes.append("No amino-acid data (not counted towards Phe+Tyr): " + "; ".join(used_without_aa))
    return Plan(start_date=request.start.isoformat(), objective=request.objective, days=days,
                shopping_list=shopping, relaxed=relaxed, notes=notes, candidates=len(foods))


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
    facts: list[EntryFacts] = []
    for (fi, mi), n in sorted(solution.steps.items(), key=lambda t: (t[0][1], foods[t[0][0]].meal_group)):
        food = foods[fi]
        grams = round(n * food.serving.grams, 1)
        portion = _portion_text(food, n)
        by_meal[mi].append(PlanItem(ndb_no=food.ndb_no, description=food.description, grams=grams,
                                    portion=portion))
        facts.append(EntryFacts(None, food.ndb_no, food.description, grams, meals[mi].time, portion,
                                food.usda_per_100g))
    summary = analyze_day(date, facts, targets)
    meal_out = [PlanMeal(name=meal.name, time=meal.time.strftime("%H:%M"), items=by_meal.get(mi, []))
                for mi, meal in sorted(enumerate(meals), key=lambda t: MEAL_ORDER.get(t[1].name, t[0]))]
    return PlanDay(date=date.isoformat(), meals=meal_out, totals=summary.totals, targets=summary.targets,
                   coverage_pct=summary.coverage_pct, lower_bound=summary.lower_bound, over_ul=summary.over_ul,
                   incomplete=summary.incomplete, objective_value=round(solution.objective, 6),
                   solve_seconds=round(solution.seconds, 4), status=solution.status,
                   gap_pct=None if solution.gap_pct is None else round(solution.gap_pct, 2))


def relaxations(plan: Plan) -> list[Relaxation]:
    """The plan's bent constraints as value objects."""
    return [Relaxation(r["constraint"], r["key"], r["side"], r["bound"], r["achieved"], r["message"])
            for r in plan.relaxed]


def log_items(plan: Mapping[str, Any], start: dt.date | None = None,
              day_index: int | None = None) -> list[tuple[str, str, dt.date, dt.time | None]]:
    """Journal items (NDB number, amount text, date, time) for a saved plan's days, shifted to ``start``."""
    first = dt.date.fromisoformat(plan["start_date"])
    offset = (start - first) if start else dt.timedelta(0)
    items: list[tuple[str, str, dt.date, dt.time | None]] = []
    for i, day in enumerate(plan["days"]):
        if day_index is not None and i != day_index:
            continue
        date = dt.date.fromisoformat(day["date"]) + offset
        for meal in day["meals"]:
            when = dt.time.fromisoformat(meal["time"]) if meal.get("time") else None
            for item in meal["items"]:
                items.append((item["ndb_no"], item["portion"] or f"{item['grams']:g} g", date, when))
    return items
