"""What a mapping target means (the grammar of ``ImportMapping`` values; importers/mapping.py applies it to a
file's keys): ``rating:<name>[:<value>]``, ``practice:<kind>[:<minutes>]``, ``observation:<kind>``,
``food_complete`` or ``ignore``, optionally followed by a note in parentheses."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from norepi.errors import InputError
from norepi.lifestyle.ratings import NAME_PATTERN
from norepi.vocab import ObservationKind, PracticeKind

TARGET_FORMS = "rating:<name>, practice:<kind>, observation:<kind>, food_complete or ignore"
_NOTE = re.compile(r"\s*\(.*\)\s*$")


@dataclass(frozen=True)
class Target:
    """What one key means: ``what`` is "rating", "practice", "observation", "food_complete" or "ignore"; ``name``
    the rating name, practice kind or observation kind; ``value`` the fixed value (a categorical rating, the
    minutes of a yes/no practice) or None."""

    what: str
    name: str = ""
    value: float | None = None

    @property
    def ignored(self) -> bool:
        return self.what == "ignore"


IGNORE = Target("ignore")


def parse_target(text: str, key: str = "") -> Target:
    """The target ``text`` names; InputError (field "mapping") naming the key and the forms otherwise."""
    raw = _NOTE.sub("", text.strip())
    where = f"{key!r}: " if key else ""
    parts = raw.split(":")
    what = parts[0].strip().lower()
    if what in ("ignore", "food_complete") and len(parts) == 1:
        return Target(what)
    if what in ("rating", "practice", "observation") and 2 <= len(parts) <= 3:
        name = parts[1].strip()
        value = None
        if len(parts) == 3:
            try:
                value = float(parts[2])
            except ValueError:
                raise InputError(f"{where}{parts[2]!r} in {raw!r} is not a number", field="mapping") from None
            if not math.isfinite(value):
                raise InputError(f"{where}{parts[2]!r} in {raw!r} is not a number", field="mapping")
        if what == "rating":
            if not NAME_PATTERN.match(name):
                raise InputError(
                    f"{where}{name!r} is not a rating name (lower-case letters, digits and _)", field="mapping"
                )
            return Target("rating", name, value)
        if what == "practice":
            try:
                kind = PracticeKind(name)
            except ValueError:
                kinds = ", ".join(PracticeKind)
                raise InputError(f"{where}{name!r} is not a practice ({kinds})", field="mapping") from None
            if value is not None and not 0 < value <= 1440:
                raise InputError(f"{where}{value:g} min: give more than 0 and at most 1440 min (24 h)", field="mapping")
            return Target("practice", kind.value, value)
        try:
            okind = ObservationKind(name)
        except ValueError:
            kinds = ", ".join(ObservationKind)
            raise InputError(f"{where}{name!r} is not an observation ({kinds})", field="mapping") from None
        if value is not None:
            raise InputError(f"{where}an observation takes its value from the file: {raw!r}", field="mapping")
        return Target("observation", okind.value)
    raise InputError(f"{where}{text!r} is not a mapping target ({TARGET_FORMS})", field="mapping")


