"""How much of one food a plan may hold: a per-meal and a per-day maximum for every food, by food class.

A food's class is the first row of :data:`PORTION_RULES` whose meal group (see
:func:`norepi.planning.candidates.meal_group_of`) and description words match. The limits are usual
household portions, not nutrition rules: nobody eats 8 1/2 cups of raw spinach or half a cup of peanut
butter at one meal. Per class:

==============================  ==========  =========  ===========================================
class                           per meal    per day    also
==============================  ==========  =========  ===========================================
leafy greens, raw               100 g       150 g      <= 2 cups a meal (USDA cup weight)
leafy greens, cooked            200 g       200 g      <= 1 cup a meal
starchy vegetables              250 g       300 g      <= 1 1/2 cups, 1 item (potato, ear of corn)
other vegetables                200 g       300 g      <= 1 1/2 cups a meal
juice                           250 g       250 g      1 cup
dried fruit                     40 g        60 g
avocado                         100 g       100 g
fruit                           250 g       400 g      <= 2 items (2 medium apples)
nut and seed butters            32 g        48 g       2 tbsp a meal, 3 a day
nuts, seeds, peanuts            40 g        60 g
oils                            27 g        41 g       2 tbsp a meal, 3 tbsp a day
butter, margarine, dressings    30 g        45 g
bacon                           30 g        30 g
cold cuts, sausages             100 g       100 g
meat, poultry, fish             200 g       250 g      7 oz a meal
eggs                            150 g       150 g      3 large
cheese                          50 g        60 g
cottage cheese, ricotta         225 g       225 g      1 cup
yogurt                          250 g       250 g
cream                           30 g        30 g
milk, soymilk, plant milks      370 g       500 g      1 1/2 cups a meal
tofu                            200 g       200 g
hummus                          125 g       125 g      1/2 cup
beans, lentils, peas (cooked)   300 g       300 g      <= 1 1/2 cups a meal
breakfast cereals, dry          60 g        60 g       (oats, dry: 80 g)
hot cereals, cooked             350 g       350 g      1 1/2 cups
grains, pasta, rice (cooked)    250 g       300 g      about 1 1/2 cups
bread, rolls, bagels, tortillas 120 g       150 g      <= 3 items (slices, rolls)
pancakes, waffles               150 g       150 g      <= 3 items
crackers                        40 g        60 g
cakes, cookies, pies, pastries  80 g        80 g       <= 3 items
desserts (ice cream, pudding)   150 g       150 g      about 1 cup
sweets (chocolate, candy)       40 g        40 g
snacks (chips, popcorn, bars)   40 g        60 g
soups                           500 g       500 g      2 cups
other drinks                    370 g       500 g
anything else                   200 g       300 g
==============================  ==========  =========  ===========================================

A food is planned in at most one meal a day, so its daily amount is its one meal's amount: the planner
bounds each food's steps by the smaller of the two limits (and by the cups and items columns).

:data:`DAY_TOTALS` also caps some classes together per day: meat, poultry, fish and cold cuts 300 g; nuts,
seeds and nut butters 60 g; oils and spreads 45 g; cheese 60 g; sweets, desserts and cakes 150 g; snacks
60 g; bread, crackers, pancakes 200 g; juice and other drinks 500 g; cooked grains, pasta, rice 400 g; beans,
lentils, peas and hummus 500 g.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from norepi.foods import groups as g
from norepi.nutrition.diet import has_word
from norepi.planning.dishes import is_soup_or_stew


@dataclass(frozen=True)
class PortionLimit:
    """Most of one food: ``meal_g`` grams in a meal, ``day_g`` in a day; optionally at most ``cups`` cups
    (USDA's cup weight of the food) and ``items`` whole items (slices, eggs...) in a meal."""

    name: str
    meal_g: float
    day_g: float
    cups: float | None = None
    items: int | None = None

    @property
    def grams(self) -> float:
        """The grams one meal may hold (the smaller of the two gram limits)."""
        return min(self.meal_g, self.day_g)


MEAT = frozenset({g.POULTRY, g.PORK, g.BEEF, g.FISH, g.LAMB})
LEAFY = ("lettuce", "spinach", "arugula", "kale", "cress", "watercress", "endive", "escarole", "radicchio",
         "chard", "collards", "greens", "mustard greens", "turnip greens", "beet greens")
STARCHY = ("potato", "potatoes", "sweet potato", "sweet potatoes", "corn", "peas", "lima", "yam", "plantains",
           "succotash", "squash, winter")
NUT_BUTTERS = ("peanut butter", "almond butter", "cashew butter", "sesame butter", "tahini", "sunflower seed butter",
               "nut butter", "peanut spread")
DRIED_FRUIT = ("dried", "raisins", "dates", "prunes", "dehydrated")
MILKS = ("milk", "soymilk", "almond milk", "rice milk", "buttermilk", "kefir")
BREADS = ("bread", "rolls", "roll", "bagels", "bagel", "english muffins", "english muffin", "tortillas", "pita",
          "biscuits", "croissants", "muffins", "muffin", "buns")
DESSERTS = ("ice cream", "ice creams", "pudding", "puddings", "frozen yogurt", "frozen yogurts", "sherbet",
            "frozen novelties")

# (class, meal groups or None for any, words (any must appear) or (), limit); the first match wins.
PORTION_RULES: tuple[tuple[frozenset[str] | None, tuple[str, ...], tuple[str, ...], PortionLimit], ...] = (
    (frozenset({g.VEGETABLES}), LEAFY, ("raw",), PortionLimit("leafy greens, raw", 100, 150, cups=2)),
    (frozenset({g.VEGETABLES}), LEAFY, (), PortionLimit("leafy greens, cooked", 200, 200, cups=1)),
    (frozenset({g.VEGETABLES}), STARCHY, (), PortionLimit("starchy vegetables", 250, 300, cups=1.5, items=1)),
    (frozenset({g.VEGETABLES}), (), (), PortionLimit("other vegetables", 200, 300, cups=1.5)),
    (None, ("juice",), (), PortionLimit("juice", 250, 250, cups=1)),
    (frozenset({g.FRUIT}), DRIED_FRUIT, (), PortionLimit("dried fruit", 40, 60)),
    (frozenset({g.FRUIT}), ("avocados", "avocado"), (), PortionLimit("avocado", 100, 100)),
    (frozenset({g.FRUIT}), (), (), PortionLimit("fruit", 250, 400, items=2)),
    (None, NUT_BUTTERS, (), PortionLimit("nut and seed butters", 32, 48)),
    (frozenset({g.NUTS}), (), (), PortionLimit("nuts, seeds, peanuts", 40, 60)),
    (frozenset({g.FATS}), ("oil",), (), PortionLimit("oils", 27, 41)),
    (frozenset({g.FATS}), (), (), PortionLimit("butter, margarine, dressings", 30, 45)),
    (None, ("bacon",), (), PortionLimit("bacon", 30, 30)),
    (frozenset({g.SAUSAGES}), (), (), PortionLimit("cold cuts, sausages", 100, 100)),
    (MEAT, (), (), PortionLimit("meat, poultry, fish", 200, 250)),
    (frozenset({g.DAIRY_EGG}), ("egg", "eggs"), (), PortionLimit("eggs", 150, 150, items=3)),
    (frozenset({g.DAIRY_EGG}), ("cottage", "ricotta"), (), PortionLimit("cottage cheese, ricotta", 225, 225)),
    (frozenset({g.DAIRY_EGG}), ("cheese",), (), PortionLimit("cheese", 50, 60)),
    (frozenset({g.DAIRY_EGG}), ("yogurt",), (), PortionLimit("yogurt", 250, 250)),
    (frozenset({g.DAIRY_EGG}), ("cream",), (), PortionLimit("cream", 30, 30)),
    (frozenset({g.DAIRY_EGG, g.LEGUMES, g.DRINKS}), MILKS, (), PortionLimit("milk, soymilk, plant milks", 370, 500,
                                                                            cups=1.5)),
    (frozenset({g.LEGUMES}), ("tofu",), (), PortionLimit("tofu", 200, 200)),
    (frozenset({g.LEGUMES}), ("hummus",), (), PortionLimit("hummus", 125, 125)),
    (frozenset({g.LEGUMES}), (), (), PortionLimit("beans, lentils, peas (cooked)", 300, 300, cups=1.5)),
    (frozenset({g.CEREALS}), ("cooked", "prepared with water", "prepared with milk"), (),
     PortionLimit("hot cereals, cooked", 350, 350, cups=1.5)),
    (frozenset({g.CEREALS, g.GRAINS}), ("oats",), (), PortionLimit("oats, dry", 80, 80)),
    (frozenset({g.CEREALS}), (), (), PortionLimit("breakfast cereals, dry", 60, 60)),
    (frozenset({g.GRAINS}), (), (), PortionLimit("grains, pasta, rice (cooked)", 250, 300)),
    (frozenset({g.BAKED}), ("pancakes", "pancake", "waffles", "waffle"), (),
     PortionLimit("pancakes, waffles", 150, 150, items=3)),
    (frozenset({g.BAKED}), BREADS, (), PortionLimit("bread, rolls, bagels, tortillas", 120, 150, items=3)),
    (frozenset({g.BAKED}), ("crackers", "crackers,"), (), PortionLimit("crackers", 40, 60)),
    (frozenset({g.BAKED}), (), (), PortionLimit("cakes, cookies, pies, pastries", 80, 80, items=3)),
    (None, DESSERTS, (), PortionLimit("desserts (ice cream, pudding)", 150, 150)),
    (frozenset({g.SWEETS}), (), (), PortionLimit("sweets (chocolate, candy)", 40, 40)),
    (frozenset({g.SNACKS}), (), (), PortionLimit("snacks (chips, popcorn, bars)", 40, 60)),
    (frozenset({g.SOUPS}), (), (), PortionLimit("soups", 500, 500, cups=2)),
    (frozenset({g.DRINKS}), (), (), PortionLimit("other drinks", 370, 500)),
)
DEFAULT_LIMIT = PortionLimit("anything else", 200, 300)

# One food of each *dish* a meal: classes that take the same place on the plate count as one dish (not dry
# grits beside porridge, not butter and oil), and so do legumes USDA files as vegetables (lima beans, edamame)
# and beans.
DISH_OF_CLASS: dict[str, str] = {
    "hot cereals, cooked": "cereal", "oats, dry": "cereal", "breakfast cereals, dry": "cereal",
    "beans, lentils, peas (cooked)": "beans", "hummus": "beans",
    "oils": "fat", "butter, margarine, dressings": "fat", "cream": "fat",
}
LEGUME_VEGETABLES = ("lima beans", "edamame", "cowpeas", "soybeans", "pigeonpeas", "mung beans", "yardlong beans",
                     "broadbeans", "fava beans")

# Most grams a day of all foods of these classes together (one food of a class already has its own limit):
# not 200 g of steak at lunch and 200 g of brisket at dinner.
DAY_TOTALS: tuple[tuple[str, frozenset[str], float], ...] = (
    ("meat, poultry, fish, cold cuts", frozenset({"meat, poultry, fish", "cold cuts, sausages", "bacon"}), 300.0),
    ("nuts, seeds and their butters", frozenset({"nuts, seeds, peanuts", "nut and seed butters"}), 60.0),
    ("oils and spreads", frozenset({"oils", "butter, margarine, dressings"}), 45.0),
    ("cheese", frozenset({"cheese"}), 60.0),
    ("sweets and desserts", frozenset({"sweets (chocolate, candy)", "desserts (ice cream, pudding)",
                                       "cakes, cookies, pies, pastries"}), 150.0),
    ("snacks", frozenset({"snacks (chips, popcorn, bars)"}), 60.0),
    ("bread and crackers", frozenset({"bread, rolls, bagels, tortillas", "crackers", "pancakes, waffles"}), 200.0),
    ("juice and drinks", frozenset({"juice", "other drinks"}), 500.0),
    ("grains, pasta, rice", frozenset({"grains, pasta, rice (cooked)"}), 400.0),
    ("beans, lentils, peas", frozenset({"beans, lentils, peas (cooked)", "hummus"}), 500.0),
)


def _has(text: str, words: Iterable[str]) -> bool:
    return has_word(text, words) is not None


def portion_limit(description: str, meal_group: str) -> PortionLimit:
    """The portion class of a food (description and meal group); see the module table."""
    text = description.lower()
    for groups, words, also, limit in PORTION_RULES:
        if groups is not None and meal_group not in groups:
            continue
        if words and not _has(text, words):
            continue
        if also and not _has(text, also):
            continue
        return limit
    return DEFAULT_LIMIT


SOUP_OR_STEW = "soup or stew"


def dishes_of(description: str, meal_group: str, limit: PortionLimit) -> frozenset[str]:
    """The dishes a food fills in a meal (a meal holds one food of each): its portion class, except that
    cereals are one dish, fats are one, and beans, hummus and the legume vegetables are one
    (:data:`DISH_OF_CLASS`, :data:`LEGUME_VEGETABLES`); a soup, stew or chili also fills the meal's one
    "soup or stew" (:func:`norepi.planning.dishes.is_soup_or_stew`: chili with beans is beans and a stew)."""
    if meal_group == g.VEGETABLES and _has(description.lower(), LEGUME_VEGETABLES):
        dish = "beans"
    else:
        dish = DISH_OF_CLASS.get(limit.name, limit.name)
    if is_soup_or_stew(description, meal_group):
        return frozenset({dish, SOUP_OR_STEW})
    return frozenset({dish})
