"""The form a food is eaten in and the form it is bought in: raw/cooked pairs of the food list, and yields.

USDA SR describes most foods that are cooked before eating twice: raw or dry ("Lentils, raw", "Pasta, dry,
enriched", "Egg, whole, raw, fresh") and cooked ("Lentils, mature seeds, cooked, boiled, without salt"). Two
foods are a **pair** when their descriptions name the same food once the words of state and cooking method
are left out (:func:`core`): the comma-separated parts made only of :data:`STATE_WORDS` ("raw", "cooked",
"boiled", "without salt", "dry heat"...) are dropped, "mature seeds" (the dry-bean stage) too, and
:data:`SYNONYM_PARTS` are read alike ("not fortified" = "unenriched"). Their first two parts must agree (black
beans never pair with kidney beans) and they may differ by one other part, replaced or added
(:data:`MAX_PART_DIFFERENCE`: "Sweet potato, cooked, baked in skin, flesh" pairs with "Sweet potato, raw", a
steak trimmed to 0" fat with the same steak trimmed to 1/8"); the closest pair wins.

* **Eaten form** (:func:`eaten_form`): a person who logs "egg" usually gets USDA's raw egg, and "oats" the oat
  groats; a plan proposes the cooked food of the pair (hard-boiled egg, oatmeal cooked with water), in the
  preferred method of :data:`METHOD_PREFERENCE` (boiled first: no fat added).
* **Purchase form** (:func:`purchase_form`): a shopping list names the raw or dry food of the pair and the
  grams to buy. The **yield** (grams of cooked food per gram bought) is the ratio of the pair's protein per
  100 g: USDA computes cooked foods from raw ones as nutrient x retention / yield (SR28 documentation,
  "Calculated values"), and protein is not lost in boiling, roasting or braising to an extent that matters for
  a shopping list, so raw protein / cooked protein is the weight gained or lost in cooking. Lentils: 24.6 g /
  9.0 g = 2.7 g cooked per g dry. ``tests/planning/test_planning_forms.py`` checks the ratio against every
  yield USDA measured in SR28's own portions ("package (10 oz) yields", "cup, dry, yields", "yield from 1 lb
  raw meat, boneless").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from norepi.foods import groups as g
from norepi.foods.catalogue import CatalogueFood
from norepi.nutrition.common_foods import RAW_OK_VEGETABLES, head
from norepi.nutrition.diet import has_word

PROTEIN = "203"  # USDA nutrient number of protein (g per 100 g)
# Words of state and cooking method: a comma-separated part made only of these says how the food is, not what.
RAW_WORDS = frozenset({"raw", "dry", "uncooked", "unprepared"})
COOKED_WORDS = frozenset({"cooked", "boiled", "roasted", "braised", "broiled", "baked", "grilled", "fried",
                          "pan-fried", "pan-broiled", "stewed", "simmered", "steamed", "microwaved", "heated",
                          "scrambled", "poached", "hard-boiled", "omelet", "stir-fried", "cooked-roasted",
                          "prepared", "toasted"})
STATE_WORDS = RAW_WORDS | COOKED_WORDS | frozenset({
    "fresh", "drained", "without", "with", "salt", "added", "water", "heat", "moist", "in", "skin", "and", "or",
    "boiling", "microwaving", "includes", "microwave", "oven", "conventional"})
DROPPED_PARTS = frozenset({"mature seeds"})  # the dry-bean stage: "Beans, black, mature seeds, raw" = "beans, black"
SYNONYM_PARTS = {"not fortified": "unenriched", "unfortified": "unenriched"}
MAX_PART_DIFFERENCE = 1
# Groups whose cooked foods are bought raw or dry (meat, fish, eggs, legumes, grains, hot cereals, vegetables);
# nuts, baked goods, snacks and sweets are bought as they are eaten.
COOKED_BEFORE_EATING = frozenset({g.DAIRY_EGG, g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB, g.LEGUMES,
                                  g.GRAINS, g.CEREALS, g.VEGETABLES})
MEAT_GROUPS = frozenset({g.POULTRY, g.SAUSAGES, g.PORK, g.BEEF, g.FISH, g.LAMB})
EGG_WORDS = ("egg", "eggs")
RAW_EATEN_LEGUMES = ("tofu", "peanut butter", "soymilk", "hummus")
HOT_CEREAL_WORDS = ("grits", "farina", "cream of wheat", "cream of rice", "malt-o-meal", "maltex", "wheatena",
                    "hot natural cereal", "oats")
# Where the cooked form of a raw food is filed under another name: oat groats (grains) are cooked as oatmeal
# (cereals). Core of the raw food -> (group, core) to look in.
EATEN_AS: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {
    ("oats",): (g.CEREALS, ("cereals", "oats", "regular and quick", "unenriched")),
}
# The cooking methods a plan prefers, best first (no added fat first); any other method comes after these.
METHOD_PREFERENCE = ("boiled", "hard-boiled", "cooked", "steamed", "poached", "roasted", "baked", "broiled",
                     "grilled", "braised", "stewed", "scrambled", "heated", "microwaved", "prepared", "dry heat",
                     "pan-broiled", "stir-fried", "pan-fried", "fried", "omelet")


def _parts(description: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", description.lower())
    return [re.sub(r"\s+", " ", p).strip() for p in text.split(",") if p.strip()]


def _words(part: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'-]*", part)


def core(description: str) -> tuple[str, ...]:
    """What a food is without its state and cooking method (see the module docstring), e.g.
    ``core("Lentils, mature seeds, cooked, boiled, without salt") == ("lentils",)``."""
    out: list[str] = []
    for part in _parts(description):
        words = _words(part)
        if not words or part in DROPPED_PARTS or all(w in STATE_WORDS for w in words):
            continue
        out.append(SYNONYM_PARTS.get(part, part))
    return tuple(out)


def part_difference(a: Sequence[str], b: Sequence[str]) -> int:
    """How many parts two cores differ by (a part replaced or added counts 1), or a large number when their
    first two parts (what the food is and which kind: "beans, black") differ."""
    k = min(2, len(a), len(b))
    if tuple(a[:k]) != tuple(b[:k]):
        return 99
    sa, sb = set(a), set(b)
    return max(len(sa - sb), len(sb - sa))


def state(description: str) -> str:
    """"cooked", "raw" (raw, dry, uncooked, unprepared) or "as is" (neither said: canned, ready to eat)."""
    words = {w for part in _parts(description) for w in _words(part)}
    if words & COOKED_WORDS:
        return "cooked"
    if words & RAW_WORDS:
        return "raw"
    return "as is"


def needs_cooking(food: CatalogueFood) -> bool:
    """True for a food that people cook before eating, in the raw or dry form: raw eggs, meat, fish and poultry;
    dry legumes (not tofu); grains not said to be cooked ("Oats", "Rice, white, long-grain, regular, raw");
    dry hot cereals (grits, farina, cream of wheat; rolled and instant oats are eaten dry as muesli, so not
    they); raw vegetables other than those eaten raw (``RAW_OK_VEGETABLES``) and frozen ones unprepared."""
    st = state(food.description)
    text = food.description.lower()
    group = food.group_code
    if group == g.GRAINS:
        return st != "cooked"
    if st != "raw":
        return False
    if group == g.DAIRY_EGG:
        return has_word(text, EGG_WORDS) is not None
    if group in MEAT_GROUPS:
        return True
    if group == g.LEGUMES:
        return has_word(text, RAW_EATEN_LEGUMES) is None
    if group == g.CEREALS:
        return has_word(text, HOT_CEREAL_WORDS) is not None and has_word(text, ("oats",)) is None
    if group == g.VEGETABLES:
        return has_word(head(food.description), RAW_OK_VEGETABLES) is None or has_word(text, ("frozen",)) is not None
    return False


@dataclass(frozen=True)
class PurchaseForm:
    """What to buy for a planned food: ``food`` (the raw or dry food of its pair, or the planned food itself),
    ``yield_factor`` grams eaten per gram bought (1.0 when bought as eaten), and how the yield was found."""

    food: CatalogueFood
    yield_factor: float
    source: str


class FormIndex:
    """Raw/cooked pairs over a food list: foods by (group, first part of their core), built once per list."""

    def __init__(self, foods: Iterable[CatalogueFood]) -> None:
        self._by_head: dict[tuple[str, str], list[tuple[CatalogueFood, tuple[str, ...], str]]] = defaultdict(list)
        for food in foods:
            if food.group_code not in COOKED_BEFORE_EATING or food.branded:
                continue
            c = core(food.description)
            if c:
                self._by_head[food.group_code, c[0]].append((food, c, state(food.description)))
        self._eaten: dict[str, CatalogueFood | None] = {}
        self._bought: dict[str, PurchaseForm] = {}

    def _pair(self, group: str, want_core: Sequence[str], want_state: str) -> list[tuple[CatalogueFood, int]]:
        out = []
        for food, c, st in self._by_head.get((group, want_core[0]), ()):
            if st == want_state:
                difference = part_difference(want_core, c)
                if difference <= MAX_PART_DIFFERENCE:
                    out.append((food, difference))
        return out

    def eaten_form(self, food: CatalogueFood) -> CatalogueFood | None:
        """The cooked food of ``food``'s pair if it is a raw or dry food people cook (:func:`needs_cooking`),
        in the preferred method (:data:`METHOD_PREFERENCE`), survey foods first; None if none is known."""
        if food.food_id in self._eaten:
            return self._eaten[food.food_id]
        found: CatalogueFood | None = None
        if needs_cooking(food):
            group, want = food.group_code, core(food.description)
            if tuple(want) in EATEN_AS:
                group, want = EATEN_AS[tuple(want)]
            if want:
                pairs = self._pair(group, want, "cooked")
                if pairs:
                    found = min(pairs, key=lambda t: (t[1], *_method_rank(t[0].description), not t[0].survey,
                                                      len(t[0].description), t[0].food_id))[0]
        self._eaten[food.food_id] = found
        return found

    def purchase_form(self, food: CatalogueFood) -> PurchaseForm:
        """What to buy for ``food``: for a cooked food of the groups cooked before eating, the raw or dry food
        of its pair and the protein-ratio yield (module docstring); otherwise the food itself, yield 1."""
        hit = self._bought.get(food.food_id)
        if hit is not None:
            return hit
        form = PurchaseForm(food, 1.0, "bought as planned")
        want = core(food.description)
        cooked_protein = food.per_100g.get(PROTEIN)
        if (food.group_code in COOKED_BEFORE_EATING and state(food.description) == "cooked" and want
                and cooked_protein):
            pairs = [(f, d) for f, d in self._pair(food.group_code, want, "raw")
                     if f.per_100g.get(PROTEIN) and f.food_id != food.food_id]
            if pairs:
                raw = min(pairs, key=lambda t: (t[1], not t[0].survey, len(t[0].description), t[0].food_id))[0]
                factor = raw.per_100g[PROTEIN] / cooked_protein
                if 0.2 <= factor <= 8.0:  # else the pair is not the same food (a protein ratio no cooking gives)
                    form = PurchaseForm(raw, factor, f"cooked/raw pair: protein {raw.per_100g[PROTEIN]:g} g per 100 g"
                                        f" raw ({raw.food_id}), {cooked_protein:g} g cooked ({food.food_id})")
        self._bought[food.food_id] = form
        return form


def _method_rank(description: str) -> tuple[int, int]:
    """(rank of its cooking method in :data:`METHOD_PREFERENCE`, 1 if salted) for choosing among cooked forms."""
    text = description.lower()
    salted = 1 if has_word(text, ("with salt",)) else 0
    for i, method in enumerate(METHOD_PREFERENCE):
        if has_word(text, (method,)):
            return i, salted
    return len(METHOD_PREFERENCE), salted


def purchase_grams(planned_g: float, form: PurchaseForm) -> float:
    """Grams to buy for ``planned_g`` grams eaten (the yield converts cooked to raw or dry weight)."""
    return planned_g / form.yield_factor
