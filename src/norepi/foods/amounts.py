"""Amounts -> grams for one food ("150g", "5 oz", "1 cup, chopped", "2 large", "1 can", "a handful").

Mass units convert exactly (:mod:`norepi.units`). A volume, a container or a portion word uses the food's own
USDA portion of that word first ("1 cup" of milk is USDA's 244 g cup); a volume without one uses the density
implied by the food's cup/tbsp/fl oz portions; a drink without any volume portion is taken at 1 g/ml, and says
so. A container without a portion of its word uses :data:`norepi.units.CONTAINERS` (size and source). A count
("2 eggs", "half an avocado") is the food's usual portion: medium, else its first whole item. A bare number is
grams (:mod:`norepi.foods.phrases`). Every result carries ``basis``: how the grams were found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from norepi.errors import AmountError
from norepi.foods.phrases import Amount, UnitKind, parse_amount, parse_phrase
from norepi.foods.text import tokens
from norepi.units import CONTAINERS, ML_PER_CUP, ML_PER_FL_OZ, ML_PER_TBSP, ML_PER_TSP

MAX_GRAMS_PER_ENTRY = 5000.0  # more than 5 kg of one food at once is a typing error
MIN_GRAMS_PER_ENTRY = 0.1  # below a tenth of a gram nothing in a food table is resolved; a typing error
VOLUME_WORDS_ML = {"cup": ML_PER_CUP, "tbsp": ML_PER_TBSP, "tsp": ML_PER_TSP, "fl oz": ML_PER_FL_OZ}
NOT_ITEMS = {"cup", "tbsp", "tsp", "oz", "fl", "lb", "g", "nlea", "quart", "pint", "serving", "package", "container"}
DRINK_GROUPS = frozenset({"1400"})  # USDA "Beverages"
DRINK_WORDS = frozenset(
    {"beverage", "milk", "juice", "drink", "water", "soda", "coffee", "tea", "beer", "wine", "soymilk", "kefir",
     "smoothie", "lemonade", "cola", "liquor", "spirit", "whiskey", "vodka", "rum", "gin", "broth", "shake"}
)


@dataclass(frozen=True)
class PortionOption:
    """A household measure of one food: ``amount`` x ``description`` weighs ``grams``."""

    amount: float
    description: str
    grams: float

    @property
    def words(self) -> list[str]:
        return tokens(re.sub(r"\([^)]*\)", " ", self.description))


@dataclass(frozen=True)
class Grams:
    """An amount resolved for one food: ``grams``, what was understood (``label``: "1 cup") and how the grams
    were found (``basis``: "USDA portion 1 cup = 244 g")."""

    grams: float
    label: str
    basis: str


def parse_number(text: str) -> tuple[float, str] | None:
    """The leading number of ``text`` (``"1 1/2"``, ``"0.5"``, ``"3/4"``) and the rest, or None."""
    match = NUMBER.match(text)
    if not match:
        return None
    from fractions import Fraction

    raw = match.group("num").strip()
    if "/" in raw and raw.split("/")[-1].strip("0 ") == "":
        raise AmountError(f"{text!r}: {raw} divides by zero", field="amount")
    value = float(sum(Fraction(part) for part in raw.split())) if "/" in raw else float(raw)
    return value, match.group("rest").strip()


NUMBER = re.compile(r"^\s*(?P<num>\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d*)?|\.\d+)\s*(?P<rest>.*)$")


def is_drink(description: str, group_code: str = "") -> bool:
    """A drink (taken at 1 g/ml when it has no volume portion): USDA group Beverages, or a drink word."""
    return group_code in DRINK_GROUPS or bool(DRINK_WORDS & set(tokens(description.split(",")[0])))


def _portion_for(words: Sequence[str], portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion whose description contains every word, with the fewest other words."""
    want = set(tokens(" ".join(words)))
    if not want:
        return None
    fits = [p for p in portions if want <= set(p.words)]
    if not fits:
        return None
    return min(fits, key=lambda p: (len(set(p.words) - want), p.description))


def default_portion(portions: Sequence[PortionOption]) -> PortionOption | None:
    """The portion a count means ("2 eggs", "1 banana"): medium, else the first whole item."""
    for p in portions:
        if "medium" in p.words:
            return p
    for p in portions:
        if p.words and p.words[0] not in NOT_ITEMS:
            return p
    return None


def density_g_per_ml(portions: Sequence[PortionOption]) -> tuple[float, PortionOption] | None:
    """Grams per ml implied by the food's first volume portion (cup, tbsp, tsp, fl oz), with that portion."""
    for p in portions:
        desc = p.description.lower()
        for word, ml in VOLUME_WORDS_ML.items():
            if desc == word or desc.startswith((word + " ", word + ",")):
                return p.grams / (p.amount * ml), p
    return None


def _portion_text(q: float, p: PortionOption) -> str:
    return f"USDA portion {p.amount:g} {p.description} = {p.grams:g} g"


def _by_portion(amount: Amount, p: PortionOption) -> Grams:
    return Grams(amount.quantity / p.amount * p.grams, amount.label, _portion_text(amount.quantity, p))


