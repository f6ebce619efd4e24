"""Food names from food apps (Cronometer: "Banana, Fresh", "Beef, Ground, 85% Lean", "Broccoli, Cooked from
Frozen", "Almonds, Unsalted") -> the food they name, or None.

App names carry words the food tables do not ("Fresh", "Unsalted", "Cooked from Frozen", "Generic"). The name
is rewritten to USDA's words (:data:`REWRITES`), then searched; a hit links when it carries every word of the
name's head (its first comma segment, the food itself) and enough of the rest: each further word the food
lacks costs, and a food whose name starts with another food is refused. None when no food fits: a wrong link
is worse than none (the day then says the serving is unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from norepi.foods.search import FoodIndex
from norepi.foods.text import tokens

# (app words, USDA words); applied in order, whole words, case-insensitive
REWRITES: tuple[tuple[str, str], ...] = (
    ("cooked from frozen", "frozen cooked"),
    ("cooked from fresh", "cooked"),
    ("cooked from dry", "cooked"),
    ("cooked with water", "cooked water"),
    ("fresh", "raw"),  # Cronometer's "Fresh" is USDA's "raw"
    ("no salt added", "unsalted"),
    ("salt free", "unsalted"),
    ("hard-boiled", "hard boiled"),
    ("hard boiled", "hard boiled"),
    ("whole wheat", "whole-wheat"),
    ("plain", "plain"),
)
# words apps add that name no property of the food
NOISE = frozenset({"generic", "store", "bought", "homemade", "organic", "brand", "average", "usda",
                   "nccdb", "serving", "natural", "lean"})
# an app word that rules foods out rather than naming words they must have
EXCLUDES: dict[str, re.Pattern[str]] = {
    "unsalted": re.compile(r"\bwith salt\b|\bsalted\b", re.IGNORECASE),
}
MIN_LINK_SCORE = 0.45
MISSING_WORD_COST = 0.12


@dataclass(frozen=True)
class Link:
    """A name linked to a food: the food id, its description, and how sure (0..1, the share of the name's
    words the food carries)."""

    food_id: str
    description: str
    coverage: float


def clean_name(name: str) -> str:
    """An app's food name in USDA's words, without the words that name nothing."""
    text = name.lower()
    for said, usda in REWRITES:
        text = re.sub(rf"(?<![a-z]){re.escape(said)}(?![a-z])", usda, text)
    text = re.sub(r"(\d+)\s*%\s*lean", r"\1% lean", text)
    return text


def link_name(name: str, index: FoodIndex) -> Link | None:
    """The food an app's food name names, or None (see the module docstring)."""
    text = clean_name(name)
    excludes = [pattern for word, pattern in EXCLUDES.items() if re.search(rf"\b{word}\b", text)]
    for word in EXCLUDES:
        text = re.sub(rf"\b{word}\b", " ", text)
    head_text = text.split(",")[0]
    head = [w for w in tokens(head_text) if w not in NOISE]
    words = [w for w in tokens(text) if w not in NOISE]
    if not words:
        return None
    query = " ".join(words)
    best: tuple[float, Link] | None = None
    for hit in index.search(query, 12) + (index.search(" ".join(head), 5) if head and head != words else []):
        if any(p.search(hit.description) for p in excludes):
            continue
        have = _food_words(hit.description, index, hit.food_id)
        if not all(_has(w, have) for w in head):
            continue
        found = sum(_has(w, have) for w in words)
        coverage = found / len(words)
        extra = len({w for w in tokens(hit.description)} - set(words))
        value = coverage - MISSING_WORD_COST * (len(words) - found) + (0.1 if hit.reason == "usual choice" else 0.0)
        value += 0.3 * min(hit.score, 1.5) - 0.005 * extra
        if best is None or value > best[0]:
            best = (value, Link(hit.food_id, hit.description, coverage))
    if best is None or best[1].coverage < MIN_LINK_SCORE:
        return None
    return best[1]


def _food_words(description: str, index: FoodIndex, food_id: str) -> set[str]:
    food = index.food(food_id)
    extra = food.common_name if food is not None else ""
    return set(tokens(description + " " + extra))


def _has(word: str, have: set[str]) -> bool:
    """The food carries ``word`` (or a longer form: "kiwi" in "kiwifruit", "boil" in "boiled")."""
    if word in have:
        return True
    if word.isdigit():
        return False  # "2" (2 % milk) is not in "25" (3.25 %)
    return any(h.startswith(word) or (word.startswith(h) and len(h) >= 4) for h in have if not h.isdigit())
