"""A person's scope: sessions in which every statement on a personal table is limited to that person.

Selects, ORM updates and deletes get ``user_id = <person>`` added to every personal table they touch
(``with_loader_criteria``, aliases and joins included); rows added through the ORM or ORM bulk inserts are stamped
with the person and refused if they name another. Journal code reaches personal tables only through these sessions
(never through ``session.connection()`` or text SQL), so that no code path can read or change another person's
rows by forgetting a filter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from norepi.db.base import PersonalData
from norepi.db.engine import Database
from norepi.journal.tables import Person

_WROTE = "norepi_wrote_personal_data"


class ScopeViolation(RuntimeError):
    """A write named another person than the scope's: a bug, never a person's mistake."""


class PersonScope:
    """Transactions of one person (``person_id``) over ``db``."""

    def __init__(self, db: Database, person_id: int) -> None:
        self.person_id = person_id
        self._sessions = sessionmaker(db.engine, expire_on_commit=False)
        event.listen(self._sessions, "do_orm_execute", self._limit)
        event.listen(self._sessions, "before_flush", self._stamp)
        event.listen(self._sessions, "before_commit", self._count_write)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work of this person: commits whole on success, rolls back whole on any error."""
        with self._sessions.begin() as session:
            yield session

    def _limit(self, state: ORMExecuteState) -> None:
        pid = self.person_id
        if state.is_insert:
            mapper = state.bind_mapper
            if mapper is not None and issubclass(mapper.class_, PersonalData):
                self._check_rows(state.parameters)
                state.session.info[_WROTE] = True
            return
        if state.is_update or state.is_delete:
            state.session.info[_WROTE] = True
        if state.is_select or state.is_update or state.is_delete:
            state.statement = state.statement.options(
                with_loader_criteria(PersonalData, lambda cls: cls.user_id == pid, include_aliases=True)
            )

    def _check_rows(self, params: Any) -> None:
        rows = params if isinstance(params, list) else [params] if isinstance(params, Mapping) else []
        for row in rows:
            if isinstance(row, dict) and row.get("user_id", self.person_id) != self.person_id:
                raise ScopeViolation(f"a row for person {row['user_id']} written in the scope of {self.person_id}")
            if isinstance(row, dict):
                row.setdefault("user_id", self.person_id)

    def _stamp(self, session: Session, _context: Any, _instances: Any) -> None:
        if any(isinstance(o, PersonalData) for o in (*session.new, *session.dirty, *session.deleted)):
            session.info[_WROTE] = True
        for obj in (*session.new, *session.dirty):
            if isinstance(obj, PersonalData):
                if getattr(obj, "user_id", None) is None:
                    obj.user_id = self.person_id
                elif obj.user_id != self.person_id:
                    raise ScopeViolation(f"a {type(obj).__name__} of person {obj.user_id} in the scope of "
                                         f"{self.person_id}")

    def _count_write(self, session: Session) -> None:
        """Raise the person's ``data_version`` in the transaction that wrote their data."""
        session.flush()
        if session.info.pop(_WROTE, False):
            session.execute(update(Person).where(Person.id == self.person_id)
                            .values(data_version=Person.data_version + 1))

    def data_version(self) -> int:
        """How many transactions have written the person's data (0 for none): a cache key for what they see."""
        with self._sessions.begin() as s:
            return int(s.scalar(select(Person.data_version).where(Person.id == self.person_id)) or 0)
