"""The one-day meal-planning MILP, built as arrays and solved with HiGHS (``highspy``, see ``solve_arrays``).

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
  one meal a day; at most one food of each kind; at most one food of each portion class per meal (not two
  breads or two meats in one meal); pinned foods appear;
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
plan with the fewest (or most usual) foods is then proven optimal as soon as it is found (``solve_arrays``).

With ``relax=True`` every constraint above except the variable bounds, one-meal-per-food and one-per-kind
gets a slack variable with a penalty (see :mod:`.explain`) so the model always has a solution.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np
from highspy import _core
from scipy.sparse import csr_array

from norepi.errors import InputError
from norepi.nutrition.targets import Target
from norepi.planning.candidates import NUTRIENT_KEYS, Candidate
from norepi.planning.meals import FATS, MEALS, MealRule, meals_for
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
TIME_LIMIT_S = 20.0
QUICK_S = 0.5  # per day of a multi-day plan: take the best plan found in this time (see ``solve_day``)
COVER_ROWS = True
LEXICOGRAPHIC = True  # solve_day: costs first, then the energy term (see ``solve_arrays``)
ONE_SHOT_S = 0.6  # ... after this long on the full objective without proof
RESTRICTED_S = 0.15  # the LP-guided restricted MIPs (``solve_restricted``): usually 10-90 ms
DIVERSIFY_COST = 1.0  # added to the cost of the first LP's food-meal pairs in the second LP (solve_restricted)
ENERGY_DEAD_ZONE = 0.07  # energy within +/- 7 % of the estimate costs nothing (see the objective)
MIP_REL_GAP = 1e-3  # within 0.1 % of the optimum (about 0.01 on a ten-food day)
# The relaxation (no plan meets every target) stops within 0.5 %: its penalties are 10 per % of a target
# missed and 50 per food a meal rule lacks, so on a recorded vegan day without soy (objective 110.9: two
# meal rules and 0.2 kcal of energy bent) 0.5 % is 0.55, a twentieth of one % of a target; proving the last
# 0.4 % there took 8 s of 9.
RELAX_GAP = 5e-3
# One thread (a 2-core machine; HiGHS's MIP search is serial anyway), presolve on, no restarts after the root
# (restarts cost more than they save on these small models: bench/bench_planning.py).
# The root reduced-cost heuristic costs ~0.1 s a day here and never changed an optimum on the recorded
# problems (28 days, 4 profiles): off, the median day solve drops from ~225 ms to ~135 ms.
HIGHS_OPTIONS: dict[str, Any] = {"mip_rel_gap": MIP_REL_GAP, "threads": 1, "presolve": "on", "random_seed": 0,
                                 "mip_allow_restart": False, "mip_heuristic_run_root_reduced_cost": False}


@dataclass(frozen=True)
class DayProblem:
    """One day to plan: candidates, targets (key units), energy band and goal (kcal), meal rules, objective,
    and the NDB numbers ``blocked`` today (variety across days)."""

    foods: tuple[Candidate, ...]
    targets: Mapping[str, Target]
    energy_min_kcal: float
    energy_max_kcal: float
    energy_goal_kcal: float
    meals: tuple[MealRule, ...] = MEALS
    objective: str = "usual"
    blocked: frozenset[str] = frozenset()
    repeats: Mapping[str, int] = field(default_factory=dict)  # NDB -> days already used this week


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


@dataclass(frozen=True)
class DaySolution:
    """Steps per (food index, meal index), the objective value, the bent constraints (with relaxation),
    the solve time (s), the status and the proven lower bound of the objective."""

    steps: Mapping[tuple[int, int], int]
    objective: float
    relaxed: tuple[tuple[SoftRow, float], ...]
    seconds: float
    status: str
    bound: float = -math.inf

    @property
    def gap_pct(self) -> float | None:
        """How far the objective may lie above the best possible, % of the objective (None: no bound)."""
        if not math.isfinite(self.bound):
            return None
        return max(0.0, 100.0 * (self.objective - self.bound) / max(abs(self.objective), 1e-9))


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
        if food.ndb_no in problem.blocked:
            continue
        per_use, per_step = food_cost(food, problem.objective, problem.repeats.get(food.ndb_no, 0))
        s = food.serving
        for mi in meals_for(food.meal_group, food.pinned, problem.meals, food.description):
            n = b.col(f"n[{food.ndb_no},{problem.meals[mi].name}]", per_step, 0.0, s.max_steps, True)
            y = b.col(f"y[{food.ndb_no},{problem.meals[mi].name}]", per_use, 0.0, 1.0, True)
            n_cols[fi, mi], y_cols[fi, mi] = n, y
            b.row(f"max_steps[{food.ndb_no},{mi}]", {n: 1.0, y: -float(s.max_steps)}, hi=0.0)
            b.row(f"min_steps[{food.ndb_no},{mi}]", {n: 1.0, y: -float(s.min_steps)}, lo=0.0)
    by_food: dict[int, list[int]] = defaultdict(list)
    for (fi, _mi), y in y_cols.items():
        by_food[fi].append(y)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for fi, ys in by_food.items():
        by_kind[problem.foods[fi].kind].append(fi)
        if len(ys) > 1:
            b.row(f"one_meal[{problem.foods[fi].ndb_no}]", {y: 1.0 for y in ys}, hi=1.0)
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
                by_dish[problem.foods[fi].dish].append(y)
        for name, ys in by_dish.items():
            if len(ys) > 1:  # not two breads, two meats, two cereals or two bean dishes in one meal
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
        if food.pinned and food.ndb_no not in problem.blocked:
            b.row(f"pinned {food.description}", {y: 1.0 for y in by_food.get(fi, [])}, lo=1.0,
                  soft=(f"pin:{food.ndb_no}", 1.0, PENALTY_PIN))

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


def solve_arrays_scipy(m: MilpArrays, time_limit_s: float = TIME_LIMIT_S):  # type: ignore[no-untyped-def]
    """The same model through ``scipy.optimize.milp`` (the planner's first solver; kept for the benchmark;
    imported here: scipy.optimize takes ~0.45 s to import, which every `norepi plan` would pay)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    return milp(m.c, integrality=m.integrality, bounds=Bounds(m.lb, m.ub),
                constraints=LinearConstraint(m.a, m.row_lo, m.row_hi),
                options={"time_limit": time_limit_s, "mip_rel_gap": MIP_REL_GAP})


