"""norepi's mechanistic, calibrated model of norepinephrine synthesis, stores, release and clearance.

Educational, population-average parameters; not a diagnosis. See docs/model.md. The entry points for callers
(CLI, web) are :func:`run_days` and :func:`whatif` (``norepi.model.api``); names are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "DISCLAIMER": "norepi.model.api",
    "Changes": "norepi.model.inputs",
    "DayResult": "norepi.model.api",
    "Interval": "norepi.model.uncertainty",
    "ModelRun": "norepi.model.api",
    "NothingLogged": "norepi.model.inputs",
    "Parameters": "norepi.model.parameters",
    "WhatIfResult": "norepi.model.api",
    "export_sbml": "norepi.model.sbml",
    "changes_from": "norepi.model.api",
    "parse_add": "norepi.model.api",
    "plot_run": "norepi.model.plots",
    "plot_whatif": "norepi.model.plots",
    "run_days": "norepi.model.api",
    "whatif": "norepi.model.api",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'norepi.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
