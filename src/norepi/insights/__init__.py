"""Insights: today's plan, n-of-1 associations and structured experiments, over typed days (``DaySummary``).
See docs/insights.md.

The calls a shell (CLI, web) makes, each one library call that behaves the same everywhere::

    daily_plan(days, today, gap_foods)   -> list[Action]        days: the PLAN_HISTORY_DAYS up to today
    gap_nutrients(days, today)           -> list[str]           the nutrient keys to fetch gap foods for
    recovery_markers(days, today)        -> list[RecoveryMarker]
    find_associations(days, seed=0)      -> InsightsReport
    analyse_experiment(plan, days, today) -> ExperimentResult

Names are imported on first use (numpy and the statistics load only when needed).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, tuple[str, str]] = {
    "Action": ("norepi.insights.plan", "Action"),
    "ActionLever": ("norepi.insights.plan", "ActionLever"),
    "PLAN_HISTORY_DAYS": ("norepi.insights.plan", "PLAN_HISTORY_DAYS"),
    "RecoveryMarker": ("norepi.insights.plan", "RecoveryMarker"),
    "daily_plan": ("norepi.insights.plan", "daily_plan"),
    "gap_nutrients": ("norepi.insights.plan", "gap_nutrients"),
    "recovery_markers": ("norepi.insights.plan", "recovery_markers"),
    "AssociationResult": ("norepi.insights.associations", "AssociationResult"),
    "InsightsReport": ("norepi.insights.associations", "InsightsReport"),
    "Lag": ("norepi.insights.associations", "Lag"),
    "find_associations": ("norepi.insights.associations", "find_associations"),
    "Variable": ("norepi.insights.series", "Variable"),
    "ExperimentPlan": ("norepi.insights.experiments", "ExperimentPlan"),
    "ExperimentResult": ("norepi.insights.experiments", "ExperimentResult"),
    "analyse_experiment": ("norepi.insights.experiments", "analyse"),
}
__all__ = [
    "PLAN_HISTORY_DAYS",
    "Action",
    "ActionLever",
    "AssociationResult",
    "ExperimentPlan",
    "ExperimentResult",
    "InsightsReport",
    "Lag",
    "RecoveryMarker",
    "Variable",
    "analyse_experiment",
    "daily_plan",
    "find_associations",
    "gap_nutrients",
    "recovery_markers",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'norepi.insights' has no attribute {name!r}")
    module, attr = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value
