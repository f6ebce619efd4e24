"""The one-day meal-planning MILP, built as arrays (:func:`build_day`; solved by :mod:`.solve` through HiGHS).

Variables, for each candidate food f and each meal m its food group belongs in (:mod:`.meals`):

* ``n[f,m]`` integer: servings steps of f in m (grams = n x ``serving.grams``), 0..``serving.max_steps``
  (the step bound is the food's portion limit, :mod:`.portions`);
* ``y[f,m]`` binary: f is in m; ``min_steps`` x y <= n <= ``max_steps`` x y;
* ``e_over``, ``e_under`` >= 0 (kcal): distance of the day's energy from the estimate beyond a dead zone of
  +/- :data:`ENERGY_DEAD_ZONE` (7 %).

Constraints (kcal, mg, µg and g as the nutrient keys say):

* every nutrient of :data:`NUTRIENT_KEYS` >= RDA (Phe+Tyr counts only foods with both amino acids known;
  an unknown value counts as 0, so a planned total is a lower bound);
* vitamin C, copper, B6, iron <= UL; folic acid (USDA 431) <= the folate UL; magnesium has no food UL
  (its UL is for supplements only);
* energy within the band; each meal's energy within its share of the day's energy;
* each meal holds ``min_foods``..``max_foods`` foods and the food groups it needs; a food is in at most
  one meal a day; at most one food of each kind; at most one food of each dish per meal (not two breads,
  two meats or a soup and a chili in one meal: :func:`.portions.dishes_of`); pinned foods appear;
* some classes of food together stay under a daily total (:data:`.portions.DAY_TOTALS`: meat, poultry, fish
  and cold cuts 300 g, nuts and seeds 60 g, oils and spreads 45 g...; pinned foods exempt);
* valid inequalities that only tighten the LP ("cover" rows): for each RDA, the energy band's low end and
  each meal's lowest energy share, sum over (f,m) of min(most f can bring in m, the need) x y[f,m] >= the need.

Objective (minimised):

* ``usual`` (default): sum over foods used of (1 - 0.9 x familiarity + 0.25 x days already used this
  week), i.e. 1 per food the person never eats, 0.1 per food eaten every day, plus 0.001 per kcal away
  from the energy estimate beyond +/- 7 %;
* ``fewest``: 1 per distinct food, plus 0.001 per kcal beyond +/- 7 % of the estimate;
* ``cost``: price per 100 g x grams / 100, plus 0.0001 per kcal beyond +/- 7 % of the estimate.

Within 7 % of the estimate energy costs nothing: plans are not bent to chase the last 100-150 kcal, and a
plan with the fewest (or most usual) foods is then proven optimal as soon as it is found (:mod:`.solve`).

With ``relax=True`` every constraint above except the variable bounds, one-meal-per-food and one-per-kind
gets a slack variable with a penalty (see :mod:`.explain`) so the model always has a solution.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_array

from norepi.errors import InputError
from norepi.foods.groups import FATS
from norepi.nutrition.targets import Target
from norepi.planning.candidates import NUTRIENT_KEYS, Candidate
from norepi.planning.meals import MEALS, MealRule, meals_for
from norepi.planning.portions import DAY_TOTALS

OBJECTIVES = ("usual", "fewest", "cost")
UL_KEYS = ("vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "iron_mg")
ENERGY_WEIGHT_PER_KCAL = {"usual": 1e-3, "fewest": 1e-3, "cost": 1e-4}
FAMILIARITY_DISCOUNT = 0.9
REPEAT_COST = 0.25  # per earlier day of the week a food was used (objective "usual")
# Penalties of the relaxation, per unit of slack (slack is a fraction of the target, or one food).
PENALTY_NUTRIENT = 1000.0   # per fraction of an RDA missed or a UL exceeded (10 per %)
PENALTY_ENERGY = 1000.0     # per fraction of the energy estimate outside the band
PENALTY_MEAL_SHARE = 100.0  # per fraction of the energy estimate outside a meal's share
PENALTY_STRUCTURE = 50.0    # per food missing from a meal's count or vegetable rule
PENALTY_PIN = 200.0         # per pinned food left out
COVER_ROWS = True
ENERGY_DEAD_ZONE = 0.07  # energy within +/- 7 % of the estimate costs nothing (see the objective)
MIP_REL_GAP = 1e-3  # HiGHS stops within 0.1 % of the optimum (about 0.01 on a ten-food day)


@dataclass(frozen=True)
class DayProblem:
    """One day to plan: candidates, targets (key units), energy band and goal (kcal), meal rules, objective,
    and the food ids ``blocked`` today (variety across days)."""

    foods: tuple[Candidate, ...]
    targets: Mapping[str, Target]
    energy_min_kcal: float
    energy_max_kcal: float
    energy_goal_kcal: float
    meals: tuple[MealRule, ...] = MEALS
    objective: str = "usual"
    blocked: frozenset[str] = frozenset()
    repeats: Mapping[str, int] = field(default_factory=dict)  # food id -> days already used this week


@dataclass(frozen=True)
class SoftRow:
    """A constraint the relaxation may bend: its name, the nutrient key or rule, the bound and its side."""

    name: str
    key: str
    side: str  # "min" or "max"
    bound: float
    scale: float
    column: int


@dataclass
class MilpArrays:
    """The model as arrays: minimise c.x, row_lo <= A x <= row_hi, lb <= x <= ub, integrality 1 = integer."""

    c: np.ndarray
    a: csr_array
    row_lo: np.ndarray
    row_hi: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    col_names: list[str]
    row_names: list[str]
    n_cols: dict[tuple[int, int], int]  # (food index, meal index) -> column of n
    y_cols: dict[tuple[int, int], int]
    soft: list[SoftRow] = field(default_factory=list)
    energy_cols: tuple[int, ...] = ()  # e_over, e_under: the objective's energy term
    cover_rows: tuple[int, ...] = ()  # the valid "cover" inequalities (tighten the LP, cut no plan)


class _Builder:
    def __init__(self, relax: bool) -> None:
        self.relax = relax
        self.c: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integer: list[int] = []
        self.names: list[str] = []
        self.rows: list[tuple[str, dict[int, float], float, float]] = []
        self.soft: list[SoftRow] = []

    def col(self, name: str, cost: float, lb: float, ub: float, integer: bool) -> int:
        self.c.append(cost)
        self.lb.append(lb)
        self.ub.append(ub)
        self.integer.append(1 if integer else 0)
        self.names.append(name)
        return len(self.c) - 1

    def row(self, name: str, terms: Mapping[int, float], lo: float = -math.inf, hi: float = math.inf,
            soft: tuple[str, float, float] | None = None) -> None:
        """Add lo <= terms <= hi; ``soft`` = (key, scale, penalty) adds slacks when relaxing."""
        terms = dict(terms)
        if self.relax and soft is not None:
            key, scale, penalty = soft
            if lo > -math.inf:
                s = self.col(f"slack_min[{name}]", penalty, 0.0, math.inf, False)
                terms[s] = terms.get(s, 0.0) + scale
                self.soft.append(SoftRow(name, key, "min", lo, scale, s))
            if hi < math.inf:
                s = self.col(f"slack_max[{name}]", penalty, 0.0, math.inf, False)
                terms[s] = terms.get(s, 0.0) - scale
                self.soft.append(SoftRow(name, key, "max", hi, scale, s))
        self.rows.append((name, terms, lo, hi))


def food_cost(food: Candidate, objective: str, repeats: int = 0) -> tuple[float, float]:
    """Objective coefficients of one food: (per use in a meal, per serving step); ``repeats`` = days the
    food was already used this week (``usual`` only: + 0.25 per day, for variety)."""
    if objective == "usual":
        if food.pinned:
            return 0.0, 0.0
        return 1.0 - FAMILIARITY_DISCOUNT * food.familiarity + REPEAT_COST * repeats, 0.0
    if objective == "fewest":
        return 1.0, 0.0
    if objective == "cost":
        price = food.price_per_100g if food.price_per_100g is not None else 0.0
        return 0.0, price * food.serving.grams / 100.0
    raise InputError(f"{objective!r} is not one of {', '.join(OBJECTIVES)}", field="objective")


def build_day(problem: DayProblem, relax: bool = False) -> MilpArrays:
    """The MILP of one day as arrays (see the module docstring)."""
    b = _Builder(relax)
    t = problem.targets
    goal = problem.energy_goal_kcal
    n_cols: dict[tuple[int, int], int] = {}
    y_cols: dict[tuple[int, int], int] = {}
    for fi, food in enumerate(problem.foods):
        if food.food_id in problem.blocked:
            continue
        per_use, per_step = food_cost(food, problem.objective, problem.repeats.get(food.food_id, 0))
        s = food.serving
        for mi in meals_for(food.meal_group, food.pinned, problem.meals, food.description):
            n = b.col(f"n[{food.food_id},{problem.meals[mi].name}]", per_step, 0.0, s.max_steps, True)
            y = b.col(f"y[{food.food_id},{problem.meals[mi].name}]", per_use, 0.0, 1.0, True)
            n_cols[fi, mi], y_cols[fi, mi] = n, y
            b.row(f"max_steps[{food.food_id},{mi}]", {n: 1.0, y: -float(s.max_steps)}, hi=0.0)
            b.row(f"min_steps[{food.food_id},{mi}]", {n: 1.0, y: -float(s.min_steps)}, lo=0.0)
    by_food: dict[int, list[int]] = defaultdict(list)
    for (fi, _mi), y in y_cols.items():
        by_food[fi].append(y)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for fi, ys in by_food.items():
        by_kind[problem.foods[fi].kind].append(fi)
        if len(ys) > 1:
            b.row(f"one_meal[{problem.foods[fi].food_id}]", {y: 1.0 for y in ys}, hi=1.0)
    for kind, fis in by_kind.items():
        if len(fis) > 1:
            b.row(f"one_per_kind[{kind}]", {y: 1.0 for fi in fis for y in by_food[fi]}, hi=1.0)

    def amount(key: str, meal: int | None = None) -> dict[int, float]:
        terms: dict[int, float] = {}
        for (fi, mi), n in n_cols.items():
            if meal is not None and mi != meal:
                continue
            food = problem.foods[fi]
            per_g = (food.folic_acid_ug_per_100g if key == "folic_acid_ug" else food.per_100g.get(key, 0.0)) / 100
            if per_g:
                terms[n] = per_g * food.serving.grams
        return terms

    def cover(name: str, terms: Mapping[int, float], need: float) -> None:
        """A valid inequality that tightens the LP (strict model only): the foods used must be able to bring
        ``need`` together, each counted at most ``need`` (its n column's coefficient x its step bound)."""
        if relax or need <= 0:
            return
        ys: dict[int, float] = {}
        for (fi, mi), n in n_cols.items():
            value = terms.get(n, 0.0) * problem.foods[fi].serving.max_steps
            if value > 0:
                ys[y_cols[fi, mi]] = min(value, need)
        b.row(name, ys, lo=need)

    for key in NUTRIENT_KEYS:
        rda = t[key].rda
        if rda > 0:
            b.row(f"{key} >= RDA", amount(key), lo=rda, soft=(key, rda, PENALTY_NUTRIENT))
            if COVER_ROWS:
                cover(f"cover {key}", amount(key), rda)
    for key in UL_KEYS:
        ul = t[key].ul
        if ul is not None:
            b.row(f"{key} <= UL", amount(key), hi=ul, soft=(key, ul, PENALTY_NUTRIENT))
    folate_ul = t["folate_dfe_ug"].ul
    if folate_ul is not None:
        b.row("folic acid <= folate UL", amount("folic_acid_ug"), hi=folate_ul,
              soft=("folate_dfe_ug", folate_ul, PENALTY_NUTRIENT))
    energy = amount("energy_kcal")
    weight = ENERGY_WEIGHT_PER_KCAL[problem.objective]
    over = b.col("e_over", weight, 0.0, math.inf, False)
    under = b.col("e_under", weight, 0.0, math.inf, False)
    # the distance from the estimate counts only outside a dead zone of +/- ENERGY_DEAD_ZONE
    b.row("energy above the estimate", {**energy, over: -1.0}, hi=goal * (1 + ENERGY_DEAD_ZONE))
    b.row("energy below the estimate", {**energy, under: 1.0}, lo=goal * (1 - ENERGY_DEAD_ZONE))
    b.row("energy in band", energy, lo=problem.energy_min_kcal, hi=problem.energy_max_kcal,
          soft=("energy_kcal", goal, PENALTY_ENERGY))
    if COVER_ROWS:
        cover("cover energy", energy, problem.energy_min_kcal)
    for what, classes, most in DAY_TOTALS:
        grams = {n: problem.foods[fi].serving.grams for (fi, _mi), n in n_cols.items()
                 if problem.foods[fi].limit.name in classes and not problem.foods[fi].pinned}
        if grams and sum(g * problem.foods[fi].serving.max_steps for (fi, _mi), n in n_cols.items()
                         if (g := grams.get(n))) > most:
            b.row(f"{what} <= {most:g} g a day", grams, hi=most)
    for mi, meal in enumerate(problem.meals):
        meal_energy = amount("energy_kcal", mi)
        low = {c: v - meal.energy_share_min * energy.get(c, 0.0) for c, v in meal_energy.items()}
        high = {c: v - meal.energy_share_max * energy.get(c, 0.0) for c, v in meal_energy.items()}
        for c, v in energy.items():
            low.setdefault(c, -meal.energy_share_min * v)
            high.setdefault(c, -meal.energy_share_max * v)
        b.row(f"{meal.name} energy >= {meal.energy_share_min:.0%} of the day", low, lo=0.0,
              soft=(f"{meal.name}_share", goal, PENALTY_MEAL_SHARE))
        b.row(f"{meal.name} energy <= {meal.energy_share_max:.0%} of the day", high, hi=0.0,
              soft=(f"{meal.name}_share", goal, PENALTY_MEAL_SHARE))
        if COVER_ROWS:
            cover(f"cover {meal.name} energy", meal_energy, meal.energy_share_min * problem.energy_min_kcal)
        in_meal = {y: 1.0 for (_fi, m2), y in y_cols.items() if m2 == mi}
        by_dish: dict[str, list[int]] = defaultdict(list)
        for (fi, m2), y in y_cols.items():
            if m2 == mi:
                for dish in problem.foods[fi].dishes:
                    by_dish[dish].append(y)
        for name, ys in by_dish.items():
            if len(ys) > 1:  # not two breads, two meats, two bean dishes or a soup and a chili in one meal
                b.row(f"{meal.name} has one {name}", {y: 1.0 for y in ys}, hi=1.0)
        b.row(f"{meal.name} has at most {meal.max_foods} foods", in_meal, hi=meal.max_foods)
        if meal.min_foods:  # fats (oil, butter, dressing) come on top: a meal is three foods besides them
            counted = {y: 1.0 for (fi, m2), y in y_cols.items() if m2 == mi and problem.foods[fi].meal_group != FATS}
            b.row(f"{meal.name} has at least {meal.min_foods} foods besides fats", counted, lo=meal.min_foods,
                  soft=(f"{meal.name}_foods", 1.0, PENALTY_STRUCTURE))
        for what, groups in meal.needs:
            fits = {y: 1.0 for (fi, m2), y in y_cols.items() if m2 == mi and problem.foods[fi].meal_group in groups}
            b.row(f"{meal.name} has {what}", fits, lo=1.0, soft=(f"{meal.name}: {what}", 1.0, PENALTY_STRUCTURE))
    for fi, food in enumerate(problem.foods):
        if food.pinned and food.food_id not in problem.blocked:
            b.row(f"pinned {food.description}", {y: 1.0 for y in by_food.get(fi, [])}, lo=1.0,
                  soft=(f"pin:{food.food_id}", 1.0, PENALTY_PIN))

    rows_i: list[int] = []
    cols_i: list[int] = []
    vals: list[float] = []
    for r, (_name, terms, _lo, _hi) in enumerate(b.rows):
        for c, v in terms.items():
            if v:
                rows_i.append(r)
                cols_i.append(c)
                vals.append(v)
    a = csr_array((vals, (rows_i, cols_i)), shape=(len(b.rows), len(b.c)))
    return MilpArrays(np.array(b.c), a, np.array([r[2] for r in b.rows]), np.array([r[3] for r in b.rows]),
                      np.array(b.lb), np.array(b.ub), np.array(b.integer), b.names, [r[0] for r in b.rows],
                      n_cols, y_cols, b.soft, (over, under),
                      tuple(r for r, row in enumerate(b.rows) if row[0].startswith("cover ")))


def nutrient_total(foods: Sequence[Candidate], steps: Mapping[tuple[int, int], int], key: str) -> float:
    """Total of ``key`` (key units) in a solution, counting known values only."""
    return sum(foods[fi].per_100g.get(key, 0.0) * foods[fi].serving.grams * n / 100.0
               for (fi, _mi), n in steps.items())
