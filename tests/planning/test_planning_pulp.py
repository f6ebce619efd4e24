"""The HiGHS model's optimum equals that of an independently written PuLP/CBC model of the same day."""

from __future__ import annotations

import pytest
from pulp_reference import solve_with_cbc

from norepi.nutrition.targets import energy_band_kcal, energy_kcal, targets_for
from norepi.planning.model import MIP_REL_GAP, DayProblem, build_day
from norepi.planning.pool import FoodPool, day_subset, select_candidates
from norepi.planning.solve import solve_day, solve_restricted
from norepi.profile import Profile


def _problem(pool: FoodPool, profile: Profile, objective: str = "usual", prices: dict[str, float] | None = None,
             per_group: int = 4) -> DayProblem:
    targets = targets_for(profile)
    goal = energy_kcal(profile)
    cands = select_candidates(pool, profile, targets, goal, prices=prices, require_price=objective == "cost",
                              per_group=per_group)
    low, high = energy_band_kcal(profile)
    return DayProblem(day_subset(cands.foods, frozenset(), per_group), targets, low, high, goal,
                      objective=objective)


@pytest.mark.parametrize(("diet", "exclusions", "objective"), [
    ("omnivore", (), "usual"),
    ("vegan", ("peanuts",), "fewest"),
    ("vegetarian", ("wheat",), "cost"),
])
def test_highs_and_cbc_agree_on_the_optimum(pool, diet: str, exclusions: tuple[str, ...], objective: str) -> None:
    profile = Profile(sex="male", age_years=45, weight_kg=80, height_cm=180, diet=diet, exclusions=exclusions)
    prices = None
    if objective == "cost":  # a made-up price list: 0.20-1.19 per 100 g by food id
        prices = {fid: 0.2 + (int(fid) % 100) / 100.0 for fid in pool.foods}
    problem = _problem(pool, profile, objective, prices)
    highs = solve_day(problem)
    cbc_objective, cbc_grams, _, proven = solve_with_cbc(problem, gap=MIP_REL_GAP)
    assert highs is not None and cbc_objective is not None
    if proven:  # both stop within MIP_REL_GAP of the optimum
        assert highs.objective == pytest.approx(cbc_objective, rel=2.5 * MIP_REL_GAP, abs=1e-6)
    else:  # CBC's time limit stopped it: its plan bounds the optimum from above, and HiGHS must reach it
        assert highs.objective <= cbc_objective * (1 + 2.5 * MIP_REL_GAP) + 1e-6
    assert cbc_grams


@pytest.mark.parametrize("profile", [
    Profile(sex="female", age_years=34, weight_kg=62, height_cm=168),
    Profile(sex="male", age_years=45, weight_kg=85, height_cm=180),
    Profile(sex="female", age_years=28, weight_kg=58, height_cm=165, diet="vegan"),
], ids=["omnivore woman", "omnivore man", "vegan woman"])
def test_restricted_step_claims_optimality_only_when_cbc_agrees(pool, profile: Profile) -> None:
    """The LP-guided restricted MIP (the first solve step) stops only when its plan is within the gap of the
    LP bound; CBC, solving the whole model independently, finds nothing better than that."""
    problem = _problem(pool, profile, per_group=6)
    restricted = solve_restricted(build_day(problem))
    assert restricted is not None
    result, lp_bound = restricted
    assert result.x is not None and lp_bound <= result.objective + 1e-9
    cbc_objective, _, _, proven = solve_with_cbc(problem, gap=MIP_REL_GAP)
    assert cbc_objective is not None
    assert lp_bound <= cbc_objective + 1e-6  # the LP bound bounds every plan, CBC's too
    if result.optimal:
        assert result.objective <= cbc_objective * (1 + 2.5 * MIP_REL_GAP) + 1e-6
