"""Average coverage over a date range: which targets fall short on the days that were logged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from norepi.nutrition.analysis import DaySummary
from norepi.nutrition.nutrients import KEYS


@dataclass(frozen=True)
class CoverageReport:
    """Per-day averages (key units) over logged days; days without entries are not counted as zero."""

    days: int
    days_logged: int
    average: dict[str, float]
    targets: dict[str, float]
    coverage_pct: dict[str, float | None]
    shortfalls: list[str]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def average_coverage(summaries: Sequence[DaySummary]) -> CoverageReport:
    """Average totals and coverage over the days that have food entries; shortfalls worst first."""
    logged = [s for s in summaries if s.entries]
    if not logged:
        return CoverageReport(len(summaries), 0, {}, {}, {}, [])
    average = {k: round(sum(s.totals[k] for s in logged) / len(logged), 2) for k in KEYS}
    targets = {k: round(sum(s.targets[k].rda for s in logged) / len(logged), 2) for k in KEYS}
    coverage = {k: round(100.0 * average[k] / targets[k], 1) if targets[k] else None for k in KEYS}
    shortfalls = sorted(
        (
            k
            for k in KEYS
            if k not in ("energy_kcal", "phenylalanine_mg", "tyrosine_mg") and (coverage[k] or 0.0) < 100.0
        ),
        key=lambda k: coverage[k] or 0.0,
    )
    return CoverageReport(len(summaries), len(logged), average, targets, coverage, shortfalls)
