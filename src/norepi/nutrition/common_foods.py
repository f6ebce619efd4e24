"""Common foods: which USDA foods most people buy and recognise (used by the planner and by the foods that close
a gap, so both suggest spinach and lentils, not jute and goose).

* In the groups of :data:`COMMON_WORDS` (vegetables, fruit, nuts, poultry, fish, legumes, cold cuts, fats,
  cereals, sweets, snacks, drinks) a food is common only if the first two parts of its description name a food
  of that list: chicken and turkey, not goose or quail; spinach, not jute.
* In every group a word of :data:`UNCOMMON_WORDS` marks an odd food (industrial fats, headcheese, dough...).
* Raw vegetables only of :data:`RAW_OK_VEGETABLES`; no dried or pickled vegetables.
"""

from __future__ import annotations

import re

from norepi.foods import groups as g
from norepi.nutrition.diet import has_word as _has_word

# Common foods: in these groups a food is kept only if its kind (the first two comma-separated parts of the
# description) holds one of the words: foods most people buy and recognise. Everything else in the group
# (jute, goose, pokeberry shoots, cisco, ...) is left out.
COMMON_WORDS: dict[str, tuple[str, ...]] = {
    g.VEGETABLES: ("artichokes", "arugula", "asparagus", "snap", "green beans", "beets", "broccoli", "brussels",
                   "cabbage", "carrots", "cauliflower", "celery", "chard", "collards", "corn", "cucumber",
                   "eggplant", "kale", "leeks", "lettuce", "mushrooms", "okra", "onions", "peas", "peas and carrots",
                   "peppers", "potatoes", "potato", "pumpkin", "radishes", "spinach", "squash", "sweet potato",
                   "sweet potatoes", "tomatoes", "zucchini", "edamame", "lima beans", "parsnips", "vegetables",
                   "mixed vegetables", "cowpeas"),
    g.FRUIT: ("apples", "apple juice", "applesauce", "apricots", "avocados", "bananas", "blackberries",
              "blueberries", "cherries", "dates", "figs", "fruit cocktail", "fruit salad", "grapefruit",
              "grapefruit juice", "grapes", "grape juice", "kiwifruit", "kiwi", "mangos", "mango", "melons",
              "nectarines", "oranges", "orange juice", "peaches", "pears", "pineapple", "pineapple juice",
              "plums", "prunes", "raisins", "raspberries", "strawberries", "tangerines", "watermelon"),
    g.NUTS: ("almonds", "almond butter", "walnuts", "cashew", "pistachio", "pecans", "macadamia", "hazelnuts",
             "mixed nuts", "sunflower seed", "pumpkin and squash seed", "chia", "flaxseed", "sesame butter",
             "tahini"),
    g.POULTRY: ("chicken", "turkey"),
    g.FISH: ("salmon", "tuna", "cod", "tilapia", "shrimp", "crab", "pollock", "haddock", "flatfish", "catfish",
             "trout", "sardine", "mackerel", "scallop", "fish sticks", "halibut"),
    g.LEGUMES: ("beans", "chickpeas", "lentils", "hummus", "peanut butter", "peanuts", "tofu", "soymilk",
                "refried beans", "peas", "lima beans", "cowpeas", "chili with beans", "edamame"),
    g.SAUSAGES: ("ham", "turkey breast", "chicken breast", "roast beef", "frankfurter", "salami", "pepperoni",
                 "pastrami", "bacon", "kielbasa", "bratwurst", "sausage", "bologna", "chorizo", "turkey ham"),
    g.FATS: ("oil, olive", "oil, canola", "oil, corn", "oil, peanut", "oil, sunflower", "oil, soybean",
             "oil, sesame", "oil, safflower", "butter", "margarine", "margarine-like", "mayonnaise",
             "salad dressing", "vegetable oil-butter spread"),
    g.CEREALS: ("oats", "corn grits", "granola", "farina", "whole wheat hot natural cereal", "wheat and bran",
                "cereals ready-to-eat"),
    g.SWEETS: ("milk chocolate", "semisweet chocolate", "dark chocolate", "ice creams", "frozen yogurts",
               "puddings", "sherbet"),
    g.SNACKS: ("popcorn", "potato chips", "tortilla chips", "pretzels", "pretzel", "granola bar", "granola bars",
               "breakfast bars", "rice cakes", "rice cake", "trail mix"),
    g.DRINKS: ("almond milk", "orange juice", "rice milk", "soymilk", "coconut milk"),
}
# Words that mark an uncommon or odd food in any group.
UNCOMMON_WORDS = ("industrial", "tallow", "lard", "drippings", "shortening", "animal fat", "human", "limburger",
                  "port de salut", "dessert topping", "whipped topping", "cheese food", "cheese product",
                  "cheese spread", "cheese sauce", "sour dressing", "butter oil", "dulce de leche", "eggnog",
                  "milk dessert", "cream, fluid", "half and half", "evaporated", "condensed", "headcheese",
                  "scrapple", "blood sausage", "olive loaf", "pimiento loaf", "peppered loaf", "thuringer",
                  "mortadella", "lebanon", "dutch brand", "knackwurst", "cheesefurter", "sandwich spread",
                  "salad spread", "luncheon", "feet", "skin only", "back", "marshmallows", "millet", "wheat germ",
                  "chocolate-flavored", "crumbs", "croutons", "dough", "stuffing", "cones", "phyllo",
                  "puff pastry", "pie crust", "cracker meal", "cream puff", "taco shells", "buckwheat", "ramen",
                  "wonton", "wasabi", "dried beef", "low sodium", "reduced sodium", "low salt", "sugarless",
                  "loaf", "coffee beans", "game", "cornish",
                  "hot chili", "hot chile", "jalapeno", "serrano", "habanero",  # seasonings, not a cup of vegetable
                  # game and exotic animals, wild plants: few people would take them as a plan or as advice
                  "game meat", "snail", "snails", "goose", "duck", "emu", "ostrich", "squab", "dove", "turtle",
                  "frog", "beaver", "muskrat", "opossum", "raccoon", "bear", "seal", "whale", "caribou", "moose",
                  "elk", "grouse", "pheasant", "quail", "morel", "morels", "chrysanthemum", "conch")
