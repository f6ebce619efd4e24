"""Saved meal plans of one person: save, read, and accept (log a plan's foods and mark it, in one transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from norepi.errors import NotFound
from norepi.journal.food_log import FoodItemIn, LoggedFood
from norepi.journal.tables import MealPlanRecord

if TYPE_CHECKING:
    from norepi.journal.journal import Journal


@dataclass(frozen=True)
class SavedPlan:
    """A stored plan: its id, the plan in the planner's documented JSON form, the request, and when (if ever)
    it was logged into the journal."""

    id: int
    start: dt.date
    days: int
    plan: Mapping[str, Any]
    request: Mapping[str, Any]
    created_at: dt.datetime
    accepted_at: dt.datetime | None


def _saved(r: MealPlanRecord) -> SavedPlan:
    return SavedPlan(r.id, r.start_date, r.days, {**r.plan, "id": r.id}, r.request, r.created_at, r.accepted_at)


class MealPlans:
    """Meal plans of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def save(self, start: dt.date, days: int, request: Mapping[str, Any], plan: Mapping[str, Any]) -> int:
        """Store a plan (in the planner's documented JSON form) and its request; returns its id."""
        with self._j.scope.transaction() as s:
            row = MealPlanRecord(created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), start_date=start, days=days,
                                 request=dict(request), plan=dict(plan))
            s.add(row)
            s.flush()
            return row.id

    def get(self, plan_id: int | None = None) -> SavedPlan:
        """A saved plan by id, or the newest; NotFound if none."""
        with self._j.scope.transaction() as s:
            query = select(MealPlanRecord)
            query = (query.where(MealPlanRecord.id == plan_id) if plan_id is not None
                     else query.order_by(MealPlanRecord.id.desc()).limit(1))
            row = s.scalars(query).first()
            if row is None:
                raise NotFound(f"no meal plan {plan_id}" if plan_id is not None else "no meal plan saved yet")
            return _saved(row)

    def accept(self, plan_id: int, items: Sequence[FoodItemIn], replace: bool = True) -> list[LoggedFood]:
        """Log a plan's foods (``items`` as for ``FoodLog.log_many``, source "plan") and mark the plan accepted,
        in one transaction: both or neither. With ``replace`` (the default), foods of an earlier accepted plan on
        those dates are replaced; the person's own entries are always kept."""
        self.get(plan_id)
        understood = [self._j.food_log.understand(*item) for item in items]
        with self._j.scope.transaction() as s:
            logged = self._j.food_log.write(s, understood, "plan", replace_source=replace)
            row = s.get(MealPlanRecord, plan_id)
            if row is None:
                raise NotFound(f"no meal plan {plan_id}")
            row.accepted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return logged
