"""Rich renderings of library results in plain words (no logic: the numbers come from the library).

Labels come from the vocabularies (``norepi.vocab`` ``.display``, ``nutrition.nutrients`` labels) with their units;
numbers carry sensible digits (``num``) and never an exponent; tables are laid out to fit 80 columns;
``explain`` prints what a report's terms mean in everyday words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.markup import escape
from rich.table import Table

from norepi.nutrition.nutrients import BY_KEY, KEYS

if TYPE_CHECKING:
    from norepi.days.summary import DaySummary
    from norepi.nutrition.gap_foods import GapFood

UNITS = {"kcal": "kcal", "g": "g", "mg": "mg", "ug": "µg"}

GLOSSARY: dict[str, str] = {
    "r": "r: how closely two things move together, from -1 (one rises as the other falls) through 0 (no link) "
         "to +1 (they rise together).",
    "q": "q: the chance that a result this strong is a fluke among all the comparisons made; the lower, the more "
         "it can be trusted.",
    "interval": "[low, high]: the range the true value most likely lies in (95 %).",
    "paired days": "paired days: days that have both values; days missing either are left out, not counted as 0.",
    "SRI": "sleep regularity (SRI, 0-100): how alike your sleep and wake times are from one day to the next; "
           "100 = the same times every day.",
    "load": "exercise load (nmol/L x min): the extra norepinephrine your sessions put into the blood, added up "
            "over their minutes; a hard minute adds far more than an easy one.",
    "moderate-equivalent": "moderate-equivalent minutes: moderate minutes plus vigorous minutes counted twice "
                           "(guideline: 150 a week).",
    "sleep debt": "sleep debt: the hours you slept less than your need, added up over the week.",
    "social jet lag": "social jet lag: how far the middle of your sleep on free days (weekend) lies from that on "
                      "work days, in hours; less is better.",
    "store": "store: how full the norepinephrine stores of the nerve endings are in the model, as % of a healthy "
             "reference day.",
    "release capacity": "release capacity: how much norepinephrine the nerve endings can release on demand in "
                        "the model, as % of a healthy reference day.",
    "model range": "(low-high): the range over the parameter sets that all fit published human data (5-95 %).",
    "upper limit": "upper limit: the most a day's intake should reach (tolerable upper intake level).",
    "at least": "at least (≥): some foods have no value for this nutrient, so the true total is higher.",
    "shortfall": "coverage: the share of your daily target reached; under 100 % is a shortfall.",
}


def explain(console: Any, *terms: str) -> None:
    """Print, dimmed, what each of ``terms`` (keys of ``GLOSSARY``) means in everyday words."""
    for term in terms:
        console.print(f"[dim]{escape(GLOSSARY[term])}[/]")


def unit_of(key: str) -> str:
    """The unit of a nutrient key ("iron_mg" -> "mg")."""
    return UNITS[key.rsplit("_", 1)[1]]


def label(key: str) -> str:
    """The nutrient's name a person reads ("Vitamin C")."""
    return BY_KEY[key].label


def num(value: float, digits: int = 3) -> str:
    """``value`` with about ``digits`` significant digits (whole numbers stay whole), thousands separated, never in
    exponent notation: 1043.7 -> "1,044", 12.56 -> "12.6", 0.0712 -> "0.0712"."""
    if not math.isfinite(value):
        return "unknown"
    a = abs(value)
    if a == 0 or a >= 10 ** (digits - 1):
        return f"{value:,.0f}"
    decimals = max(0, digits - 1 - math.floor(math.log10(a)))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: float, key: str) -> str:
    """A nutrient amount with its unit ("12.6 mg")."""
    return f"{num(value)} {unit_of(key)}"


def bar(pct: float | None, width: int = 10) -> str:
    """A coverage bar (full at 100 %), coloured by how close it is."""
    if pct is None:
        return ""
    filled = min(width, int(round(width * min(pct, 100.0) / 100.0)))
    colour = "green" if pct >= 100 else "yellow" if pct >= 67 else "red"
    return f"[{colour}]{'█' * filled}[/]{'░' * (width - filled)}"


