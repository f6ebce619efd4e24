"""Food phrases as people type them ("a banana", "half an avocado", "1 1/2 cups of milk", "chicken breast 150g",
"a couple of eggs", "2 slices white bread") -> an amount and the food's words. Pure text: no food is looked up.

The grammar, in order:

* a quantity: a number (``2``, ``0.5``, ``.5``, ``1/2``, ``1 1/2``, ``1-1/2``, ``½``), or words: "a", "an",
  "one".."twelve", "half", "a half", "half a/an", "a quarter", "a couple of", "a dozen", "N and a half";
* then optionally a unit: a mass or volume (:mod:`norepi.units`, every spelling of its tables and aliases,
  glued to the number or not: "150g", "100gr"), a container word ("can", "glass", "bowl", "scoop", "handful",
  :data:`norepi.units.CONTAINERS`) or a portion word ("slice", "piece", "large", "medium", "serving"...), singular
  or plural, followed by an optional "of";
* the food's words, before or after the amount ("chicken breast 150g", "milk, 1 cup").

A number alone *after* the food ("01123 100", "chicken breast 150") is grams: a count of portions is never
inferred from a bare trailing number. Below :data:`BARE_GRAMS_MIN` g it is refused as unclear ("banana 1":
write "1 banana" or "1 g"). A number alone *before* the food counts items ("2 eggs": two medium eggs).
Refused with one line each: a zero denominator ("1/0 cup"), a negative amount ("-5 g"), no amount at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from norepi.errors import AmountError
from norepi.units import CONTAINER_WORDS, known_unit

BARE_GRAMS_MIN = 10.0  # a bare trailing number below this is more likely a count than grams: ask
QUANTITY_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "half": 0.5, "quarter": 0.25, "couple": 2,
}  # fmt: skip
# words that name a portion of the food itself (USDA WEIGHT descriptions), singular -> what the food's portions say
PORTION_WORDS: dict[str, str] = {
    **{w: w for w in (
        "slice", "piece", "serving", "portion", "large", "medium", "small", "jumbo", "whole", "each", "item",
        "clove", "stalk", "sprig", "leaf", "wedge", "strip", "pat", "stick", "fillet", "link", "patty", "packet",
        "bar", "container", "package", "cube", "square", "sheet", "spear", "floret", "fruit", "egg", "cookie",
        "drumstick", "thigh", "wing", "breast", "rib", "chop", "steak", "tortilla", "muffin", "bagel", "roll",
        "biscuit", "pancake", "waffle", "cracker", "chip", "nugget", "tender", "sausage", "shot", "jigger", "bag",
        "box", "carton", "jar", "pouch", "tub",
    )},
    **{"slices": "slice", "pieces": "piece", "pcs": "piece", "pc": "piece", "servings": "serving",
       "portions": "portion", "cloves": "clove", "stalks": "stalk", "sprigs": "sprig", "leaves": "leaf",
       "wedges": "wedge", "strips": "strip", "pats": "pat", "sticks": "stick", "fillets": "fillet", "filet": "fillet",
       "filets": "fillet", "links": "link", "patties": "patty", "packets": "packet", "bars": "bar",
       "containers": "container", "packages": "package", "pkg": "package", "cubes": "cube", "squares": "square",
       "sheets": "sheet", "spears": "spear", "florets": "floret", "shots": "shot", "bags": "bag", "boxes": "box",
       "cartons": "carton", "jars": "jar", "pouches": "pouch", "tubs": "tub"},
}  # fmt: skip
# portion words that are also the food's name when they come alone ("2 eggs", "3 cookies"): a count, not a unit
NAME_LIKE = frozenset({
    "egg", "fruit", "cookie", "drumstick", "thigh", "wing", "breast", "rib", "chop", "steak", "tortilla", "muffin",
    "bagel", "roll", "biscuit", "pancake", "waffle", "cracker", "chip", "nugget", "tender", "sausage", "leaf", "bar",
})  # fmt: skip
SIZE_PAIRS = {("extra", "large"): "extra large", ("extra", "small"): "extra small"}
VULGAR = {"½": " 1/2", "¼": " 1/4", "¾": " 3/4", "⅓": " 1/3", "⅔": " 2/3", "⅛": " 1/8", "⅕": " 1/5"}
NUMBER = re.compile(r"^-?(\d+(?:\.\d*)?|\.\d+)$|^-?\d+/\d+$")
GLUED = re.compile(r"(?<![\w.%/-])(-?(?:\d+(?:\.\d+)?|\.\d+|\d+/\d+))([a-z]+\.?)(?![\w%])")
FOOD_ID = re.compile(r"^(\d{5}|(fdc|off|recipe|own):\S+)$")


class UnitKind(StrEnum):
    """What an amount's unit is."""

    MASS = "mass"  # factor: grams per unit
    VOLUME = "volume"  # factor: ml per unit
    CONTAINER = "container"  # a can, glass, scoop: the food's portion, else units.CONTAINERS
    PORTION = "portion"  # a word of the food's USDA portions (slice, large)
    COUNT = "count"  # a number of items: the food's usual portion ("2 eggs")


