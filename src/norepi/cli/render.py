"""Rich renderings of library results (no logic: numbers come from the library)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from norepi.nutrition.analysis import DaySummary
from norepi.nutrition.gap_foods import GapFood
from norepi.nutrition.nutrients import BY_KEY, KEYS

UNITS = {"kcal": "kcal", "g": "g", "mg": "mg", "ug": "µg"}


def unit_of(key: str) -> str:
    return UNITS[key.rsplit("_", 1)[1]]


def bar(pct: float | None, width: int = 20) -> str:
    if pct is None:
        return ""
    filled = min(width, int(round(width * min(pct, 100.0) / 100.0)))
    colour = "green" if pct >= 100 else "yellow" if pct >= 67 else "red"
    return f"[{colour}]{'█' * filled}[/]{'░' * (width - filled)}"


def day_table(summary: DaySummary, title: str | None = None) -> Table:
    table = Table(title=title or f"Nutrition on {summary.date}", title_justify="left")
    for col, just in (
        ("nutrient", "left"),
        ("total", "right"),
        ("target", "right"),
        ("coverage", "left"),
        ("upper limit", "right"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    over = {o.key for o in summary.over_ul}
    for key in KEYS:
        target = summary.targets[key]
        pct = summary.coverage_pct[key]
        lower = "≥ " if key in summary.lower_bound else ""
        ul = "" if target.ul is None else f"{target.ul:g} {unit_of(key)}" + (" [red]EXCEEDED[/]" if key in over else "")
        table.add_row(
            BY_KEY[key].label,
            f"{lower}{summary.totals[key]:,.1f} {unit_of(key)}",
            f"{target.rda:,.1f} {unit_of(key)}",
            f"{bar(pct)} {'' if pct is None else f'{pct:.0f}%'}",
            ul,
        )
    return table


def gap_table(key: str, foods: Sequence[GapFood]) -> Table:
    label, unit = BY_KEY[key].label, unit_of(key)
    table = Table(title=f"Foods that close the {label} gap", title_justify="left")
    for col in ("NDB", "food", "usual portion", f"per portion ({unit})", f"per 100 kcal ({unit})"):
        table.add_column(col)
    for f in foods:
        table.add_row(
            f.ndb_no,
            f.description,
            f"{f.portion} ({f.portion_g:g} g)",
            f"{f.per_portion:,.2f} ({f.per_portion_pct:.0f}%)",
            f"{f.per_100kcal:,.2f} ({f.per_100kcal_pct:.0f}%)",
        )
    return table