@dataclass(frozen=True)
class SolveResult:
    """What HiGHS returned: the column values (None: no solution), the objective, the proven lower bound,
    whether the gap closed, and whether the model was proven infeasible."""

    x: np.ndarray | None
    objective: float
    bound: float
    optimal: bool
    infeasible: bool


def _new_highs(m: MilpArrays, covers: bool = True) -> Any:
    """A silent HiGHS instance holding the model (``highspy._core._Highs``: the wrapper class prints a
    banner on stdout, which would spoil ``--json`` output); without ``covers`` the cover rows are free."""
    h = _core._Highs()
    h.setOptionValue("output_flag", False)
    a = m.a.tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = len(m.c)
    lp.num_row_ = len(m.row_lo)
    lp.col_cost_ = m.c
    lp.col_lower_ = m.lb
    lp.col_upper_ = m.ub
    row_lo = m.row_lo
    if not covers and m.cover_rows:
        row_lo = m.row_lo.copy()
        row_lo[list(m.cover_rows)] = -math.inf
    lp.row_lower_ = row_lo
    lp.row_upper_ = m.row_hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = len(m.c)
    lp.a_matrix_.num_row_ = len(m.row_lo)
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
    lp.integrality_ = [integer if i else continuous for i in m.integrality]
    h.passModel(lp)
    for name, value in HIGHS_OPTIONS.items():
        h.setOptionValue(name, value)
    return h


def _run(h: Any, time_limit_s: float, start: np.ndarray | None = None) -> SolveResult:
    """Run HiGHS for at most ``time_limit_s`` (from the full MIP start ``start``, if given)."""
    h.setOptionValue("time_limit", max(0.01, time_limit_s))
    if start is not None:
        h.setSolution(len(start), np.arange(len(start), dtype=np.int32), np.asarray(start, dtype=np.float64))
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    ok = info.primal_solution_status == 2  # kSolutionStatusFeasible
    x = np.array(h.getSolution().col_value) if ok else None
    infeasible = status == highspy.HighsModelStatus.kInfeasible
    return SolveResult(x, info.objective_function_value if ok else math.inf, info.mip_dual_bound,
                       status == highspy.HighsModelStatus.kOptimal, infeasible)


def _lp_relaxation(h: Any) -> tuple[np.ndarray, float] | bool:
    """Solve the LP relaxation of the model in ``h``: (column values, objective); False when the LP is
    infeasible (so the MIP is too); True when HiGHS ended otherwise (e.g. out of time)."""
    h.setOptionValue("solve_relaxation", True)
    try:
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return False
        if status != highspy.HighsModelStatus.kOptimal:
            return True
        return np.array(h.getSolution().col_value), float(h.getInfo().objective_function_value)
    finally:
        h.setOptionValue("solve_relaxation", False)


def _within_gap(objective: float, bound: float) -> bool:
    return objective - bound <= MIP_REL_GAP * max(abs(objective), 1e-9)


