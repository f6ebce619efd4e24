"""Food search over every food source: typo- and word-order-tolerant, ranked as a person expects.

An in-memory inverted index (built once per process from the food store) rather than SQLite FTS5: the same
ranking then works on SQLite and PostgreSQL, typos are handled by a symmetric-delete dictionary (edit
distance 1), and the ranking can use the sources' own signals:

* the person first: a food they picked before for the same words wins (``chosen``), then their own foods and
  recipes; then the food most people mean by a common word (:mod:`norepi.foods.synonyms`, with its two
  alternatives); regional names are rewritten to USDA's words first ("courgette" -> "zucchini");
* where the words match: the first comma segment names the food ("Egg, yolk, dried" is an egg);
* how well: exact or plural form > prefix > one typo;
* a plain-food prior: foods in USDA's survey (FNDDS) set, with household portions, described as
  raw / whole / fresh / fluid / plain, rank above dried, powdered, frozen, branded or baby foods;
* generic foods before branded ones unless the query names the brand.

Scoring is vectorised with NumPy over postings arrays, so that one query costs about a millisecond at
SR28 + Foundation + FNDDS scale and a few at Branded scale (bench/bench_search.py).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from norepi.foods.synonyms import defaults_for, key, rewrite
from norepi.foods.text import STOP_WORDS, normalize, stem, tokens

__all__ = ["FoodIndex", "FoodKind", "Hit", "SearchableFood", "normalize", "stem", "tokens", "top_choices",
           "STOP_WORDS"]

PLAIN_WORDS = {
    "raw": 0.06,
    "whole": 0.05,
    "fresh": 0.05,
    "fluid": 0.05,
    "plain": 0.04,
    "meat": 0.03,
    "only": 0.02,
    "cooked": 0.02,
    "roasted": 0.015,
    "boiled": 0.015,
}
PROCESSED_WORDS = {
    "dried": 0.12,
    "dry": 0.10,
    "powder": 0.12,
    "dehydrated": 0.12,
    "frozen": 0.05,
    "canned": 0.04,
    "sugared": 0.08,
    "salted": 0.04,
    "stabilized": 0.10,
    "imitation": 0.15,
    "substitute": 0.15,
    "babyfood": 0.3,
    "breaded": 0.06,
    "flavored": 0.05,
    "mix": 0.06,
    "prepared": 0.03,
    "producer": 0.08,
    "filled": 0.10,
    "formula": 0.3,
    "sweetened": 0.03,
    "fortified": 0.04,
    "reduced": 0.01,
    "lowfat": 0.01,
    "nonfat": 0.015,
    "concentrate": 0.06,
    "industrial": 0.15,
    "commercial": 0.02,
    "restaurant": 0.1,
    "fast": 0.08,
    "deli": 0.08,
    "prepackaged": 0.08,
    "sliced": 0.03,
    "tender": 0.04,
    "sodium": 0.04,
    "buttermilk": 0.06,
    # the same food from an animal people rarely mean by the plain word
    "human": 0.3,
    "goat": 0.05,
    "sheep": 0.05,
    "buffalo": 0.05,
    "duck": 0.04,
    "goose": 0.05,
    "quail": 0.05,
    "emu": 0.05,
    "ostrich": 0.05,
}
# descriptors that say how a food was fortified; they do not make a description more specific
NEUTRAL_WORDS = frozenset({"added", "vitamin", "d", "b", "c", "e", "milkfat", "enriched", "unenriched"})
FIRST_SEGMENT_BONUS = 0.12
EXACT_NAME_BONUS = 0.1
FIRST_SEGMENT_EXTRA = 0.05
# USDA files some foods under a category word ("Nuts, almonds", "Beverages, coffee, brewed"); the
# food's own name then stands in the second segment, so that one counts as the first.
CATEGORY_PREFIXES = frozenset({"beverage", "nut", "seed", "fish", "spice", "mollusk", "crustacean"})
GROUP_PENALTY = {
    "0300": 0.3,
    "2100": 0.12,
    "3600": 0.12,
    "2500": 0.05,
    "0600": 0.04,
    "2200": 0.06,
    "0800": 0.03,
    "1800": 0.02,
    "1900": 0.03,
}
SEGMENT_WEIGHT = (1.0, 0.82, 0.75, 0.7, 0.66, 0.62)
EXACT, PREFIX, TYPO = 1.0, 0.7, 0.75


BRANDED_PENALTY = 0.25  # a packaged food ranks below the generic one unless its brand is named
BRAND_NAMED_BONUS = 0.1
SR_BRAND_PENALTY = 0.15  # an SR food with a manufacturer (or a brand written in capitals)
# pinned foods come first, in this order, whatever their match score
CHOSEN_BONUS = 3.0  # the food the person picked before for these words
OWN_BONUS = 2.5  # the person's own foods and recipes, when every word matches
DEFAULT_BONUS = (1.5, 1.4, 1.3)  # the table's default and its two alternatives
CHOSEN_ELSEWHERE_BONUS = 0.5  # a food the person picked for other words, when every word matches
NEAR_MISS_PENALTY = 0.35  # per query word a food lacks
FINE_CANDIDATES = 100  # foods whose naming-segment bonuses are computed, best coarse scores first


class FoodKind(StrEnum):
    """What a food in the index is, for ranking."""

    GENERIC = "generic"
    BRANDED = "branded"
    OWN = "own"
    RECIPE = "recipe"


@dataclass(frozen=True, slots=True)
class SearchableFood:
    """What the index needs to know of a food. ``link`` is the SR NDB number an FDC food continues: foods with
    the same link are one food to a person, and only the best of them is listed."""

    food_id: str
    description: str
    group_code: str = ""
    group: str = ""
    survey: bool = False
    manufacturer: str = ""
    common_name: str = ""
    portions: int = 0
    kind: FoodKind = FoodKind.GENERIC
    brand: str = ""
    link: str = ""

    @property
    def ndb_no(self) -> str:
        """The food id (SR foods: their NDB number); kept for callers written before other sources."""
        return self.food_id


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result with its match score (higher is better, about 0..1.3) and, when it was put ahead of
    better-scored foods, why (``reason``: "your earlier choice", "your food", "usual choice", "alternative",
    "chosen before")."""

    food_id: str
    description: str
    group: str
    score: float
    kind: FoodKind = FoodKind.GENERIC
    reason: str = ""
    complete: bool = True  # every word of the query matched (exactly, as a prefix or with one typo)

    @property
    def ndb_no(self) -> str:
        """The food id; kept for callers written before other sources."""
        return self.food_id


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass
class FoodIndex:
    """An inverted index over food descriptions (and brands); see the module docstring for the ranking."""

    foods: list[SearchableFood]
    _vocab: dict[str, int] = field(default_factory=dict, repr=False)
    _words: list[str] = field(default_factory=list, repr=False)
    _post_food: list[np.ndarray] = field(default_factory=list, repr=False)
    _post_seg: list[np.ndarray] = field(default_factory=list, repr=False)
    _deletes: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _brands: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _prior: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), repr=False)
    _length: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16), repr=False)
    _first_len: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16), repr=False)
    _first_key: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    _kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8), repr=False)
    _base: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), repr=False)
    _named_bonus: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), repr=False)
    _first_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64), repr=False)
    _first_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32), repr=False)
    _own: list[int] = field(default_factory=list, repr=False)
    _ids: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, foods: Iterable[SearchableFood]) -> FoodIndex:
        """The index over ``foods`` (about 0.2 s per 10k foods)."""
        index = cls(list(foods))
        n = len(index.foods)
        post_food: dict[str, list[int]] = defaultdict(list)
        post_seg: dict[str, list[int]] = defaultdict(list)
        brands: dict[str, list[int]] = defaultdict(list)
        prior = np.zeros(n, np.float32)
        length = np.zeros(n, np.int16)
        first_len = np.zeros(n, np.int16)
        first_key = np.zeros(n, np.int64)
        kinds = np.zeros(n, np.int8)
        kind_codes = {k: i for i, k in enumerate(FoodKind)}
        last_seg = len(SEGMENT_WEIGHT) - 1
        firsts: list[frozenset[str]] = []
        for i, food in enumerate(index.foods):
            index._ids.setdefault(food.food_id, i)
            seen: dict[str, int] = {}
            segments = food.description.split(",")
            if len(segments) > 1 and (head := tokens(segments[0])) and set(head) <= CATEGORY_PREFIXES:
                segments = [segments[0] + " " + segments[1], *segments[2:]]
            first = frozenset(tokens(segments[0])) - CATEGORY_PREFIXES
            first_len[i] = len(first)
            first_key[i] = hash(first)
            firsts.append(first)
            words = 0
            for seg_no, segment in enumerate(segments):
                for word in tokens(segment):
                    words += word not in NEUTRAL_WORDS and not word.isdigit()
                    if word not in seen:
                        seen[word] = min(seg_no, last_seg)
            for word in tokens(food.common_name) + tokens(food.brand):
                seen.setdefault(word, last_seg)
            for word, seg in seen.items():
                post_food[word].append(i)
                post_seg[word].append(seg)
            brand_words = set(tokens(food.brand or food.manufacturer))
            if food.kind is FoodKind.GENERIC and not brand_words:
                brand_words = set(tokens(" ".join(_brand_words(food.description))))
            for word in brand_words:
                brands[word].append(i)
            length[i] = words
            kinds[i] = kind_codes[food.kind]
            prior[i] = _prior(food, set(seen))
        index._words = sorted(post_food)
        index._vocab = {w: k for k, w in enumerate(index._words)}
        index._post_food = [np.asarray(post_food[w], np.int32) for w in index._words]
        index._post_seg = [np.asarray(post_seg[w], np.int8) for w in index._words]
        index._brands = {w: np.asarray(v, np.int32) for w, v in brands.items()}
        deletes: dict[str, list[str]] = defaultdict(list)
        for word in index._words:
            if len(word) >= 4 and not word.isdigit():
                for d in _deletes(word):
                    deletes[d].append(word)
        index._deletes = dict(deletes)
        index._prior, index._length, index._first_len, index._first_key, index._kind = (
            prior, length, first_len, first_key, kinds)
        branded = kinds == _KIND_CODE[FoodKind.BRANDED]
        index._base = (prior - np.where(branded, BRANDED_PENALTY, 0.0)).astype(np.float32)
        index._named_bonus = np.where(branded, BRANDED_PENALTY + BRAND_NAMED_BONUS,
                                      SR_BRAND_PENALTY + BRAND_NAMED_BONUS).astype(np.float32)
        first_ids = [index._vocab[w] for f in firsts for w in sorted(f) if w in index._vocab]
        index._first_ids = np.asarray(first_ids, np.int32)
        index._first_ptr = np.concatenate([[0], np.cumsum([sum(w in index._vocab for w in f) for f in firsts])])
        own = (kinds == _KIND_CODE[FoodKind.OWN]) | (kinds == _KIND_CODE[FoodKind.RECIPE])
        index._own = np.flatnonzero(own).tolist()
        return index

    def __contains__(self, food_id: object) -> bool:
        return food_id in self._ids

    def food(self, food_id: str) -> SearchableFood | None:
        """The indexed food with this id, or None."""
        i = self._ids.get(food_id)
        return self.foods[i] if i is not None else None

    def memory_bytes(self) -> int:
        """About how much memory the index's own structures take (arrays, vocabulary, typo dictionary), without
        the SearchableFood values it was built from."""
        import sys

        total = sum(a.nbytes + 112 for a in self._post_food) + sum(a.nbytes + 112 for a in self._post_seg)
        total += sum(a.nbytes + 112 for a in self._brands.values()) + sys.getsizeof(self._brands)
        total += sys.getsizeof(self._vocab) + sum(sys.getsizeof(w) + 28 for w in self._words)
        total += sys.getsizeof(self._deletes) + sum(
            sys.getsizeof(d) + sys.getsizeof(v) for d, v in self._deletes.items())
        total += sys.getsizeof(self._ids)
        for a in (self._prior, self._length, self._first_len, self._first_key, self._kind, self._base,
                  self._named_bonus, self._first_ptr, self._first_ids):
            total += a.nbytes
        return total

    def _variants(self, token: str) -> dict[int, float]:
        """Vocabulary words (ids) ``token`` may mean, with a match quality."""
        found: dict[int, float] = {}
        vocab = self._vocab
        if token in vocab:
            found[vocab[token]] = EXACT
        if len(token) >= 3:
            start = bisect.bisect_left(self._words, token)
            for word in self._words[start : start + 200]:
                if not word.startswith(token):
                    break
                found.setdefault(vocab[word], PREFIX - 0.1 * min(3, len(word) - len(token)) / 3)
        if len(token) >= 4 and token not in vocab and not token.isdigit():
            candidates = set(self._deletes.get(token, ()))
            for d in _deletes(token):
                if d in vocab:
                    candidates.add(d)
                candidates.update(self._deletes.get(d, ()))
            for word in candidates:
                found.setdefault(vocab[word], TYPO)
        return found

    def search(self, query: str, limit: int = 10, chosen: Mapping[str, str] | None = None) -> list[Hit]:
        """Foods matching ``query``, best first. ``chosen`` maps a query key (:func:`norepi.foods.synonyms.key`)
        to the food id the person picked for it before; that food then comes first."""
        words = list(dict.fromkeys(tokens(rewrite(query))))
        if not words or not self.foods:
            return []
        n_foods, n = len(self.foods), len(words)
        total = np.zeros(n_foods, np.float32)
        matched = np.zeros(n_foods, np.int16)
        meant: set[int] = set()
        scratch: np.ndarray | None = None
        for token in words:
            variants = self._variants(token)
            meant.update(variants)
            if len(variants) == 1:
                (w, quality), = variants.items()
                idx = self._post_food[w]
                total[idx] += quality * SEGMENT_ARRAY[self._post_seg[w]]
                matched[idx] += 1
            elif variants:
                scratch = np.zeros(n_foods, np.float32) if scratch is None else scratch
                scratch.fill(0.0)
                for w, quality in variants.items():
                    idx = self._post_food[w]
                    cur = scratch[idx]
                    np.maximum(cur, quality * SEGMENT_ARRAY[self._post_seg[w]], out=cur)
                    scratch[idx] = cur
                total += scratch
                matched += scratch > 0
        named = self._brand_named(words)
        if len(named):  # a named brand lifts its foods (those that match at all)
            total[named] += n * self._named_bonus[named] * (matched[named] > 0)
        # every word first; too few such foods: one word missing; then any word
        for need in range(n, 0, -1):
            cand = np.flatnonzero(matched >= need)
            if len(cand) >= limit:
                break
        m = matched[cand].astype(np.float32)
        coarse = total[cand] / n - NEAR_MISS_PENALTY * (n - m) + self._base[cand]
        coarse -= 0.012 * np.maximum(0, self._length[cand] - m)
        take = min(len(cand), max(FINE_CANDIDATES, 5 * limit))
        top = np.argpartition(-coarse, take - 1)[:take] if 0 < take < len(cand) else np.arange(len(cand))
        scores = self._fine(cand[top], coarse[top], m[top], n, frozenset(words), meant)
        reasons: dict[int, str] = {}
        pins = {i: OWN_BONUS for i in self._own if matched[i] == n}
        reasons.update(dict.fromkeys(pins, "your food"))
        pins.update(self._pins(query, chosen or {}, reasons))
        for f in (chosen or {}).values():
            i = self._ids.get(f)
            if i is not None and matched[i] == n and i not in pins:
                pins[i] = CHOSEN_ELSEWHERE_BONUS
                reasons[i] = "chosen before"
        missing = [i for i in pins if i not in scores]
        if missing:
            at = np.searchsorted(cand, missing)
            for i, a in zip(missing, at.tolist(), strict=True):
                if a < len(cand) and cand[a] == i:
                    scores.update(self._fine(np.asarray([i]), coarse[a : a + 1], m[a : a + 1], n, frozenset(words),
                                             meant))
                else:
                    scores[i] = 0.0  # pinned although not among the candidates (matches too few words)
        ranked = sorted(scores.items(), key=lambda t: (-pins.get(t[0], 0.0), -t[1], t[0]))
        hits: list[Hit] = []
        links: set[str] = set()
        for i, score in ranked:
            food = self.foods[i]
            if food.link and food.link in links:
                continue
            if food.link:
                links.add(food.link)
            hits.append(Hit(food.food_id, food.description, food.group, round(score, 4), food.kind,
                            reasons.get(i, ""), bool(matched[i] == n)))
            if len(hits) == limit:
                break
        return hits

    def _fine(self, foods: np.ndarray, coarse: np.ndarray, m: np.ndarray, n: int, query: frozenset[str],
              meant: set[int]) -> dict[int, float]:
        """The full score of a few candidates: the coarse score with the naming-segment bonuses."""
        extra = np.maximum(0, self._length[foods] - m)
        score = coarse + np.where(self._first_key[foods] == hash(query), FIRST_SEGMENT_BONUS, 0.0)
        score += np.where((m == n) & (extra == 0), EXACT_NAME_BONUS, 0.0)
        out = {}
        ptr, ids = self._first_ptr, self._first_ids
        for i, s in zip(foods.tolist(), score.tolist(), strict=True):
            first = ids[ptr[i] : ptr[i + 1]]
            lacking = sum(1 for w in first.tolist() if w not in meant)
            out[i] = s - FIRST_SEGMENT_EXTRA * lacking
        return out

    def _brand_named(self, words: Sequence[str]) -> np.ndarray:
        """Foods (sorted indices) whose brand the query names."""
        found = [self._brands[w] for w in words if w in self._brands and w not in GENERIC_BRAND_WORDS]
        if not found:
            return np.zeros(0, np.int32)
        return np.unique(np.concatenate(found))

    def _pins(self, query: str, chosen: Mapping[str, str], reasons: dict[int, str]) -> dict[int, float]:
        """Foods pinned above the ranking: the person's earlier choice, then the table's default and
        alternatives."""
        pins: dict[int, float] = {}
        for rank, food_id in enumerate(defaults_for(query, self._ids)[: len(DEFAULT_BONUS)]):
            i = self._ids[food_id]
            pins[i] = DEFAULT_BONUS[rank]
            reasons[i] = "usual choice" if rank == 0 else "alternative"
        picked = chosen.get(key(query))
        if picked is not None and picked in self._ids:
            i = self._ids[picked]
            pins[i] = CHOSEN_BONUS
            reasons[i] = "your earlier choice"
        return pins


