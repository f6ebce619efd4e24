"""Fixtures of the CLI tests: a journal with the sample two weeks (ending today), copied for each test, and one
with a profile and nothing logged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import invoke

from norepi.journal.journal import Journal


@pytest.fixture(scope="session")
def sample_db(imported_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SR28 and the sample journal (profile, two weeks of food, sleep, exercise, practices, ratings) to today."""
    from norepi.journal.sample import load_sample

    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    shutil.copy(imported_db, path)
    with Journal(path) as j:
        load_sample(j)
    return path


@pytest.fixture
def demo(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample journal."""
    target = tmp_path / "demo.sqlite"
    shutil.copy(sample_db, target)
    return target


@pytest.fixture
def profiled(db_path: Path) -> Path:
    """SR28 and a profile, nothing logged."""
    r = invoke(db_path, "profile", "set", "--sex", "female", "--age", "34", "--weight-kg", "62", "--height-cm", "168")
    assert r.exit_code == 0, r.output
    return db_path