def solve_restricted(m: MilpArrays, time_limit_s: float = RESTRICTED_S) -> tuple[SolveResult, float] | None:
    """The LP-guided first step of :func:`solve_arrays`: solve the LP relaxation (with the cover rows), then
    the MIP restricted to the food-meal pairs the LP uses (every other ``y`` fixed at 0: a few dozen columns,
    a RENS-like neighbourhood). If that plan is not within the gap of the LP bound: a second LP, in which each
    pair the first one used costs :data:`DIVERSIFY_COST` more, finds other pairs, and the MIP restricted to
    both sets runs from the first plan.

    Returns (the best restricted result, the LP bound); (an infeasible result, inf) when the LP is
    infeasible; None when the LP ended otherwise. A restricted plan within the gap of the LP bound is optimal
    for the whole model: the LP relaxation bounds every plan from below."""
    t0 = time.perf_counter()
    h = _new_highs(m)
    relaxation = _lp_relaxation(h)
    if relaxation is False:
        return SolveResult(None, math.inf, math.inf, False, True), math.inf
    if relaxation is True:
        return None
    lp, bound = relaxation
    ys = np.array(sorted(m.y_cols.values()), dtype=np.int32)
    keep = lp[ys] > 1e-6
    best = SolveResult(None, math.inf, bound, False, False)
    for attempt in range(2):
        if attempt:  # the second LP: the first one's pairs made dearer
            used = ys[keep]
            h.changeColsBounds(len(ys), ys, m.lb[ys], m.ub[ys])
            h.changeColsCost(len(used), used, m.c[used] + DIVERSIFY_COST)
            other = _lp_relaxation(h)
            h.changeColsCost(len(used), used, m.c[used])
            if not isinstance(other, tuple):
                break
            wider = keep | (other[0][ys] > 1e-6)
            if (wider == keep).all():
                break
            keep = wider
        h.changeColsBounds(len(ys), ys, np.zeros(len(ys)), np.where(keep, m.ub[ys], 0.0))
        result = _run(h, time_limit_s - (time.perf_counter() - t0), best.x)
        if result.x is not None and result.objective < best.objective:
            best = SolveResult(result.x, result.objective, bound, _within_gap(result.objective, bound), False)
        if best.optimal or time.perf_counter() - t0 >= time_limit_s:
            break
    return best, bound


def solve_arrays(m: MilpArrays, time_limit_s: float = TIME_LIMIT_S, lexicographic: bool = True,
                 gap: float = MIP_REL_GAP, restricted_first: bool = True) -> SolveResult:
    """Solve with HiGHS (highspy, one thread, relative gap :data:`MIP_REL_GAP`), in up to four steps that
    stop as soon as a plan is proven within the gap:

    1. (:func:`solve_restricted`) the LP relaxation, then the MIP over the food-meal pairs the LP uses; most
       days end here in 10-90 ms, because with at least three foods a meal the LP bound is usually reached
       by an integer plan;
    2. the full objective, without the cover rows (whose LP work does not pay off once a plan is near), for
       up to :data:`ONE_SHOT_S`;
    3. with ``lexicographic``: the objective is (per-use and per-step costs) + (energy term). HiGHS proves
       the first part's bound quickly when it is a count of foods (its objective is then integral), but not
       once the continuous energy term is added; so it minimises the costs alone. If that plan's energy term
       already lies within the gap, it is the answer (no plan can cost less than the proven bound, and the
       energy term is never negative). Otherwise the same foods and meals are kept and only their steps
       re-chosen for the full objective (polish, a MIP of a few columns);
    4. the full objective from the best plan so far (MIP start) with two valid rows added: costs >= the
       bound of step 3, and costs <= the best plan's full objective.

    All steps together keep within ``time_limit_s``; the best plan found is returned (``optimal`` False when
    the time ran out first). Without ``lexicographic`` (prices per gram: the phases do not pay off) step 2
    runs for all the time left, from the restricted plan; without ``restricted_first`` (the relaxation) HiGHS
    alone solves the model to the relative ``gap``."""
    t0 = time.perf_counter()

    def left() -> float:
        return time_limit_s - (time.perf_counter() - t0)

    energy = [c for c in m.energy_cols if m.c[c]]
    if not restricted_first:  # HiGHS alone, to ``gap``
        h = _new_highs(m)
        h.setOptionValue("mip_rel_gap", gap)
        return _run(h, time_limit_s)
    restricted = solve_restricted(m, min(RESTRICTED_S, time_limit_s))
    if restricted is None:  # the LP ended without an optimum (out of time): the MIP alone
        return _run(_new_highs(m), time_limit_s)
    guess, lp_bound = restricted
    if guess.optimal or guess.infeasible:
        return guess
    phases = lexicographic and bool(energy)
    if not phases:  # HiGHS on the whole model for the time left, from the restricted plan
        direct = _run(_new_highs(m, covers=False), max(left(), 0.0), guess.x)
        return _better(guess, direct, lp_bound)
    direct = _run(_new_highs(m, covers=False), min(ONE_SHOT_S, max(left(), 0.0)))
    best = _better(guess, direct, lp_bound)
    if best.optimal or direct.infeasible or left() <= 0 or best.x is None:
        return best
    h = _new_highs(m)
    idx = np.array(energy, dtype=np.int32)
    h.changeColsCost(len(idx), idx, np.zeros(len(idx)))
    first = _run(h, left(), best.x)
    if first.x is None or not first.optimal:  # out of time: the best plan found
        return _better(best, SolveResult(first.x, float(m.c @ first.x) if first.x is not None else math.inf,
                                         first.bound, False, False), lp_bound)
    full = float(m.c @ first.x)
    if _within_gap(full, first.bound):
        return SolveResult(first.x, full, first.bound, True, False)
    h.changeColsCost(len(idx), idx, m.c[idx])
    x_best = first.x
    # polish: the same foods in the same meals, steps re-chosen for the full objective (a tiny MIP)
    ys = np.array(sorted(m.y_cols.values()), dtype=np.int32)
    if len(ys):
        chosen = np.round(first.x[ys])
        h.changeColsBounds(len(ys), ys, chosen, chosen)
        polished = _run(h, left(), first.x)
        h.changeColsBounds(len(ys), ys, m.lb[ys], m.ub[ys])
        if polished.x is not None and float(m.c @ polished.x) < full:
            x_best, full = polished.x, float(m.c @ polished.x)
        if _within_gap(full, first.bound):
            return SolveResult(x_best, full, first.bound, True, False)
    cost_cols = np.array([c for c in range(len(m.c)) if m.c[c] and c not in energy], dtype=np.int32)
    bound = first.bound
    if len(cost_cols):
        h.addRow(bound - 1e-9 * max(1.0, abs(bound)), full + 1e-9, len(cost_cols), cost_cols, m.c[cost_cols])
    second = _run(h, left(), x_best)
    if second.x is None or float(m.c @ second.x) > full:
        return SolveResult(x_best, full, max(bound, second.bound), False, False)
    return SolveResult(second.x, float(m.c @ second.x), max(bound, second.bound), second.optimal, False)


