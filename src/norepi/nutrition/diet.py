"""Diet and allergen filters over USDA foods, by food group and description words.

USDA SR has no ingredient lists, so membership is decided from the food group and whole words in the
long description; each rule below is a list a reader can check. Plant "milks" and "butters" are kept
apart from dairy ("soymilk", "almond milk", "peanut butter"). A dish made of several foods is also checked
against what its usual recipe holds beyond the words of its description (:data:`USUAL_CONTENTS`: hot and sour
soup is made with egg and pork, chili with beans with beef, muffins with egg, milk and butter).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from norepi.foods import groups as g

MEAT_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.LAMB})  # lamb: lamb, veal and game
FISH_GROUP = g.FISH
DAIRY_EGG_GROUP = g.DAIRY_EGG

MEAT_WORDS = (
    "beef",
    "pork",
    "chicken",
    "turkey",
    "lamb",
    "veal",
    "ham",
    "bacon",
    "sausage",
    "sausages",
    "meat",
    "meats",
    "poultry",
    "duck",
    "goose",
    "venison",
    "bison",
    "gelatin",
    "gelatins",
    "lard",
    "pepperoni",
    "salami",
    "bologna",
    "frankfurter",
    "frankfurters",
    "franks",
    "liver",
    "tallow",
    "suet",
    "chorizo",
    "prosciutto",
    "giblets",
    "meatballs",
    "hamburger",
    "cheeseburger",
    "hot dog",
    "elk",
    "rabbit",
    "mutton",
    "goat",
    "quail",
    "pheasant",
    "emu",
    "ostrich",
    "boar",
    "caribou",
    "moose",
    "squab",
    "pate",
    "braunschweiger",
)
SHELLFISH_WORDS = (
    "shrimp",
    "crab",
    "lobster",
    "clam",
    "clams",
    "oyster",
    "oysters",
    "mussel",
    "mussels",
    "scallop",
    "scallops",
    "squid",
    "octopus",
    "crayfish",
    "crustaceans",
    "mollusks",
    "prawn",
    "prawns",
    "whelk",
    "abalone",
    "conch",
    "cuttlefish",
    "snail",
)
FISH_WORDS = (
    "fish",
    "salmon",
    "tuna",
    "cod",
    "anchovy",
    "anchovies",
    "sardine",
    "sardines",
    "trout",
    "herring",
    "mackerel",
    "halibut",
    "tilapia",
    "catfish",
    "pollock",
    "haddock",
    "roe",
    "caviar",
    "surimi",
    "bass",
    "perch",
    "pike",
    "carp",
    "sole",
    "flounder",
    "snapper",
    "swordfish",
    "whitefish",
    "eel",
    "worcestershire",
)
PLANT_MILK = r"(?:soy|almond|rice|oat|coconut|cashew|hemp)\s*"
DAIRY_WORDS = (
    "cheese",
    "cheeses",
    "yogurt",
    "cream",
    "whey",
    "casein",
    "lactose",
    "ghee",
    "kefir",
    "custard",
    "buttermilk",
    "half and half",
    "ice cream",
    "ice creams",
    "milkshake",
    "curd",
    "pudding",
    "eggnog",
    "nougat",
)
EGG_WORDS = ("egg", "eggs", "eggnog", "mayonnaise", "meringue", "custard", "french toast", "omelet", "quiche")
TREE_NUT_WORDS = (
    "almond",
    "almonds",
    "walnut",
    "walnuts",
    "cashew",
    "cashews",
    "pecan",
    "pecans",
    "pistachio",
    "pistachios",
    "hazelnut",
    "hazelnuts",
    "filberts",
    "macadamia",
    "brazilnuts",
    "brazil nuts",
    "pine nuts",
    "pinyon",
    "chestnuts",
    "coconut",
    "praline",
    "marzipan",
    "nutella",
    "nuts",
)
PEANUT_WORDS = ("peanut", "peanuts")
WHEAT_WORDS = (
    "wheat",
    "bread",
    "breads",
    "pasta",
    "spaghetti",
    "macaroni",
    "noodles",
    "flour",
    "semolina",
    "durum",
    "spelt",
    "bulgur",
    "couscous",
    "barley",
    "rye",
    "malt",
    "malted",
    "crackers",
    "bagel",
    "bagels",
    "muffin",
    "muffins",
    "croissant",
    "croissants",
    "pizza",
    "cookie",
    "cookies",
    "cake",
    "cakes",
    "biscuit",
    "biscuits",
    "pretzels",
    "seitan",
    "gluten",
    "bran",
    "triticale",
    "farina",
    "breaded",
    "batter",
    "pie",
    "pies",
    "doughnuts",
    "waffle",
    "waffles",
    "pancake",
    "pancakes",
    "roll",
    "rolls",
    "bun",
    "buns",
)
NOT_WHEAT = (
    "rice flour",
    "corn flour",
    "soy flour",
    "rice noodles",
    "buckwheat",
    "gluten-free",
    "potato flour",
    "rice bran",
    "oat bran",
    "corn bran",
    "chickpea flour",
    "almond flour",
    "coconut flour",
)
SOY_WORDS = (
    "soy",
    "soybean",
    "soybeans",
    "soymilk",
    "tofu",
    "tempeh",
    "miso",
    "edamame",
    "natto",
    "okara",
    "textured vegetable protein",
)
SESAME_WORDS = ("sesame", "tahini", "hummus", "halvah")
HONEY_WORDS = ("honey",)
# What dishes usually hold beyond the words of their description: (words, any of which names the dish; the
# ingredients of its usual recipe, in words the rules above read). A judgement from common recipes, kept short;
# the planner leaves out mixed dishes missing here for any diet or allergen (norepi.planning.dishes).
USUAL_CONTENTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("hot and sour",), "egg, pork, chicken broth, tofu, soy sauce (wheat)"),
    (("egg drop",), "egg, chicken broth"),
    (("wonton", "won ton"), "pork, shrimp, wheat, egg"),
    (("clam chowder",), "clams, pork (bacon or salt pork), milk, wheat (flour)"),
    (("chili with beans", "chili con carne", "chili beef"), "beef"),
    (("vegetarian vegetable",), "vegetables, pasta (wheat)"),
    (("split pea", "pea, split"), "pork (ham)"),
    (("soup, cream of",), "milk, cream, wheat (flour)"),
    (("traditional style",), "lard"),  # refried beans, traditional style
    (("granola", "granola bar", "granola bars"), "honey"),
    (("muffin", "muffins", "cake", "cakes", "cookie", "cookies", "pancake", "pancakes", "waffle", "waffles",
      "biscuit", "biscuits", "danish pastry", "pastry", "pastries", "pie", "pies", "doughnut", "doughnuts",
      "croissant", "croissants", "brownie", "brownies", "cheesecake", "french toast", "sweet rolls",
      "toaster pastries"), "egg, milk, butter"),
    (("sherbet",), "milk"),
    (("frozen yogurt", "frozen yogurts"), "milk (yogurt)"),
    (("milk chocolate", "sweet chocolate", "white chocolate"), "milk"),
)


@functools.lru_cache(maxsize=4096)
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")


def has_word(text: str, words: Iterable[str]) -> str | None:
    """The first of ``words`` found in the lower-case ``text`` as a whole word or phrase, or None."""
    for word in words:
        if word in text and _word_re(word).search(text):
            return word
    return None


_has = has_word


def _dairy(text: str, group: str) -> str | None:
    stripped = re.sub(PLANT_MILK + r"milk", " ", text)
    stripped = re.sub(r"(?:peanut|almond|cashew|apple|cocoa|nut|seed|sesame|sunflower)\s*butter", " ", stripped)
    stripped = re.sub(r"(?:soy|tofu|coconut)\s*(?:yogurt|cheese|cream)", " ", stripped)
    for phrase in ("cream of tartar", "cream of wheat", "cream of rice", "butternut", "butterbur"):
        stripped = stripped.replace(phrase, " ")
    word = _has(stripped, ("milk", "butter", *DAIRY_WORDS))
    if word:
        return word
    if group == DAIRY_EGG_GROUP and not _has(text, EGG_WORDS):
        return "dairy group"
    return None


def _egg(text: str, group: str) -> str | None:
    return _has(text.replace("eggplant", " "), EGG_WORDS)


def _fish(text: str, group: str) -> str | None:
    if group == FISH_GROUP and not _has(text, SHELLFISH_WORDS):
        return "fish group"
    return _has(text.replace("fish sauce", "fish"), FISH_WORDS)


def _shellfish(text: str, group: str) -> str | None:
    return _has(text, SHELLFISH_WORDS)


def _meat(text: str, group: str) -> str | None:
    if group in MEAT_GROUPS:
        return "meat group"
    cleaned = re.sub(r"(?:meatless|meat substitute|imitation meat|vegetarian|veggie|coconut meat|nut meat)", " ", text)
    return _has(cleaned, MEAT_WORDS)


def _wheat(text: str, group: str) -> str | None:
    cleaned = text
    for phrase in NOT_WHEAT:
        cleaned = cleaned.replace(phrase, " ")
    return _has(cleaned, WHEAT_WORDS)


ALLERGEN_RULES = {
    "milk": _dairy,
    "egg": _egg,
    "fish": _fish,
    "shellfish": _shellfish,
    "tree_nuts": lambda t, g: (
        None
        if "nutmeg" in t and not _has(t.replace("nutmeg", ""), TREE_NUT_WORDS)
        else _has(t.replace("nutmeg", " ").replace("peanut", " "), TREE_NUT_WORDS)
    ),
    "peanuts": lambda t, g: _has(t, PEANUT_WORDS),
    "wheat": _wheat,
    "soy": lambda t, g: _has(t, SOY_WORDS),
    "sesame": lambda t, g: _has(t, SESAME_WORDS),
}


NOT_DISHES = ("rice cakes", "rice cake", "cakes, rice", "fish cake", "fish cakes")  # not baked with egg and milk


def usual_contents(description: str) -> str | None:
    """What the usual recipe of a dish holds beyond its description (:data:`USUAL_CONTENTS`), or None."""
    text = description.lower()
    for phrase in NOT_DISHES:
        text = text.replace(phrase, " ")
    found = [contents for words, contents in USUAL_CONTENTS if _has(text, words)]
    return "; ".join(found) if found else None


def excluded_by(
    description: str, group_code: str, diet: str = "omnivore", exclusions: Iterable[str] = ()
) -> str | None:
    """Why a food is not allowed for ``diet`` and allergen ``exclusions`` ("vegan: cheese"), or None if allowed;
    a dish is also read with what its usual recipe holds ("vegan: egg (usually in it: egg, pork, ...)")."""
    exclusions = tuple(exclusions)
    reason = _excluded(description.lower(), group_code, diet, exclusions)
    if reason is None and (diet != "omnivore" or exclusions):
        contents = usual_contents(description)
        if contents is not None:
            reason = _excluded(contents.lower(), "", diet, exclusions)
            if reason is not None:
                reason = f"{reason} (usually in it: {contents})"
    return reason


def _excluded(text: str, group_code: str, diet: str, exclusions: tuple[str, ...]) -> str | None:
    if diet in ("pescatarian", "vegetarian", "vegan"):
        reason = _meat(text, group_code)
        if reason:
            return f"{diet}: {reason}"
    if diet in ("vegetarian", "vegan"):
        reason = _fish(text, group_code) or _shellfish(text, group_code)
        if reason:
            return f"{diet}: {reason}"
    if diet == "vegan":
        reason = _dairy(text, group_code) or _egg(text, group_code) or _has(text, HONEY_WORDS)
        if reason:
            return f"vegan: {reason}"
    for allergen in exclusions:
        reason = ALLERGEN_RULES[allergen](text, group_code)
        if reason:
            return f"excluded {allergen}: {reason}"
    return None
