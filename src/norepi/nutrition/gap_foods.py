"""Foods that close a gap: the densest sources of a nutrient, per 100 kcal and per usual portion."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from norepi.foods import groups as g
from norepi.nutrition.common_foods import uncommon_reason
from norepi.nutrition.diet import excluded_by, has_word

# Groups a person does not pick single foods from to close a gap: baby foods, spices (tiny portions),
# fast food, restaurant food, mixed meals, and supplements-like beverage powders are filtered by words.
SKIP_GROUPS = frozenset({g.BABY, g.SPICES, g.FAST_FOOD, g.RESTAURANT, g.MIXED_MEALS, g.NATIVE})
SKIP_WORDS = (
    "powder",
    "dry mix",
    "dehydrated",
    "formula",
    "supplement",
    "fortified",
    "instant",
    "freeze-dried",
    "concentrate",
    "unprepared",
    "liquid from",
    "babyfood",
    "dried",
    "flour",
    "meal,",
    "bran,",
    "leavening",
    "yeast",
)
# Beyond the common-food rules (:mod:`norepi.nutrition.common_foods`): dry legumes and grains are not eaten raw,
# seasonings are not eaten by the cup, and fortified drinks and protein isolates are supplements in disguise.
# Whole words of the description.
UNCOMMON_WORDS = (
    "mature seeds, raw",
    "garlic",
    "hot pepper",
    "energy drink",
    "isolate",
    "protein powder",
    "meal replacement",
)
# Organ meats other than liver and heart: words that count only in the meat, poultry and fish groups (not in
# "Beans, kidney"); and raw meat, poultry and fish are suggested cooked (their cooked entries rank on their own).
ORGAN_WORDS = ("spleen", "lungs", "brain", "brains", "thymus", "pancreas", "sweetbread", "sweetbreads", "tripe",
               "kidney", "kidneys", "tongue", "chitterlings", "gizzard", "gizzards", "giblets")
ANIMAL_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB})
MAX_PER_GROUP = 2  # at most this many suggestions from one food group, so the list offers real choices
MIN_KCAL_PER_100G = 15.0
UNCOMMON_FACTOR = 0.7
# A food whose amount is estimated (phenylalanine and tyrosine from protein and a generic amino-acid profile,
# docs/foods.md: median error 5 %, p90 22 %) ranks below a measured food of the same density: measured data first.
ESTIMATED_FACTOR = 0.8


@dataclass(frozen=True)
class FoodFacts:
    """A candidate food: its amount of one nutrient per 100 g (key units), energy, and usual portion."""

    ndb_no: str
    description: str
    group_code: str
    amount_per_100g: float
    kcal_per_100g: float
    portion: str | None
    portion_g: float | None
    branded: bool = False
    survey: bool = False
    estimated: bool = False


@dataclass(frozen=True)
class GapFood:
    """A suggestion: amount per 100 kcal and per usual portion, each also as % of the target; ``estimated`` when
    the amount rests on an estimate, not a measured value."""

    ndb_no: str
    description: str
    portion: str
    portion_g: float
    per_portion: float
    per_100kcal: float
    per_portion_pct: float
    per_100kcal_pct: float
    estimated: bool = False


def rank_gap_foods(
    candidates: Iterable[FoodFacts],
    rda: float,
    *,
    diet: str = "omnivore",
    exclusions: Sequence[str] = (),
    limit: int = 5,
) -> list[GapFood]:
    """Best foods for a nutrient with target ``rda``: geometric mean of % RDA per portion and per 100 kcal."""
    scored: list[tuple[float, GapFood]] = []
    groups: dict[str, str] = {}
    for food in candidates:
        desc = food.description.lower()
        if (
            food.group_code in SKIP_GROUPS
            or food.branded
            or food.portion_g is None
            or food.kcal_per_100g < MIN_KCAL_PER_100G
            or any(w in desc for w in SKIP_WORDS)
            or has_word(desc, UNCOMMON_WORDS)
            or uncommon_reason(food.description, food.group_code)
            or (food.group_code in ANIMAL_GROUPS and has_word(desc, (*ORGAN_WORDS, "raw")))
            # grains and legumes suggested cooked, as people eat them
            or (food.group_code == g.GRAINS and not has_word(desc, ("cooked", "boiled", "prepared", "oats")))
            or (food.group_code == g.LEGUMES and has_word(desc, ("raw",)))
            or food.amount_per_100g <= 0
            or excluded_by(food.description, food.group_code, diet, exclusions)
        ):
            continue
        groups[food.ndb_no] = food.group_code
        per_portion = food.amount_per_100g * food.portion_g / 100.0
        per_100kcal = food.amount_per_100g * 100.0 / food.kcal_per_100g
        pp_pct, pk_pct = 100.0 * per_portion / rda, 100.0 * per_100kcal / rda
        # foods in USDA's survey set (FNDDS) are the ones people commonly eat
        score = math.sqrt(min(pp_pct, 100.0) * min(pk_pct, 100.0)) * (1.0 if food.survey else UNCOMMON_FACTOR)
        score *= ESTIMATED_FACTOR if food.estimated else 1.0
        scored.append(
            (
                score,
                GapFood(
                    food.ndb_no,
                    food.description,
                    food.portion or "",
                    round(food.portion_g, 1),
                    round(per_portion, 3),
                    round(per_100kcal, 3),
                    round(pp_pct, 1),
                    round(pk_pct, 1),
                    food.estimated,
                ),
            )
        )
    scored.sort(key=lambda t: (-t[0], t[1].description))
    picked: list[GapFood] = []
    seen: set[str] = set()
    per_group: dict[str, int] = {}
    for _, gap_food in scored:
        kind = ",".join(gap_food.description.lower().split(",")[:2])  # one kind of each food
        group = groups[gap_food.ndb_no]
        if kind in seen or per_group.get(group, 0) >= MAX_PER_GROUP:
            continue
        seen.add(kind)
        per_group[group] = per_group.get(group, 0) + 1
        picked.append(gap_food)
        if len(picked) == limit:
            break
    return picked
