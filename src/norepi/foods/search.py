"""Food search over USDA descriptions: typo- and word-order-tolerant, ranked as a person expects.

An in-memory inverted index (built once per process from the food table, ~0.1 s for SR28) rather
than SQLite FTS5: the same ranking then works on SQLite and PostgreSQL, typos are handled by a
symmetric-delete dictionary (edit distance 1), and the ranking can use USDA's own signals:

* where the words match: the first comma segment names the food ("Egg, yolk, dried" is an egg);
* how well: exact or plural form > prefix > one typo;
* a plain-food prior: foods in USDA's survey (FNDDS) set, with household portions, described as
  raw / whole / fresh / fluid / plain, rank above dried, powdered, frozen, branded or baby foods.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

STOP_WORDS = frozenset({"a", "an", "and", "or", "of", "the", "in", "with", "to", "for", "on", "s"})
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


def normalize(text: str) -> str:
    """Lower case, accents folded to ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def stem(word: str) -> str:
    """A light plural stemmer: eggs -> egg, berries -> berry, tomatoes -> tomato."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: normalised, stemmed, stop words dropped."""
    return [stem(w) for w in WORD.findall(normalize(text)) if w not in STOP_WORDS]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class SearchableFood:
    """What the index needs to know of a food."""

    ndb_no: str
    description: str
    group_code: str
    group: str
    survey: bool = False
    manufacturer: str = ""
    common_name: str = ""
    portions: int = 0


@dataclass(frozen=True)
class Hit:
    """A search result with its relevance score (higher is better, about 0..1.3)."""

    ndb_no: str
    description: str
    group: str
    score: float


