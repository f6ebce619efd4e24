"""Candidate foods for the planner: which foods of the food list (``CatalogueFood`` values) a plan may use, and
in what steps; :func:`norepi.planning.pool.select_candidates` cuts them to a few dozen for a person.

Rules (each a list a reader can check):

* only foods USDA flags as commonly eaten (``food.survey``), plus the person's own usual foods and pins;
* foods in the form they are eaten (:mod:`.forms`): never raw meat, fish or eggs, dry legumes, uncooked grains or
  dry hot cereals; a usual or pinned food in such a form (a logged "egg" is USDA's raw egg, "oats" the groats)
  is planned as the cooked food of its raw/cooked pair (hard-boiled egg, oatmeal), or left out (a pin: an error)
  when the food list has none;
* never baby foods, spices, fast food, restaurant or mixed meals, Native American foods; never powders,
  formulas, supplements, dry mixes, alcohol, organ meats, or branded items (unless the person eats them);
* common foods only (:mod:`norepi.nutrition.common_foods`): in the groups of ``COMMON_WORDS`` (vegetables, fruit,
  nuts, poultry, fish, legumes, cold cuts, fats, cereals, sweets, snacks, drinks) the description's first
  two parts must name a food on that list (chicken and turkey, not goose or quail; spinach, not jute); no
  food with a word of ``UNCOMMON_WORDS`` (industrial fats, headcheese, game hens, dough, ...); raw
  vegetables only of ``RAW_OK_VEGETABLES``; no dried or pickled vegetables;
* a household portion: USDA gives at least one, and the planner's step is a whole item, tablespoons, cups
  or ounces (never "10 g" steps);
* energy known and above 0 kcal per 100 g;
* diet and allergen exclusions (:func:`norepi.nutrition.diet.excluded_by`, which also reads a dish by what it
  usually contains) and dislikes always apply, plus: mixed dishes of unknown contents are left out of any diet
  or exclusion (:mod:`.dishes`); "franks" are meat; ice cream, pudding, milk chocolate are dairy (vegan, no
  milk); without wheat, breads, cakes, snacks and cereals must name another grain (:data:`WHEAT_FREE_WORDS`);
* one food per "kind" (the first words of the description: one kind of cornmeal, not five);
* then, per food group, the ``per_group`` foods densest in the tracked nutrients per kcal; usual and
  pinned foods are always kept.

Each candidate carries its portion class (:mod:`norepi.planning.portions`): the most grams per meal and per
day, which bound its serving steps. Values a food list marks as estimated (``CatalogueFood.estimated``, e.g.
phenylalanine from protein) are left out: the plan's totals count measured values only, as lower bounds.

This module holds the rules for one food; :mod:`.pool` applies them to a food list (``FoodPool``, built once and
kept) and selects a person's candidates.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from norepi.errors import AmountError
from norepi.foods import groups as g
from norepi.foods.amounts import PortionOption, to_grams
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.search import tokens
from norepi.nutrition.analysis import serving_amounts
from norepi.nutrition.common_foods import uncommon_reason as common_reason
from norepi.nutrition.diet import excluded_by
from norepi.nutrition.diet import has_word as _has_word
from norepi.nutrition.nutrients import FOLIC_ACID
from norepi.nutrition.targets import Target
from norepi.planning.dishes import unknown_dish_reason
from norepi.planning.forms import needs_cooking
from norepi.planning.portions import DEFAULT_LIMIT, PortionLimit, dishes_of, portion_limit
from norepi.units import GRAMS_PER_OZ

# The nutrients the plan must bring to the RDA (energy is held in its band separately).
NUTRIENT_KEYS: tuple[str, ...] = ("protein_g", "phe_tyr_mg", "vitamin_c_mg", "copper_mg", "vitamin_b6_mg",
                                  "folate_dfe_ug", "magnesium_mg", "iron_mg")
SKIP_GROUPS = frozenset({g.SPICES, g.BABY, g.FAST_FOOD, g.MIXED_MEALS, g.NATIVE, g.RESTAURANT})
SKIP_WORDS = ("babyfood", "baby food", "infant", "formula", "supplement", "powder", "dry mix", "dehydrated",
              "freeze-dried", "concentrate", "unprepared", "alcoholic", "beer", "wine", "liqueur", "whiskey", "vodka",
              "rum", "gin", "distilled", "leavening", "yeast", "meal replacement", "shake mix", "imitation", "dietetic",
              "without salt and fat", "flour", "crude", "mix", "caviar", "neck", "chives", "parsley", "peel",
              "cilantro", "coriander", "basil", "dill", "energy drink", "olestra", "substitute", "fat free", "fat-free",
              "nonfat", "added vitamins", "liquid from")
# Sauces and condiments are not meals.
CONDIMENT_WORDS = ("sauce", "gravy", "dip", "stock", "broth", "bouillon")
MIN_KCAL_PER_100G = 15.0  # drinks, broths and sauces below this are left out (vegetables and fruit kept)
LOW_KCAL_OK = frozenset({g.VEGETABLES, g.FRUIT})  # usual foods too: coffee and tea fill no target
ORGAN_WORDS = ("liver", "kidney", "kidneys", "heart", "brain", "brains", "tongue", "giblets", "tripe", "spleen",
               "lungs", "pancreas", "thymus", "variety meats", "gizzard", "gizzards", "chitterlings")
# Organ meats are left out of the meat groups (not "Beans, kidney" or "Hearts of palm").
ORGAN_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB, g.SOUPS})
# Meat words the diet rules miss ("Beans, baked, canned, with franks"): never vegetarian or vegan.
MEAT_EXTRA_WORDS = ("franks", "wieners", "hot dog", "hot dogs")
# Dairy the diet rules miss (plural "Ice creams", puddings made with milk): never vegan or without milk.
DAIRY_EXTRA_WORDS = ("ice cream", "ice creams", "frozen yogurt", "frozen yogurts", "pudding", "puddings",
                     "sherbet", "milk chocolate", "sweet chocolate", "white chocolate", "eggnog", "cheesecake")
# Without wheat: wheat flour is the default in breads, cakes, snacks and ready-to-eat cereals (oat bran rolls,
# cornbread and oatmeal cookies hold it too), so in these groups only foods of these words are kept; the diet
# rules work from words such as "bread" and miss "Rolls, dinner".
WHEAT_FREE_WORDS: dict[str, tuple[str, ...]] = {
    g.BAKED: ("gluten-free", "corn tortillas", "tortillas, ready-to-bake or -fry, corn"),
    g.CEREALS: ("oats", "corn grits", "grits", "rice", "gluten-free"),
    g.SNACKS: ("popcorn", "potato chips", "tortilla chips", "rice cakes", "rice cake", "corn-based"),
    g.SWEETS: ("chocolate", "ice creams", "frozen yogurts", "puddings", "sherbet"),
}
# Portions counted as whole items ("2 large", "1 slice"); the first word of a USDA portion description.
COUNT_WORDS = frozenset({"large", "medium", "small", "slice", "piece", "item", "egg", "fruit", "bar", "cookie",
                         "fillet", "chop", "steak", "patty", "link", "muffin", "roll", "bagel", "tortilla",
                         "biscuit", "pancake", "waffle", "breast", "drumstick", "thigh", "stalk", "spear",
                         "container", "pita", "sausage", "frank", "cake", "pie", "banana", "apple", "orange"})
MEAT_GROUPS_OZ = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB})
STEP_GRAMS = 10.0
MIN_GRAMS = 20.0
# Broad first words: the kind of such a food is its first two comma-separated parts ("Beef, chuck").
BROAD_FIRST = frozenset({"beef", "pork", "chicken", "turkey", "lamb", "veal", "fish", "cheese", "beverages",
                         "cereals", "cereals ready-to-eat", "snacks", "soup", "sauce", "candies", "cookies",
                         "crackers", "bread", "rolls", "cake", "pie", "vegetables", "nuts", "seeds", "beans",
                         "game meat", "mollusks", "crustaceans", "oil", "squash", "peppers", "cabbage",
                         "lettuce", "babyfood", "rice", "pasta", "noodles", "cereals, oats"})


@dataclass(frozen=True)
class Serving:
    """The step the planner counts a food in: ``amount`` x ``label`` (e.g. 1 large, 1/4 cup, 10 g) = ``grams``."""

    label: str
    amount: float
    grams: float
    min_steps: int
    max_steps: int

    def text(self, steps: int) -> str:
        """Household text for ``steps`` steps, readable by the journal's amount parser ("1 1/2 cup")."""
        if self.label == "g":
            return f"{steps * self.grams:g} g"
        return f"{_fraction_text(steps * self.amount)} {self.label}"


