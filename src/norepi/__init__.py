"""norepi: support your norepinephrine (noradrenaline) system by natural means, tracked and explained.

Library first::

    import datetime, norepi
    with norepi.open_journal("journal.sqlite") as j:
        j.import_foods("../shared/data/usda-sr28")
        j.set_profile(norepi.Profile(sex="female", age_years=34, weight_kg=62, height_cm=168))
        j.log_food("2 large eggs", None, datetime.date(2026, 11, 20))
        day = norepi.summarize_day(j, datetime.date(2026, 11, 20))   # a DaySummary

Education and self-tracking, not medical advice. Names are imported on first use, so that ``import norepi`` (and
every command line call) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "AmbiguousFood": "norepi.errors",
    "AmountError": "norepi.errors",
    "DataMissing": "norepi.errors",
    "DateError": "norepi.errors",
    "ImportFormatError": "norepi.errors",
    "Infeasible": "norepi.errors",
    "InputError": "norepi.errors",
    "NorepiError": "norepi.errors",
    "NotFound": "norepi.errors",
    "Profile": "norepi.profile",
    "DaySummary": "norepi.days",
    "Journal": "norepi.journal",
    "open_journal": "norepi.journal",
    "summarize": "norepi.days",
    "summarize_day": "norepi.days",
    "Target": "norepi.nutrition.targets",
    "targets_for": "norepi.nutrition.targets",
    "energy_kcal": "norepi.nutrition.targets",
}

__all__ = [
    "AmbiguousFood",
    "AmountError",
    "DataMissing",
    "DateError",
    "DaySummary",
    "ImportFormatError",
    "Infeasible",
    "InputError",
    "Journal",
    "NorepiError",
    "NotFound",
    "Profile",
    "Target",
    "energy_kcal",
    "open_journal",
    "summarize",
    "summarize_day",
    "targets_for",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'norepi' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from norepi.days import DaySummary, summarize, summarize_day
    from norepi.errors import (
        AmbiguousFood,
        AmountError,
        DataMissing,
        DateError,
        ImportFormatError,
        Infeasible,
        InputError,
        NorepiError,
        NotFound,
    )
    from norepi.journal import Journal, open_journal
    from norepi.nutrition.targets import Target, energy_kcal, targets_for
    from norepi.profile import Profile
