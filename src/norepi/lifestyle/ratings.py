"""Self-ratings: the scales a person rates on (the four defaults, and their own), and checked values.

A scale says its range, which end is better and the question asked; statistics, charts and the daily plan use
each rating on its own scale and never re-scale it silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from norepi.errors import InputError
from norepi.vocab import DefaultRating

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class RatingScale:
    """A rating: ``name`` (lower-case words joined by ``_``), ``label`` shown to the person, the range
    ``low``..``high`` (inclusive, whole steps unless ``step`` says otherwise), which end is better, the question."""

    name: str
    label: str
    low: float = 1
    high: float = 10
    higher_is_better: bool = True
    question: str = ""
    step: float = 1

    def __post_init__(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise InputError(
                f"{self.name!r} is not a rating name (lower-case letters, digits and _, up to 40)", field="name"
            )
        for value, what in ((self.low, "low"), (self.high, "high"), (self.step, "step")):
            if not math.isfinite(value):
                raise InputError(f"{what} end {value!r} is not a number", field=what)
        if not self.high > self.low:
            raise InputError(f"scale {self.low:g}-{self.high:g} is empty: high must exceed low", field="high")
        if not 0 < self.step <= self.high - self.low:
            raise InputError(f"step {self.step:g} does not fit the scale {self.low:g}-{self.high:g}", field="step")

    @property
    def range_text(self) -> str:
        """The scale in words: "1-10, higher is better"."""
        better = "higher" if self.higher_is_better else "lower"
        return f"{self.low:g}-{self.high:g}, {better} is better"

    def check(self, value: float) -> float:
        """``value`` if it lies on the scale (and on its steps), else InputError naming the rating."""
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InputError(f"{value!r} is not a number", field=self.name)
        if not self.low <= value <= self.high:
            raise InputError(f"{value:g} is outside the {self.label} scale {self.range_text}", field=self.name)
        steps = (value - self.low) / self.step
        if abs(steps - round(steps)) > 1e-6:
            raise InputError(f"{value:g} is not a step of {self.step:g} on the {self.label} scale", field=self.name)
        return float(value)

    def better_is_up(self, value: float) -> float:
        """``value`` on a 0-1 axis where 1 is the better end (for charts that show several ratings together)."""
        frac = (value - self.low) / (self.high - self.low)
        return frac if self.higher_is_better else 1.0 - frac


DEFAULT_QUESTIONS = {
    DefaultRating.FOCUS: "How well could you concentrate today?",
    DefaultRating.ENERGY: "How much energy did you have today?",
    DefaultRating.MOOD: "How was your mood today?",
    DefaultRating.MOTIVATION: "How motivated did you feel today?",
}
DEFAULT_SCALES: dict[str, RatingScale] = {
    r.value: RatingScale(r.value, r.display, 1, 10, True, DEFAULT_QUESTIONS[r]) for r in DefaultRating
}


@dataclass(frozen=True)
class Rating:
    """One rating of one day on its scale."""

    scale: RatingScale
    value: float
    source: str = "manual"

    @property
    def name(self) -> str:
        return self.scale.name


def check_ratings(values: Mapping[str, float | None], scales: Mapping[str, RatingScale]) -> dict[str, float]:
    """The given ratings checked against their scales (None dropped); InputError names an unknown rating or a
    value off its scale."""
    out: dict[str, float] = {}
    for name, value in values.items():
        scale = scales.get(name)
        if scale is None:
            raise InputError(f"{name!r} is not one of your ratings: {', '.join(scales)}", field="rating")
        if value is not None:
            out[name] = scale.check(value)
    if not out:
        raise InputError(f"give at least one of {', '.join(scales)}", field="rating")
    return out


def scales_with(custom: Iterable[RatingScale]) -> dict[str, RatingScale]:
    """The default scales with a person's own added (their own definition wins for a default name)."""
    out = dict(DEFAULT_SCALES)
    out.update({s.name: s for s in custom})
    return out
