"""Meal-planner speed over the full SR28 food list (not a timed test): HiGHS beside PuLP/CBC, same run.

The food list is read from the SR28 folder with norepi's SR ASCII reader (tests/planning/sr28.py) and prepared
once (``FoodPool``), as a process keeps it. Prints, for a few profiles: candidate selection (cold = on a fresh
pool, which works out the person-independent rules on first use; warm = on the kept pool), the one-day MILP size,
its solve by the planner (``solve_day``: HiGHS through planning/highs.py), the same arrays solved in one shot by
``scipy.optimize.milp`` (the planner's first solver), the same problem solved by an independently written PuLP
model with CBC (tests/planning/pulp_reference.py), a whole one-day plan (``plan_meals``: candidates, model,
solve, analysis, shopping list; kept pool) and a seven-day plan with variety; and, once, the first plan of the
process; then days and weeks with the objectives fewest and cost; then one day for 30 random people, the
planner's solve beside HiGHS alone on the same model. Times are wall clock (median of 3 for the solvers);
``cpu`` is this process's CPU time for the planner's solve, less sensitive to other load on the machine.
Usage: python bench/bench_planning.py [SR28 folder]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "planning"))

from pulp_reference import solve_with_cbc  # noqa: E402
from sr28 import load_catalogue  # noqa: E402

from norepi.nutrition.targets import energy_band_kcal, energy_kcal, targets_for  # noqa: E402
from norepi.planning.highs import HighsModel  # noqa: E402
from norepi.planning.model import MIP_REL_GAP, DayProblem, build_day  # noqa: E402
from norepi.planning.plan import PlanRequest, plan_meals  # noqa: E402
from norepi.planning.pool import FoodPool, day_subset, select_candidates  # noqa: E402
from norepi.planning.solve import solve_arrays_scipy, solve_day  # noqa: E402
from norepi.profile import Profile  # noqa: E402

SR28 = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/usda-sr28"
START = dt.date(2026, 11, 23)
PROFILES = {
    "female omnivore": Profile(sex="female", age_years=34, weight_kg=62, height_cm=168),
    "male omnivore": Profile(sex="male", age_years=45, weight_kg=85, height_cm=180),
    "female vegan, no peanuts": Profile(sex="female", age_years=28, weight_kg=58, height_cm=165, diet="vegan",
                                        exclusions=("peanuts",)),
    "male vegetarian, no wheat": Profile(sex="male", age_years=60, weight_kg=78, height_cm=175,
                                         diet="vegetarian", exclusions=("wheat",)),
    "male vegan": Profile(sex="male", age_years=30, weight_kg=80, height_cm=182, diet="vegan"),
    "boy, 16 y": Profile(sex="male", age_years=16, weight_kg=65, height_cm=175),
}


def main() -> None:
    t0 = time.perf_counter()
    catalogue = load_catalogue(SR28)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pool = FoodPool(catalogue)
    prep_s = time.perf_counter() - t0
    print(f"read SR28 ({len(catalogue)} foods): {read_s:.1f} s; FoodPool {prep_s * 1000:.0f} ms; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'profile':26} {'cand cold':>9} {'warm':>5} {'foods':>5} {'cols':>5} {'rows':>5} "
          f"{'HiGHS':>7} {'cpu':>6} {'scipy':>7} {'CBC':>7} {'obj HiGHS':>9} {'scipy':>7} {'CBC':>7} "
          f"{'day plan':>8} {'week':>6}")
    cols: dict[str, list[float]] = {k: [] for k in ("highs", "cpu", "scipy", "cbc", "day", "week")}
    t0 = time.perf_counter()
    plan_meals(pool, next(iter(PROFILES.values())), PlanRequest(start=START))
    first = time.perf_counter() - t0
    for name, profile in PROFILES.items():
        targets = targets_for(profile)
        goal = energy_kcal(profile)
        fresh = FoodPool(catalogue)
        t0 = time.perf_counter()
        cands = select_candidates(fresh, profile, targets, goal)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        cands = select_candidates(pool, profile, targets, goal)
        warm = time.perf_counter() - t0
        low, high = energy_band_kcal(profile)
        problem = DayProblem(day_subset(cands.foods, frozenset(), 6), targets, low, high, goal)
        model = build_day(problem)
        runs, cpus, scipy_s = [], [], []
        for _ in range(3):
            c0 = time.process_time()
            runs.append(solve_day(problem))
            cpus.append(time.process_time() - c0)
            t0 = time.perf_counter()
            scipy_result = solve_arrays_scipy(model)
            scipy_s.append(time.perf_counter() - t0)
        highs = statistics.median(r.seconds for r in runs if r)
        cbc_obj, _, cbc, _ = solve_with_cbc(problem, gap=MIP_REL_GAP)
        plan_meals(pool, profile, PlanRequest(start=START))  # the diet rules of this profile worked out once
        t0 = time.perf_counter()
        plan_meals(pool, profile, PlanRequest(start=START))
        day_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        week = plan_meals(pool, profile, PlanRequest(start=START, days=7))
        week_s = time.perf_counter() - t0
        for key, value in zip(cols, (highs, statistics.median(cpus), statistics.median(scipy_s), cbc, day_s,
                                     week_s), strict=True):
            cols[key].append(value)
        statuses = "".join(d.status[0] for d in week.days)
        print(f"{name:26} {cold * 1000:7.0f}ms {warm * 1000:3.0f}ms {len(problem.foods):5d} {len(model.c):5d} "
              f"{len(model.row_lo):5d} {highs * 1000:5.0f}ms {statistics.median(cpus) * 1000:4.0f}ms "
              f"{statistics.median(scipy_s) * 1000:5.0f}ms {cbc * 1000:5.0f}ms "
              f"{runs[0].objective:9.4f} {scipy_result.fun:7.4f} "  # type: ignore[union-attr]
              f"{cbc_obj if cbc_obj is not None else float('nan'):7.4f} {day_s * 1000:6.0f}ms {week_s:5.2f}s"
              f"  week days {statuses} (o optimal, t time limit)"
              + (f"  ({len(week.relaxed)} relaxed)" if week.relaxed else ""))
    med = {k: statistics.median(v) for k, v in cols.items()}
    print(f"median one-day solve: HiGHS {med['highs'] * 1000:.0f} ms (cpu {med['cpu'] * 1000:.0f} ms), "
          f"scipy.milp one-shot {med['scipy'] * 1000:.0f} ms ({med['scipy'] / med['highs']:.1f}x), CBC "
          f"{med['cbc'] * 1000:.0f} ms ({med['cbc'] / med['highs']:.1f}x) (same model, MIP gap {MIP_REL_GAP:g}); "
          f"one-day plan end to end {med['day'] * 1000:.0f} ms (max {max(cols['day']) * 1000:.0f} ms); 7-day plan "
          f"{med['week']:.2f} s (max {max(cols['week']):.2f} s); first plan of the process {first * 1000:.0f} ms")
    other_objectives(pool)
    random_profiles(pool)


def other_objectives(pool: FoodPool) -> None:
    """One day and one week for each profile with the objectives ``fewest`` and ``cost`` (made-up prices of
    0.20-1.19 per 100 g by food id, as in the tests): wall time, and how many days were proven optimal."""
    prices = {fid: 0.2 + (int(fid) % 100) / 100.0 for fid in pool.foods}
    for objective in ("fewest", "cost"):
        line = []
        for days in (1, 7):
            times, optimal, total = [], 0, 0
            for profile in PROFILES.values():
                request = PlanRequest(start=START, days=days, objective=objective,
                                      prices=prices if objective == "cost" else {})
                t0 = time.perf_counter()
                plan = plan_meals(pool, profile, request)
                times.append(time.perf_counter() - t0)
                optimal += sum(d.status == "optimal" for d in plan.days)
                total += len(plan.days)
            line.append(f"{'day' if days == 1 else 'week'} median {statistics.median(times):.2f} s, max "
                        f"{max(times):.2f} s ({optimal}/{total} days optimal)")
        print(f"objective {objective}: " + "; ".join(line))


def random_profiles(pool: FoodPool, n: int = 30, seed: int = 1) -> None:
    """One day for ``n`` random people (age 19-80, 48-110 kg, every diet, 0-2 allergens): the planner's solve
    (``solve_day``: LP-guided restricted MIP first) beside HiGHS alone on the same model (baseline)."""
    rng = random.Random(seed)
    planner, alone, worse = [], [], 0
    for _ in range(n):
        profile = Profile(sex=rng.choice(["female", "male"]), age_years=rng.randint(19, 80),
                          weight_kg=rng.randint(48, 110), height_cm=rng.randint(150, 195),
                          diet=rng.choice(["omnivore", "omnivore", "pescatarian", "vegetarian", "vegan"]),
                          exclusions=tuple(rng.sample(["milk", "egg", "fish", "shellfish", "tree_nuts", "peanuts",
                                                       "wheat", "soy", "sesame"], rng.choice([0, 0, 1, 2]))))
        targets, goal = targets_for(profile), energy_kcal(profile)
        low, high = energy_band_kcal(profile)
        cands = select_candidates(pool, profile, targets, goal)
        problem = DayProblem(day_subset(cands.foods, frozenset(), 6), targets, low, high, goal)
        t0 = time.perf_counter()
        ours = solve_day(problem)
        planner.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        base = HighsModel(build_day(problem), covers=False).run(20.0)
        alone.append(time.perf_counter() - t0)
        if ours is not None and base.x is not None and ours.objective > base.objective * (1 + MIP_REL_GAP) + 1e-9:
            worse += 1

    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        return (f"median {statistics.median(xs) * 1000:.0f} ms, p90 {xs[int(0.9 * len(xs))] * 1000:.0f} ms, "
                f"max {xs[-1] * 1000:.0f} ms")

    print(f"{n} random profiles, one day: planner {stats(planner)}; HiGHS alone {stats(alone)}; "
          f"median ratio {statistics.median(a / p for a, p in zip(alone, planner, strict=True)):.1f}x; "
          f"plans worse than HiGHS alone beyond the gap: {worse}")


if __name__ == "__main__":
    main()
