"""Lifestyle records (exercise, sleep, practices, stress, ratings) in the journal.

Being built under the lifestyle issue: until then a day has no lifestyle records.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from norepi.journal.journal import Journal


def lifestyle_day(journal: Journal, date: dt.date) -> dict[str, Any]:
    """The day JSON's lifestyle keys (exercise, sleep, practices, stress, ratings) for ``date``."""
    return {}
