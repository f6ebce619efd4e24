"""Candidate foods for the planner: read from the journal's USDA tables, filtered, and cut to a few dozen.

Rules (each a list a reader can check):

* only foods USDA flags as commonly eaten (``food.survey``), plus the person's own usual foods and pins;
* never baby foods, spices, fast food, restaurant or mixed meals, Native American foods; never powders,
  formulas, supplements, dry mixes, alcohol, raw meat/fish/egg/dry legumes/dry grains, organ meats, or
  branded items (unless the person eats them);
* common foods only (:mod:`norepi.nutrition.common_foods`): in the groups of ``COMMON_WORDS`` (vegetables, fruit,
  nuts, poultry, fish, legumes, cold cuts, fats, cereals, sweets, snacks, drinks) the description's first
  two parts must name a food on that list (chicken and turkey, not goose or quail; spinach, not jute); no
  food with a word of ``UNCOMMON_WORDS`` (industrial fats, headcheese, game hens, dough, ...); raw
  vegetables only of ``RAW_OK_VEGETABLES``; no dried or pickled vegetables;
* a household portion: USDA gives at least one, and the planner's step is a whole item, tablespoons, cups
  or ounces (never "10 g" steps);
* energy known and above 0 kcal per 100 g;
* diet and allergen exclusions (:func:`norepi.nutrition.diet.excluded_by`) and dislikes always apply, plus
  three rules the diet module misses: "franks" are meat; ice cream, pudding, milk chocolate are dairy
  (vegan, no milk); without wheat, breads, cakes, snacks and cereals must name another grain
  (:data:`WHEAT_FREE_WORDS`);
* one food per "kind" (the first words of the description: one kind of cornmeal, not five);
* then, per food group, the ``per_group`` foods densest in the tracked nutrients per kcal; usual and
  pinned foods are always kept.

Each candidate carries its portion class (:mod:`norepi.planning.portions`): the most grams per meal and per
day, which bound its serving steps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

from sqlalchemy import or_, select

from norepi.errors import InputError
from norepi.foods.amounts import PortionOption
from norepi.foods.search import tokens
from norepi.journal.journal import Journal
from norepi.journal.models import Food, FoodNutrient, Portion
from norepi.nutrition.analysis import entry_amounts
from norepi.nutrition.common_foods import uncommon_reason as common_reason
from norepi.nutrition.diet import excluded_by
from norepi.nutrition.diet import has_word as _has_word
from norepi.nutrition.nutrients import FOLIC_ACID, USDA_NUMBERS
from norepi.nutrition.targets import Target
from norepi.planning import meals as g
from norepi.planning.portions import DEFAULT_LIMIT, PortionLimit, dish_of, portion_limit
from norepi.profile import Profile
from norepi.units import GRAMS_PER_OZ

T = TypeVar("T")

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
# Sauces and condiments are not meals; grains are planned cooked (oats excepted).
CONDIMENT_WORDS = ("sauce", "gravy", "dip", "stock", "broth", "bouillon")
# Cereals eaten cooked: their dry forms are not planned (oats are: muesli, overnight oats).
HOT_CEREAL_WORDS = ("grits", "farina", "cream of wheat", "cream of rice", "malt-o-meal", "maltex", "wheatena",
                    "hot natural cereal")
MIN_KCAL_PER_100G = 15.0  # drinks, broths and sauces below this are left out (vegetables and fruit kept)
LOW_KCAL_OK = frozenset({g.VEGETABLES, g.FRUIT})  # usual foods too: coffee and tea fill no target
ORGAN_WORDS = ("liver", "kidney", "kidneys", "heart", "brain", "brains", "tongue", "giblets", "tripe", "spleen",
               "lungs", "pancreas", "thymus", "variety meats", "gizzard", "gizzards", "chitterlings")
# Organ meats are left out of the meat groups (not "Beans, kidney" or "Hearts of palm").
ORGAN_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB, g.SOUPS})
RAW_SKIP_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB, g.LEGUMES, g.GRAINS})
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
class FoodRow:
    """A USDA food as stored: values per 100 g in USDA units (absent = unknown) and its household portions."""

    ndb_no: str
    description: str
    group_code: str
    survey: bool
    branded: bool
    usda_per_100g: Mapping[str, float]
    portions: tuple[PortionOption, ...] = ()


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

    ndb_no: str
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

    @property
    def dish(self) -> str:
        """The dish it fills in a meal (one food of each a meal): see :func:`.portions.dish_of`."""
        return dish_of(self.description, self.meal_group, self.limit)

    @property
    def has_amino_acids(self) -> bool:
        """True when USDA gives both phenylalanine and tyrosine (otherwise never counted towards Phe+Tyr)."""
        return "phe_tyr_mg" in self.per_100g


@dataclass(frozen=True)
class CandidateSet:
    """The candidates and, for the record, how many foods each rule removed."""

    foods: tuple[Candidate, ...]
    removed: Mapping[str, int] = field(default_factory=dict)


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


@functools.lru_cache(maxsize=65536)
def _diet_reason(description: str, group_code: str, diet: str, exclusions: tuple[str, ...]) -> str | None:
    return excluded_by(description, group_code, diet, exclusions)


def skip_reason(row: FoodRow, *, usual: bool = False) -> str | None:
    """Why an uncommon or impractical food is left out (None: keep); the person's usual foods skip these rules."""
    if usual:
        return None
    text = row.description.lower()
    if not row.survey:
        return "not a commonly eaten food (USDA survey flag)"
    if row.group_code in SKIP_GROUPS:
        return f"food group {row.group_code}"
    if row.branded:
        return "branded"
    word = _has_word(text, SKIP_WORDS) or (row.group_code in ORGAN_GROUPS and _has_word(text, ORGAN_WORDS))
    if word:
        return f"word {word!r}"
    if _has_word(text, ("raw",)) and (row.group_code in RAW_SKIP_GROUPS or _has_word(text, ("egg", "eggs"))):
        return "raw"
    if row.group_code == g.SOUPS and _has_word(text, CONDIMENT_WORDS):
        return "condiment"
    if row.group_code == g.LEGUMES and _has_word(text, ("sauce",)):
        return "condiment"
    if row.group_code == g.GRAINS and not _has_word(text, ("cooked", "boiled", "prepared", "oats")):
        return "uncooked grain"
    if row.group_code == g.CEREALS and _has_word(text, ("dry",)) and _has_word(text, HOT_CEREAL_WORDS):
        return "uncooked hot cereal"
    if row.group_code in (g.DAIRY_EGG, g.DRINKS) and _has_word(text, ("dry", "dried", "instant", "fortified")):
        return "dry"
    if _has_word(text, ("fast food", "fast foods")):
        return "fast food"
    reason = uncommon_reason(row)
    if reason:
        return reason
    return None