def _fraction_text(x: float) -> str:
    frac = Fraction(x).limit_denominator(8)
    whole, rest = divmod(frac.numerator, frac.denominator)
    if rest == 0:
        return str(whole)
    part = f"{rest}/{frac.denominator}"
    return f"{whole} {part}" if whole else part


@dataclass(frozen=True)
class Candidate:
    """A food the planner may use: nutrients per 100 g in key units (known values only), its serving step,
    its daily maximum (grams), how usual it is for the person (0-1), and its price per 100 g if given."""

    food_id: str
    description: str
    group_code: str
    kind: str
    per_100g: Mapping[str, float]
    folic_acid_ug_per_100g: float
    usda_per_100g: Mapping[str, float]
    serving: Serving
    portions: tuple[PortionOption, ...] = ()
    familiarity: float = 0.0
    pinned: bool = False
    price_per_100g: float | None = None
    meal_group: str = ""  # the food group the meal rules use (see ``meal_group_of``)
    score: float = 0.0  # nutrient density rank score (see ``density_score``)
    limit: PortionLimit = DEFAULT_LIMIT  # portion class: most grams per meal and per day

    @property
    def kcal_per_100g(self) -> float:
        return self.per_100g.get("energy_kcal", 0.0)

    @functools.cached_property
    def dishes(self) -> frozenset[str]:
        """The dishes it fills in a meal (one food of each a meal): see :func:`.portions.dishes_of`."""
        return dishes_of(self.description, self.meal_group, self.limit)

    @property
    def has_amino_acids(self) -> bool:
        """True when USDA gives both phenylalanine and tyrosine (otherwise never counted towards Phe+Tyr)."""
        return "phe_tyr_mg" in self.per_100g


