"""What people call foods, and the food most people mean by a common word.

Two reviewed tables (tests/foods/test_synonyms.py checks every row against the real SR28 and Foundation data):

* :data:`SYNONYMS`: regional and everyday names -> USDA's words ("courgette" -> "zucchini", "coke" -> "cola");
  the query is rewritten before it is searched.
* :data:`DEFAULTS`: a common word -> the food most people mean *as usually eaten* (first) and alternatives
  shown beside it, by food id: "milk" is whole fluid cow's milk, "rice" cooked white rice, "coffee" brewed coffee,
  "salmon" cooked salmon, "oats" dry rolled oats, "oatmeal" and "porridge" cooked oats. Ids of every source may
  be listed; those not loaded are skipped ("oat milk" needs Foundation Foods).
"""

from __future__ import annotations

import re
from collections.abc import Container

from norepi.foods.text import tokens

# (what people write, what USDA writes, who says it)
SYNONYMS: tuple[tuple[str, str, str], ...] = (
    ("porridge", "oats cooked", "UK, Ireland: oats cooked in water or milk"),
    ("yoghurt", "yogurt", "UK, Commonwealth spelling"),
    ("yoghurts", "yogurt", "UK, Commonwealth spelling"),
    ("courgette", "zucchini", "UK, France"),
    ("courgettes", "zucchini", "UK, France"),
    ("aubergine", "eggplant", "UK, France"),
    ("aubergines", "eggplant", "UK, France"),
    ("rocket", "arugula", "UK, Australia"),
    ("minced beef", "beef ground", "UK"),
    ("beef mince", "beef ground", "UK, Australia"),
    ("mince", "beef ground", "UK, Australia: beef unless another meat is named"),
    ("hamburger meat", "beef ground", "US"),
    ("coke", "cola", "a brand name used for any cola"),
    ("soda", "carbonated", "US: a soft drink"),
    ("fizzy drink", "carbonated", "UK"),
    ("fries", "potatoes french fried", "US, everywhere"),
    ("french fries", "potatoes french fried", "US"),
    ("crisps", "potato chips", "UK, Ireland"),
    ("soy milk", "soymilk", "USDA writes soymilk as one word in SR"),
    ("soya milk", "soymilk", "UK"),
    ("soya", "soy", "UK"),
    ("prawns", "shrimp", "UK, Australia"),
    ("prawn", "shrimp", "UK, Australia"),
    ("spring onion", "scallions", "UK, Australia"),
    ("spring onions", "scallions", "UK, Australia"),
    ("beetroot", "beets", "UK, Australia"),
    ("swede", "rutabagas", "UK"),
    ("mangetout", "peas edible podded", "UK, France"),
    ("capsicum", "peppers sweet", "Australia, India"),
    ("garbanzo beans", "chickpeas", "US"),
    ("garbanzos", "chickpeas", "US"),
    ("maize", "corn", "UK, Africa"),
    ("icing sugar", "sugars powdered", "UK"),
    ("caster sugar", "sugars granulated", "UK"),
    ("double cream", "cream heavy whipping", "UK"),
    ("single cream", "cream light", "UK"),
    ("semi skimmed milk", "milk reduced fat 2%", "UK"),
    ("skimmed milk", "milk nonfat", "UK"),
    ("skim milk", "milk nonfat", "US"),
    ("wholemeal", "whole wheat", "UK"),
    ("jacket potato", "potatoes baked flesh skin", "UK"),
    ("oat milk", "oat milk", "kept whole: not oats, not milk"),
    ("almond milk", "almond milk", "kept whole: not almonds, not milk"),
)
_SYNONYM_USDA = {said: usda for said, usda, _ in SYNONYMS}
_SYNONYM_RE = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(s) for s in sorted(_SYNONYM_USDA, key=len, reverse=True)) + r")(?![a-z0-9])"
)