def uncommon_reason(row: FoodRow) -> str | None:
    """Why a food is not one most people eat (None: common): :func:`norepi.foods.common.uncommon_reason`, and
    a household portion."""
    reason = common_reason(row.description, row.group_code)
    if reason:
        return reason
    if not row.portions:
        return "no household portion"
    return None


def wheat_default(description: str, group_code: str) -> bool:
    """True for breads, cakes, snacks and cereals that do not name a grain other than wheat (see
    :data:`WHEAT_FREE_WORDS`): left out of a wheat-free plan."""
    words = WHEAT_FREE_WORDS.get(group_code)
    return words is not None and not _has_word(description.lower(), words)


def disliked(description: str, ndb_no: str, dislikes: Sequence[str]) -> str | None:
    """The dislike (an NDB number or words, matched as whole words) that rules a food out, or None."""
    text = description.lower()
    for item in dislikes:
        item_l = item.strip().lower()
        if not item_l:
            continue
        if item_l.isdigit():
            if item_l.zfill(5) == ndb_no:
                return item
        elif all(_has_word(text, (w,)) for w in item_l.split()):
            return item
    return None


def choose_serving(row: FoodRow, max_grams: float, max_items: int | None = None) -> Serving:
    """The counting step: a whole item (large, slice...) if USDA has one of 15-300 g (at most ``max_items``
    of them), tablespoons for fats, quarter/half cups for other non-meat foods, ounces for meat and fish,
    else 10 g steps of at least a quarter of ``max_grams``; never more than ``max_grams``."""
    def make(label: str, amount: float, grams: float, min_grams: float, items: int | None = None) -> Serving:
        max_steps = max(1, math.floor(max_grams / grams + 1e-9))
        if items is not None:
            max_steps = min(max_steps, items)
        min_steps = min(max_steps, max(1, math.ceil(min_grams / grams - 1e-9)))
        return Serving(label, amount, grams, min_steps, max_steps)

    for p in row.portions:
        words = tokens(re.sub(r"\([^)]*\)", " ", p.description))
        if (words and words[0] in COUNT_WORDS and 15.0 <= p.grams <= 300.0 and p.amount == 1.0
                and "yield" not in p.description):
            if p.grams <= max_grams:
                return make(p.description, 1.0, p.grams, 0.0, max_items)
    for p in row.portions:
        desc = p.description.lower()
        if row.group_code == g.FATS and (desc in ("tbsp", "tablespoon") or desc.startswith(("tbsp", "tablespoon"))):
            return make(p.description, p.amount, p.grams, 0.0)
    if row.group_code not in MEAT_GROUPS_OZ:
        for p in row.portions:
            desc = p.description.lower()
            if desc == "cup" or desc.startswith(("cup,", "cup ")):
                cup_g = p.grams / p.amount
                for frac in (0.25, 0.5, 1.0):
                    if STEP_GRAMS <= cup_g * frac <= max_grams:
                        return make(p.description, frac, cup_g * frac, MIN_GRAMS)
    else:  # ounces are a unit of mass: the journal reads "4 oz" of any food
        return make("oz", 1.0, GRAMS_PER_OZ, 2 * GRAMS_PER_OZ)
    # no household step (the person's usual foods only): at least a quarter of the most a meal may hold
    return make("g", STEP_GRAMS, STEP_GRAMS, max(MIN_GRAMS, 0.25 * max_grams))


