"""The journal: storage of one person's data by job (food log, lifestyle, imports, plans, experiments), the
person scope every query goes through, the accounts of a shared server, and the schema with its migrations.

``Journal``, ``JournalDatabase`` and ``open_journal`` are imported on first use, so that the light modules of this
package (records.py, what importers hand over) load without the database library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Journal", "JournalDatabase", "open_journal"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from norepi.journal import journal

        return getattr(journal, name)
    raise AttributeError(f"module 'norepi.journal' has no attribute {name!r}")


if TYPE_CHECKING:
    from norepi.journal.journal import Journal, JournalDatabase, open_journal
