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

from norepi.errors import InputError, NotFound
from norepi.foods.records import FoodRecord
from norepi.foods.search import Hit
from norepi.foods.synonyms import key
from norepi.foods.understand import amount_for, grams_text
from norepi.journal.lived import check_lived_date
from norepi.journal.tables import FoodChoiceRecord, FoodEntry

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
class Resolved:
    """A food item resolved before anything is written: the food, its grams, the amount as read ("1 cup"), when,
    why this food and two alternatives (a phrase's)."""

    food: FoodRecord
    grams: float
    text: str
    date: dt.date
    time: dt.time | None
    reason: str = ""
    alternatives: tuple[Hit, ...] = ()

    @property
    def message(self) -> str:
        """What was understood, in one line: "Logged 244 g Milk, whole, 3.25% milkfat (1 cup)"."""
        return f"Logged {grams_text(self.grams)} g {self.food.description} ({self.text})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class FoodLog:
    """Food entries of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def choices(self) -> dict[str, str]:
        """The person's earlier choices: the words they typed (as a search key) -> the food they meant."""
        with self._j.scope.transaction() as s:
            return dict(s.execute(select(FoodChoiceRecord.phrase, FoodChoiceRecord.ndb_no)).all())

    def choose(self, words: str, food_id: str) -> None:
        """Remember that ``words`` ("milk") mean the food ``food_id``: it comes first the next time they are typed."""
        record = self._j.foods.record(food_id, self._j.person_id)
        if record is None:
            raise NotFound(f"no food with id {food_id!r}")
        phrase = key(words)
        if not phrase:
            raise InputError("no words to remember the food for", field="food")
        with self._j.scope.transaction() as s:
            row = s.scalars(select(FoodChoiceRecord).where(FoodChoiceRecord.phrase == phrase)).first()
            if row is None:
                row = FoodChoiceRecord(phrase=phrase[:200])
                s.add(row)
            row.ndb_no, row.chosen_at = record.food_id, _now()

    def understand(self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None) -> Resolved:
        """Resolve ``amount`` of ``food`` (a food id or a name), or a whole phrase ("2 large eggs", "1 cup of milk",
        "chicken breast 150g") when ``amount`` is None; raises naming what is unclear (or a date in the future or
        before 1900)."""
        check_lived_date(date, "date")
        foods, owner = self._j.foods, self._j.person_id
        chosen = self.choices()
        if amount is None:
            u = foods.understand(food, chosen, owner)
            return Resolved(u.food, u.grams, u.label, date, time, u.reason, u.alternatives)
        record = foods.choose(food, chosen, owner)
        grams = amount_for(amount, record)
        return Resolved(record, grams.grams, grams.label, date, time, "food id" if food.strip().isdigit() else "")

    def log(self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None,
            source: str = "manual") -> LoggedFood:
        """Log one food (see ``understand``); returns the entry."""
        return self.log_resolved(self.understand(food, amount, date, time), source)

    def log_resolved(self, item: Resolved, source: str = "manual") -> LoggedFood:
        """Write one resolved item (``understand``'s result, whose message and alternatives the caller shows)."""
        with self._j.scope.transaction() as s:
            return self.write(s, [item], source)[0]

    def log_many(self, items: Sequence[FoodItemIn], source: str = "manual",
                 replace_source: bool = False) -> list[LoggedFood]:
        """Log several foods (food, amount, date, time) in one transaction: all land or none. With
        ``replace_source``, entries from the same ``source`` on those dates are replaced."""
        understood = [self.understand(*item) for item in items]
        with self._j.scope.transaction() as s:
            return self.write(s, understood, source, replace_source)

    def write(self, s: Session, items: Sequence[Resolved], source: str,
              replace_source: bool = False) -> list[LoggedFood]:
        """Write understood items in the caller's transaction ``s``."""
        if replace_source and items:
            dates = sorted({i.date for i in items})
            for old in s.scalars(select(FoodEntry).where(FoodEntry.source == source, FoodEntry.date.in_(dates))):
                s.delete(old)
        for i in items:
            check_lived_date(i.date, "date")
        now = _now()
        rows = [FoodEntry(date=i.date, time=i.time, ndb_no=i.food.food_id, grams=i.grams, portion_text=i.text,
                          source=source, created_at=now) for i in items]
        s.add_all(rows)
        s.flush()
        return [LoggedFood(r.id, r.date, r.time, i.food.food_id, i.food.description, r.grams, r.portion_text, source)
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
            info = self._j.foods.record(entry.ndb_no, self._j.person_id)
            if info is None:
                raise NotFound(f"the food of entry {entry_id} is gone")
            if amount is not None:
                grams = amount_for(amount, info)
                entry.grams, entry.portion_text = grams.grams, grams.label
            if time is not None:
                entry.time = time
            if date is not None:
                entry.date = check_lived_date(date, "date")
            s.flush()
            return LoggedFood(entry.id, entry.date, entry.time, entry.ndb_no, info.description, entry.grams,
                              entry.portion_text, entry.source)