def limit_for(row: FoodRow) -> PortionLimit:
    """The food's portion class (:mod:`norepi.planning.portions`)."""
    return portion_limit(row.description, meal_group_of(row.description, row.group_code))


def cup_grams(row: FoodRow) -> float | None:
    """Grams of one cup of the food, if USDA gives a cup measure."""
    for p in row.portions:
        desc = p.description.lower()
        if desc == "cup" or desc.startswith(("cup,", "cup ")):
            return p.grams / p.amount
    return None


def max_grams_for(row: FoodRow) -> float:
    """Most grams of this food in a meal (and so in a day): its portion class's limit, and that many cups."""
    limit = limit_for(row)
    grams = limit.grams
    cup = cup_grams(row)
    if limit.cups is not None and cup is not None:
        grams = min(grams, limit.cups * cup)
    return grams


def to_candidate(row: FoodRow, familiarity: float = 0.0, pinned: bool = False,
                 price_per_100g: float | None = None) -> Candidate:
    """A candidate from a USDA row: key-unit values per 100 g via the day analysis' own conversion."""
    amounts = entry_amounts(row.usda_per_100g, 100.0)
    per_100g = {k: v for k, v in amounts.items() if v is not None}
    limit = limit_for(row)
    return Candidate(row.ndb_no, row.description, row.group_code, kind_of(row.description), per_100g,
                     row.usda_per_100g.get(FOLIC_ACID, 0.0), row.usda_per_100g,
                     choose_serving(row, max_grams_for(row), limit.items), row.portions, familiarity, pinned,
                     price_per_100g, meal_group_of(row.description, row.group_code), limit=limit)


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


