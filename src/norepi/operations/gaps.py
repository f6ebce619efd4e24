"""Targets short on average over a range, and foods that close each gap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from norepi.days import summarize
from norepi.errors import InputError
from norepi.foods.store import usual_portion
from norepi.journal.journal import Journal
from norepi.nutrition.gap_foods import FoodFacts, GapFood, rank_gap_foods
from norepi.nutrition.gaps import CoverageReport, average_coverage
from norepi.nutrition.nutrients import BY_KEY, USDA_NUMBERS
from norepi.nutrition.targets import targets_for
from norepi.profile import Profile


@dataclass(frozen=True)
class GapsReport:
    """Average coverage over a range, and for each shortfall the foods that close it best."""

    start: dt.date
    end: dt.date
    coverage: CoverageReport
    foods: dict[str, list[GapFood]]


def gap_foods(journal: Journal, key: str, profile: Profile, limit: int = 5) -> list[GapFood]:
    """Foods that best close a shortfall of nutrient ``key`` (key of nutrition/nutrients.py), filtered by the
    profile's diet and exclusions, best first."""
    if key not in BY_KEY or key == "energy_kcal":
        raise InputError(f"no gap foods for {key!r}", field="nutrient")
    target = targets_for(profile)[key]
    nutrient = BY_KEY[key]
    numbers = ("508", "509") if key == "phe_tyr_mg" else (nutrient.usda_nutr_no or "",)
    candidates = []
    for food in journal.foods.catalogue(USDA_NUMBERS, survey_only=False, estimates=True):
        v = food.per_100g
        if "208" not in v or any(n not in v for n in numbers):
            continue
        portion = usual_portion(food.portions)
        candidates.append(FoodFacts(
            food.food_id, food.description, food.group_code, sum(v[n] for n in numbers) * nutrient.factor, v["208"],
            f"{portion.amount:g} {portion.description}" if portion else None, portion.grams if portion else None,
            food.branded, food.survey, any(n in food.estimated for n in numbers),
        ))
    return rank_gap_foods(candidates, target.rda, diet=profile.diet, exclusions=profile.exclusions, limit=limit)


def gaps(journal: Journal, start: dt.date, end: dt.date, foods_per_gap: int = 5) -> GapsReport:
    """The average coverage of ``start`` .. ``end`` over the logged days, and foods for each shortfall."""
    days = summarize(journal, start, end)
    report = average_coverage([(d.food, d.targets) for d in days])
    profile = journal.profile(end)
    return GapsReport(start, end, report, {k: gap_foods(journal, k, profile, foods_per_gap) for k in report.shortfalls})
