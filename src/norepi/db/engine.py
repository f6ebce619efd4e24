"""Where a database lives and how it is opened: URL, engine, sessions, transactions, migrations when due."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from norepi.errors import DataMissing


def default_db_path() -> Path:
    """The default SQLite file: ``norepi.sqlite`` in the user's data directory (platformdirs)."""
    import platformdirs

    return platformdirs.user_data_path("norepi", appauthor=False) / "norepi.sqlite"


def database_url(db: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a path or URL); else ``NOREPI_DATABASE_URL``, ``NOREPI_DB``, the default."""
    if db is None:
        db = os.environ.get("NOREPI_DATABASE_URL") or os.environ.get("NOREPI_DB") or default_db_path()
    text_ = str(db)
    if "://" in text_:
        return text_
    path = Path(text_).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys and WAL."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty database), read without Alembic."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            conn.rollback()
            return None


def migrate(engine: Engine, script_location: Path, head: str) -> None:
    """Bring the schema to ``head``: a cheap check when it is there already; Alembic (slow to import) is loaded
    only when a migration is due. A file that is not a database is refused with one line."""
    try:
        if current_revision(engine) == head:
            return
    except DatabaseError as exc:
        raise DataMissing(f"{engine.url.database or engine.url}: not a norepi database ({exc.orig})") from None
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # SQLite rebuilds a table to change it: foreign keys off meanwhile, as its manual prescribes
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, head)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("a migration left rows whose references do not resolve")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


class Database:
    """An open database: an engine plus its session factory."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits whole on success, rolls back whole on any error."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
