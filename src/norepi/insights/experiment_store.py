"""Experiments in the journal database (table ``experiment``, migration 0005): start, read, stop."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select

from norepi.errors import InputError, NotFound
from norepi.insights.experiments import LEVERS, ExperimentPlan, draw_schedule
from norepi.insights.series import OUTCOMES
from norepi.journal.insight_models import ExperimentRecord

if TYPE_CHECKING:
    from norepi.journal.journal import Journal


def start_experiment(journal: Journal, lever: str, action: str, outcome: str, start: dt.date, phase_days: int = 7,
                     phases: int = 4, seed: int | None = None) -> tuple[int, ExperimentPlan]:
    """Store a new experiment with a randomly drawn balanced schedule; returns (id, plan)."""
    if lever not in LEVERS:
        raise InputError(f"{lever!r} is not one of {', '.join(LEVERS)}", field="lever")
    if outcome not in OUTCOMES:
        raise InputError(f"{outcome!r} is not one of {', '.join(OUTCOMES)}", field="outcome")
    if not 3 <= phase_days <= 28:
        raise InputError(f"phase of {phase_days} days is outside 3-28", field="phase_days")
    if phases < 2 or phases % 2 or phases > 12:
        raise InputError(f"{phases} phases: use an even number from 2 to 12", field="phases")
    seed = secrets.randbelow(2**31) if seed is None else seed
    schedule = draw_schedule(phases, seed)
    with journal.db.transaction() as s:
        row = ExperimentRecord(user_id=journal.user_id, lever=lever, action=action or lever.replace("_", " "),
                               outcome=outcome, start_date=start, phase_days=phase_days, schedule=schedule, seed=seed,
                               created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
        s.add(row)
        s.flush()
        return row.id, _plan(row)


def _plan(row: ExperimentRecord) -> ExperimentPlan:
    return ExperimentPlan(row.lever, row.action, row.outcome, row.start_date, row.phase_days, row.schedule)


def experiment(journal: Journal, experiment_id: int | None = None) -> tuple[int, ExperimentPlan, dt.datetime | None]:
    """(id, plan, stopped_at) by id, or the newest; NotFound if none."""
    with journal.db.transaction() as s:
        q = select(ExperimentRecord).where(ExperimentRecord.user_id == journal.user_id)
        q = q.where(ExperimentRecord.id == experiment_id) if experiment_id is not None else \
            q.order_by(ExperimentRecord.id.desc()).limit(1)
        row = s.scalars(q).first()
        if row is None:
            raise NotFound(f"no experiment {experiment_id}" if experiment_id is not None else
                           "no experiment yet: run `norepi experiment start`")
        return row.id, _plan(row), row.stopped_at


def stop_experiment(journal: Journal, experiment_id: int | None = None) -> int:
    """Mark an experiment stopped (kept for analysis); returns its id."""
    eid, _, _ = experiment(journal, experiment_id)
    with journal.db.transaction() as s:
        row = s.get(ExperimentRecord, eid)
        assert row is not None
        row.stopped_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return eid
