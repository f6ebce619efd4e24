"""The typed day: ``DaySummary`` and its parts, and ``summarize(journal, start, end)`` that builds them.

Everything above the journal (model, planning, insights, the CLI and the web) reads days through this package.
"""

from norepi.days.summary import DaySummary, StressDay

__all__ = ["DaySummary", "StressDay"]
