"""Average coverage over a date range: which targets fall short on the days that were logged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from norepi.nutrition.analysis import FoodDay
from norepi.nutrition.nutrients import KEYS
from norepi.nutrition.targets import Target

NOT_A_GAP = frozenset({"energy_kcal", "phenylalanine_mg", "tyrosine_mg"})  # energy has a band; Phe+Tyr count as one


@dataclass(frozen=True)
class CoverageReport:
    """Per-day averages (key units) over the logged days; days without entries are not counted (never as zero)."""

    days: int
    days_logged: int
    average: dict[str, float]
    targets: dict[str, float]
    coverage_pct: dict[str, float | None]
    shortfalls: list[str]


def average_coverage(days: Sequence[tuple[FoodDay | None, Mapping[str, Target]]]) -> CoverageReport:
    """Average totals and coverage over the days with food entries (each day: its food part, None when nothing
    was logged, and its targets); shortfalls worst first."""
    logged = [(food, targets) for food, targets in days if food is not None]
    if not logged:
        return CoverageReport(len(days), 0, {}, {}, {}, [])
    average = {k: sum(f.totals[k] for f, _ in logged) / len(logged) for k in KEYS}
    targets = {k: sum(t[k].rda for _, t in logged) / len(logged) for k in KEYS}
    coverage = {k: 100.0 * average[k] / targets[k] if targets[k] else None for k in KEYS}
    shortfalls = sorted((k for k in KEYS if k not in NOT_A_GAP and (coverage[k] or 0.0) < 100.0),
                        key=lambda k: coverage[k] or 0.0)
    return CoverageReport(len(days), len(logged), average, targets, coverage, shortfalls)
