"""An independently written PuLP (CBC) model of the planner's one-day problem, from the same inputs.

Written from the problem statement in norepi.planning.model's docstring, not from its arrays; used by the
cross-check test and by bench/bench_planning.py. Meals in time order, as the planner lists them.
"""

from __future__ import annotations

import re
import time
import warnings

import pulp

from norepi.planning.model import ENERGY_DEAD_ZONE, DayProblem
from norepi.planning.portions import DAY_TOTALS

REQUIRED = ("protein_g", "phe_tyr_mg", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug",
            "magnesium_mg", "iron_mg")
CAPPED = ("vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "iron_mg")
STAGE_2_S = 10.0  # CBC may take minutes to prove the energy term's bound; its best plan by then is kept
KCAL_WEIGHT = {"usual": 1e-3, "fewest": 1e-3, "cost": 1e-4}


def solve_with_cbc(problem: DayProblem, gap: float = 1e-3, time_limit_s: float = 120.0
                   ) -> tuple[float | None, dict[tuple[str, str], float], float]:
    """(objective or None if infeasible, grams by (food id, meal), seconds, proven optimal) from CBC, in two stages
    (below)."""
    prob = pulp.LpProblem("day", pulp.LpMinimize)
    n: dict[tuple[int, int], pulp.LpVariable] = {}
    y: dict[tuple[int, int], pulp.LpVariable] = {}
    for i, f in enumerate(problem.foods):
        if f.food_id in problem.blocked:
            continue
        words = set(re.findall(r"[a-z]+", f.description.lower()))
        meals = [k for k, m in enumerate(problem.meals) if f.meal_group in m.groups and not words & set(m.not_words)]
        if not meals and f.pinned:
            meals = list(range(len(problem.meals)))
        for k in meals:
            n[i, k] = prob.add_variable(f"n_{i}_{k}", 0, f.serving.max_steps, cat="Integer")
            y[i, k] = prob.add_variable(f"y_{i}_{k}", cat="Binary")
            prob += n[i, k] <= f.serving.max_steps * y[i, k]
            prob += n[i, k] >= f.serving.min_steps * y[i, k]

    def grams(i: int, k: int) -> pulp.LpAffineExpression:
        return problem.foods[i].serving.grams * n[i, k]

    def total(key: str, meal: int | None = None) -> pulp.LpAffineExpression:
        return pulp.lpSum(problem.foods[i].per_100g.get(key, 0.0) / 100.0 * grams(i, k)
                          for (i, k) in n if meal is None or k == meal)

    for i in {i for i, _ in y}:
        ys = [y[i, k] for (j, k) in y if j == i]
        prob += pulp.lpSum(ys) <= 1
    kinds: dict[str, set[int]] = {}
    for i, _ in y:
        kinds.setdefault(problem.foods[i].kind, set()).add(i)
    for members in kinds.values():
        if len(members) > 1:
            prob += pulp.lpSum(y[i, k] for (i, k) in y if i in members) <= 1
    t = problem.targets
    for key in REQUIRED:
        prob += total(key) >= t[key].rda
    for key in CAPPED:
        prob += total(key) <= t[key].ul
    prob += pulp.lpSum(problem.foods[i].folic_acid_ug_per_100g / 100.0 * grams(i, k) for (i, k) in n) \
        <= t["folate_dfe_ug"].ul
    energy = total("energy_kcal")
    prob += energy >= problem.energy_min_kcal
    prob += energy <= problem.energy_max_kcal
    over = prob.add_variable("over", 0)
    under = prob.add_variable("under", 0)
    # only the distance beyond +/- ENERGY_DEAD_ZONE of the estimate counts
    prob += energy - over <= problem.energy_goal_kcal * (1 + ENERGY_DEAD_ZONE)
    prob += energy + under >= problem.energy_goal_kcal * (1 - ENERGY_DEAD_ZONE)
    # most grams a day of some classes of foods together (pinned foods exempt)
    for _what, classes, most in DAY_TOTALS:
        prob += pulp.lpSum(grams(i, k) for (i, k) in n
                           if problem.foods[i].limit.name in classes and not problem.foods[i].pinned) <= most
    for k, meal in enumerate(problem.meals):
        prob += total("energy_kcal", k) >= meal.energy_share_min * energy
        prob += total("energy_kcal", k) <= meal.energy_share_max * energy
        in_meal = [y[i, kk] for (i, kk) in y if kk == k]
        # one food of each dish (a food may fill two: chili with beans is beans and a soup or stew)
        for dish in {d for (i, kk) in y if kk == k for d in problem.foods[i].dishes}:
            prob += pulp.lpSum(y[i, kk] for (i, kk) in y if kk == k and dish in problem.foods[i].dishes) <= 1
        prob += pulp.lpSum(in_meal) <= meal.max_foods
        if meal.min_foods:  # foods besides fats (meal group 0400)
            prob += pulp.lpSum(y[i, kk] for (i, kk) in y if kk == k and problem.foods[i].meal_group != "0400") \
                >= meal.min_foods
        for _what, groups in meal.needs:
            prob += pulp.lpSum(y[i, kk] for (i, kk) in y if kk == k and problem.foods[i].meal_group in groups) >= 1
    for i, f in enumerate(problem.foods):
        if f.pinned and f.food_id not in problem.blocked:
            prob += pulp.lpSum(y[i, k] for (j, k) in y if j == i) >= 1
    use_cost = {}
    for i, f in enumerate(problem.foods):
        if problem.objective == "usual":
            use_cost[i] = 0.0 if f.pinned else 1.0 - 0.9 * f.familiarity + 0.25 * problem.repeats.get(f.food_id, 0)
        elif problem.objective == "fewest":
            use_cost[i] = 1.0
        else:
            use_cost[i] = 0.0
    step_cost = {i: ((f.price_per_100g or 0.0) * f.serving.grams / 100.0 if problem.objective == "cost" else 0.0)
                 for i, f in enumerate(problem.foods)}
    costs = pulp.lpSum(use_cost[i] * y[i, k] + step_cost[i] * n[i, k] for (i, k) in n)
    kcal_term = KCAL_WEIGHT[problem.objective] * (over + under)
    with warnings.catch_warnings():  # PuLP 3.3 deprecates the bundled-CBC class; it is still the bundled CBC
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, gapRel=gap, timeLimit=time_limit_s)
    started = time.perf_counter()
    # Stage 1: the costs alone. CBC proves a minimum count of foods quickly (that objective is integral) but
    # not once the continuous energy term is added. Stage 2: the full objective from the stage-1 plan, with the
    # valid rows costs >= stage-1 optimum x (1 - gap) and costs <= the stage-1 plan's full objective, for at
    # most STAGE_2_S seconds (then CBC's best plan, an upper bound of the optimum, is returned).
    prob.setObjective(costs)
    prob.solve(solver)
    if pulp.LpStatus[prob.status] != "Optimal":
        return None, {}, time.perf_counter() - started, False
    cost_1 = float(pulp.value(costs))
    full_1 = cost_1 + float(pulp.value(kcal_term))
    prob += costs >= cost_1 * (1 - gap) - 1e-9
    prob += costs <= full_1 + 1e-9
    prob.setObjective(costs + kcal_term)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, gapRel=gap, timeLimit=min(time_limit_s, STAGE_2_S), warmStart=True)
    prob.solve(solver)
    seconds = time.perf_counter() - started
    if pulp.LpStatus[prob.status] != "Optimal":
        return None, {}, seconds, False
    # CBC reports "Optimal" also when its time limit stopped it with a plan; sol_status says which
    proven = prob.sol_status == pulp.LpSolutionOptimal
    out = {(problem.foods[i].food_id, problem.meals[k].name): (v.value() or 0.0) * problem.foods[i].serving.grams
           for (i, k), v in n.items() if (v.value() or 0.0) > 0.5}
    return float(pulp.value(prob.objective)), out, seconds, proven
