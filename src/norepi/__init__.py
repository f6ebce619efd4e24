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
    "PlanRequest": "norepi.planning.plan",
    "week": "norepi.operations.week",
    "gaps": "norepi.operations.gaps",
    "run_model": "norepi.operations.model",
    "whatif_model": "norepi.operations.model",
    "plan_and_save": "norepi.operations.plans",
    "saved_plan": "norepi.operations.plans",
    "accept_plan": "norepi.operations.plans",
    "today_plan": "norepi.operations.insights",
    "insights": "norepi.operations.insights",
    "start_experiment": "norepi.operations.insights",
    "analyse_experiment": "norepi.operations.insights",
    "import_files": "norepi.operations.imports",
    "export_everything": "norepi.operations.imports",
    "import_export": "norepi.operations.imports",
    "import_food_data": "norepi.operations.foods",
    "log_barcode": "norepi.operations.foods",
    "add_recipe": "norepi.operations.foods",
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
    "PlanRequest",
    "Profile",
    "Target",
    "accept_plan",
    "add_recipe",
    "analyse_experiment",
    "energy_kcal",
    "export_everything",
    "gaps",
    "import_export",
    "import_files",
    "import_food_data",
    "insights",
    "log_barcode",
    "open_journal",
    "plan_and_save",
    "run_model",
    "saved_plan",
    "start_experiment",
    "summarize",
    "summarize_day",
    "targets_for",
    "today_plan",
    "week",
    "whatif_model",
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
    from norepi.operations.foods import add_recipe, import_food_data, log_barcode
    from norepi.operations.gaps import gaps
    from norepi.operations.imports import export_everything, import_export, import_files
    from norepi.operations.insights import analyse_experiment, insights, start_experiment, today_plan
    from norepi.operations.model import run_model, whatif_model
    from norepi.operations.plans import accept_plan, plan_and_save, saved_plan
    from norepi.operations.week import week
    from norepi.planning.plan import PlanRequest
    from norepi.profile import Profile
