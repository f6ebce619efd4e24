"""Plans a demanding person accepts: common foods only, and no food beyond a usual portion.

Each planned food is checked against its portion class (norepi.planning.portions) and, independently of that
table, against a few absolute household limits computed here from the raw USDA values and portions: raw leafy
greens <= 2 cups a meal, nuts and seeds <= 60 g a day, oils <= 3 tbsp a day, one meat or fish <= 250 g a day
(all together <= 300 g); and meals of at least three foods besides fats, with one cereal
and one bean dish at most, no uncooked hot cereal, no candy at breakfast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from test_planning_milp import check_day

from norepi.nutrition.targets import energy_kcal, targets_for
from norepi.planning.candidates import cup_grams, meal_group_of
from norepi.planning.plan import PlanRequest, plan_meals
from norepi.planning.pool import select_candidates
from norepi.planning.portions import DAY_TOTALS, portion_limit
from norepi.profile import Profile

PLAN_START = dt.date(2026, 11, 23)
PROFILES = {
    "omnivore female 34 y 62 kg": Profile(sex="female", age_years=34, weight_kg=62, height_cm=168),
    "vegan male 45 y 80 kg": Profile(sex="male", age_years=45, weight_kg=80, height_cm=180, diet="vegan"),
    "vegetarian male 45 y 80 kg, no wheat": Profile(sex="male", age_years=45, weight_kg=80, height_cm=180,
                                                    diet="vegetarian", exclusions=("wheat",)),
}
# Foods a demanding person would not accept in a generated plan (whole words of the description).
EXOTIC = re.compile(r"\b(jute|goose|duck|pheasant|quail|squab|emu|ostrich|venison|bison|elk|moose|caribou|"
                    r"rabbit|game|liver|kidneys?|heart|tongue|tripe|brains?|giblets|gizzards?|feet|pokeberry|"
                    r"lambsquarters|burdock|chrysanthemum|drumstick leaves|balsam-pear|waxgourd|taro|poi|"
                    r"cisco|sturgeon|octopus|whiting|lard|tallow|industrial|babyfood|"
                    r"headcheese|scrapple|blood)\b")
LEAFY = re.compile(r"\b(lettuce|spinach|arugula|kale|chard|collards|greens|cress|endive|escarole|radicchio)\b")
MEAT_GROUPS = {"0500", "0700", "1000", "1300", "1500", "1700"}
WHEAT = re.compile(r"\b(wheat|bread|rolls?|bagels?|muffins?|crackers|pasta|macaroni|spaghetti|noodles|couscous|"
                   r"bulgur|cookies|cake|pie|biscuits|croissants|pancakes|waffles|pretzels|barley|rye)\b")
TOL = 1e-3
NOT_ORGANS = re.compile(r"beans, kidney|kidney beans|hearts of palm|artichokes?, .*hearts")
LEGUME_VEGETABLE = re.compile(r"\b(lima beans|edamame|cowpeas|soybeans)\b")
DRY_HOT_CEREAL = re.compile(r"\b(grits|farina|cream of wheat|cream of rice|malt-o-meal)\b.*\bdry\b")
MIN_FOODS = {"breakfast": 3, "lunch": 3, "dinner": 3, "snacks": 1}


@pytest.mark.parametrize("name", list(PROFILES))
def test_plans_hold_common_foods_in_usual_portions(pool, raw_usda, by_id, name: str) -> None:
    profile = PROFILES[name]
    plan = plan_meals(pool, profile, PlanRequest(start=PLAN_START))
    assert plan.relaxed == ()
    (day,) = plan.days
    goal = (10 * profile.weight_kg + 6.25 * profile.height_cm - 5 * profile.age_years
            + (5 if profile.sex == "male" else -161)) * 1.375
    check_day(day, raw_usda, goal)
    per_food: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    nuts = oils = meat = 0.0
    for meal in day.meals:
        groups = [raw_usda.foods[it.food_id] for it in meal.items]
        # at least so many foods besides fats (oils, spreads, dressings; butter and cream of the dairy group)
        besides_fats = [(g, d) for g, d in groups if g != "0400" and not re.match(r"(butter|cream)\b", d.lower())]
        assert len(besides_fats) >= MIN_FOODS[meal.name], (name, meal)
        # one dish of each kind a meal: one cereal, one beans dish (legume vegetables included)
        assert sum(g == "0800" for g, _ in groups) <= 1, (name, meal)
        assert sum(g == "1600" and not re.search(r"\b(tofu|milk|peanuts?|peanut butter)\b", d.lower())
                   or g == "1100" and LEGUME_VEGETABLE.search(d.lower()) is not None for g, d in groups) <= 1, \
            (name, meal)
        if meal.name == "breakfast":
            assert not any(g == "1900" for g, _ in groups), (name, meal)
        for it in meal.items:
            group, desc = raw_usda.foods[it.food_id]
            text = desc.lower()
            grams = it.grams
            limit = portion_limit(desc, meal_group_of(desc, group))
            # the food's class limits, meal by meal and for the day
            assert grams <= limit.meal_g * (1 + TOL), (name, desc, grams, limit)
            per_food[it.food_id] += grams
            for _what, classes, _most in DAY_TOTALS:
                if limit.name in classes:
                    totals[_what] += grams
            # common foods, in a household portion
            assert not EXOTIC.search(NOT_ORGANS.sub(" ", text)), (name, desc)
            assert not DRY_HOT_CEREAL.search(text), (name, desc)
            assert not re.fullmatch(r"[\d.]+ g", it.portion), (name, desc, it.portion)
            if meal.name == "breakfast":
                assert not re.search(r"\b(pasta|macaroni|spaghetti|noodles|rice)\b", text), (name, desc)
            # absolute household limits, independent of the table
            cup = cup_grams(by_id[it.food_id].portions)
            if group == "1100" and LEAFY.search(text) and re.search(r"\braw\b", text):
                assert cup is not None and grams <= 2 * cup * (1 + TOL), (name, desc, grams, cup)
            if group == "1200" or (group not in ("0400", "1900") and re.search(r"\bpeanuts?\b|peanut butter", text)):
                nuts += grams
            if group == "0400" and re.search(r"\boil\b", text):
                oils += grams
            if group in MEAT_GROUPS:
                meat += grams
                assert grams <= 250 * (1 + TOL), (name, desc, grams)
            if "wheat" in profile.exclusions:
                assert not WHEAT.search(text.replace("buckwheat", "").replace("rice noodles", "")), (name, desc)
    for ndb, grams in per_food.items():
        group, desc = raw_usda.foods[ndb]
        assert grams <= portion_limit(desc, meal_group_of(desc, group)).day_g * (1 + TOL), (name, desc, grams)
    for what, _classes, most in DAY_TOTALS:
        assert totals[what] <= most * (1 + TOL), (name, what, totals[what])
    assert nuts <= 60 * (1 + TOL)
    assert oils <= 3 * 13.6 * (1 + TOL)  # 3 tbsp of oil
    assert meat <= 300 * (1 + TOL)


def test_candidates_are_common_foods_with_household_portions(pool, raw_usda) -> None:
    profile = PROFILES["omnivore female 34 y 62 kg"]
    cands = select_candidates(pool, profile, targets_for(profile), energy_kcal(profile), per_group=1000)
    assert len(cands.foods) > 300  # still a broad choice
    for food in cands.foods:
        group, desc = raw_usda.foods[food.food_id]
        assert not EXOTIC.search(NOT_ORGANS.sub(" ", desc.lower())), desc
        assert not DRY_HOT_CEREAL.search(desc.lower()), desc
        assert food.serving.label != "g", desc
        assert food.serving.grams * food.serving.max_steps <= food.limit.grams * (1 + TOL), desc
    assert cands.removed.get("not a common food of its group", 0) > 100


def test_everyday_legumes_are_candidates(pool) -> None:
    """Lentils, chickpeas and cooked beans are planned (not read as seeds or organ meat) in cup steps."""
    profile = PROFILES["vegan male 45 y 80 kg"]
    cands = select_candidates(pool, profile, targets_for(profile), energy_kcal(profile), per_group=1000)
    by_kind = {food.kind: food for food in cands.foods}
    for kind in ("lentils", "chickpeas", "beans, black", "beans, kidney", "beans, pinto"):
        assert kind in by_kind, kind
        serving = by_kind[kind].serving
        assert "cup" in serving.label and serving.grams * serving.max_steps >= 150, (kind, serving)
