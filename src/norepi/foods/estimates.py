"""Estimated phenylalanine (SR 508) and tyrosine (SR 509) for foods that lack them (Branded, Open Food Facts,
FNDDS, many SR foods): the food's protein times the amino-acid profile (mg per g protein) of the generic foods
closest to it.

Closest: cosine similarity of TF-IDF word vectors (description, category, the first ingredients; the SR food
group as one more word) against every generic food with measured Phe, Tyr and at least
:data:`MIN_PROTEIN_G` g protein per 100 g. The estimate is the similarity-weighted median of the
:data:`NEIGHBOURS` nearest profiles; its range is the lowest and highest of them. Without any similar food the
median profile of all reference foods is used, with its 10th-90th percentile range. Estimates are labelled
(:class:`norepi.foods.records.Estimate`, ``basis`` names the foods used) and kept apart from measured values.

Error, leave-one-out over SR28 (:func:`leave_one_out`, stated in docs/foods.md and checked by
tests/foods/test_estimates.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from norepi.foods.records import GENERIC_TYPES, Estimate, FoodRecord
from norepi.foods.text import tokens

PHE, TYR, PROTEIN = "508", "509", "203"
AMINO = (PHE, TYR)
MIN_PROTEIN_G = 1.0  # below this the measured ratio is noise (fruits, oils)
NEIGHBOURS = 20  # leave-one-out error falls from 3 to 20 neighbours (docs/foods.md)
INGREDIENT_WORDS = 6  # the first words of an ingredient list name what the food is made of
GROUP_WEIGHT = 2.0
# Open Food Facts / Branded category words -> the SR food group they belong to
CATEGORY_GROUPS: dict[str, str] = {
    "dairy": "0100", "milk": "0100", "cheese": "0100", "yogurt": "0100", "yoghurt": "0100", "egg": "0100",
    "spice": "0200", "herb": "0200", "fat": "0400", "oil": "0400", "butter": "0400", "poultry": "0500",
    "chicken": "0500", "turkey": "0500", "soup": "0600", "sausage": "0700", "ham": "0700", "cereal": "0800",
    "breakfast": "0800", "fruit": "0900", "juice": "0900", "pork": "1000", "vegetable": "1100", "nut": "1200",
    "seed": "1200", "beef": "1300", "beverage": "1400", "drink": "1400", "fish": "1500", "seafood": "1500",
    "legume": "1600", "bean": "1600", "tofu": "1600", "lamb": "1700", "bread": "1800", "biscuit": "1800",
    "cake": "1800", "cookie": "1800", "cracker": "1800", "pastry": "1800", "candy": "1900", "chocolate": "1900",
    "confectionery": "1900", "sweet": "1900", "pasta": "2000", "rice": "2000", "grain": "2000", "flour": "2000",
    "snack": "2500", "chip": "2500", "crisp": "2500", "meal": "2200", "pizza": "2100", "sandwich": "2100",
}  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """A reference food's measured amino acids per g protein (mg/g)."""

    food_id: str
    description: str
    phe_mg_per_g: float
    tyr_mg_per_g: float


def _words(food: FoodRecord) -> list[str]:
    words = tokens(food.description) + tokens(food.group)
    if food.ingredients:
        words += [w for w in tokens(food.ingredients)[:INGREDIENT_WORDS]]
    group = food.group_code or _group_from_category(food.group + " " + food.description)
    if group:
        words.append(f"group{group}")
    return words


def _group_from_category(text: str) -> str:
    for word in tokens(text):
        if word in CATEGORY_GROUPS:
            return CATEGORY_GROUPS[word]
    return ""


def is_reference(food: FoodRecord) -> bool:
    """A generic food with measured phenylalanine, tyrosine and enough protein to make a profile."""
    protein = food.value(PROTEIN)
    return (food.data_type in GENERIC_TYPES and protein is not None and protein >= MIN_PROTEIN_G
            and food.value(PHE) is not None and food.value(TYR) is not None)


