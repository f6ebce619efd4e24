"""Amounts people type ("150g", "5 oz", "1 cup, chopped", "2 large", "1 1/2 cups") -> grams.

Mass units and volumes: the common ones from a table in :mod:`norepi.units`, any other through pint;
household portions come from USDA WEIGHT for the food (a common mass unit wins over a portion of the same
words; the food's own portion wins over any other pint unit: "1 bag" is USDA's bag, not pint's 94 lb);
a volume without a matching portion uses the density implied by the food's cup/tbsp portions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from norepi.errors import AmountError
from norepi.foods.search import tokens
from norepi.units import ML_PER_CUP, ML_PER_FL_OZ, ML_PER_TBSP, ML_PER_TSP, known_unit, quantity_kind

MAX_GRAMS_PER_ENTRY = 5000.0  # more than 5 kg of one food at once is a typing error
VOLUME_WORDS_ML = {"cup": ML_PER_CUP, "tbsp": ML_PER_TBSP, "tsp": ML_PER_TSP, "fl oz": ML_PER_FL_OZ}
NUMBER = re.compile(r"^\s*(?P<num>\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d*)?|\.\d+)\s*(?P<rest>.*)$")
ITEM_WORDS = ("medium", "large", "small", "whole", "item", "piece", "slice", "fruit", "egg", "serving")


@dataclass(frozen=True)
class PortionOption:
    """A household measure of one food: ``amount`` x ``description`` weighs ``grams``."""

    amount: float
    description: str
    grams: float

    @property
    def words(self) -> list[str]:
        return tokens(re.sub(r"\([^)]*\)", " ", self.description))


def parse_number(text: str) -> tuple[float, str] | None:
    """The leading number of ``text`` (``"1 1/2"``, ``"0.5"``, ``"3/4"``) and the rest, or None."""
    match = NUMBER.match(text)
    if not match:
        return None
    raw = match.group("num").strip()
    value = float(sum(Fraction(part) for part in raw.split())) if "/" in raw else float(raw)
    return value, match.group("rest").strip()


def _portion_for(words: list[str], portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion whose description contains every word, with the fewest other words."""
    want = set(words)
    fits = [p for p in portions if want <= set(p.words)]
    if not fits:
        return None
    return min(fits, key=lambda p: (len(set(p.words) - want), p.description))


def default_portion(portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion a bare count means ("2 eggs", "1 banana"): medium, else the first whole item."""
    for p in portions:
        if "medium" in p.words:
            return p
    for p in portions:
        if p.words and p.words[0] not in {"cup", "tbsp", "tsp", "oz", "fl", "lb", "g", "nlea"}:
            return p
    return None


def density_g_per_ml(portions: Sequence[PortionOption]) -> float | None:
    """Grams per ml implied by the food's volume portions (cup, tbsp, tsp, fl oz), or None."""
    for p in portions:
        desc = p.description.lower()
        for word, ml in VOLUME_WORDS_ML.items():
            if desc == word or desc.startswith((word + " ", word + ",")):
                return p.grams / (p.amount * ml)
    return None


def to_grams(text: str, portions: Sequence[PortionOption], food: str = "this food") -> float:
    """Grams meant by amount ``text`` for a food with these USDA ``portions``; AmountError if unclear."""
    cleaned = text.strip()
    if not cleaned:
        raise AmountError("no amount given", field="amount")
    if cleaned.startswith("-"):
        raise AmountError(f"{text!r} is negative; amounts must be positive", field="amount")
    parsed = parse_number(cleaned)
    number, rest = parsed if parsed else (1.0, cleaned)
    if number <= 0:
        raise AmountError(f"{text!r} is not a positive amount", field="amount")
    grams = _grams(number, rest, portions, food, text)
    if grams > MAX_GRAMS_PER_ENTRY:
        raise AmountError(
            f"{text!r} is {grams:,.0f} g, more than {MAX_GRAMS_PER_ENTRY:,.0f} g in one entry", field="amount"
        )
    return grams


def _grams(number: float, rest: str, portions: Sequence[PortionOption], food: str, text: str) -> float:
    rest_words = tokens(re.sub(r"\([^)]*\)", " ", rest))
    if not rest:
        portion = default_portion(portions)
        if portion is None:
            raise AmountError(
                f"{text!r}: give a unit (g, oz, cup...) for {food}; it has no countable portion", field="amount"
            )
        return number / portion.amount * portion.grams
    portion = _portion_for(rest_words, portions) if rest_words else None
    kind = known_unit(rest)
    if kind is None:
        if portion is not None and set(portion.words) == set(rest_words):
            return number / portion.amount * portion.grams  # exactly a portion of this food ("large", "slice")
        kind = quantity_kind(rest)
    if kind and kind[0] == "mass":
        return number * kind[1]
    if portion is not None:
        return number / portion.amount * portion.grams
    if kind and kind[0] == "volume":
        density = density_g_per_ml(portions)
        if density is None:
            raise AmountError(f"{text!r}: no volume measure is known for {food}; give grams or ounces", field="amount")
        return number * kind[1] * density
    known = ", ".join(sorted({p.description for p in portions})[:12])
    raise AmountError(
        f"unknown unit or portion {rest!r} for {food}; use g, kg, oz, lb, ml, cup, tbsp, tsp"
        + (f" or one of its portions: {known}" if known else ""),
        field="amount",
    )


def split_amount(text: str) -> tuple[str, str] | None:
    """Split ``"2 large eggs"`` into candidate (amount, food) pairs' first guess: the leading number and rest."""
    parsed = parse_number(text)
    if parsed is None:
        return None
    match = NUMBER.match(text)
    assert match is not None
    return match.group("num"), parsed[1]


def amount_splits(text: str) -> list[tuple[str, str]]:
    """Ways to read ``text`` as amount + food, most specific first: ("2 large", "eggs"), ..., ("2", "large eggs")."""
    head = split_amount(text)
    if head is None:
        return [("", text.strip())]
    number, rest = head
    words = rest.split()
    splits = []
    for k in range(min(3, len(words) - 1), 0, -1):
        splits.append((f"{number} {' '.join(words[:k])}", " ".join(words[k:])))
    # "150g chicken": the unit glued to the number is already in the first word
    splits.append((number, rest))
    return splits