def _better(a: SolveResult, b: SolveResult, lp_bound: float) -> SolveResult:
    """The better of two results of the same model (a proven optimum first, then the lower objective), its
    bound the best of both and the LP bound; optimal when within the gap of that bound."""
    if b.optimal or b.infeasible:
        return b
    best = b if (b.x is not None and (a.x is None or b.objective < a.objective)) else a
    bound = max(a.bound, b.bound, lp_bound)
    optimal = best.x is not None and _within_gap(best.objective, bound)
    return SolveResult(best.x, best.objective, bound, optimal, False)


def solve_day(problem: DayProblem, relax: bool = False, time_limit_s: float = TIME_LIMIT_S,
              quick_s: float | None = None) -> DaySolution | None:
    """Solve one day; None when the strict model has no solution (use ``relax=True`` to explain why).

    With ``quick_s``, the best plan found within ``quick_s`` seconds is taken (status "time limit") and the
    full ``time_limit_s`` is used only when none was found by then."""
    begin = time.perf_counter()
    m = build_day(problem, relax)
    # the phases pay off when the costs are per food used (usual, fewest); with prices per gram (cost) the LP
    # bound lies ~10 % below the optimum and HiGHS proves a day fastest on its own (~0.7 s), from the
    # restricted plan (a plan within ~1 % of the best in 0.15 s, which a week's short time limits need)
    lexicographic = LEXICOGRAPHIC and not relax and problem.objective != "cost"
    gap = RELAX_GAP if relax else MIP_REL_GAP
    limit = quick_s if quick_s is not None else time_limit_s
    result = solve_arrays(m, limit, lexicographic, gap, restricted_first=not relax)
    if result.x is None and not result.infeasible and quick_s is not None:
        result = solve_arrays(m, time_limit_s, lexicographic, gap, restricted_first=not relax)
    seconds = time.perf_counter() - begin
    if result.x is None:
        return None
    x = result.x
    steps = {key: int(round(x[c])) for key, c in m.n_cols.items() if round(x[c]) > 0}
    relaxed = tuple((s, float(x[s.column])) for s in m.soft if x[s.column] > 1e-6)
    status = "optimal" if result.optimal else "time limit"
    return DaySolution(steps, float(result.objective), relaxed, seconds, status, float(result.bound))


def nutrient_total(foods: Sequence[Candidate], steps: Mapping[tuple[int, int], int], key: str) -> float:
    """Total of ``key`` (key units) in a solution, counting known values only."""
    return sum(foods[fi].per_100g.get(key, 0.0) * foods[fi].serving.grams * n / 100.0
               for (fi, _mi), n in steps.items())