# a common word -> (default food id, alternatives...); "what most people mean, as usually eaten"
DEFAULTS: dict[str, tuple[str, ...]] = {
    "milk": ("01077", "01079", "01085"),  # whole milk; 2 %; skim
    "whole milk": ("01077", "01211", "fdc:746782"),
    "cow milk": ("01077", "01079", "01085"),
    "rice": ("20045", "20037", "20044"),  # white long-grain cooked; brown cooked; white raw
    "cooked rice": ("20045", "20037", "20051"),
    "white rice": ("20045", "20044", "20051"),
    "brown rice": ("20037", "20041", "20036"),
    "coffee": ("14209", "14210", "14215"),  # brewed; espresso; instant prepared
    "espresso": ("14210", "14209", "14202"),
    "tea": ("14355", "14352", "14247"),
    "salmon": ("15237", "15209", "15236"),  # Atlantic farmed cooked; wild cooked; farmed raw
    "salmon fillet": ("15237", "15209", "15236"),
    "oats": ("08120", "08121", "08122"),  # dry rolled oats; cooked; instant dry
    "rolled oats": ("08120", "08121", "fdc:2346396"),
    "oatmeal": ("08121", "08120", "08123"),  # cooked (a bowl of oatmeal); dry; instant prepared
    "porridge": ("08121", "08123", "08120"),
    "oats cooked": ("08121", "08123", "08180"),
    "egg": ("01123", "01129", "01132"),  # raw whole egg; hard-boiled; scrambled
    "eggs": ("01123", "01129", "01132"),
    "banana": ("09040",),
    "apple": ("09003", "09004"),
    "kiwi": ("09148",),
    "avocado": ("09037", "09038", "09039"),
    "chicken breast": ("05064", "05062", "05063"),  # roasted meat only; raw; fried
    "yogurt": ("01116", "01117", "01256"),
    "greek yogurt": ("01256", "01293", "01284"),
    "peanut butter": ("16098", "16398", "16097"),
    "bread": ("18069", "18075", "18070"),
    "white bread": ("18069", "18070", "18416"),
    "whole wheat bread": ("18075", "18076", "18069"),
    "beer": ("14003", "14006", "14013"),
    "ground beef": ("23570", "23567", "23568"),  # 85 % lean pan-browned crumbles; raw; patty
    "beef ground": ("23570", "23567", "23568"),
    "steak": ("13930", "13454", "13929"),  # top sirloin broiled
    "butter": ("01001", "01145", "01002"),
    "cottage cheese": ("01012", "01015", "01016"),
    "cheese": ("01009", "01270", "01260"),
    "fries": ("11403", "21138", "11402"),  # oven-heated frozen fries; fast-food fries; unprepared
    "french fries": ("11403", "21138", "11402"),
    "potatoes french fried": ("11403", "21138", "11402"),
    "chips": ("19411", "11403", "21138"),  # US: potato chips; UK: fries
    "potato chips": ("19411", "19042", "19043"),
    "cola": ("14148", "14147", "14146"),
    "coke": ("14148", "14147", "14146"),
    "diet coke": ("14146", "14416", "14148"),
    "soymilk": ("16139", "16120", "fdc:1999630"),
    "oat milk": ("fdc:2257046",),
    "almond milk": ("14091", "14016", "fdc:2257045"),
    "whey protein": ("14066", "14058", "14033"),
    "protein powder": ("14066", "14067", "14058"),
    "orange juice": ("09209", "09206", "09207"),
    "water": ("14411", "14429"),
    "pasta": ("20121", "20421", "20321"),
    "potato": ("11674", "11367", "11363"),
    "tofu": ("16427", "16426"),
    "zucchini": ("11477", "11478"),
    "eggplant": ("11209", "11210"),
    "arugula": ("11959",),
    "latte": ("composite:latte",),
    "cappuccino": ("composite:cappuccino",),
}


def key(query: str) -> str:
    """The lookup key of a query: its search tokens, de-duplicated and sorted ("Cooked rice" == "rice, cooked")."""
    return " ".join(sorted(set(tokens(query))))


_DEFAULT_KEYS: dict[str, tuple[str, ...]] = {key(k): v for k, v in DEFAULTS.items()}


def rewrite(query: str) -> str:
    """``query`` with regional and everyday names replaced by USDA's words."""
    from norepi.foods.text import normalize

    return _SYNONYM_RE.sub(lambda m: _SYNONYM_USDA[m.group(1)], normalize(query))


def defaults_for(query: str, present: Container[str] | None = None) -> tuple[str, ...]:
    """The food ids meant by ``query`` (default first), keeping only those in ``present`` when given; () when
    the query is not a common word of the table."""
    ids = _DEFAULT_KEYS.get(key(query)) or _DEFAULT_KEYS.get(key(rewrite(query))) or ()
    if present is not None:
        ids = tuple(i for i in ids if i in present)
    return ids
