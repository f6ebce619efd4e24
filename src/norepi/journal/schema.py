"""Every table of a norepi database on one metadata, and the schema revision this code expects.

Importing this module maps every table (food tables included), so that migrations, the person scope and the tests
see all of them.
"""

from __future__ import annotations

from pathlib import Path

from norepi.db.base import Base, personal_tables
from norepi.foods import tables as food_tables
from norepi.journal import account_tables, lifestyle_tables, tables

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD_REVISION = "0008"  # the newest file in migrations/versions (a test checks)

__all__ = ["HEAD_REVISION", "MIGRATIONS", "Base", "account_tables", "food_tables", "lifestyle_tables",
           "personal_tables", "tables"]
