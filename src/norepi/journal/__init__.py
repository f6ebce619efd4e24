"""The journal: storage of one person's data by job (food log, lifestyle, imports, plans, experiments), the
person scope every query goes through, the accounts of a shared server, and the schema with its migrations."""

from norepi.journal.journal import Journal, JournalDatabase, open_journal

__all__ = ["Journal", "JournalDatabase", "open_journal"]
