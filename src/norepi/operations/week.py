"""A person's week from their journal."""

from __future__ import annotations

import datetime as dt

from norepi.days import summarize
from norepi.days.week import WEEK_DAYS, WeekSummary, summarize_week
from norepi.journal.journal import Journal


def week(journal: Journal, start: dt.date) -> WeekSummary:
    """The 7 days from ``start`` (and the night after, for sleep regularity), against the person's sleep need."""
    days = summarize(journal, start, start + dt.timedelta(days=WEEK_DAYS))
    need = journal.lifestyle.heart_profile(start + dt.timedelta(days=WEEK_DAYS - 1)).sleep_need_h
    return summarize_week(days, start, need)
