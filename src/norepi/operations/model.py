"""The NE model over a person's journal: a run of their days, and a what-if beside them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from norepi.days import summarize
from norepi.journal.journal import Journal
from norepi.model.api import ModelRun, WhatIfResult, changes_from, run_days, whatif

MAX_DAYS = 366


def run_model(journal: Journal, start: dt.date, end: dt.date, *, with_central: bool = False) -> ModelRun:
    """The model over the person's days ``start`` .. ``end``: each day's indices with their interval, and what
    was assumed where nothing was logged (NothingLogged when nothing at all was)."""
    return run_days(summarize(journal, start, end), with_central=with_central)


def whatif_model(journal: Journal, *, days: tuple[dt.date, dt.date] | None = None, n_days: int = 7,
                 sleep_hours: float | None = None, add: Sequence[str] = (), tyrosine_mg: float | None = None,
                 pss10: int | None = None, with_central: bool = False) -> WhatIfResult:
    """A scenario beside a baseline: the person's days (``days``: start, end) or ``n_days`` healthy reference
    days; the person's heart profile sets the intensity of added exercise."""
    heart = journal.lifestyle.heart_profile()
    changes = changes_from(sleep_hours=sleep_hours, add=add, tyrosine_mg=tyrosine_mg, pss10=pss10, heart=heart)
    base = summarize(journal, *days) if days else None
    return whatif(base, changes, n_days=n_days, with_central=with_central)