@dataclass(frozen=True)
class Amount:
    """An amount as typed: ``quantity`` of ``unit`` (canonical word: "g", "cup", "can", "slice", "large";
    "" for a count). ``factor`` is g or ml per unit for mass and volume. ``words`` keeps the portion words as
    written after the unit ("cup, chopped" -> ("cup", "chopped")) so that a USDA portion can be matched whole."""

    quantity: float
    unit: str
    kind: UnitKind
    factor: float = 0.0
    words: tuple[str, ...] = ()
    bare: bool = False  # a bare number after the food, read as grams
    decimal: bool = False  # the quantity was typed as a decimal ("0.5"): shown so, not as "1/2"

    @property
    def label(self) -> str:
        """What was understood, for the reply: "1 cup", "150 g", "2", "1/2 can"."""
        q = f"{self.quantity:g}" if self.decimal else _quantity_text(self.quantity)
        if self.kind is UnitKind.COUNT:
            return q
        unit = self.unit if self.kind is not UnitKind.PORTION or not self.words else " ".join(self.words)
        return f"{q} {unit}"


@dataclass(frozen=True)
class Phrase:
    """A parsed phrase: the food's words (or a food id), the amount, and whether the amount came first."""

    text: str
    food: str
    amount: Amount
    amount_first: bool
    food_id: str | None = None


def _quantity_text(q: float) -> str:
    frac = Fraction(q).limit_denominator(8)
    if abs(float(frac) - q) < 1e-9 and frac.denominator != 1 and frac.denominator in (2, 3, 4, 8):
        whole, rest = divmod(frac.numerator, frac.denominator)
        return f"{whole} {rest}/{frac.denominator}" if whole else f"{rest}/{frac.denominator}"
    return f"{q:g}"


def normalise(text: str) -> str:
    """Lower case, vulgar fractions spelled out, a unit glued to its number split off ("150g" -> "150 g")."""
    out = text.strip().lower()
    for k, v in VULGAR.items():
        out = out.replace(k, v)
    out = re.sub(r"(\d)-(\d+/\d+)", r"\1 \2", out)  # 1-1/2 -> 1 1/2
    out = GLUED.sub(lambda m: f"{m.group(1)} {m.group(2)}", out)
    out = out.replace(",", " , ")
    return " ".join(out.split())


def _number(token: str, text: str) -> float | None:
    if not NUMBER.match(token):
        return None
    if token.startswith("-"):
        raise AmountError(f"{text!r}: {token} is negative; amounts must be positive", field="amount")
    if "/" in token:
        num, den = token.split("/")
        if int(den) == 0:
            raise AmountError(f"{text!r}: {token} divides by zero; write e.g. 1/2", field="amount")
        return float(Fraction(int(num), int(den)))
    return float(token)


def _quantity(toks: list[str], i: int, text: str) -> tuple[float, int] | None:
    """A quantity starting at toks[i] and the index after it, or None."""
    if i >= len(toks):
        return None
    t = toks[i]
    n = _number(t, text)
    if n is not None:
        j = i + 1
        if j < len(toks) and "/" in toks[j] and (frac := _number(toks[j], text)) is not None and "/" not in t:
            n, j = n + frac, j + 1  # mixed number "1 1/2"
        if n <= 0:
            raise AmountError(f"{text!r}: {t} is not a positive amount; give how much you had, e.g. 1 or 150 g",
                              field="amount")
        return _and_a_half(toks, j, n)
    if t in ("a", "an"):
        if i + 1 < len(toks) and toks[i + 1] in ("half", "quarter", "couple", "dozen"):
            return _word_quantity(toks, i + 1)
        return 1.0, i + 1
    if t in QUANTITY_WORDS:
        return _word_quantity(toks, i)
    return None


