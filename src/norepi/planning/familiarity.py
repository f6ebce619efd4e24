"""How usual each food is for a person: the share of their logged days on which they ate it.

A day with no food logged (``DaySummary.food is None``) is unknown intake and counts neither way; an item that
matched no food (``food_id == ""``) counts for no food. The planner's ``usual`` objective prefers foods eaten on
many days (see :mod:`.model`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read by attribute only: planning a day need not import the lifestyle types
    from norepi.days.summary import DaySummary

WINDOW_DAYS = 60  # the days before a plan's first day that say what a person usually eats


def familiarity(days: Sequence[DaySummary], *, before: dt.date | None = None,
                window_days: int = WINDOW_DAYS) -> dict[str, float]:
    """Food id -> share (0-1) of the logged days on which the food was eaten, over the days of ``days`` in the
    ``window_days`` days before ``before`` (all of ``days`` when ``before`` is None); {} when none was logged."""
    if before is not None:
        first = before - dt.timedelta(days=window_days)
        days = [d for d in days if first <= d.date < before]
    logged = [d.food for d in days if d.food is not None]
    if not logged:
        return {}
    eaten: Counter[str] = Counter()
    for food in logged:
        eaten.update({item.food_id for item in food.items if item.food_id})
    return {food_id: n / len(logged) for food_id, n in eaten.items()}