def select_candidates(rows: Iterable[FoodRow], profile: Profile, targets: Mapping[str, Target],
                      energy_kcal: float, *, familiarity: Mapping[str, float] | None = None,
                      pins: Sequence[str] = (), dislikes: Sequence[str] = (),
                      prices: Mapping[str, float] | None = None, per_group: int = 6,
                      require_price: bool = False) -> CandidateSet:
    """Filter and rank USDA rows into the planner's candidates (pure: no database).

    ``familiarity`` maps NDB number -> share of journal days the food was eaten (0-1); ``pins`` are NDB
    numbers that must be kept; ``prices`` are per 100 g; with ``require_price`` unpriced foods are dropped."""
    familiarity = familiarity or {}
    prices = prices or {}
    pinned = set(pins)
    removed: dict[str, int] = defaultdict(int)
    kept: list[tuple[float, Candidate]] = []
    seen_pins: set[str] = set()
    for row in rows:
        is_pin, usual = row.ndb_no in pinned, familiarity.get(row.ndb_no, 0.0) > 0
        reason = _diet_reason(row.description, row.group_code, profile.diet, tuple(profile.exclusions))
        if reason is None and profile.diet != "omnivore" and _has_word(row.description.lower(),
                                                                                    MEAT_EXTRA_WORDS):
            reason = "meat (franks)"
        if reason is None and (profile.diet == "vegan" or "milk" in profile.exclusions) and _has_word(
                row.description.lower(), DAIRY_EXTRA_WORDS):
            reason = "dairy (ice cream, pudding, milk chocolate)"
        if reason is None and "wheat" in profile.exclusions and wheat_default(row.description, row.group_code):
            reason = "wheat (a bread, cake, snack or cereal not named for another grain)"
        if reason is None:
            reason = disliked(row.description, row.ndb_no, dislikes) and "disliked"
        if reason and is_pin:
            raise InputError(f"pinned food {row.ndb_no} {row.description!r} is not allowed ({reason})", field="pin")
        if reason is None and not is_pin:
            reason = None if usual else _once_per_row(_SKIP_CACHE, row, skip_reason)
        kcal = row.usda_per_100g.get("208", 0.0)
        if reason is None and kcal <= 0:
            reason = "no energy value"
        if reason is None and not is_pin and kcal < MIN_KCAL_PER_100G and row.group_code not in LOW_KCAL_OK:
            reason = "under 15 kcal per 100 g"  # coffee, tea, broth: no target nutrient, even if usual
        if reason is None and require_price and row.ndb_no not in prices and not is_pin:
            reason = "no price"
        if reason:
            removed[reason.split(":")[0]] += 1
            continue
        food = _once_per_row(_CANDIDATE_CACHE, row, to_candidate)
        if is_pin or usual or row.ndb_no in prices:
            food = dataclasses.replace(food, familiarity=familiarity.get(row.ndb_no, 0.0), pinned=is_pin,
                                       price_per_100g=prices.get(row.ndb_no))
        if food.serving.label == "g" and not (is_pin or usual):
            removed["no household portion"] += 1
            continue
        seen_pins.add(row.ndb_no) if is_pin else None
        score = density_score(food, targets, energy_kcal)
        kept.append((score, dataclasses.replace(food, score=score)))
    missing = pinned - seen_pins
    if missing:
        raise InputError(f"pinned food(s) {', '.join(sorted(missing))} not in the food database", field="pin")
    # one food per kind (best score; usual and pinned foods first), then the best few per food group
    kept.sort(key=lambda t: (not t[1].pinned, -t[1].familiarity, -t[0], t[1].ndb_no))
    by_kind: dict[str, Candidate] = {}
    chosen: list[Candidate] = []
    per_group_count: dict[str, int] = defaultdict(int)
    for _score, food in kept:
        must = food.pinned or food.familiarity > 0
        if food.kind in by_kind and not must:
            removed["same kind"] += 1
            continue
        if not must and per_group_count[food.group_code] >= per_group:
            removed["not among the densest of its group"] += 1
            continue
        by_kind.setdefault(food.kind, food)
        per_group_count[food.group_code] += 1
        chosen.append(food)
    chosen.sort(key=lambda f: (f.group_code, f.ndb_no))
    return CandidateSet(tuple(chosen), dict(removed))


_SKIP_CACHE: dict[int, tuple[FoodRow, str | None]] = {}
_CANDIDATE_CACHE: dict[int, tuple[FoodRow, Candidate]] = {}


def _once_per_row(cache: dict[int, tuple[FoodRow, T]], row: FoodRow, compute: Callable[[FoodRow], T]) -> T:
    """``compute(row)``, computed once per row object: rows are cached per food release by :func:`food_rows`,
    and what is cached here does not depend on the person."""
    hit = cache.get(id(row))
    if hit is None or hit[0] is not row:
        if len(cache) > 50_000:
            cache.clear()
        hit = (row, compute(row))
        cache[id(row)] = hit
    return hit[1]


_ROWS_CACHE: dict[tuple[str, str | None, tuple[str, ...]], list[FoodRow]] = {}


def food_rows(journal: Journal, extra: Iterable[str] = ()) -> list[FoodRow]:
    """Every survey food plus the ``extra`` NDB numbers, with USDA values per 100 g and portions.

    Cached per database, food release and ``extra`` (the USDA tables do not change within a release)."""
    extra = sorted(set(extra))
    key = (journal.db.url, journal.food_release(), tuple(extra))
    if key not in _ROWS_CACHE:
        if len(_ROWS_CACHE) > 8:
            _ROWS_CACHE.clear()
        _ROWS_CACHE[key] = _read_rows(journal, extra)
    return _ROWS_CACHE[key]