def _word_quantity(toks: list[str], i: int) -> tuple[float, int]:
    t = toks[i]
    value, j = QUANTITY_WORDS[t], i + 1
    if t in ("half", "quarter") and j < len(toks) and toks[j] in ("a", "an"):
        j += 1  # "half an avocado", "half a cup"
    if t == "dozen" and j < len(toks) and toks[j] == "of":
        j += 1
    if t == "couple" and j < len(toks) and toks[j] == "of":
        j += 1
    return _and_a_half(toks, j, value)


def _and_a_half(toks: list[str], j: int, value: float) -> tuple[float, int]:
    if toks[j : j + 3] == ["and", "a", "half"]:
        return value + 0.5, j + 3
    return value, j


def _unit(toks: list[str], i: int) -> tuple[Amount, int] | None:
    """A unit starting at toks[i] (quantity 1, to be scaled) and the index after it."""
    if i >= len(toks):
        return None
    t = toks[i]
    two = " ".join(toks[i : i + 2])
    if i + 1 < len(toks):
        for written in (two, two.rstrip(".")):
            known = known_unit(written)
            if known is not None and len(written.split()) == 2:
                return _unit_amount(known, written), i + 2
        pair = SIZE_PAIRS.get((t, toks[i + 1]))
        if pair:
            return Amount(1.0, pair, UnitKind.PORTION, words=tuple(pair.split())), i + 2
    known = known_unit(t) or known_unit(t.rstrip("."))
    if known is not None:
        return _unit_amount(known, t.rstrip(".")), i + 1
    if t in CONTAINER_WORDS:
        return Amount(1.0, CONTAINER_WORDS[t], UnitKind.CONTAINER, words=(CONTAINER_WORDS[t],)), i + 1
    if t in PORTION_WORDS:
        word = PORTION_WORDS[t]
        return Amount(1.0, word, UnitKind.PORTION, words=(word,)), i + 1
    return None


def _unit_amount(known: tuple[str, float], written: str) -> Amount:
    kind, factor = known
    return Amount(1.0, canonical_unit(written), UnitKind.MASS if kind == "mass" else UnitKind.VOLUME, factor)


def canonical_unit(written: str) -> str:
    """The short name of a mass or volume unit as written ("grams" -> "g", "cups" -> "cup")."""
    from norepi.units import UNIT_ALIASES, _unit_text

    text = _unit_text(written)
    text = UNIT_ALIASES.get(text, text)
    for short, names in CANONICAL.items():
        if text in names:
            return short
    return text


CANONICAL: dict[str, tuple[str, ...]] = {
    "g": ("g", "gram", "grams"),
    "mg": ("mg", "milligram", "milligrams"),
    "kg": ("kg", "kilogram", "kilograms"),
    "oz": ("oz", "ounce", "ounces"),
    "lb": ("lb", "lbs", "pound", "pounds"),
    "ml": ("ml", "milliliter", "milliliters", "millilitre", "millilitres"),
    "l": ("l", "liter", "liters", "litre", "litres"),
    "dl": ("dl", "decilitre", "decilitres", "deciliter", "deciliters"),
    "cl": ("cl", "centilitre", "centilitres", "centiliter", "centiliters"),
    "cup": ("cup", "cups"),
    "tbsp": ("tbsp", "tablespoon", "tablespoons"),
    "tsp": ("tsp", "teaspoon", "teaspoons"),
    "fl oz": ("fluid_ounce", "fluid_ounces", "fluid ounce", "fluid ounces"),
    "pint": ("pint", "pints"),
    "quart": ("quart", "quarts"),
    "gallon": ("gallon", "gallons"),
}


def _amount_at(toks: list[str], i: int, text: str) -> tuple[Amount, int] | None:
    """An amount (quantity and optional unit, then an optional "of") starting at toks[i]."""
    q = _quantity(toks, i, text)
    if q is None:
        unit = _unit(toks, i)  # "cup of milk": a unit without a number is one of it
        if unit is None or unit[0].kind is UnitKind.PORTION or toks[i] in ("a", "an"):
            return None
        quantity, j = 1.0, i
    else:
        quantity, j = q
        if j < len(toks) and toks[j] in ("x", "×"):
            j += 1  # "2 x eggs"
    unit = _unit(toks, j)
    if unit is not None:
        amount, j = unit
        # "2 eggs": a name-like portion word alone is the food, counted
        if amount.kind is UnitKind.PORTION and amount.unit in NAME_LIKE and j >= len(toks):
            amount, j = Amount(1.0, "", UnitKind.COUNT), j - 1
    else:
        amount = Amount(1.0, "", UnitKind.COUNT)
    if j < len(toks) and toks[j] == "of":
        j += 1
    decimal = q is not None and "." in toks[i]
    return Amount(quantity, amount.unit, amount.kind, amount.factor, amount.words, decimal=decimal), j