@dataclass
class FoodIndex:
    """An inverted index over food descriptions; ``search`` takes about 0.1-1 ms per query."""

    foods: list[SearchableFood]
    _postings: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _vocab: list[str] = field(default_factory=list, repr=False)
    _deletes: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _prior: list[float] = field(default_factory=list, repr=False)
    _length: list[int] = field(default_factory=list, repr=False)
    _first: list[frozenset[str]] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, foods: Iterable[SearchableFood]) -> FoodIndex:
        index = cls(list(foods))
        postings: dict[str, dict[int, int]] = defaultdict(dict)
        for i, food in enumerate(index.foods):
            seen: set[str] = set()
            segments = food.description.split(",")
            words = 0
            if len(segments) > 1 and tokens(segments[0]) and set(tokens(segments[0])) <= CATEGORY_PREFIXES:
                segments = [segments[0] + " " + segments[1], *segments[2:]]
            index._first.append(frozenset(tokens(segments[0])) - CATEGORY_PREFIXES)
            for seg_no, segment in enumerate(segments):
                for word in tokens(segment):
                    words += word not in NEUTRAL_WORDS and not word.isdigit()
                    if word not in seen:
                        seen.add(word)
                        postings[word][i] = min(seg_no, len(SEGMENT_WEIGHT) - 1)
            for word in tokens(food.common_name):
                if word not in seen:
                    seen.add(word)
                    postings[word][i] = len(SEGMENT_WEIGHT) - 1
            index._length.append(words)
            index._prior.append(_prior(food, seen))
        index._postings = dict(postings)
        index._vocab = sorted(postings)
        deletes: dict[str, set[str]] = defaultdict(set)
        for word in index._vocab:
            if len(word) >= 4:
                for d in _deletes(word):
                    deletes[d].add(word)
        index._deletes = dict(deletes)
        return index

    def _variants(self, token: str) -> dict[str, float]:
        """Vocabulary words ``token`` may mean, with a match quality."""
        found: dict[str, float] = {}
        if token in self._postings:
            found[token] = EXACT
        if len(token) >= 3:
            start = bisect.bisect_left(self._vocab, token)
            for word in self._vocab[start : start + 200]:
                if not word.startswith(token):
                    break
                found.setdefault(word, PREFIX - 0.1 * min(3, len(word) - len(token)) / 3)
        if len(token) >= 4 and token not in self._postings:
            candidates = set(self._deletes.get(token, ()))
            for d in _deletes(token):
                if d in self._postings:
                    candidates.add(d)
                candidates |= self._deletes.get(d, set())
            for word in candidates:
                found.setdefault(word, TYPO)
        return found

    def _scores(self, variants: dict[str, float], within: set[int] | None) -> dict[int, float]:
        """Best match score per food for one query word (only foods in ``within`` when given)."""
        best: dict[int, float] = {}
        for word, quality in variants.items():
            postings = self._postings[word]
            items = postings.items() if within is None else ((i, postings[i]) for i in within if i in postings)
            for food_i, seg in items:
                s = quality * SEGMENT_WEIGHT[seg]
                if s > best.get(food_i, 0.0):
                    best[food_i] = s
        return best

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Foods matching ``query``, best first; every word should match, near misses rank lower."""
        words = tokens(query)
        if not words:
            return []
        variants = [self._variants(t) for t in words]
        # rarest word first; the others are only looked up for the foods it matched
        order = sorted(range(len(words)), key=lambda k: sum(len(self._postings[w]) for w in variants[k]))
        per_token: list[dict[int, float]] = [{} for _ in words]
        within: set[int] | None = None
        for k in order:
            per_token[k] = self._scores(variants[k], within)
            within = set(per_token[k])
        candidates = within or set()
        if len(candidates) < limit:  # too few foods match every word: let near misses in,
            # found through any word but the commonest (which then only scores them)
            commonest = order[-1] if len(order) > 1 else None
            per_token = [self._scores(v, None) if k != commonest else {} for k, v in enumerate(variants)]
            candidates = set().union(*per_token)
            if commonest is not None:
                per_token[commonest] = self._scores(variants[commonest], candidates)
        scored = []
        n = len(words)
        query_set = frozenset(words)
        meant = set().union(*variants)
        for i in candidates:
            parts = [best.get(i, 0.0) for best in per_token]
            matched = sum(1 for p in parts if p > 0)
            relevance = sum(parts) / n - 0.35 * (n - matched)
            extra = max(0, self._length[i] - matched)
            bonus = FIRST_SEGMENT_BONUS if self._first[i] == query_set else 0.0
            if extra == 0 and matched == n:
                bonus += EXACT_NAME_BONUS  # the description is exactly the query ("Oats")
            # a word the query lacks in the naming segment makes it another food ("Orange juice" for "orange")
            extra_first = len(self._first[i] - meant)
            scored.append((relevance + bonus + self._prior[i] - 0.012 * extra - FIRST_SEGMENT_EXTRA * extra_first, i))
        scored.sort(key=lambda t: (-t[0], self.foods[t[1]].description))
        return [
            Hit(self.foods[i].ndb_no, self.foods[i].description, self.foods[i].group, round(s, 4))
            for s, i in scored[:limit]
        ]


def _prior(food: SearchableFood, words: set[str]) -> float:
    prior = 0.12 if food.survey else 0.0
    prior += 0.02 * min(food.portions, 4)
    prior += sum(PLAIN_WORDS.get(w, 0.0) for w in words)
    prior -= sum(PROCESSED_WORDS.get(w, 0.0) for w in words)
    prior -= GROUP_PENALTY.get(food.group_code, 0.0)
    if food.manufacturer or _has_brand(food.description):
        prior -= 0.15
    return prior


def _has_brand(description: str) -> bool:
    """USDA writes brand names in capitals ("KELLOGG'S", "McDONALD'S")."""
    return any(
        len(w) >= 4 and w.isupper() and w.isalpha()
        for w in re.findall(r"[A-Za-z']+", description)
        if w.replace("'", "").isalpha()
    )


def top_choices(hits: Sequence[Hit], margin: float = 0.04) -> list[Hit]:
    """The hits whose score is within ``margin`` of the best: more than one means the query is ambiguous."""
    if not hits:
        return []
    return [h for h in hits if hits[0].score - h.score <= margin]
