"""Web fixtures: app clients over SQLite and PostgreSQL, a live uvicorn server, a throwaway PG cluster."""

from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from norepi.web import WebConfig

sys.path.insert(0, str(Path(__file__).parent))
import web_pg as pg  # noqa: E402
from webutil import LiveServer, make_client, with_profile  # noqa: E402

_db_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    try:
        cluster = pg.start_cluster()
    except LookupError as exc:
        pytest.skip(f"no PostgreSQL for the web tests: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: pg.Cluster, imported_db: Path) -> str:
    """A template database holding SR28 (loaded once per session); tests copy it."""
    pg.load_foods(pg_cluster, imported_db, "norepi_template")
    return "norepi_template"


def pg_copy(cluster: pg.Cluster, template: str) -> str:
    name = f"norepi_test_{next(_db_names)}"
    cluster.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path, imported_db: Path) -> str:
    """A journal with SR28 and no profile: a SQLite copy, or a PostgreSQL copy of the template."""
    if request.param == "sqlite":
        target = tmp_path / "journal.sqlite"
        shutil.copy(imported_db, target)
        return str(target)
    cluster = request.getfixturevalue("pg_cluster")
    url = pg_copy(cluster, request.getfixturevalue("pg_template"))
    request.addfinalizer(lambda: cluster.execute(f'DROP DATABASE IF EXISTS "{url.split("/")[-1].split("?")[0]}" '
                                                 "WITH (FORCE)"))
    return url


@pytest.fixture
def sqlite_db(db_path: Path) -> str:
    return str(db_path)


@pytest.fixture
def client(any_db: str) -> Iterator[TestClient]:
    """Single-user app over SQLite or PostgreSQL, profile set."""
    with make_client(with_profile(any_db)) as c:
        yield c


@pytest.fixture
def sqlite_client(sqlite_db: str) -> Iterator[TestClient]:
    with make_client(with_profile(sqlite_db)) as c:
        yield c


@pytest.fixture
def live_server(sqlite_db: str) -> Iterator[LiveServer]:
    with LiveServer(WebConfig(db=with_profile(sqlite_db))) as s:
        yield s


@pytest.fixture
def live_multi_server(sqlite_db: str) -> Iterator[LiveServer]:
    with LiveServer(WebConfig(db=sqlite_db, multi_user=True)) as s:
        yield s