def kind_of(description: str) -> str:
    """The kind of a food: its first comma-separated part, or first two for broad words ("beef, chuck")."""
    parts = [p.strip().lower() for p in re.sub(r"\([^)]*\)", " ", description).split(",")]
    if parts[0] in BROAD_FIRST and len(parts) > 1:
        return ", ".join(parts[:2])
    return parts[0]


# Foods treated as another group by the meal rules: desserts in the dairy group are sweets, papad and
# chips are snacks, juices are drinks.
MEAL_GROUP_WORDS = (("ice cream", g.SWEETS), ("frozen yogurt", g.SWEETS), ("frozen yogurts", g.SWEETS),
                    ("pudding", g.SWEETS), ("eggnog", g.SWEETS), ("syrup", g.SWEETS), ("milkshake", g.SWEETS),
                    ("papad", g.SNACKS), ("peanut butter", g.NUTS), ("peanuts", g.NUTS),
                    ("soymilk", g.DRINKS),
                    ("chips", g.SNACKS), ("juice", g.DRINKS))


DAIRY_FATS = ("butter,", "butter ", "cream,", "cream ")


def meal_group_of(description: str, group_code: str) -> str:
    """The group the meal rules place a food by: its USDA group unless a word above says otherwise (sweets
    stay sweets: chocolate-coated peanuts are candy, not nuts); butter and cream count as fats."""
    if group_code == g.SWEETS:
        return group_code
    text = description.lower()
    if group_code == g.DAIRY_EGG and text.startswith(DAIRY_FATS):
        return g.FATS  # butter and cream are fats, not a meal's protein food
    for word, group in MEAL_GROUP_WORDS:
        if _has_word(text, (word,)):
            return group
    return group_code


def has_brand(description: str) -> bool:
    """USDA writes brand names in capitals ("KELLOGG'S")."""
    return any(len(w) >= 4 and w.isupper() for w in re.findall(r"[A-Za-z']+", description))