def _by_volume(amount: Amount, ml: float, portions: Sequence[PortionOption], food: str, drink: bool,
               why: str = "") -> Grams:
    found = density_g_per_ml(portions)
    if found is not None:
        density, p = found
        basis = f"{ml:g} ml at {density:.2f} g/ml (from its portion {p.amount:g} {p.description} = {p.grams:g} g)"
        return Grams(ml * density, amount.label, (why + "; " if why else "") + basis)
    if drink:
        return Grams(ml, amount.label, (why + "; " if why else "") + f"{ml:g} ml at 1 g/ml (a drink)")
    raise AmountError(f"{amount.label!r}: no volume measure is known for {food}; give grams or ounces", field="amount")


def resolve(amount: Amount, portions: Sequence[PortionOption], food: str = "this food", drink: bool = False) -> Grams:
    """Grams of ``amount`` for a food with these USDA ``portions`` (``drink``: 1 g/ml without a volume portion);
    AmountError with one line when the amount cannot be resolved or is impossible."""
    grams = _resolve(amount, portions, food, drink)
    if grams.grams < MIN_GRAMS_PER_ENTRY:
        raise AmountError(
            f"{amount.label!r} of {food} is {grams.grams:.3g} g; the smallest amount logged is "
            f"{MIN_GRAMS_PER_ENTRY:g} g", field="amount",
        )
    if grams.grams > MAX_GRAMS_PER_ENTRY:
        raise AmountError(
            f"{amount.label!r} of {food} is {grams.grams:,.0f} g, more than {MAX_GRAMS_PER_ENTRY:,.0f} g in one "
            "entry", field="amount",
        )
    return grams


def _resolve(amount: Amount, portions: Sequence[PortionOption], food: str, drink: bool) -> Grams:
    q = amount.quantity
    if q <= 0:
        raise AmountError(f"{amount.label!r} is not a positive amount", field="amount")
    if amount.kind is UnitKind.MASS:
        basis = "a bare number after a food is grams" if amount.bare else ""
        return Grams(q * amount.factor, amount.label, basis)
    if amount.kind is UnitKind.VOLUME:
        p = _portion_for(amount.unit.split(), portions) if amount.unit in VOLUME_WORDS_ML or amount.unit in (
            "pint", "quart") else None
        if p is not None:
            return _by_portion(amount, p)
        return _by_volume(amount, q * amount.factor, portions, food, drink)
    if amount.kind is UnitKind.CONTAINER:
        p = _portion_for([amount.unit], portions)
        if p is not None:
            return _by_portion(amount, p)
        box = CONTAINERS[amount.unit]
        if box.grams is not None:
            return Grams(q * box.grams, amount.label, f"1 {box.word} = {box.source}")
        assert box.ml is not None
        return _by_volume(amount, q * box.ml, portions, food, drink, f"1 {box.word} = {box.source}")
    if amount.kind is UnitKind.PORTION:
        words = amount.words or (amount.unit,)
        p = _portion_for(words, portions)
        exact = [x for x in portions if set(x.words) == set(tokens(" ".join(words)))]
        if exact:
            p = exact[0]
        if p is not None:
            return _by_portion(amount, p)
        if amount.factor:  # "1 cup, sliced" with no such portion: the cup itself
            head = Amount(q, amount.unit, UnitKind.VOLUME if amount.unit in VOLUME_WORDS_ML or amount.factor
                          else UnitKind.MASS, amount.factor)
            return _resolve(head, portions, food, drink)
        known = ", ".join(sorted({f"{x.amount:g} {x.description}" for x in portions})[:12])
        raise AmountError(
            f"unknown unit or portion {' '.join(words)!r} for {food}; use g, oz, cup, tbsp, ml"
            + (f" or one of its portions: {known}" if known else ""),
            field="amount",
        )
    p = default_portion(portions)
    if p is None:
        raise AmountError(
            f"{amount.label!r}: give a unit (g, oz, cup...) for {food}; it has no countable portion", field="amount"
        )
    return Grams(q / p.amount * p.grams, f"{amount.label} {_short(p)}", _portion_text(q, p))


def _short(p: PortionOption) -> str:
    return p.description if p.amount == 1 else f"x {p.amount:g} {p.description}"


def to_grams(text: str, portions: Sequence[PortionOption], food: str = "this food", drink: bool = False) -> float:
    """Grams meant by amount ``text`` ("150g", "2 large", "1 cup, chopped", "100" = 100 g) for a food with these
    USDA ``portions``; AmountError if unclear."""
    if not text.strip():
        raise AmountError("no amount given", field="amount")
    return resolve(parse_amount(text), portions, food, drink).grams


def split_amount(text: str) -> tuple[str, str] | None:
    """Split ``"2 large eggs"`` into the leading number and the rest, or None."""
    match = NUMBER.match(text)
    if match is None:
        return None
    return match.group("num"), match.group("rest").strip()


def amount_splits(text: str) -> list[tuple[str, str]]:
    """Ways to read ``text`` as (amount, food), the phrase parser's reading first; kept for callers that try
    each against the food table."""
    try:
        phrase = parse_phrase(text)
    except AmountError:
        phrase = None
    out: list[tuple[str, str]] = []
    if phrase is not None:
        out.append((phrase.amount.label if phrase.amount.kind is not UnitKind.COUNT else f"{phrase.amount.quantity:g}",
                    phrase.food))
    head = split_amount(text)
    if head is None:
        return out or [("", text.strip())]
    number, rest = head
    words = rest.split()
    for k in range(min(3, len(words) - 1), 0, -1):
        out.append((f"{number} {' '.join(words[:k])}", " ".join(words[k:])))
    out.append((number, rest))
    return list(dict.fromkeys(out))
