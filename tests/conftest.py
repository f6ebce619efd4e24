"""Shared fixtures: the real USDA SR28 data from ../shared, imported once per test session."""

from __future__ import annotations

import gzip
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from norepi.journal.journal import Journal

REPO = Path(__file__).resolve().parents[1]
SR28 = Path(os.environ.get("NOREPI_SR28", REPO.parent / "shared" / "data" / "usda-sr28"))


@pytest.fixture(scope="session")
def sr28_dir() -> Path:
    if not (SR28 / "FOOD_DES.txt").exists():
        pytest.fail(f"USDA SR28 data not found at {SR28} (set NOREPI_SR28)")
    return SR28


@pytest.fixture(scope="session")
def imported_db(sr28_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with SR28 imported (done once; tests get copies)."""
    path = tmp_path_factory.mktemp("sr28") / "foods.sqlite"
    with Journal(path) as j:
        j.import_foods(sr28_dir)
    return path


@pytest.fixture
def db_path(imported_db: Path, tmp_path: Path) -> Path:
    """A private copy of the imported database for one test."""
    target = tmp_path / "journal.sqlite"
    shutil.copy(imported_db, target)
    return target


@pytest.fixture
def journal(db_path: Path):  # type: ignore[no-untyped-def]
    with Journal(db_path) as j:
        yield j


def _fields(line: str) -> list[str]:
    return [f.strip("~") for f in line.rstrip("\r\n").split("^")]


@pytest.fixture(scope="session")
def raw_nut_data(sr28_dir: Path) -> dict[str, dict[str, float]]:
    """NUT_DATA read straight from the raw file, independently of norepi's reader: {ndb: {nutr: value}}."""
    values: dict[str, dict[str, float]] = defaultdict(dict)
    with gzip.open(sr28_dir / "NUT_DATA.txt.gz", "rt", encoding="latin-1", newline="") as handle:
        for line in handle:
            f = _fields(line)
            if f[2] != "":
                values[f[0]][f[1]] = float(f[2])
    return values


@pytest.fixture(scope="session")
def raw_weights(sr28_dir: Path) -> dict[str, list[tuple[float, str, float]]]:
    """WEIGHT read straight from the raw file: {ndb: [(amount, description, grams)]}."""
    out: dict[str, list[tuple[float, str, float]]] = defaultdict(list)
    with open(sr28_dir / "WEIGHT.txt", encoding="latin-1", newline="") as handle:
        for line in handle:
            f = _fields(line)
            out[f[0]].append((float(f[2]), f[3], float(f[4])))
    return out
