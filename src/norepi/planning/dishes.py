"""Mixed dishes in a plan: soups, stews, chili and the like, read by what they usually contain.

USDA SR gives no ingredient lists. A mixed dish (:func:`is_mixed_dish`: the soups group, or a dish word such as
soup, stew, chili, chowder, casserole) is checked against the diet and allergens by its description *and* what
its usual recipe holds (:data:`norepi.nutrition.diet.USUAL_CONTENTS`: hot and sour soup is made with egg and
pork, so it is neither vegan nor vegetarian). A mixed dish whose usual contents are not on that list is left out
of any plan with a diet other than omnivore or with an allergen excluded (:func:`unknown_dish_reason`): canned
minestrone or black bean soup may be made with meat stock or ham, and a plan cannot tell.

A meal holds at most one soup or stew (:func:`is_soup_or_stew`: the soups group, or soup, stew, chili, chowder,
gumbo, bisque in the description): not a soup and a chili at one dinner.
"""

from __future__ import annotations

from collections.abc import Sequence

from norepi.foods import groups as g
from norepi.nutrition.diet import has_word, usual_contents

MIXED_GROUPS = frozenset({g.SOUPS, g.MIXED_MEALS, g.FAST_FOOD, g.RESTAURANT})
SOUP_OR_STEW_WORDS = ("soup", "soups", "stew", "stews", "chili", "chowder", "gumbo", "bisque", "goulash")
DISH_WORDS = (*SOUP_OR_STEW_WORDS, "casserole", "pot pie", "lasagna", "burrito", "burritos", "enchilada",
              "enchiladas", "pizza", "stroganoff", "chow mein", "chop suey", "jambalaya", "curry")


def is_soup_or_stew(description: str, group_code: str) -> bool:
    """True for a soup, stew, chili, chowder, gumbo or bisque (one a meal)."""
    return group_code == g.SOUPS or has_word(description.lower(), SOUP_OR_STEW_WORDS) is not None


def is_mixed_dish(description: str, group_code: str) -> bool:
    """True for a dish made of several foods: the soups, mixed-meal, fast-food and restaurant groups, or a dish
    word in the description (soup, stew, chili, casserole, lasagna...)."""
    return group_code in MIXED_GROUPS or has_word(description.lower(), DISH_WORDS) is not None


def unknown_dish_reason(description: str, group_code: str, diet: str, exclusions: Sequence[str]) -> str | None:
    """Why a mixed dish is left out of a plan with a diet or exclusions: its usual contents are not known (None
    when the food is not a mixed dish, its contents are listed, or the person is an omnivore excluding nothing)."""
    if diet == "omnivore" and not exclusions:
        return None
    if is_mixed_dish(description, group_code) and usual_contents(description) is None:
        return "mixed dish of unknown contents"
    return None