def skip_reason(food: CatalogueFood) -> str | None:
    """Why an uncommon, impractical or uncooked food is left out (None: keep); usual and pinned foods skip these
    rules (once in the form they are eaten)."""
    text = food.description.lower()
    if not food.survey:
        return "not a commonly eaten food (USDA survey flag)"
    if food.group_code in SKIP_GROUPS:
        return f"food group {food.group_code}"
    if food.branded or has_brand(food.description):
        return "branded"
    word = _has_word(text, SKIP_WORDS) or (food.group_code in ORGAN_GROUPS and _has_word(text, ORGAN_WORDS))
    if word:
        return f"word {word!r}"
    if needs_cooking(food):
        return "raw or dry (eaten cooked)"
    if food.group_code == g.SOUPS and _has_word(text, CONDIMENT_WORDS):
        return "condiment"
    if food.group_code == g.LEGUMES and _has_word(text, ("sauce",)):
        return "condiment"
    if food.group_code in (g.DAIRY_EGG, g.DRINKS) and _has_word(text, ("dry", "dried", "instant", "fortified")):
        return "dry"
    if _has_word(text, ("fast food", "fast foods")):
        return "fast food"
    return uncommon_reason(food)


def uncommon_reason(food: CatalogueFood) -> str | None:
    """Why a food is not one most people eat (None: common): :func:`norepi.nutrition.common_foods.uncommon_reason`,
    and a household portion."""
    reason = common_reason(food.description, food.group_code)
    if reason:
        return reason
    if not food.portions:
        return "no household portion"
    return None


def wheat_default(description: str, group_code: str) -> bool:
    """True for breads, cakes, snacks and cereals that do not name a grain other than wheat (see
    :data:`WHEAT_FREE_WORDS`): left out of a wheat-free plan."""
    words = WHEAT_FREE_WORDS.get(group_code)
    return words is not None and not _has_word(description.lower(), words)


def diet_reason(food: CatalogueFood, diet: str, exclusions: Sequence[str]) -> str | None:
    """Why the diet or an excluded allergen rules a food out (None: allowed): the diet module's rules (which read
    a dish by its usual contents), mixed dishes of unknown contents, and the three rules below."""
    reason = excluded_by(food.description, food.group_code, diet, exclusions)
    text = food.description.lower()
    if reason is None and diet != "omnivore" and _has_word(text, MEAT_EXTRA_WORDS):
        reason = "meat (franks)"
    if reason is None and (diet == "vegan" or "milk" in exclusions) and _has_word(text, DAIRY_EXTRA_WORDS):
        reason = "dairy (ice cream, pudding, milk chocolate)"
    if reason is None and "wheat" in exclusions and wheat_default(food.description, food.group_code):
        reason = "wheat (a bread, cake, snack or cereal not named for another grain)"
    if reason is None:
        reason = unknown_dish_reason(food.description, food.group_code, diet, exclusions)
    return reason


def disliked(description: str, food_id: str, dislikes: Sequence[str]) -> str | None:
    """The dislike (a food id or words, matched as whole words) that rules a food out, or None."""
    text = description.lower()
    for item in dislikes:
        item_l = item.strip().lower()
        if not item_l:
            continue
        if item_l.isdigit():
            if item_l.zfill(5) == food_id:
                return item
        elif all(_has_word(text, (w,)) for w in item_l.split()):
            return item
    return None


def choose_serving(food: CatalogueFood, max_grams: float, max_items: int | None = None) -> Serving:
    """The counting step: a whole item (large, slice...) if USDA has one of 15-300 g (at most ``max_items``
    of them), tablespoons for fats, quarter/half cups for other non-meat foods, ounces for meat and fish,
    else 10 g steps of at least a quarter of ``max_grams``; never more than ``max_grams``."""
    def make(label: str, amount: float, grams: float, min_grams: float, items: int | None = None) -> Serving:
        max_steps = max(1, math.floor(max_grams / grams + 1e-9))
        if items is not None:
            max_steps = min(max_steps, items)
        min_steps = min(max_steps, max(1, math.ceil(min_grams / grams - 1e-9)))
        return Serving(label, amount, grams, min_steps, max_steps)

    for p in food.portions:
        words = tokens(re.sub(r"\([^)]*\)", " ", p.description))
        if (words and words[0] in COUNT_WORDS and 15.0 <= p.grams <= 300.0 and p.amount == 1.0
                and "yield" not in p.description and p.grams <= max_grams and _reads_back(p, food)):
            return make(p.description, 1.0, p.grams, 0.0, max_items)
    for p in food.portions:
        desc = p.description.lower()
        if food.group_code == g.FATS and (desc in ("tbsp", "tablespoon") or desc.startswith(("tbsp", "tablespoon"))):
            return make(p.description, p.amount, p.grams, 0.0)
    if food.group_code not in MEAT_GROUPS_OZ:
        cup = cup_grams(food.portions)
        if cup is not None:
            label = next(p.description for p in food.portions if _is_cup(p))
            for frac in (0.25, 0.5, 1.0):
                if STEP_GRAMS <= cup * frac <= max_grams:
                    return make(label, frac, cup * frac, MIN_GRAMS)
    else:  # ounces are a unit of mass: the journal reads "4 oz" of any food
        return make("oz", 1.0, GRAMS_PER_OZ, 2 * GRAMS_PER_OZ)
    # no household step (the person's usual foods only): at least a quarter of the most a meal may hold
    return make("g", STEP_GRAMS, STEP_GRAMS, max(MIN_GRAMS, 0.25 * max_grams))


