"""The person's n-of-1 experiments as stored: lever, action, outcome, start, phase length, drawn schedule.

What an experiment means and how it is analysed is insights/experiments.py; this module keeps the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from norepi.errors import NotFound
from norepi.journal.tables import ExperimentRecord

if TYPE_CHECKING:
    from norepi.journal.journal import Journal


@dataclass(frozen=True)
class StoredExperiment:
    """An experiment as kept: ``schedule`` is one letter per phase ("A" with the action, "B" without)."""

    id: int
    lever: str
    action: str
    outcome: str
    start: dt.date
    phase_days: int
    schedule: str
    seed: int
    stopped_at: dt.datetime | None


def _stored(r: ExperimentRecord) -> StoredExperiment:
    return StoredExperiment(r.id, r.lever, r.action, r.outcome, r.start_date, r.phase_days, r.schedule, r.seed,
                            r.stopped_at)


class Experiments:
    """Experiments of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def save(self, lever: str, action: str, outcome: str, start: dt.date, phase_days: int, schedule: str,
             seed: int) -> StoredExperiment:
        """Store a new experiment (validated by the caller: insights/experiments.py); returns it."""
        with self._j.scope.transaction() as s:
            row = ExperimentRecord(lever=lever, action=action, outcome=outcome, start_date=start,
                                   phase_days=phase_days, schedule=schedule, seed=seed,
                                   created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
            s.add(row)
            s.flush()
            return _stored(row)

    def get(self, experiment_id: int | None = None) -> StoredExperiment:
        """An experiment by id, or the newest; NotFound if none."""
        with self._j.scope.transaction() as s:
            q = select(ExperimentRecord)
            q = (q.where(ExperimentRecord.id == experiment_id) if experiment_id is not None
                 else q.order_by(ExperimentRecord.id.desc()).limit(1))
            row = s.scalars(q).first()
            if row is None:
                raise NotFound(f"no experiment {experiment_id}" if experiment_id is not None else "no experiment yet")
            return _stored(row)

    def stop(self, experiment_id: int | None = None) -> StoredExperiment:
        """Mark an experiment stopped (kept for analysis); returns it."""
        eid = self.get(experiment_id).id
        with self._j.scope.transaction() as s:
            row = s.get(ExperimentRecord, eid)
            if row is None:
                raise NotFound(f"no experiment {eid}")
            row.stopped_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            return _stored(row)
