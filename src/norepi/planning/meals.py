"""Meal rules: which USDA food groups belong in which meal, and each meal's share of the day's energy.

The rules are plain data so a reader can check them (also listed in docs/planning.md):

==========  =======  ==============  ============  =================================================
meal        time     energy share    foods         food groups (USDA SR28 codes)
==========  =======  ==============  ============  =================================================
breakfast   08:00    20-35 %         3-4           dairy & egg, cereals, fruit, nuts & seeds (and nut
                                                   butters), drinks (and soymilk), baked goods, grains
lunch       12:30    25-40 %         3-5, 1 veg    dairy & egg, fats & oils, poultry, soups, cold cuts,
                                                   fruit, pork, vegetables, beef, fish, legumes, baked
                                                   goods, grains and pasta, nuts & seeds (and butters)
snacks      16:00    5-20 %          1-3           dairy & egg, fruit, nuts & seeds, drinks, baked
                                                   goods, sweets, snacks
dinner      19:00    25-40 %         3-5, 1 veg    fats & oils, poultry, soups, pork, vegetables, beef,
                                                   fish, legumes, lamb/veal/game, grains and pasta
==========  =======  ==============  ============  =================================================

The food counts leave fats aside (oils, spreads, dressings, butter, cream: a meal is three foods plus any
fat). "1 veg" means lunch and dinner each hold at least one food of the vegetable group (1100) and one protein
food (dairy & egg, meat, poultry, fish, legumes); breakfast holds a grain food (cereals, baked goods, grains).
Pasta, noodles, rice, couscous, bulgur, barley and quinoa are not breakfast foods (``not_words``); peanut
butter and peanuts count as nuts & seeds (breakfast, lunch, snacks), not as a dinner protein; soymilk is a
drink; beans are not breakfast; bread, rolls, bagels and tortillas are not snacks.
A food eaten at all in a day is eaten in one meal of that day. :data:`MEALS` is in time order, the order a
plan lists a day's meals in (snacks at 16:00 before dinner at 19:00).

How much of each food a meal may hold (per meal and per day, by food class) is in :mod:`.portions`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from norepi.foods.groups import (
    BAKED,
    BEEF,
    CEREALS,
    DAIRY_EGG,
    DRINKS,
    FATS,
    FISH,
    FRUIT,
    GRAINS,
    LAMB,
    LEGUMES,
    NUTS,
    PORK,
    POULTRY,
    SAUSAGES,
    SNACKS,
    SOUPS,
    SWEETS,
    VEGETABLES,
)

# Not at breakfast: pasta, noodles, rice and the like (cooked grains other than oats and porridge).
MAIN_DISH_STARCHES = ("pasta", "macaroni", "spaghetti", "noodles", "rice", "couscous", "bulgur", "barley",
                      "quinoa")
# Not a snack: bread and rolls (a snack's baked goods are muffins, cookies, cakes).
BREADS = ("bread", "rolls", "bagels", "english muffins", "tortillas", "biscuits", "pita")
PROTEIN_FOODS = frozenset({DAIRY_EGG, POULTRY, SAUSAGES, PORK, BEEF, FISH, LEGUMES, LAMB})
GRAIN_FOODS = frozenset({CEREALS, BAKED, GRAINS})


@dataclass(frozen=True)
class MealRule:
    """A meal: its clock time, energy share range (fraction of the day's kcal), food count and food groups."""

    name: str
    time: dt.time
    energy_share_min: float
    energy_share_max: float
    min_foods: int
    max_foods: int
    groups: frozenset[str]
    needs: tuple[tuple[str, frozenset[str]], ...] = ()  # (what, groups): at least one food of these groups
    not_words: tuple[str, ...] = ()  # foods whose description has one of these words are not for this meal

    def fits(self, meal_group: str, description: str = "") -> bool:
        """True when a food of this meal group and description belongs in the meal."""
        if meal_group not in self.groups:
            return False
        text = description.lower()
        return not any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text) for w in self.not_words)


MEALS: tuple[MealRule, ...] = (  # in time order: a day's meals are listed as they are eaten
    MealRule("breakfast", dt.time(8, 0), 0.20, 0.35, 3, 4,
             frozenset({DAIRY_EGG, CEREALS, FRUIT, NUTS, DRINKS, BAKED, GRAINS}),
             needs=(("a grain food", GRAIN_FOODS),), not_words=MAIN_DISH_STARCHES),
    MealRule("lunch", dt.time(12, 30), 0.25, 0.40, 3, 5,
             frozenset({DAIRY_EGG, FATS, POULTRY, SOUPS, SAUSAGES, FRUIT, PORK, VEGETABLES, BEEF, FISH, LEGUMES,
                        BAKED, GRAINS, NUTS}),
             needs=(("a vegetable", frozenset({VEGETABLES})), ("a protein food", PROTEIN_FOODS))),
    MealRule("snacks", dt.time(16, 0), 0.05, 0.20, 1, 3,
             frozenset({DAIRY_EGG, FRUIT, NUTS, DRINKS, BAKED, SWEETS, SNACKS}), not_words=BREADS),
    MealRule("dinner", dt.time(19, 0), 0.25, 0.40, 3, 5,
             frozenset({FATS, POULTRY, SOUPS, PORK, VEGETABLES, BEEF, FISH, LEGUMES, LAMB, GRAINS}),
             needs=(("a vegetable", frozenset({VEGETABLES})), ("a protein food", PROTEIN_FOODS))),
)


def meals_for(group_code: str, pinned: bool = False, meals: tuple[MealRule, ...] = MEALS,
              description: str = "") -> tuple[int, ...]:
    """Indexes of the meals a food of ``group_code`` (and ``description``, for :attr:`MealRule.not_words`)
    may appear in; a pinned food of no meal's group may go in any meal (the person asked for it)."""
    fits = tuple(i for i, m in enumerate(meals) if m.fits(group_code, description))
    if not fits and pinned:
        return tuple(range(len(meals)))
    return fits