def parse_phrase(text: str) -> Phrase:
    """Read ``text`` as an amount and a food; AmountError with one line when it cannot be read."""
    toks = normalise(text).split()
    if not toks:
        raise AmountError("nothing to log: give a food and an amount, e.g. '150 g chicken breast'", field="food")
    if FOOD_ID.match(toks[0]):
        return _food_id_phrase(text, toks)
    lead = _amount_at(toks, 0, text)
    if lead is not None:
        amount, j = lead
        food = _food_words(toks[j:])
        if food:
            return Phrase(text, food, amount, True)
        if amount.kind is UnitKind.COUNT:
            raise AmountError(f"{text!r}: a number with no food; write e.g. '2 eggs' or '150 g rice'", field="food")
        raise AmountError(f"{text!r}: {amount.label} of what? Name the food after the amount", field="food")
    trail = _trailing(toks, text)
    if trail is not None:
        amount, k = trail
        food = _food_words(toks[:k])
        if food:
            return Phrase(text, food, amount, False)
    for t in toks:
        _number(t, text)  # a negative or divide-by-zero number anywhere gets its own message
    raise AmountError(
        f"{text!r} has no amount; write e.g. 'a banana', '2 eggs', '1 cup milk' or 'chicken breast 150 g'",
        field="amount",
    )


def _food_words(toks: list[str]) -> str:
    words = [t for t in toks if t != ","]
    while words and words[-1] in ("of", "a", "an"):
        words.pop()
    while words and words[0] in ("of",):
        words.pop(0)
    return " ".join(words)


def _trailing(toks: list[str], text: str) -> tuple[Amount, int] | None:
    """An amount at the end ("chicken breast 150 g", "milk 1 cup", "eggs 2 large") and where it starts."""
    for k in range(max(1, len(toks) - 4), len(toks)):
        if toks[k - 1] == "of":
            continue
        found = _amount_at(toks, k, text)
        if found is None:
            continue
        amount, end = found
        if end != len(toks):
            continue
        if amount.kind is UnitKind.COUNT:
            return _bare_grams(amount.quantity, text), k
        return amount, k
    return None


def _bare_grams(value: float, text: str) -> Amount:
    if value < BARE_GRAMS_MIN:
        raise AmountError(
            f"{text!r}: a number alone after a food means grams, and {value:g} g is unclear; "
            f"write '{value:g} g', or the count before the food ('{value:g} eggs')",
            field="amount",
        )
    return Amount(value, "g", UnitKind.MASS, 1.0, bare=True)


def _food_id_phrase(text: str, toks: list[str]) -> Phrase:
    food_id = toks[0]
    rest = [t for t in toks[1:] if t != ","]
    if not rest:
        raise AmountError(f"{text!r}: give an amount after the food id, e.g. '{food_id} 100 g'", field="amount")
    found = _amount_at(rest, 0, text)
    if found is None or found[1] != len(rest):
        raise AmountError(f"{text!r}: cannot read {' '.join(rest)!r} as an amount", field="amount")
    amount = found[0]
    if amount.kind is UnitKind.COUNT:
        amount = _bare_grams(amount.quantity, text)
    return Phrase(text, food_id, amount, False, food_id=food_id)


def parse_amount(text: str) -> Amount:
    """Read ``text`` as an amount alone ("150g", "2 large", "1 cup, chopped", "100"): a bare number is grams.
    Words after the unit are kept as portion words ("cup, chopped" matches USDA's "cup, chopped"); words in
    parentheses are USDA's comments ("bag (7 oz)") and are not matched."""
    toks = normalise(re.sub(r"\([^)]*\)", " ", text)).split()
    if not toks:
        raise AmountError("no amount given", field="amount")
    q = _quantity(toks, 0, text)
    if q is None:
        for t in toks:
            _number(t, text)
        quantity, j = 1.0, 0
    else:
        quantity, j = q
    rest = [t for t in toks[j:] if t != ","]
    if not rest:
        return _bare_grams(quantity, text)
    unit = _unit(toks, j)
    if unit is not None and unit[1] == len(toks):
        a = unit[0]
        return Amount(quantity, a.unit, a.kind, a.factor, a.words)
    words = tuple(rest)
    if unit is not None and unit[0].kind in (UnitKind.MASS, UnitKind.VOLUME):
        return Amount(quantity, unit[0].unit, UnitKind.PORTION, unit[0].factor, words)
    return Amount(quantity, " ".join(words), UnitKind.PORTION, 0.0, words)
