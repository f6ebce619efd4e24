"""The typed day: ``DaySummary`` and its parts, and ``summarize(journal, start, end)`` that builds them.

Everything above the journal (model, planning, insights, the CLI and the web) reads days through this package.
The builder (which needs the database) is imported on first use, so that the science packages that only read
``DaySummary`` stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from norepi.days.summary import DaySummary, StressDay

__all__ = ["DaySummary", "StressDay", "summarize", "summarize_day"]


def __getattr__(name: str) -> Any:
    if name in ("summarize", "summarize_day"):
        from norepi.days import build

        return getattr(build, name)
    raise AttributeError(f"module 'norepi.days' has no attribute {name!r}")


if TYPE_CHECKING:
    from norepi.days.build import summarize, summarize_day
