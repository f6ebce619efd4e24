"""Meal-planner speed over the full SR28 database (not a timed test): HiGHS beside PuLP/CBC, same run.

Prints, for a few profiles: candidate building (cold = first read of the food tables, warm = cached),
the one-day MILP size and its HiGHS solve time, the same model solved by an independently written PuLP
model with CBC (tests/planning/pulp_reference.py), and a seven-day plan with variety (HiGHS).
Usage: python bench/bench_planning.py [SR28 folder]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "planning"))

from pulp_reference import solve_with_cbc  # noqa: E402

from norepi.journal.journal import Journal  # noqa: E402
from norepi.nutrition.targets import energy_band_kcal, energy_kcal, targets_for  # noqa: E402
from norepi.planning.candidates import _ROWS_CACHE, day_subset, load_candidates  # noqa: E402
from norepi.planning.model import MIP_REL_GAP, DayProblem, build_day, solve_day  # noqa: E402
from norepi.planning.plan import PlanRequest, plan_meals  # noqa: E402
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
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal(Path(tmp) / "bench.sqlite")
        t0 = time.perf_counter()
        journal.import_foods(SR28)
        print(f"import SR28: {time.perf_counter() - t0:.1f} s")
        print(f"{'profile':28} {'cand cold':>9} {'warm':>7} {'foods':>5} {'cols':>5} {'rows':>5} "
              f"{'HiGHS':>8} {'CBC':>8} {'obj HiGHS':>10} {'obj CBC':>10} {'week':>7}")
        highs_times: list[float] = []
        cbc_times: list[float] = []
        week_times: list[float] = []
        for name, profile in PROFILES.items():
            targets = targets_for(profile)
            goal = energy_kcal(profile)
            _ROWS_CACHE.clear()
            t0 = time.perf_counter()
            pool = load_candidates(journal, profile, targets, goal, today=START)
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            pool = load_candidates(journal, profile, targets, goal, today=START)
            warm = time.perf_counter() - t0
            low, high = energy_band_kcal(profile)
            problem = DayProblem(day_subset(pool.foods, frozenset(), 6), targets, low, high, goal)
            model = build_day(problem)
            runs = [solve_day(problem) for _ in range(3)]
            highs = statistics.median(r.seconds for r in runs if r)
            cbc_obj, _, cbc = solve_with_cbc(problem, gap=MIP_REL_GAP)
            journal.set_profile(profile, START)
            t0 = time.perf_counter()
            week = plan_meals(journal, PlanRequest(start=START, days=7))
            week_s = time.perf_counter() - t0
            highs_times.append(highs)
            cbc_times.append(cbc)
            week_times.append(week_s)
            print(f"{name:28} {cold * 1000:7.0f}ms {warm * 1000:5.0f}ms {len(problem.foods):5d} {len(model.c):5d} "
                  f"{len(model.row_lo):5d} {highs * 1000:6.0f}ms {cbc * 1000:6.0f}ms {runs[0].objective:10.4f} "  # type: ignore[union-attr]
                  f"{cbc_obj if cbc_obj is not None else float('nan'):10.4f} {week_s:6.2f}s"
                  + (f"  ({len(week.relaxed)} relaxed)" if week.relaxed else ""))
        print(f"median one-day solve: HiGHS {statistics.median(highs_times) * 1000:.0f} ms, "
              f"CBC {statistics.median(cbc_times) * 1000:.0f} ms (same model, MIP gap {MIP_REL_GAP:g}); "
              f"median 7-day plan (warm candidates, HiGHS): {statistics.median(week_times):.2f} s")
        journal.close()


if __name__ == "__main__":
    main()
