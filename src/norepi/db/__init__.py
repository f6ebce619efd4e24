"""The database: engine, the declarative base, migrations (Alembic, run only when one is due)."""
