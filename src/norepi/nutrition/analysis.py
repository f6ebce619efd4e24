"""Day analysis: totals, % of target, shortfalls, upper limits, and what is unknown.

Pure functions over value objects; the journal supplies entries with their per-100 g values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from norepi.nutrition.nutrients import BY_KEY, FOLATE_FOOD, FOLIC_ACID, FOLIC_ACID_TO_DFE, KEYS, TRACKED
from norepi.nutrition.targets import Target


@dataclass(frozen=True)
class EntryFacts:
    """One logged food with its USDA values per 100 g (USDA units; absent key = unknown)."""

    entry_id: int | None
    ndb_no: str
    description: str
    grams: float
    time: dt.time | None
    portion_text: str
    per_100g: Mapping[str, float] = field(default_factory=dict)
    # amounts (key units) the source itself recorded for this serving (a Cronometer export); they take
    # precedence over the USDA values, so an imported day totals to the source's own daily summary
    given: Mapping[str, float] = field(default_factory=dict)


def entry_amounts(
    per_100g: Mapping[str, float], grams: float, given: Mapping[str, float] | None = None
) -> dict[str, float | None]:
    """Amount of each tracked nutrient in ``grams`` of a food (key units), None where USDA has no value;
    ``given`` amounts (key units, from the source of an imported serving) replace the USDA ones."""
    scale = grams / 100.0
    out: dict[str, float | None] = {}
    for n in TRACKED:
        if n.usda_nutr_no is None:
            continue
        value = per_100g.get(n.usda_nutr_no)
        if value is None and n.key == "folate_dfe_ug":
            food, folic = per_100g.get(FOLATE_FOOD), per_100g.get(FOLIC_ACID)
            if food is not None and folic is not None:
                value = food + FOLIC_ACID_TO_DFE * folic
        out[n.key] = None if value is None else value * n.factor * scale
    for key, amount in (given or {}).items():
        if key in out:
            out[key] = amount
    phe, tyr = out["phenylalanine_mg"], out["tyrosine_mg"]
    out["phe_tyr_mg"] = None if phe is None or tyr is None else phe + tyr
    return {k: out[k] for k in KEYS}


class TargetOut(BaseModel):
    rda: float
    ul: float | None
    source: str = ""
    note: str = ""


class EntryOut(BaseModel):
    id: int | None
    time: str | None
    ndb_no: str
    description: str
    grams: float
    portion: str
    nutrients: dict[str, float | None]


class Incomplete(BaseModel):
    ndb_no: str
    description: str
    missing: list[str]


class OverLimit(BaseModel):
    key: str
    amount: float
    ul: float
    compared: str


class DaySummary(BaseModel):
    """The day's nutrition: the one currency between layers (``norepi day --json``).

    ``totals`` are sums of known values: where ``incomplete`` names foods lacking a value, the total of
    that key (listed in ``lower_bound``) is a lower bound. ``coverage_pct`` is total / RDA x 100.
    """

    date: str
    totals: dict[str, float]
    targets: dict[str, TargetOut]
    coverage_pct: dict[str, float | None]
    lower_bound: list[str]
    shortfalls: list[str]
    over_ul: list[OverLimit]
    incomplete: list[Incomplete]
    entries: list[EntryOut]
    # lifestyle levers of the day (filled by the journal from norepi.lifestyle; empty when none logged)
    exercise: list[dict[str, Any]] = []
    sleep: list[dict[str, Any]] = []
    practices: list[dict[str, Any]] = []
    stress: dict[str, Any] = {}
    ratings: dict[str, Any] = {}


def analyze_day(date: dt.date, entries: Sequence[EntryFacts], targets: Mapping[str, Target]) -> DaySummary:
    """Totals (key units), coverage (% of RDA), shortfalls, ULs exceeded and unknowns for one day."""
    totals = {k: 0.0 for k in KEYS}
    lower: set[str] = set()
    incomplete: list[Incomplete] = []
    rows: list[EntryOut] = []
    folic_acid_ug = 0.0
    for e in entries:
        amounts = entry_amounts(e.per_100g, e.grams, e.given)
        missing = [k for k, v in amounts.items() if v is None]
        for k, v in amounts.items():
            if v is not None:
                totals[k] += v
        if missing:
            lower.update(missing)
            incomplete.append(Incomplete(ndb_no=e.ndb_no, description=e.description, missing=missing))
        folic_acid_ug += e.per_100g.get(FOLIC_ACID, 0.0) * e.grams / 100.0
        rows.append(
            EntryOut(
                id=e.entry_id,
                time=e.time.strftime("%H:%M") if e.time else None,
                ndb_no=e.ndb_no,
                description=e.description,
                grams=round(e.grams, 1),
                portion=e.portion_text,
                nutrients={k: None if v is None else round(v, 3) for k, v in amounts.items()},
            )
        )
    coverage = {k: (round(100.0 * totals[k] / targets[k].rda, 1) if targets[k].rda else None) for k in KEYS}
    shortfalls = sorted(
        (k for k in KEYS if k != "energy_kcal" and (coverage[k] or 0.0) < 100.0), key=lambda k: coverage[k] or 0.0
    )
    over: list[OverLimit] = []
    for k in KEYS:
        ul = targets[k].ul
        if ul is None or k == "magnesium_mg":  # the magnesium UL is for supplements, not food
            continue
        amount, compared = (folic_acid_ug, "folic acid") if k == "folate_dfe_ug" else (totals[k], BY_KEY[k].label)
        if amount > ul:
            over.append(OverLimit(key=k, amount=round(amount, 2), ul=ul, compared=compared))
    return DaySummary(
        date=date.isoformat(),
        totals={k: round(v, 2) for k, v in totals.items()},
        targets={k: TargetOut(rda=t.rda, ul=t.ul, source=t.source, note=t.note) for k, t in targets.items()},
        coverage_pct=coverage,
        lower_bound=[k for k in KEYS if k in lower],
        shortfalls=shortfalls,
        over_ul=over,
        incomplete=incomplete,
        entries=rows,
    )
