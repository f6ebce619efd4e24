"""The food log of one person: log, edit, remove, read entries.

Every method that writes is one transaction: it lands whole or not at all; nothing is written before every item
is understood.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from norepi.errors import AmountError, InputError, NorepiError, NotFound
from norepi.foods.amounts import amount_splits, to_grams
from norepi.foods.store import FoodInfo
from norepi.journal.lived import check_lived_date
from norepi.journal.tables import FoodEntry
from norepi.units import known_unit

if TYPE_CHECKING:
    from norepi.journal.journal import Journal

FoodItemIn = tuple[str, str | None, dt.date, dt.time | None]  # (food, amount or None, date, time)


class LoggedFood(NamedTuple):
    """A food-log entry as stored (a NamedTuple: a year holds some ten thousand)."""

    id: int
    date: dt.date
    time: dt.time | None
    ndb_no: str
    description: str
    grams: float
    portion_text: str
    source: str = "manual"


@dataclass(frozen=True)
class Understood:
    """A food item resolved before anything is written: the food, grams and the amount text kept."""

    food: FoodInfo
    grams: float
    text: str
    date: dt.date
    time: dt.time | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class FoodLog:
    """Food entries of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def understand(self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None) -> Understood:
        """Resolve ``amount`` of ``food`` (an NDB number or text), or a whole phrase ("2 large eggs") when
        ``amount`` is None; raises naming what is unclear (or a date in the future or before 1900)."""
        check_lived_date(date, "date")
        foods = self._j.foods
        if amount is not None:
            info = foods.resolve(food)
            return Understood(info, to_grams(amount, info.portions, info.description), amount.strip(), date, time)
        errors: list[NorepiError] = []
        # readings whose amount is a plain unit ("150 g", "1 cup") first: their errors are the ones to show
        splits = sorted(amount_splits(food), key=lambda sp: known_unit(sp[0].partition(" ")[2]) is None)
        for amount_text, food_text in splits:
            if not amount_text:
                raise AmountError(f"{food!r} has no amount; write e.g. '2 large eggs' or give an amount",
                                  field="amount")
            try:
                info = foods.resolve(food_text)
                return Understood(info, to_grams(amount_text, info.portions, info.description), food.strip(), date,
                                  time)
            except NorepiError as exc:
                errors.append(exc)
        raise errors[0]

    def log(self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None,
            source: str = "manual") -> LoggedFood:
        """Log one food (see ``understand``); returns the entry."""
        item = self.understand(food, amount, date, time)
        with self._j.scope.transaction() as s:
            return self.write(s, [item], source)[0]

    def log_many(self, items: Sequence[FoodItemIn], source: str = "manual",
                 replace_source: bool = False) -> list[LoggedFood]:
        """Log several foods (food, amount, date, time) in one transaction: all land or none. With
        ``replace_source``, entries from the same ``source`` on those dates are replaced."""
        understood = [self.understand(*item) for item in items]
        with self._j.scope.transaction() as s:
            return self.write(s, understood, source, replace_source)

    def write(self, s: Session, items: Sequence[Understood], source: str,
              replace_source: bool = False) -> list[LoggedFood]:
        """Write understood items in the caller's transaction ``s``."""
        if replace_source and items:
            dates = sorted({i.date for i in items})
            for old in s.scalars(select(FoodEntry).where(FoodEntry.source == source, FoodEntry.date.in_(dates))):
                s.delete(old)
        for i in items:
            check_lived_date(i.date, "date")
        now = _now()
        rows = [FoodEntry(date=i.date, time=i.time, ndb_no=i.food.ndb_no, grams=i.grams, portion_text=i.text,
                          source=source, created_at=now) for i in items]
        s.add_all(rows)
        s.flush()
        return [LoggedFood(r.id, r.date, r.time, i.food.ndb_no, i.food.description, r.grams, r.portion_text, source)
                for r, i in zip(rows, items, strict=True)]

    def entries(self, start: dt.date, end: dt.date | None = None) -> list[LoggedFood]:
        """Food entries from ``start`` to ``end`` inclusive, in date and time order."""
        end = end or start
        with self._j.scope.transaction() as s:
            rows = s.execute(
                select(FoodEntry.id, FoodEntry.date, FoodEntry.time, FoodEntry.ndb_no, FoodEntry.grams,
                       FoodEntry.portion_text, FoodEntry.source)
                .where(FoodEntry.date >= start, FoodEntry.date <= end)
                .order_by(FoodEntry.date, FoodEntry.time.asc().nulls_first(), FoodEntry.id)
            ).all()
        names = self._j.foods.descriptions()
        return [LoggedFood(i, d, t, n, names.get(n, n), g, p, src) for i, d, t, n, g, p, src in rows]

    def delete(self, entry_id: int) -> None:
        """Remove one food entry; NotFound if it is not this person's."""
        with self._j.scope.transaction() as s:
            entry = s.get(FoodEntry, entry_id)
            if entry is None:
                raise NotFound(f"no food entry {entry_id}")
            s.delete(entry)

    def update(self, entry_id: int, *, amount: str | None = None, time: dt.time | None = None,
               date: dt.date | None = None) -> LoggedFood:
        """Change an entry's amount (re-read against its food's portions), time or date; NotFound if it is not
        this person's."""
        if amount is None and time is None and date is None:
            raise InputError("nothing to change: give an amount, a time or a date", field="entry")
        with self._j.scope.transaction() as s:
            entry = s.get(FoodEntry, entry_id)
            if entry is None:
                raise NotFound(f"no food entry {entry_id}")
            info = self._j.foods.food(entry.ndb_no)
            if amount is not None:
                entry.grams = to_grams(amount, info.portions, info.description)
                entry.portion_text = amount.strip()
            if time is not None:
                entry.time = time
            if date is not None:
                entry.date = check_lived_date(date, "date")
            s.flush()
            return LoggedFood(entry.id, entry.date, entry.time, entry.ndb_no, info.description, entry.grams,
                              entry.portion_text, entry.source)
