"""An independently written PuLP (CBC) model of the planner's one-day problem, from the same inputs.

Written from the problem statement in norepi.planning.model's docstring, not from its arrays; used by the
cross-check test and by bench/bench_planning.py.
"""

from __future__ import annotations

import time
import warnings

import pulp

from norepi.planning.model import DayProblem

REQUIRED = ("protein_g", "phe_tyr_mg", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "folate_dfe_ug",
            "magnesium_mg", "iron_mg")
CAPPED = ("vitamin_c_mg", "copper_mg", "vitamin_b6_mg", "iron_mg")
KCAL_WEIGHT = {"usual": 1e-3, "fewest": 1e-3, "cost": 1e-4}


def solve_with_cbc(problem: DayProblem, gap: float = 1e-3, time_limit_s: float = 120.0
                   ) -> tuple[float | None, dict[tuple[str, str], float], float]:
    """(objective or None if infeasible, grams by (NDB, meal), seconds) from CBC."""
    prob = pulp.LpProblem("day", pulp.LpMinimize)
    n: dict[tuple[int, int], pulp.LpVariable] = {}
    y: dict[tuple[int, int], pulp.LpVariable] = {}
    for i, f in enumerate(problem.foods):
        if f.ndb_no in problem.blocked:
            continue
        meals = [k for k, m in enumerate(problem.meals) if f.meal_group in m.groups]
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
    prob += energy - problem.energy_goal_kcal == over - under
    for k, meal in enumerate(problem.meals):
        prob += total("energy_kcal", k) >= meal.energy_share_min * energy
        prob += total("energy_kcal", k) <= meal.energy_share_max * energy
        in_meal = [y[i, kk] for (i, kk) in y if kk == k]
        prob += pulp.lpSum(in_meal) <= meal.max_foods
        if meal.min_foods:
            prob += pulp.lpSum(in_meal) >= meal.min_foods
        for _what, groups in meal.needs:
            prob += pulp.lpSum(y[i, kk] for (i, kk) in y if kk == k and problem.foods[i].meal_group in groups) >= 1
    for i, f in enumerate(problem.foods):
        if f.pinned and f.ndb_no not in problem.blocked:
            prob += pulp.lpSum(y[i, k] for (j, k) in y if j == i) >= 1
    use_cost = {}
    for i, f in enumerate(problem.foods):
        if problem.objective == "usual":
            use_cost[i] = 0.0 if f.pinned else 1.0 - 0.9 * f.familiarity + 0.25 * problem.repeats.get(f.ndb_no, 0)
        elif problem.objective == "fewest":
            use_cost[i] = 1.0
        else:
            use_cost[i] = 0.0
    step_cost = {i: ((f.price_per_100g or 0.0) * f.serving.grams / 100.0 if problem.objective == "cost" else 0.0)
                 for i, f in enumerate(problem.foods)}
    prob += (pulp.lpSum(use_cost[i] * y[i, k] + step_cost[i] * n[i, k] for (i, k) in n)
             + KCAL_WEIGHT[problem.objective] * (over + under))
    with warnings.catch_warnings():  # PuLP 3.3 deprecates the bundled-CBC class; it is still the bundled CBC
        warnings.simplefilter("ignore", DeprecationWarning)
        solver = pulp.PULP_CBC_CMD(msg=False, gapRel=gap, timeLimit=time_limit_s)
    start = time.perf_counter()
    prob.solve(solver)
    seconds = time.perf_counter() - start
    if pulp.LpStatus[prob.status] != "Optimal":
        return None, {}, seconds
    out = {(problem.foods[i].ndb_no, problem.meals[k].name): (v.value() or 0.0) * problem.foods[i].serving.grams
           for (i, k), v in n.items() if (v.value() or 0.0) > 0.5}
    return float(pulp.value(prob.objective)), out, seconds
