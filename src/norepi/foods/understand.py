"""A typed food phrase -> the food, its grams and what was understood, for "Logged 244 g Milk, whole, 3.25%
milkfat, with added vitamin D (1 cup)". Pure: the caller passes the search index and a food lookup.

The food is the search's first hit: the person's earlier choice for the same words, their own food or recipe,
the usual food for a common word (:mod:`norepi.foods.synonyms`), else the best match of every word; two
alternatives travel with it. A phrase whose words match no food well is refused (NotFound) with the closest
names. A packaged food without a portion of the word typed ("2 slices" of a bread whose label serving is
34 g) counts its label serving as one, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from norepi.errors import AmountError, NotFound
from norepi.foods.amounts import Grams, is_drink, resolve
from norepi.foods.phrases import Amount, Phrase, UnitKind, parse_amount, parse_phrase
from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex, Hit

FoodLookup = Callable[[str], FoodRecord | None]
MIN_SCORE = 0.5  # a search hit below this (no pin) is not taken as what the person meant


@dataclass(frozen=True)
class Understood:
    """A phrase understood: the food, the grams, what amount was read (``label``), how the grams were found
    (``basis``), why this food (``reason``) and two alternatives."""

    phrase: Phrase
    food: FoodRecord
    grams: float
    label: str
    basis: str
    reason: str
    alternatives: tuple[Hit, ...] = ()

    @property
    def message(self) -> str:
        """One line for the person: "Logged 244 g Milk, whole, 3.25% milkfat, with added vitamin D (1 cup)"."""
        return f"Logged {grams_text(self.grams)} g {self.food.description} ({self.label})"


def grams_text(grams: float) -> str:
    """Grams as shown: whole grams from 10 g, one decimal below."""
    return f"{grams:.0f}" if grams >= 10 else f"{grams:.1f}".rstrip("0").rstrip(".")


def choose_food(query: str, index: FoodIndex, food: FoodLookup, chosen: Mapping[str, str] | None = None,
                ) -> tuple[FoodRecord, str, tuple[Hit, ...]]:
    """The food meant by ``query`` (with why, and two alternatives); NotFound when nothing matches well."""
    hits = index.search(query, 3, chosen)
    if not hits or not (hits[0].reason or (hits[0].complete and hits[0].score >= MIN_SCORE)):
        near = "; ".join(h.description for h in hits[:3])
        raise NotFound(f"no food matches {query!r}" + (f" well; closest: {near}" if near else "")
                       + ". Try other words, or search the foods")
    record = food(hits[0].food_id)
    if record is None:
        raise NotFound(f"food {hits[0].food_id} is in the index but not in the food store")
    return record, hits[0].reason or "best match", tuple(hits[1:3])


def understand(text: str, index: FoodIndex, food: FoodLookup, chosen: Mapping[str, str] | None = None,
               ) -> Understood:
    """Read ``text`` ("1 cup milk", "chicken breast 150g", "01123 100") as a food and grams; AmountError or
    NotFound with one line when it cannot be."""
    phrase = parse_phrase(text)
    alternatives: tuple[Hit, ...] = ()
    if phrase.food_id is not None:
        record = food(phrase.food_id)
        if record is None:
            raise NotFound(f"no food with id {phrase.food_id}")
        reason = "food id"
    else:
        record, reason, alternatives = choose_food(phrase.food, index, food, chosen)
    grams = amount_of(phrase, record)
    return Understood(phrase, record, grams.grams, grams.label, grams.basis, reason, alternatives)


def amount_of(phrase: Phrase, record: FoodRecord) -> Grams:
    """The grams of the phrase's amount for ``record``."""
    return _grams(phrase.amount, record)


def amount_for(text: str, record: FoodRecord) -> Grams:
    """The grams of an amount alone ("2 slices", "150 g", "100" = 100 g) for a food already chosen (by barcode,
    by id); AmountError with one line when it cannot be read."""
    return _grams(parse_amount(text), record)


def _grams(amount: Amount, record: FoodRecord) -> Grams:
    drink = is_drink(record.description, record.group_code)
    try:
        return resolve(amount, record.portions, record.description, drink)
    except AmountError:
        serving = next((p for p in record.portions if p.description == "serving"), None)
        if not record.branded or serving is None or amount.kind not in (UnitKind.PORTION, UnitKind.COUNT):
            raise
        grams = amount.quantity * serving.grams
        what = amount.unit or "item"
        return Grams(grams, amount.label,
                     f"its label serving ({serving.grams:g} g) taken as 1 {what}: the label names no {what}")
