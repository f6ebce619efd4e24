"""Day analysis: totals, % of target, shortfalls, upper limits, and what is unknown.

Pure functions over value objects: the caller supplies the servings with their nutrient amounts. A day with no
servings has no analysis at all (its food part is None, never zeros).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from norepi.nutrition.nutrients import BY_KEY, FOLATE_FOOD, FOLIC_ACID, FOLIC_ACID_TO_DFE, KEYS, TRACKED
from norepi.nutrition.targets import Target

# the keys a shortfall is reported for (energy has a band, not a minimum; Phe and Tyr count as their sum)
SHORTFALL_KEYS: tuple[str, ...] = tuple(k for k in KEYS if k != "energy_kcal")
# The magnesium UL (350 mg, IOM 1997) is for magnesium from supplements and medications, not food: it is compared
# with what the day's supplements give.
SUPPLEMENT_ONLY_UL = frozenset({"magnesium_mg"})


def serving_amounts(
    per_100g: Mapping[str, float], grams: float, given: Mapping[str, float] | None = None
) -> dict[str, float | None]:
    """Amount of each tracked nutrient in ``grams`` of a food (key units) from its values per 100 g (USDA nutrient
    numbers and units), None where the food has no value; ``given`` amounts (key units, from the source of an
    imported serving) replace the food's."""
    scale = grams / 100.0
    out: dict[str, float | None] = {}
    for n in TRACKED:
        if n.usda_nutr_no is None:
            continue
        value = per_100g.get(n.usda_nutr_no)
        if value is None and n.key == "folate_dfe_ug":
            food, folic = per_100g.get(FOLATE_FOOD), per_100g.get(FOLIC_ACID)
            if food is not None and folic is not None:
                value = food + FOLIC_ACID_TO_DFE * folic
        out[n.key] = None if value is None else value * n.factor * scale
    for key, amount in (given or {}).items():
        if key in out:
            out[key] = amount
    phe, tyr = out["phenylalanine_mg"], out["tyrosine_mg"]
    out["phe_tyr_mg"] = None if phe is None or tyr is None else phe + tyr
    return {k: out[k] for k in KEYS}


KEY_INDEX = {k: i for i, k in enumerate(KEYS)}


class NutrientAmounts(Mapping[str, "float | None"]):
    """The tracked nutrient amounts of one serving (key units, None = unknown) as a read-only mapping over a row
    of a servings x ``KEYS`` array (NaN = unknown), so that a year of servings needs no dict per serving."""

    __slots__ = ("_matrix", "_row")

    def __init__(self, matrix: np.ndarray, row: int) -> None:
        self._matrix = matrix
        self._row = row

    def __getitem__(self, key: str) -> float | None:
        value = float(self._matrix[self._row, KEY_INDEX[key]])
        return None if value != value else value

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)


def amounts_matrix(per_gram: np.ndarray, food_index: np.ndarray, grams: np.ndarray) -> np.ndarray:
    """Servings x ``KEYS`` amounts (key units, NaN = unknown) from a foods x ``KEYS`` array of amounts per gram,
    each serving's food (row of ``per_gram``) and grams."""
    return per_gram[food_index] * grams[:, None]


def per_gram_row(per_100g: Mapping[str, float]) -> list[float]:
    """A food's amount of each key per gram (key units; NaN where the food has no value), ``KEYS`` order."""
    return [np.nan if v is None else v / 100.0 for v in serving_amounts(per_100g, 100.0).values()]


def folic_acid_ug(per_100g: Mapping[str, float], grams: float) -> float:
    """Folic acid (µg; the form the folate UL applies to) in ``grams`` of a food; 0 when the food gives none."""
    return per_100g.get(FOLIC_ACID, 0.0) * grams / 100.0


class FoodItem(NamedTuple):
    """One serving of a day: what, when, how much, and its tracked nutrient amounts (key units, None = the
    food has no value). ``food_id`` is the food's NDB number, "" for an imported serving that matched no food
    (its amounts are the source's own); ``grams`` is None when the source did not give a weight. (A NamedTuple:
    a year holds some ten thousand of them.)"""

    entry_id: int | None
    time: dt.time | None
    food_id: str
    description: str
    grams: float | None
    amount_text: str
    amounts: Mapping[str, float | None]
    folic_acid_ug: float = 0.0
    source: str = "manual"
    supplement: bool = False
    estimated: tuple[str, ...] = ()  # keys whose amount is an estimate (phenylalanine from protein...), not measured


@dataclass(frozen=True)
class Incomplete:
    """A serving whose food lacks a value for these keys (the day's totals of them are lower bounds)."""

    food_id: str
    description: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class OverLimit:
    """A tolerable upper intake level exceeded: the amount compared (key units) and what it is."""

    key: str
    amount: float
    ul: float
    compared: str  # "Vitamin C", or "folic acid" for the folate UL


