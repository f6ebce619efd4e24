"""Search words of food text: lower case, accents folded, light plural stemming, stop words dropped."""

from __future__ import annotations

import re
import unicodedata

STOP_WORDS = frozenset({"a", "an", "and", "or", "of", "the", "in", "with", "to", "for", "on", "s"})
WORD = re.compile(r"[a-z0-9]+")


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


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: normalised, stemmed, stop words dropped."""
    return [stem(w) for w in WORD.findall(normalize(text)) if w not in STOP_WORDS]