def _read_rows(journal: Journal, extra: list[str]) -> list[FoodRow]:
    with journal.db.transaction() as s:
        where = or_(Food.survey.is_(True), Food.ndb_no.in_(extra)) if extra else Food.survey.is_(True)
        foods = s.execute(select(Food.ndb_no, Food.long_desc, Food.group_code, Food.survey, Food.manufacturer)
                          .where(where)).all()
        ids = select(Food.ndb_no).where(where)
        values: dict[str, dict[str, float]] = defaultdict(dict)
        for ndb, nutr, value in s.execute(select(FoodNutrient.ndb_no, FoodNutrient.nutr_no, FoodNutrient.value)
                                          .where(FoodNutrient.nutr_no.in_(USDA_NUMBERS),
                                                 FoodNutrient.ndb_no.in_(ids))):
            values[ndb][nutr] = value
        portions: dict[str, list[PortionOption]] = defaultdict(list)
        for ndb, amount, desc, grams in s.execute(select(Portion.ndb_no, Portion.amount, Portion.description,
                                                         Portion.grams).where(Portion.ndb_no.in_(ids))
                                                  .order_by(Portion.ndb_no, Portion.seq)):
            if amount and grams:
                portions[ndb].append(PortionOption(amount, desc, grams))
    return [FoodRow(ndb, desc, group, bool(survey), bool(manufacturer) or _has_brand(desc), values.get(ndb, {}),
                    tuple(portions.get(ndb, ()))) for ndb, desc, group, survey, manufacturer in foods]


def _has_brand(description: str) -> bool:
    """USDA writes brand names in capitals ("KELLOGG'S")."""
    return any(len(w) >= 4 and w.isupper() for w in re.findall(r"[A-Za-z']+", description))


def usual_foods(journal: Journal, today: dt.date, days: int = 60) -> dict[str, float]:
    """Share of logged days (0-1) on which each food was eaten in the ``days`` before ``today``."""
    entries = journal.entries(today - dt.timedelta(days=days), today)
    logged_days = {e.date for e in entries}
    days_with: dict[str, set[dt.date]] = defaultdict(set)
    for e in entries:
        days_with[e.ndb_no].add(e.date)
    return {ndb: len(d) / len(logged_days) for ndb, d in days_with.items()} if logged_days else {}


def resolve_pins(journal: Journal, pins: Sequence[str]) -> list[str]:
    """NDB numbers for pinned foods given as numbers or descriptions ("oats")."""
    return [journal.resolve_food(p).ndb_no for p in pins if p.strip()]


def load_candidates(journal: Journal, profile: Profile, targets: Mapping[str, Target], energy_kcal: float, *,
                    today: dt.date, pins: Sequence[str] = (), dislikes: Sequence[str] = (),
                    prices: Mapping[str, float] | None = None, use_journal: bool = True, per_group: int = 6,
                    require_price: bool = False) -> CandidateSet:
    """Candidates from the journal's food database (pins as NDB numbers or text)."""
    pin_ids = resolve_pins(journal, pins)
    familiarity = usual_foods(journal, today) if use_journal else {}
    rows = food_rows(journal, [*pin_ids, *familiarity])
    return select_candidates(rows, profile, targets, energy_kcal, familiarity=familiarity, pins=pin_ids,
                             dislikes=dislikes, prices=prices, per_group=per_group, require_price=require_price)


def day_subset(foods: Sequence[Candidate], blocked: frozenset[str], per_group: int) -> tuple[Candidate, ...]:
    """The foods one day's model sees: pinned and usual foods, then the ``per_group`` best-scoring foods of
    each food group that are not ``blocked`` (so a week rotates through a larger pool)."""
    count: dict[str, int] = defaultdict(int)
    out: list[Candidate] = []
    for food in sorted(foods, key=lambda f: (not f.pinned, -f.familiarity, -f.score, f.ndb_no)):
        if food.ndb_no in blocked:
            continue
        if food.pinned or food.familiarity > 0 or count[food.group_code] < per_group:
            count[food.group_code] += 1
            out.append(food)
    return tuple(sorted(out, key=lambda f: (f.group_code, f.ndb_no)))
