"""The typed plan reproduces the documented JSON of ``norepi plan day|week --json`` (docs/planning.md) through the
record the CLI and the web use (operations/plan_record.py), and a saved plan accepts as the plan itself."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from norepi.errors import Infeasible, InputError
from norepi.nutrition.nutrients import KEYS
from norepi.operations.plan_record import plan_from_json, plan_json
from norepi.planning.plan import PlanRequest, accept_items, plan_meals
from norepi.profile import Profile

START = dt.date(2026, 11, 23)
FEMALE = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
TOP = {"id", "start_date", "objective", "days", "shopping_list", "relaxed", "notes", "candidates", "eaten_forms"}
DAY = {"date", "meals", "totals", "targets", "coverage_pct", "lower_bound", "over_ul", "incomplete",
       "objective_value", "solve_seconds", "status", "gap_pct"}


def test_plan_json_has_the_documented_keys_and_accepts_as_planned(pool) -> None:
    vegetarian = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168, diet="vegetarian",
                         exclusions=("peanuts",))
    plan = plan_meals(pool, vegetarian, PlanRequest(start=START, days=2, dislikes=("banana",)),
                      familiarity={"01123": 0.5})
    data = json.loads(json.dumps(plan_json(plan, 7), ensure_ascii=False))
    assert set(data) == TOP and data["id"] == 7 and data["start_date"] == "2026-11-23"
    for day in data["days"]:
        assert set(day) == DAY
        assert [m["name"] for m in day["meals"]] == ["breakfast", "lunch", "snacks", "dinner"]
        assert [m["time"] for m in day["meals"]] == ["08:00", "12:30", "16:00", "19:00"]
        for meal in day["meals"]:
            for item in meal["items"]:
                assert set(item) == {"ndb_no", "description", "grams", "portion"}
        assert set(day["totals"]) == set(KEYS) and set(day["totals"]) <= set(day["targets"])
        assert set(next(iter(day["targets"].values()))) == {"rda", "ul", "source", "note"}
    for line in data["shopping_list"]:
        assert {"ndb_no", "description", "grams", "portion"} <= set(line)
        assert line["planned"] and line["yield"] > 0
    assert data["eaten_forms"] == [{"logged": "01123", "planned": "01129"}]
    saved = plan_from_json(data)
    assert accept_items(saved) == accept_items(plan)
    target = START + dt.timedelta(days=30)
    assert accept_items(saved, target, 1) == accept_items(plan, target, 1)
    assert plan_json(saved, 7)["days"] == data["days"]


def test_cost_plans_say_why_they_are_thin_or_impossible(pool) -> None:
    with pytest.raises(InputError, match="needs prices"):
        PlanRequest(start=START, objective="cost")
    plan = plan_meals(pool, FEMALE, PlanRequest(start=START, objective="cost", prices={"01129": 0.5}))  # boiled egg
    assert plan.candidates == 1 and plan.relaxed  # one priced food cannot meet the targets: said, not hidden
    assert any("only the 1 food with a price" in n for n in plan.notes)
    with pytest.raises(Infeasible, match="none of the 1 food with a price can be planned"):
        plan_meals(pool, FEMALE, PlanRequest(start=START, objective="cost", prices={"01123": 0.5}))  # raw egg


def test_plans_saved_before_the_typed_plan_still_accept() -> None:
    """A plan saved by the old planner (snacks last, no eaten forms, cooked weights on the list) accepts as saved."""
    old = {"start_date": "2026-11-23", "objective": "usual", "relaxed": [], "notes": ["a note"],
           "days": [{"date": "2026-11-23", "meals": [
               {"name": "breakfast", "time": "08:00", "items": [
                   {"ndb_no": "01129", "description": "Egg, whole, cooked, hard-boiled", "grams": 100.0,
                    "portion": "2 large"}]},
               {"name": "snacks", "time": "16:00", "items": [
                   {"ndb_no": "09040", "description": "Bananas, raw", "grams": 118.0, "portion": "1 medium"}]}],
               "totals": {"protein_g": 12.6}, "targets": {"protein_g": {"rda": 46.0, "ul": None}},
               "coverage_pct": {"protein_g": 27.4}, "lower_bound": [], "over_ul": [], "incomplete": [],
               "objective_value": 0.0, "solve_seconds": 0.1, "status": "time limit", "gap_pct": 1.46}],
           "shopping_list": [{"ndb_no": "01129", "description": "Egg, whole, cooked, hard-boiled", "grams": 100.0,
                              "portion": "2 large"}]}
    plan = plan_from_json(old)
    on = dt.date(2026, 12, 1)
    assert accept_items(plan, on) == [("01129", "2 large", on, dt.time(8, 0)),
                                      ("09040", "1 medium", on, dt.time(16, 0))]
    assert plan.days[0].food.shortfalls == ("protein_g",) and plan.days[0].gap_pct == 1.46
