"""A person's mapping of what a file does not say: which habit, factor, question or mood is what.

A mapping (``ImportMapping``) takes a key (a Loop habit's name, a Whoop journal question, "mood:rad" for a Daylio
mood, "factor:Meditation" for a Bearable factor) to a target:

* ``rating:<name>`` - a rating on the person's own scale ``<name>`` (the journal holds the scale): a numeric
  habit's value, or 1/0 for a yes/no answer; ``rating:<name>:<value>`` for a categorical key (a Daylio mood, a
  Bearable label): the key counts as ``<value>`` on that scale.
* ``practice:<kind>`` - minutes of a practice (``PracticeKind``: meditation, slow_breathing, nature); for a yes/no
  key ``practice:<kind>:<minutes>``: each yes is a session of that many minutes.
* ``observation:<kind>`` - a daily observation (``ObservationKind``) in its unit.
* ``food_complete`` - the source's own "my food log is complete" flag (yes = complete, no = partial).
* ``ignore``.

A key ending in ``*`` covers every key it starts ("factor:*", or "*" alone: everything not named). A target may be
followed by a note in parentheses, as suggestions are written ("rating:tiredness (values 0-5 seen)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from norepi.errors import MappingNeeded
from norepi.journal.mapping import TARGET_FORMS, Target, parse_target
from norepi.journal.records import ImportMapping
from norepi.vocab import PracticeKind

MAX_LISTED = 12  # keys named in a MappingNeeded message; all are in ``columns``


def lookup(mapping: ImportMapping, key: str) -> str | None:
    """The mapping's text for ``key``: the key itself, else the longest "prefix*" key it starts with, else "*"."""
    if key in mapping:
        return mapping[key]
    best: str | None = None
    for k in mapping:
        if k.endswith("*") and key.startswith(k[:-1]) and (best is None or len(k) > len(best)):
            best = k
    return mapping[best] if best is not None else None


def resolve(
    mapping: ImportMapping | None,
    keys: Iterable[str],
    suggestions: Mapping[str, str],
    what: str,
    source: str,
) -> dict[str, Target]:
    """Every key's target from ``mapping``; MappingNeeded listing the keys the mapping does not cover (all of them
    without a mapping), with ``suggestions`` for them. ``what`` names the keys ("habits"), ``source`` the file."""
    keys = list(dict.fromkeys(keys))
    mapping = mapping or {}
    out: dict[str, Target] = {}
    missing: list[str] = []
    for key in keys:
        text = lookup(mapping, key)
        if text is None:
            missing.append(key)
        else:
            out[key] = parse_target(text, key)
    if missing:
        listed = ", ".join(missing[:MAX_LISTED]) + (
            f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        )
        raise MappingNeeded(
            f"{source}: {len(missing)} {what} need a meaning ({TARGET_FORMS}; a key ending in * covers the rest): "
            f"{listed}",
            columns=missing,
            suggestions={k: suggestions[k] for k in missing if k in suggestions},
        )
    return out


def slug(name: str) -> str:
    """A rating name made from a label ("Tiredness (0-5)" -> "tiredness_0_5"), or "" when none can be made."""
    s = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if s and not s[0].isalpha():
        s = "r_" + s
    return s[:40].rstrip("_")


_PRACTICE_WORDS = (
    ("medit", PracticeKind.MEDITATION),
    ("mindful", PracticeKind.MEDITATION),
    ("breath", PracticeKind.SLOW_BREATHING),
    ("nature", PracticeKind.NATURE),
    ("forest", PracticeKind.NATURE),
)
_FOOD_WORDS = ("cronometer", "food log", "logged food", "logged all", "tracked food", "food tracked", "all food")


def guess(label: str, numeric: bool, note: str = "", rating_scale: str = "") -> str:
    """A suggested target for a key (its label, whether its values are numbers), with ``note`` in parentheses:
    a practice for meditation/breathing/nature words, ``food_complete`` for "food log" words, else a rating named
    after the label."""
    low = label.lower()
    target = ""
    for word, kind in _PRACTICE_WORDS:
        if word in low:
            target = f"practice:{kind.value}" if numeric else f"practice:{kind.value}:15"
            break
    if not target and any(w in low for w in _FOOD_WORDS):
        target = "food_complete"
    if not target:
        name = slug(label) or "rating"
        target = f"rating:{name}" + (f":{rating_scale}" if rating_scale else "")
    return f"{target} ({note})" if note else target
