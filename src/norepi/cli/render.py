"""Rich renderings of library results (no logic: numbers come from the library)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table

from norepi.nutrition.nutrients import BY_KEY, KEYS

if TYPE_CHECKING:
    from norepi.days.summary import DaySummary
    from norepi.nutrition.gap_foods import GapFood

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
    food = summary.food
    assert food is not None, "a day without food has no nutrition table"
    over = {o.key for o in food.over_ul}
    for key in KEYS:
        target = summary.targets[key]
        pct = food.coverage_pct[key]
        lower = "≥ " if key in food.lower_bound else ""
        ul = "" if target.ul is None else f"{target.ul:g} {unit_of(key)}" + (" [red]EXCEEDED[/]" if key in over else "")
        table.add_row(
            BY_KEY[key].label,
            f"{lower}{food.totals[key]:,.1f} {unit_of(key)}",
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
            f.description + (" (estimated)" if f.estimated else ""),
            f"{f.portion} ({f.portion_g:g} g)",
            f"{f.per_portion:,.2f} ({f.per_portion_pct:.0f}%)",
            f"{f.per_100kcal:,.2f} ({f.per_100kcal_pct:.0f}%)",
        )
    return table


def days_table(days: Sequence[DaySummary]) -> Table:
    """A line a day: energy and protein when food was logged, time asleep, exercise minutes, ratings."""
    table = Table(title="Days", title_justify="left")
    for col in ("date", "energy", "protein", "asleep", "exercise", "ratings"):
        table.add_column(col)
    for d in days:
        food = d.food
        asleep = d.time_asleep_min
        table.add_row(
            d.date.isoformat(),
            f"{food.totals['energy_kcal']:,.0f} kcal" if food else "not logged",
            f"{food.totals['protein_g']:,.0f} g" if food else "",
            f"{asleep / 60:.1f} h" if asleep is not None else "not recorded",
            f"{sum(e.duration_min for e in d.exercise):.0f} min" if d.exercise else "",
            ", ".join(f"{r.scale.label} {r.value:g}" for r in d.ratings.values()),
        )
    return table


def to_jsonable(value: object) -> object:
    """Library values (dataclasses, enums, dates, mappings) as plain JSON values."""
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


def print_json(value: object) -> None:
    """Print a library value as indented JSON on standard output."""
    import json

    print(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))