# Vegetables people eat raw; any other vegetable is planned cooked (no raw lima beans or potatoes).
RAW_OK_VEGETABLES = ("lettuce", "spinach", "arugula", "kale", "cabbage", "carrots", "celery", "cucumber",
                     "peppers", "tomatoes", "radishes", "mushrooms", "broccoli", "cauliflower", "onions", "snap")


def head(description: str) -> str:
    """The first two comma-separated parts of a description, lower case, without parentheses."""
    parts = [p.strip() for p in re.sub(r"\([^)]*\)", " ", description.lower()).split(",")]
    return ", ".join(parts[:2])


def uncommon_reason(description: str, group_code: str) -> str | None:
    """Why a food is not one most people eat (None: common), by :data:`COMMON_WORDS`, :data:`UNCOMMON_WORDS`
    and :data:`RAW_OK_VEGETABLES`."""
    text = description.lower()
    common = COMMON_WORDS.get(group_code)
    if common is not None and not _has_word(head(description), common):
        return "not a common food of its group"
    word = _has_word(text, UNCOMMON_WORDS)
    if word:
        return f"uncommon: {word!r}"
    if group_code == g.VEGETABLES and _has_word(text, ("dried", "sun-dried", "hot chile", "pickled")):
        return "dried or pickled vegetable"
    if group_code == g.VEGETABLES and _has_word(text, ("raw",)) and not _has_word(head(description),
                                                                                   RAW_OK_VEGETABLES):
        return "raw vegetable usually eaten cooked"
    return None