@dataclass(frozen=True)
class FoodDay:
    """The day's nutrition. ``totals`` are sums of known values (key units); where ``incomplete`` names servings
    lacking a value, the total of that key (listed in ``lower_bound``) is a lower bound. ``coverage_pct`` is
    total / RDA x 100; ``shortfalls`` are the keys under 100 %, worst first."""

    items: tuple[FoodItem, ...]
    totals: Mapping[str, float]
    coverage_pct: Mapping[str, float | None]
    lower_bound: tuple[str, ...]
    incomplete: tuple[Incomplete, ...]
    shortfalls: tuple[str, ...]
    over_ul: tuple[OverLimit, ...]
    complete: bool | None = None  # a source's own flag: the log of the day is complete (True) or partial
    estimated: Mapping[str, float] = field(default_factory=dict)  # the part of each total that is estimated


def analyze_food(items: Sequence[FoodItem], targets: Mapping[str, Target], complete: bool | None = None,
                 matrix: np.ndarray | None = None, estimated: np.ndarray | None = None) -> FoodDay:
    """Totals (key units), coverage (% of RDA), shortfalls, ULs exceeded and unknowns of a day's servings;
    ``matrix`` (servings x ``KEYS``, NaN = unknown) and ``estimated`` (the same shape, True where the amount is an
    estimate) when the caller has them as arrays already. A total counts the estimates; ``estimated`` on the day
    says how much of it they are."""
    if matrix is None:
        matrix = np.array([[np.nan if v is None else v for v in (i.amounts[k] for k in KEYS)] for i in items],
                          dtype=float).reshape(len(items), len(KEYS))
    if estimated is None:
        estimated = np.array([[k in i.estimated for k in KEYS] for i in items], dtype=bool).reshape(matrix.shape)
    unknown = np.isnan(matrix)
    sums = np.where(unknown, 0.0, matrix).sum(axis=0)
    totals = dict(zip(KEYS, sums.tolist(), strict=True))
    lower = unknown.any(axis=0)
    flags = unknown.tolist()
    incomplete = tuple(Incomplete(items[r].food_id, items[r].description,
                                  tuple(k for k, u in zip(KEYS, flags[r], strict=True) if u))
                       for r in np.flatnonzero(unknown.any(axis=1)).tolist())
    supplemented = dict.fromkeys(SUPPLEMENT_ONLY_UL, 0.0)
    for item in items:
        if item.supplement:
            for k in supplemented:
                supplemented[k] += item.amounts.get(k) or 0.0
    folic = sum(i.folic_acid_ug for i in items)
    coverage = coverage_pct(totals, targets)
    est = np.where(estimated & ~unknown, matrix, 0.0).sum(axis=0).tolist()
    return FoodDay(
        items=tuple(items),
        totals=totals,
        coverage_pct=coverage,
        lower_bound=tuple(k for k, low in zip(KEYS, lower.tolist(), strict=True) if low),
        incomplete=incomplete,
        shortfalls=shortfalls(coverage),
        over_ul=over_limits(totals, targets, folic, supplemented),
        complete=complete,
        estimated={k: v for k, v in zip(KEYS, est, strict=True) if v},
    )


def coverage_pct(totals: Mapping[str, float], targets: Mapping[str, Target]) -> dict[str, float | None]:
    """Total / RDA x 100 for each key (None where the target is 0)."""
    return {k: (100.0 * totals[k] / targets[k].rda if targets[k].rda else None) for k in KEYS}


def shortfalls(coverage: Mapping[str, float | None]) -> tuple[str, ...]:
    """Keys under 100 % of their target, worst first."""
    return tuple(sorted((k for k in SHORTFALL_KEYS if (coverage[k] or 0.0) < 100.0), key=lambda k: coverage[k] or 0.0))


def over_limits(totals: Mapping[str, float], targets: Mapping[str, Target], folic_acid: float,
                supplemented: Mapping[str, float] | None = None) -> tuple[OverLimit, ...]:
    """Upper limits exceeded: the folate UL is compared with folic acid (µg), the magnesium UL with magnesium from
    supplements (``supplemented``, key units), every other UL with the day's total."""
    over: list[OverLimit] = []
    for k in KEYS:
        ul = targets[k].ul
        if ul is None:
            continue
        if k == "folate_dfe_ug":
            amount, compared = folic_acid, "folic acid"
        elif k in SUPPLEMENT_ONLY_UL:
            amount, compared = (supplemented or {}).get(k, 0.0), f"{BY_KEY[k].label.lower()} from supplements"
        else:
            amount, compared = totals[k], BY_KEY[k].label
        if amount > ul:
            over.append(OverLimit(k, amount, ul, compared))
    return tuple(over)
