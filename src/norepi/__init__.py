"""norepi: raise and keep norepinephrine in a healthy range by natural means.

Library first::

    import norepi
    with norepi.open_journal("journal.sqlite") as j:
        j.import_foods("../shared/data/usda-sr28")
        j.set_profile(norepi.Profile(sex="female", age_years=34, weight_kg=62, height_cm=168))
        j.log_food("2 large eggs", None, datetime.date(2026, 11, 20))
        summary = j.day(datetime.date(2026, 11, 20))   # a DaySummary

Education and self-tracking, not medical advice.
"""

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
from norepi.journal.journal import Journal, open_journal
from norepi.nutrition.analysis import DaySummary, analyze_day
from norepi.nutrition.targets import Target, energy_kcal, targets_for
from norepi.profile import Profile

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
    "analyze_day",
    "energy_kcal",
    "open_journal",
    "targets_for",
]
__version__ = "0.1.0"
