"""What the app holds between requests: one database, per-user journals over it, small caches."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from norepi.errors import DataMissing
from norepi.journal.accounts import Accounts
from norepi.journal.journal import Journal, JournalDatabase
from norepi.web.config import WebConfig

T = TypeVar("T")


class LruCache:
    """A small thread-safe LRU cache (values computed outside the lock)."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


class JournalPool:
    """One open database (engine, migrations, food store and its search index) shared by every person, and a
    journal per person bound to that person (``get``), kept for the next request."""

    def __init__(self, db: Any) -> None:
        self.database = JournalDatabase(db)
        self._journals: OrderedDict[int, Journal] = OrderedDict()
        self._lock = threading.Lock()
        self._index_ready = False

    def _ensure_index(self) -> None:
        if self._index_ready:
            return
        with self._lock:
            if self._index_ready:
                return
            try:
                self.database.foods.index()
                self._index_ready = True
            except DataMissing:
                pass  # no foods yet: searching says so; try again next time

    def get(self, person_id: int) -> Journal:
        """The journal of ``person_id``."""
        self._ensure_index()
        with self._lock:
            j = self._journals.get(person_id)
            if j is None:
                j = self._journals[person_id] = self.database.journal(person_id)
            self._journals.move_to_end(person_id)
            while len(self._journals) > 512:
                self._journals.popitem(last=False)
            return j

    def forget(self, person_id: int) -> None:
        """Drop a person's journal (their account was deleted)."""
        with self._lock:
            self._journals.pop(person_id, None)

    def close(self) -> None:
        self.database.close()


class AppState:
    """``app.state.web``: config, journals, caches, the login rate limiter."""

    def __init__(self, config: WebConfig) -> None:
        from norepi.web.auth import LoginLimiter

        self.config = config
        self.pool = JournalPool(config.db)
        self.gap_cache = LruCache(256)
        self.model_cache = LruCache(64)
        self.day_cache = LruCache(1024)  # day JSON by (person, date, their data version, food release)
        self.limiter = LoginLimiter(self.pool.database.accounts, config.login_max_failures, config.login_window_s)
        self.features = detect_features()

    @property
    def accounts(self) -> Accounts:
        return self.pool.database.accounts


def detect_features() -> dict[str, bool]:
    """Which optional parts of norepi are installed (sections of the pages are hidden when not)."""
    found: dict[str, bool] = {}
    for name, module in (
        ("lifestyle", "norepi.journal.lifestyle"),
        ("imports", "norepi.importers"),
        ("planning", "norepi.planning.plan"),
        ("model", "norepi.model.api"),
    ):
        try:
            __import__(module)
            found[name] = True
        except ImportError:
            found[name] = False
    found["imports"] = found["imports"] and found["lifestyle"]
    return found
