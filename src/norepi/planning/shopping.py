"""The shopping list of a plan, in purchase weights: what to buy, raw or dry, for the foods planned cooked.

Each planned food is bought in its purchase form (:meth:`.forms.FormIndex.purchase_form`): dry lentils for
cooked lentils (grams eaten / yield: 891 g cooked = 326 g dry), raw eggs for hard-boiled ones, raw chicken for
roasted; canned, ready-to-eat and raw foods as planned. Foods bought in the same form are summed; the list
keeps which planned foods each line is for.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from norepi.foods.amounts import PortionOption
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.search import tokens
from norepi.planning.candidates import COUNT_WORDS
from norepi.planning.forms import FormIndex, PurchaseForm, purchase_grams

# Whole items a shop sells or a cook counts by the piece (the first word of a USDA portion description).
ITEM_WORDS = COUNT_WORDS | frozenset({"potato", "sweetpotato", "ear", "head", "bunch", "avocado", "pepper", "onion",
                                      "tomato", "carrot"})
CUP_STEP = Fraction(1, 4)


@dataclass(frozen=True)
class PlannedUse:
    """A planned food a shopping line is for, and the grams of it the plan eats (as planned: cooked or not)."""

    food_id: str
    description: str
    grams: float


@dataclass(frozen=True)
class ShoppingItem:
    """What to buy: ``food_id``/``description`` of the purchase form, ``grams`` to buy (raw or dry weight),
    ``portion`` in household words ("6 large", "1 3/4 cup", or grams), the planned foods it is for, the yield
    (grams eaten per gram bought; 1.0 when bought as eaten) and where the yield comes from."""

    food_id: str
    description: str
    grams: float
    portion: str
    planned: tuple[PlannedUse, ...]
    yield_factor: float
    yield_source: str


def shopping_list(planned_g: Mapping[str, float], foods: Mapping[str, CatalogueFood],
                  forms: FormIndex) -> tuple[ShoppingItem, ...]:
    """The shopping list for ``planned_g`` (food id -> grams eaten over the plan), in purchase weights, sorted by
    food group and description of what to buy."""
    bought: dict[str, list[tuple[CatalogueFood, float, PurchaseForm]]] = defaultdict(list)
    for food_id, grams in planned_g.items():
        food = foods[food_id]
        form = forms.purchase_form(food)
        bought[form.food.food_id].append((food, grams, form))
    items = []
    for uses in bought.values():
        form = uses[0][2]
        grams = sum(purchase_grams(g, f) for _, g, f in uses)
        factor = sum(g for _, g, _ in uses) / grams
        items.append(ShoppingItem(form.food.food_id, form.food.description, round(grams, 1),
                                  purchase_text(form.food.portions, grams),
                                  tuple(PlannedUse(f.food_id, f.description, round(g, 1)) for f, g, _ in uses),
                                  round(factor, 3), form.source))
    return tuple(sorted(items, key=lambda i: (foods[i.food_id].group_code, i.description)))


def purchase_text(portions: Sequence[PortionOption], grams: float) -> str:
    """How to ask for ``grams`` of a food in a shop: whole items rounded up ("7 large" eggs), else cups rounded up
    to a quarter ("1 3/4 cup" dry lentils) when USDA gives a cup, else grams ("326 g")."""
    portions = [p for p in portions if "yield" not in p.description.lower()]  # not "chop (yield from 1 raw chop)"
    for p in portions:
        words = tokens(re.sub(r"\([^)]*\)", " ", p.description))
        if words and words[0] in ITEM_WORDS and p.amount == 1.0 and p.grams >= 15.0:
            return f"{max(1, math.ceil(grams / p.grams - 0.05))} {p.description}"
    for p in portions:
        desc = p.description.lower()
        if desc == "cup" or desc.startswith(("cup,", "cup ")):
            cups = Fraction(math.ceil(grams / (p.grams / p.amount) / CUP_STEP - 0.05)) * CUP_STEP
            if cups >= CUP_STEP:
                whole, rest = divmod(cups, 1)
                text = (f"{whole} " if whole else "") + (f"{rest.numerator}/{rest.denominator}" if rest else "")
                return f"{text.strip()} {p.description}"
    return f"{round(grams):g} g"
