"""The record of a plan: a typed :class:`norepi.planning.plan.Plan` as the plain values it is stored as (and the
CLI and the web print: the documented keys of ``norepi plan day|week --json``, docs/planning.md), and back, for
accepting a saved plan. The planner itself knows no such form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from norepi.nutrition.analysis import FoodDay, Incomplete, OverLimit, shortfalls
from norepi.nutrition.nutrients import KEYS
from norepi.nutrition.targets import Target
from norepi.planning.explain import Relaxation
from norepi.planning.plan import Plan, PlanDay, PlanItem, PlanMeal
from norepi.planning.shopping import PlannedUse, ShoppingItem


def _targets(targets: Mapping[str, Target]) -> dict[str, Any]:
    return {k: {"rda": t.rda, "ul": t.ul, "source": t.source, "note": t.note} for k, t in targets.items()}


def day_json(day: PlanDay) -> dict[str, Any]:
    """One planned day with the keys of the day JSON (``norepi day --json``) for its nutrition."""
    food = day.food
    return {
        "date": day.date.isoformat(),
        "meals": [{"name": m.name, "time": m.time.strftime("%H:%M"),
                   "items": [{"ndb_no": i.food_id, "description": i.description, "grams": i.grams,
                              "portion": i.portion} for i in m.items]} for m in day.meals],
        "totals": {k: round(v, 2) for k, v in food.totals.items()},
        "targets": _targets(day.targets),
        "coverage_pct": {k: None if v is None else round(v, 1) for k, v in food.coverage_pct.items()},
        "lower_bound": list(food.lower_bound),
        "over_ul": [{"key": o.key, "amount": round(o.amount, 2), "ul": o.ul, "compared": o.compared}
                    for o in food.over_ul],
        "incomplete": [{"ndb_no": i.food_id, "description": i.description, "missing": list(i.missing)}
                       for i in food.incomplete],
        "objective_value": round(day.objective_value, 6),
        "solve_seconds": round(day.solve_seconds, 4),
        "status": day.status,
        "gap_pct": None if day.gap_pct is None else round(day.gap_pct, 2),
    }


def plan_json(plan: Plan, plan_id: int | None = None) -> dict[str, Any]:
    """The plan as ``norepi plan day|week --json`` prints it (``id``: the id the journal saved it under)."""
    return {
        "id": plan_id,
        "start_date": plan.start_date.isoformat(),
        "objective": plan.objective,
        "days": [day_json(d) for d in plan.days],
        "shopping_list": [{"ndb_no": s.food_id, "description": s.description, "grams": s.grams,
                           "portion": s.portion, "yield": s.yield_factor, "yield_source": s.yield_source,
                           "planned": [{"ndb_no": u.food_id, "description": u.description, "grams": u.grams}
                                       for u in s.planned]} for s in plan.shopping_list],
        "relaxed": [{"date": r.date.isoformat() if r.date else None, "constraint": r.constraint, "key": r.key,
                     "side": r.side, "bound": round(r.bound, 2), "achieved": round(r.achieved, 2),
                     "message": r.message} for r in plan.relaxed],
        "notes": list(plan.notes),
        "candidates": plan.candidates,
        "eaten_forms": [{"logged": a, "planned": b} for a, b in plan.eaten_forms],
    }


def plan_from_json(data: Mapping[str, Any]) -> Plan:
    """A saved plan's JSON back as a :class:`Plan` (each day's nutrition from its totals; no food items). Plans
    saved before the typed plan (no ``eaten_forms``, no ``planned``/``yield`` in the shopping list) read too."""
    days = []
    for d in data["days"]:
        targets = {k: Target(t["rda"], t["ul"], t.get("source", ""), t.get("note", "")) for k, t in
                   d.get("targets", {}).items()}
        coverage = d.get("coverage_pct", {})
        food = FoodDay(items=(), totals=d.get("totals", {}), coverage_pct=coverage,
                       lower_bound=tuple(d.get("lower_bound", ())),
                       incomplete=tuple(Incomplete(i["ndb_no"], i["description"], tuple(i["missing"]))
                                        for i in d.get("incomplete", ())),
                       shortfalls=tuple(k for k in shortfalls(dict.fromkeys(KEYS, None) | coverage) if k in coverage),
                       over_ul=tuple(OverLimit(o["key"], o["amount"], o["ul"], o["compared"])
                                     for o in d.get("over_ul", ())))
        meals = tuple(PlanMeal(m["name"], dt.time.fromisoformat(m["time"]),
                               tuple(PlanItem(i["ndb_no"], i["description"], i["grams"], i["portion"])
                                     for i in m["items"])) for m in d["meals"])
        days.append(PlanDay(dt.date.fromisoformat(d["date"]), meals, food, targets, d.get("objective_value", 0.0),
                            d.get("solve_seconds", 0.0), d.get("status", "optimal"), d.get("gap_pct")))
    shopping = tuple(ShoppingItem(s["ndb_no"], s["description"], s["grams"], s["portion"],
                                  tuple(PlannedUse(u["ndb_no"], u["description"], u["grams"])
                                        for u in s.get("planned", ())),
                                  s.get("yield", 1.0), s.get("yield_source", "")) for s in data["shopping_list"])
    relaxed = tuple(Relaxation(r["constraint"], r["key"], r["side"], r["bound"], r["achieved"], r["message"],
                               dt.date.fromisoformat(r["date"]) if r.get("date") else None)
                    for r in data.get("relaxed", ()))
    return Plan(dt.date.fromisoformat(data["start_date"]), data.get("objective", "usual"), tuple(days), shopping,
                relaxed, tuple(data.get("notes", ())), data.get("candidates", 0),
                tuple((e["logged"], e["planned"]) for e in data.get("eaten_forms", ())))