class AminoEstimator:
    """Nearest generic profiles for foods without measured Phe/Tyr."""

    def __init__(self, references: Iterable[FoodRecord]) -> None:
        refs = [f for f in references if is_reference(f)]
        if not refs:
            raise ValueError("no reference food with measured phenylalanine, tyrosine and protein")
        self.profiles = [
            Profile(f.food_id, f.description, 1000 * f.value(PHE) / f.value(PROTEIN),  # type: ignore[operator]
                    1000 * f.value(TYR) / f.value(PROTEIN))  # type: ignore[operator]
            for f in refs
        ]
        self._phe = np.array([p.phe_mg_per_g for p in self.profiles])
        self._tyr = np.array([p.tyr_mg_per_g for p in self.profiles])
        docs = [_words(f) for f in refs]
        vocab: dict[str, int] = {}
        for d in docs:
            for w in d:
                vocab.setdefault(w, len(vocab))
        df = np.zeros(len(vocab))
        for d in docs:
            for w in set(d):
                df[vocab[w]] += 1
        self._vocab = vocab
        self._idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
        self._matrix = self._vectors(docs)

    def _vectors(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, d in enumerate(docs):
            seen: dict[int, float] = {}
            for w in d:
                c = self._vocab.get(w)
                if c is not None:
                    seen[c] = self._idf[c] * (GROUP_WEIGHT if w.startswith("group") else 1.0)
            norm = math.sqrt(sum(v * v for v in seen.values())) or 1.0
            for c, v in seen.items():
                rows.append(r)
                cols.append(c)
                vals.append(v / norm)
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self._vocab)))

    def profile_for(self, food: FoodRecord, exclude: int | None = None) -> tuple[float, float, float, float,
                                                                                  float, float, str]:
        """(phe, low, high, tyr, low, high) mg per g protein for ``food``, and the basis text."""
        sims = (self._vectors([_words(food)]) @ self._matrix.T).toarray()[0]
        if exclude is not None:
            sims[exclude] = 0.0
        return self._from_similarities(sims)

    def _from_similarities(self, sims: np.ndarray) -> tuple[float, float, float, float, float, float, str]:
        k = min(NEIGHBOURS, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[sims[top] > 0]
        if len(top) == 0:
            phe, tyr = self._phe, self._tyr
            return (float(np.median(phe)), float(np.percentile(phe, 10)), float(np.percentile(phe, 90)),
                    float(np.median(tyr)), float(np.percentile(tyr, 10)), float(np.percentile(tyr, 90)),
                    "median profile of all reference foods (no similar food)")
        top = top[np.argsort(-sims[top])]
        weights = sims[top]
        names = "; ".join(self.profiles[i].description for i in top[:3])
        return (_weighted_median(self._phe[top], weights), float(self._phe[top].min()), float(self._phe[top].max()),
                _weighted_median(self._tyr[top], weights), float(self._tyr[top].min()), float(self._tyr[top].max()),
                f"protein x the amino-acid profile of similar foods: {names}")

    def estimates_for(self, food: FoodRecord) -> dict[str, Estimate]:
        """Estimated Phe and Tyr (g per 100 g) for those ``food`` lacks; {} when it has both or no protein."""
        protein = food.value(PROTEIN)
        missing = [k for k in AMINO if food.value(k) is None]
        if protein is None or not missing:
            return {}
        phe, phe_lo, phe_hi, tyr, tyr_lo, tyr_hi, basis = self.profile_for(food)
        values = {PHE: (phe, phe_lo, phe_hi), TYR: (tyr, tyr_lo, tyr_hi)}
        return {k: Estimate(protein * values[k][0] / 1000, protein * values[k][1] / 1000,
                            protein * values[k][2] / 1000, "g", basis) for k in missing}


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    v, w = values[order], weights[order]
    cum = np.cumsum(w)
    return float(v[np.searchsorted(cum, cum[-1] / 2)])


@dataclass(frozen=True)
class LooError:
    """Leave-one-out relative error of the estimates (|estimated - measured| / measured) over ``foods``, and
    the share of measured values inside the estimate's range."""

    foods: int
    phe_median: float
    phe_p90: float
    tyr_median: float
    tyr_p90: float
    phe_in_range: float
    tyr_in_range: float


def leave_one_out(references: Iterable[FoodRecord], baseline: bool = False, same_name: bool = True) -> LooError:
    """Estimate each reference food's Phe and Tyr from all the others; ``same_name`` False also leaves out the
    foods of the same name (first comma segment: every "Beef, ..." for a beef cut), as a packaged food has no
    near-twin among the references; ``baseline``: from the median profile of all others instead (what the
    estimate must beat). Foods whose measured value is 0 are not counted (no relative error)."""
    refs = [f for f in references if is_reference(f)]
    est = AminoEstimator(refs)
    names = [" ".join(tokens(f.description.split(",")[0])) for f in refs]
    by_name: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        by_name.setdefault(name, []).append(i)
    sims_all = est._matrix @ est._matrix.T
    n = len(est.profiles)
    err_phe, err_tyr, in_phe, in_tyr, counted = [], [], 0, 0, 0
    for i in range(n):
        true_p, true_t = est._phe[i], est._tyr[i]
        if true_p <= 0 or true_t <= 0:
            continue
        counted += 1
        row = sims_all.getrow(i).toarray()[0]
        row[i] = 0.0
        if not same_name:
            row[by_name[names[i]]] = 0.0
        if baseline:
            mask = np.ones(n, bool)
            mask[i] = False
            phe, lo_p, hi_p = float(np.median(est._phe[mask])), 0.0, 0.0
            tyr, lo_t, hi_t = float(np.median(est._tyr[mask])), 0.0, 0.0
        else:
            phe, lo_p, hi_p, tyr, lo_t, hi_t, _ = est._from_similarities(row)
        err_phe.append(abs(phe - true_p) / true_p)
        err_tyr.append(abs(tyr - true_t) / true_t)
        in_phe += lo_p <= true_p <= hi_p
        in_tyr += lo_t <= true_t <= hi_t
    return LooError(counted, float(np.median(err_phe)), float(np.percentile(err_phe, 90)),
                    float(np.median(err_tyr)), float(np.percentile(err_tyr, 90)), in_phe / counted, in_tyr / counted)


def add_estimates(foods: Iterable[FoodRecord], estimator: AminoEstimator) -> Iterator[FoodRecord]:
    """``foods`` with estimated Phe and Tyr added where they lack them (measured values untouched)."""
    for food in foods:
        extra = estimator.estimates_for(food)
        yield replace(food, estimates={**food.estimates, **extra}) if extra else food
