"""When no plan meets every rule: which constraints had to give, and by how much.

The planner first solves the strict model. If it has no solution, it solves the same model with a slack
variable on every target and meal rule (:func:`norepi.planning.model.build_day` with ``relax=True``), each
penalised (10 per % of an RDA missed, a UL exceeded or the energy band left; 1 per % of a meal's energy
share; 50 per missing food of a meal rule; 200 per pinned food left out), so the relaxed plan bends as
little as it can. Every slack above zero is one constraint that had to give; :func:`explain` names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from norepi.nutrition.nutrients import BY_KEY
from norepi.planning.candidates import Candidate
from norepi.planning.model import SoftRow


@dataclass(frozen=True)
class Relaxation:
    """One constraint that had to give: its name, key (a nutrient key in its unit, a rule, or "pin:<food id>"),
    side (min/max), bound, planned value and a sentence; ``date`` is the planned day (set by the plan)."""

    constraint: str
    key: str
    side: str
    bound: float
    achieved: float
    message: str
    date: dt.date | None = None


def _unit(key: str) -> str:
    return BY_KEY[key].unit if key in BY_KEY else ""


def explain(relaxed: Sequence[tuple[SoftRow, float]], foods: Sequence[Candidate] = (),
            names: Mapping[str, str] | None = None) -> list[Relaxation]:
    """A sentence for each bent constraint (``relaxed`` pairs a soft row with its slack value)."""
    out: list[Relaxation] = []
    by_id = {f.food_id: f.description for f in foods}
    for row, slack in relaxed:
        amount = slack * row.scale
        achieved = row.bound - amount if row.side == "min" else row.bound + amount
        key = row.key
        if key in BY_KEY and row.name.startswith("folic"):
            msg = (f"folic acid {achieved:,.0f} µg is above the folate UL of {row.bound:,.0f} µg "
                   f"(the UL applies to folic acid)")
        elif key in BY_KEY and row.side == "min":
            pct = 100.0 * achieved / row.bound if row.bound else 0.0
            what = "energy" if key == "energy_kcal" else BY_KEY[key].label
            target = "the band's low end" if key == "energy_kcal" else "the RDA"
            msg = (f"{what} reaches only {achieved:,.1f} of {row.bound:,.1f} {_unit(key)} "
                   f"({pct:.0f} % of {target})")
        elif key in BY_KEY:
            what = "energy" if key == "energy_kcal" else BY_KEY[key].label
            limit = "the band's high end" if key == "energy_kcal" else "the UL"
            msg = f"{what} {achieved:,.1f} {_unit(key)} is above {limit} of {row.bound:,.1f} {_unit(key)}"
        elif key.startswith("pin:"):
            food_id = key[4:]
            msg = f"pinned food {food_id} {by_id.get(food_id, '')} could not be placed".rstrip()
        elif key.endswith("_share"):
            msg = f"{row.name} missed by {amount:,.0f} kcal"
        else:
            msg = f"rule '{row.name}' missed by {amount:g} food(s)"
        out.append(Relaxation(row.name, key, row.side, row.bound, achieved, msg))
    return out