_KIND_CODE = {k: i for i, k in enumerate(FoodKind)}
SEGMENT_ARRAY = np.asarray(SEGMENT_WEIGHT, np.float32)
# words in brand names that are also food words: naming them does not name the brand
GENERIC_BRAND_WORDS = frozenset({"food", "foods", "farm", "farms", "brand", "co", "inc", "company", "kitchen",
                                 "market", "organic", "natural", "fresh", "milk", "dairy", "bakery", "egg"})


def _prior(food: SearchableFood, words: set[str]) -> float:
    prior = 0.12 if food.survey else 0.0
    prior += 0.02 * min(food.portions, 4)
    prior += sum(PLAIN_WORDS.get(w, 0.0) for w in words)
    prior -= sum(PROCESSED_WORDS.get(w, 0.0) for w in words)
    prior -= GROUP_PENALTY.get(food.group_code, 0.0)
    if food.kind is FoodKind.GENERIC and (food.manufacturer or _has_brand(food.description)):
        prior -= SR_BRAND_PENALTY
    return prior


def _brand_words(description: str) -> list[str]:
    """USDA writes brand names in capitals ("KELLOGG'S", "McDONALD'S")."""
    return [
        w.replace("'", "")
        for w in re.findall(r"[A-Za-z']+", description)
        if len(w) >= 4 and w.isupper() and w.replace("'", "").isalpha()
    ]


def _has_brand(description: str) -> bool:
    """USDA writes brand names in capitals ("KELLOGG'S", "McDONALD'S")."""
    return bool(_brand_words(description))


def top_choices(hits: Sequence[Hit], margin: float = 0.04) -> list[Hit]:
    """The hits whose score is within ``margin`` of the best: more than one means the query is ambiguous. A hit
    put first by the person's choice, their own food or the usual food for the words is never ambiguous."""
    if not hits:
        return []
    if hits[0].reason:
        return [hits[0]]
    return [h for h in hits if hits[0].score - h.score <= margin]
