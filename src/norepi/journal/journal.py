"""The journal: one person's data in a norepi database, behind a small API.

``open_journal(db, user=...)`` binds a journal to one person when it is opened: every read and write of personal
data goes through that person's scope (journal/scope.py). The jobs live in their own modules: the food log
(``journal.food_log``), lifestyle records (``journal.lifestyle``), file imports (``journal.imports``), meal plans
(``journal.plans``), experiments (``journal.experiments``); the food database is shared (``journal.foods``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from norepi.db.engine import Database, database_url, migrate
from norepi.foods.importer import ImportResult as FoodImportResult
from norepi.foods.importer import Progress
from norepi.foods.records import FoodRecord
from norepi.foods.search import Hit
from norepi.foods.store import FoodInfo, FoodStore
from norepi.journal.food_log import FoodItemIn, FoodLog, LoggedFood
from norepi.journal.lifestyle import Lifestyle
from norepi.journal.profiles import Profiles
from norepi.journal.schema import HEAD_REVISION, MIGRATIONS
from norepi.journal.scope import PersonScope
from norepi.journal.tables import LOCAL_PERSON_ID
from norepi.nutrition.targets import Target, targets_for
from norepi.profile import Profile

if TYPE_CHECKING:  # the stores a day does not need load on first use (the CLI's `day` pays for none of them)
    from norepi.journal.accounts import Accounts
    from norepi.journal.experiments import Experiments
    from norepi.journal.imports import Imports
    from norepi.journal.plans import MealPlans


class JournalDatabase:
    """A norepi database opened once (engine, schema migrated when due, the shared food store and accounts);
    it hands out one ``Journal`` per person. The web server holds one; the CLI opens one per call."""

    def __init__(self, db: str | Path | None = None) -> None:
        self.url = database_url(db)
        self.db = Database(self.url)
        try:
            migrate(self.db.engine, MIGRATIONS, HEAD_REVISION)
        except BaseException:
            self.db.close()
            raise
        self.foods = FoodStore(self.db)

    @cached_property
    def accounts(self) -> Accounts:
        """Persons and their web accounts, sessions and failed logins."""
        from norepi.journal.accounts import Accounts

        return Accounts(self.db)

    def journal(self, person_id: int = LOCAL_PERSON_ID) -> Journal:
        """The journal of one person (sharing this database's engine and food store)."""
        return Journal(database=self, user=person_id)

    def close(self) -> None:
        self.db.close()


class Journal:
    """One person's journal (``user``: the person id; 1 is the local single-user journal) in the database ``db``
    (a SQLite file path or a SQLAlchemy URL; None = ``NOREPI_DATABASE_URL``, ``NOREPI_DB`` or the default file)."""

    def __init__(self, db: str | Path | None = None, user: int = LOCAL_PERSON_ID, *,
                 database: JournalDatabase | None = None) -> None:
        self._owns = database is None
        self.database = database or JournalDatabase(db)
        self.person_id = user
        self.scope = PersonScope(self.database.db, user)
        self.foods: FoodStore = self.database.foods
        self.profiles = Profiles(self)
        self.food_log = FoodLog(self)
        self.lifestyle = Lifestyle(self)

    @cached_property
    def imports(self) -> Imports:
        """Files imported from apps and devices, and the mappings a person gave."""
        from norepi.journal.imports import Imports

        return Imports(self)

    @cached_property
    def plans(self) -> MealPlans:
        """Saved meal plans."""
        from norepi.journal.plans import MealPlans

        return MealPlans(self)

    @cached_property
    def experiments(self) -> Experiments:
        """n-of-1 experiments."""
        from norepi.journal.experiments import Experiments

        return Experiments(self)

    @property
    def url(self) -> str:
        return self.database.url

    def close(self) -> None:
        if self._owns:
            self.database.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the few calls most scripts need (each one call into the job's module) --------------------------
    def import_foods(self, folder: str | Path, progress: Progress | None = None) -> FoodImportResult:
        """Import a USDA SR ASCII release folder (one transaction; a no-op if already imported)."""
        return self.foods.import_release(folder, progress)

    def food_release(self) -> str | None:
        """The name of the imported food release, or None."""
        return self.foods.release()

    def search_foods(self, query: str, limit: int = 10) -> list[Hit]:
        """Foods matching ``query``, best first (the person's own foods and earlier choices first)."""
        return self.foods.search(query, limit, self.food_log.choices(), self.person_id)

    def food(self, ndb_no: str) -> FoodInfo:
        """One food by NDB number, with its portions."""
        return self.foods.food(ndb_no)

    def resolve_food(self, ref: str) -> FoodRecord:
        """A food from its id (an NDB number) or a name (the person's earlier choice, the usual food, the best
        match)."""
        return self.foods.choose(ref, self.food_log.choices(), self.person_id)

    def set_profile(self, profile: Profile, effective_on: dt.date | None = None) -> None:
        """Record a new version of the profile from ``effective_on`` (default today); history is kept."""
        self.profiles.set(profile, effective_on)

    def profile(self, on: dt.date | None = None) -> Profile:
        """The profile in effect on ``on`` (default today)."""
        return self.profiles.on(on)

    def profile_history(self) -> list[tuple[dt.date, Profile]]:
        """Every profile version, oldest first."""
        return self.profiles.history()

    def targets(self, on: dt.date | None = None) -> dict[str, Target]:
        """Daily targets (key units) from the profile in effect on ``on``."""
        return targets_for(self.profile(on))

    def log_food(self, food: str, amount: str | None, date: dt.date, time: dt.time | None = None,
                 source: str = "manual") -> LoggedFood:
        """Log ``amount`` of ``food`` (NDB number or text), or a whole phrase ("2 large eggs") when ``amount`` is
        None; raises before writing anything if unclear."""
        return self.food_log.log(food, amount, date, time, source)

    def log_many(self, items: Sequence[FoodItemIn], source: str = "manual",
                 replace_source: bool = False) -> list[LoggedFood]:
        """Log several foods (food, amount, date, time) in one transaction: all land or none."""
        return self.food_log.log_many(items, source, replace_source)

    def entries(self, start: dt.date, end: dt.date | None = None) -> list[LoggedFood]:
        """Food entries from ``start`` to ``end`` inclusive, in date and time order."""
        return self.food_log.entries(start, end)

    def delete_entry(self, entry_id: int) -> None:
        """Remove one food entry; NotFound if it is not this person's."""
        self.food_log.delete(entry_id)


def open_journal(db: str | Path | None = None, user: int = LOCAL_PERSON_ID) -> Journal:
    """Open (creating and migrating if needed) the journal of person ``user`` in ``db``: a SQLite path or a
    database URL."""
    return Journal(db, user)
