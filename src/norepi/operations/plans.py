"""Meal plans from a person's journal: plan and save, and accept a saved plan into the food log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from norepi.days import summarize
from norepi.journal.food_log import LoggedFood
from norepi.journal.journal import Journal
from norepi.nutrition.nutrients import USDA_NUMBERS
from norepi.operations.plan_record import plan_from_json, plan_json
from norepi.planning.familiarity import familiarity
from norepi.planning.plan import Plan, PlanRequest, accept_items, plan_meals
from norepi.planning.pool import FoodPool

FAMILIARITY_DAYS = 60  # the days before the plan whose foods count as the person's usual ones


@dataclass(frozen=True)
class SavedPlan:
    """A plan as planned and the id the journal saved it under."""

    id: int
    plan: Plan


def food_pool(journal: Journal) -> FoodPool:
    """The planner's food list from the journal's food database (build once per process and food release)."""
    return FoodPool(journal.foods.catalogue(USDA_NUMBERS, survey_only=False))


def _request_record(request: PlanRequest) -> dict[str, Any]:
    record = dataclasses.asdict(request)
    record["start"] = request.start.isoformat()
    record["prices"] = dict(request.prices)
    return record


def plan_and_save(journal: Journal, request: PlanRequest, pins: Sequence[str] = (), *, use_journal: bool = True,
                  pool: FoodPool | None = None) -> SavedPlan:
    """Plan ``request`` for the person (their profile on the first day; their usual foods of the 60 days before
    unless ``use_journal`` is off; ``pins`` as NDB numbers or food names) and save it."""
    profile = journal.profile(request.start)
    if pins:
        request = dataclasses.replace(request, pins=tuple(journal.resolve_food(p).food_id for p in pins if p.strip()))
    usual = None
    if use_journal:
        days = summarize(journal, request.start - dt.timedelta(days=FAMILIARITY_DAYS), request.start)
        usual = familiarity(days, before=request.start)
    plan = plan_meals(pool or food_pool(journal), profile, request, familiarity=usual)
    plan_id = journal.plans.save(request.start, request.days, _request_record(request), plan_json(plan))
    return SavedPlan(plan_id, plan)


def saved_plan(journal: Journal, plan_id: int | None = None) -> tuple[int, Plan, dt.datetime | None]:
    """(id, plan, accepted at) of a saved plan, or the newest."""
    saved = journal.plans.get(plan_id)
    return saved.id, plan_from_json(saved.plan), saved.accepted_at


def accept_plan(journal: Journal, plan_id: int | None = None, start: dt.date | None = None,
                day_index: int | None = None, replace: bool = True) -> list[LoggedFood]:
    """Log a saved plan's foods (all its days, or day ``day_index`` only, from ``start``) and mark it accepted,
    in one transaction; ``replace``: foods logged from an earlier plan on those dates are replaced."""
    pid, plan, _ = saved_plan(journal, plan_id)
    items = accept_items(plan, start, day_index)
    return journal.plans.accept(pid, [tuple(i) for i in items], replace)  # type: ignore[misc]