def table(title: str | None, *columns: str, right: Iterable[str] = ()) -> Table:
    """A table in the house style: a title on the left, light rules, columns right-aligned where named."""
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    align = set(right)
    for col in columns:
        t.add_column(col, justify="right" if col in align else "left")
    return t


def day_table(summary: DaySummary, title: str | None = None) -> Table:
    """The day's nutrition: total, target, coverage and upper limit of every tracked nutrient."""
    food = summary.food
    assert food is not None, "a day without food has no nutrition table"
    t = table(title or f"Nutrition on {summary.date}", "nutrient", "eaten", "target", "coverage", "upper limit",
              right=("eaten", "target", "upper limit"))
    over = {o.key for o in food.over_ul}
    for key in KEYS:
        target = summary.targets[key]
        pct = food.coverage_pct[key]
        at_least = "≥ " if key in food.lower_bound else ""
        ul = "" if target.ul is None else amount(target.ul, key) + (" [red]over[/]" if key in over else "")
        t.add_row(label(key), f"{at_least}{amount(food.totals[key], key)}", amount(target.rda, key),
                  f"{bar(pct)} {'' if pct is None else f'{pct:.0f}%'}", ul)
    return t


def eaten_table(summary: DaySummary) -> Table:
    """What was eaten on the day, in time order: time, amount, food."""
    food = summary.food
    assert food is not None
    t = table(f"Eaten on {summary.date}", "time", "amount", "food")
    items = sorted(food.items, key=lambda i: (i.time is None, i.time or 0))
    for i in items:
        grams = "" if i.grams is None else f"{num(i.grams)} g"
        said = i.amount_text.strip()
        how_much = grams if not said or said == grams else f"{said} ({grams})" if grams else said
        t.add_row(i.time.strftime("%H:%M") if i.time else "", escape(how_much), escape(i.description))
    return t


def gap_table(key: str, foods: Sequence[GapFood]) -> Table:
    """Foods that close a nutrient gap: per usual portion and per 100 kcal, with % of the target."""
    unit = unit_of(key)
    t = table(f"Foods that close the {label(key)} gap", "NDB", "food", "usual portion", f"per portion, {unit}",
              f"per 100 kcal, {unit}", right=(f"per portion, {unit}", f"per 100 kcal, {unit}"))
    for f in foods:
        t.add_row(f.ndb_no, escape(f.description + (" (estimated)" if f.estimated else "")),
                  escape(f"{f.portion} ({num(f.portion_g)} g)"),
                  f"{num(f.per_portion)} ({f.per_portion_pct:.0f}%)",
                  f"{num(f.per_100kcal)} ({f.per_100kcal_pct:.0f}%)")
    return t


def days_table(days: Sequence[DaySummary]) -> Table:
    """A line a day: energy and protein when food was logged, time asleep, exercise minutes, ratings."""
    t = table("Days", "date", "energy", "protein", "asleep", "exercise", "ratings",
              right=("energy", "protein", "asleep", "exercise"))
    for d in days:
        food = d.food
        asleep = d.time_asleep_min
        t.add_row(
            d.date.isoformat(),
            f"{num(food.totals['energy_kcal'])} kcal" if food else "not logged",
            f"{num(food.totals['protein_g'])} g" if food else "",
            f"{asleep / 60:.1f} h" if asleep is not None else "not recorded",
            f"{sum(e.duration_min for e in d.exercise):.0f} min" if d.exercise else "",
            escape(", ".join(f"{r.scale.label} {r.value:g}" for r in d.ratings.values())),
        )
    return t


def to_jsonable(value: object) -> object:
    """Library values (dataclasses, enums, dates, mappings) as plain JSON values."""
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


def print_json(value: object) -> None:
    """Print a library value as indented JSON on standard output."""
    import json

    print(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))