def _reads_back(p: PortionOption, food: CatalogueFood) -> bool:
    """True when the journal's amount parser reads "1 <portion>" back to that portion's grams (USDA's "1 slice
    (4-2/3" dia ...)" of pineapple reads as its smaller slice: a plan would have to fall back to grams)."""
    try:
        return abs(to_grams(f"1 {p.description}", food.portions, food.description) - p.grams) <= 1e-3 * p.grams
    except AmountError:
        return False


def _is_cup(p: PortionOption) -> bool:
    desc = p.description.lower()
    return desc == "cup" or desc.startswith(("cup,", "cup "))


def cup_grams(portions: Sequence[PortionOption]) -> float | None:
    """Grams of one cup of a food with these portions, if USDA gives a cup measure."""
    for p in portions:
        if _is_cup(p):
            return p.grams / p.amount
    return None


def limit_for(food: CatalogueFood) -> PortionLimit:
    """The food's portion class (:mod:`norepi.planning.portions`)."""
    return portion_limit(food.description, meal_group_of(food.description, food.group_code))


def max_grams_for(food: CatalogueFood) -> float:
    """Most grams of this food in a meal (and so in a day): its portion class's limit, and that many cups."""
    limit = limit_for(food)
    grams = limit.grams
    cup = cup_grams(food.portions)
    if limit.cups is not None and cup is not None:
        grams = min(grams, limit.cups * cup)
    return grams


def measured_per_100g(food: CatalogueFood) -> dict[str, float]:
    """The food's values per 100 g (USDA numbers and units) without those the food list marks as estimated."""
    return {k: v for k, v in food.per_100g.items() if k not in food.estimated}


def to_candidate(food: CatalogueFood, familiarity: float = 0.0, pinned: bool = False,
                 price_per_100g: float | None = None) -> Candidate:
    """A candidate from a food: key-unit values per 100 g by the day analysis' own conversion (measured values)."""
    usda = measured_per_100g(food)
    per_100g = {k: v for k, v in serving_amounts(usda, 100.0).items() if v is not None}
    limit = limit_for(food)
    return Candidate(food.food_id, food.description, food.group_code, kind_of(food.description), per_100g,
                     usda.get(FOLIC_ACID, 0.0), usda, choose_serving(food, max_grams_for(food), limit.items),
                     food.portions, familiarity, pinned, price_per_100g,
                     meal_group_of(food.description, food.group_code), limit=limit)


TYPICAL_GRAMS = 100.0


def density_score(food: Candidate, targets: Mapping[str, Target], energy_kcal: float) -> float:
    """How much a food helps: the geometric mean of (a) its amount per kcal over the day's need per kcal and
    (b) the share of a quarter of the RDA in a typical portion (about 100 g, within its limits), each the
    mean over the tracked nutrients of the ratio capped at 1."""
    kcal = food.kcal_per_100g
    if kcal <= 0:
        return 0.0
    s = food.serving
    grams = min(s.max_steps, max(s.min_steps, round(TYPICAL_GRAMS / s.grams))) * s.grams
    per_kcal = per_portion = 0.0
    for key in NUTRIENT_KEYS:
        rda = targets[key].rda
        if rda <= 0:
            continue
        value = food.per_100g.get(key, 0.0)
        per_kcal += min(1.0, value / kcal / (rda / energy_kcal))
        per_portion += min(1.0, value * grams / 100.0 / (0.25 * rda))
    return math.sqrt(per_kcal * per_portion) / len(NUTRIENT_KEYS)


