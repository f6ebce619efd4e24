"""Planning fixtures: SR28 imported once per session (copied per test) and the raw USDA files parsed here,
independently of norepi's importer, to recompute plans."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from norepi.journal.journal import Journal
from norepi.profile import Profile

SR28_DIR = Path(os.environ.get("NOREPI_SR28", Path(__file__).resolve().parents[2].parent / "shared" / "data"
                               / "usda-sr28"))
PLAN_START = dt.date(2026, 11, 23)
FEMALE = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)


@dataclass(frozen=True)
class RawUsda:
    """Raw SR28: {ndb: {nutr_no: value per 100 g}}, {ndb: (group code, long description)}."""

    values: dict[str, dict[str, float]]
    foods: dict[str, tuple[str, str]]


def _split(line: str) -> list[str]:
    return [f.strip("~") for f in line.rstrip("\r\n").split("^")]


@pytest.fixture(scope="session")
def raw_usda() -> RawUsda:
    values: dict[str, dict[str, float]] = defaultdict(dict)
    with gzip.open(SR28_DIR / "NUT_DATA.txt.gz", "rt", encoding="latin-1", newline="") as fh:
        for line in fh:
            f = _split(line)
            if f[2] != "":
                values[f[0]][f[1]] = float(f[2])
    foods: dict[str, tuple[str, str]] = {}
    with open(SR28_DIR / "FOOD_DES.txt", encoding="latin-1", newline="") as fh:
        for line in fh:
            f = _split(line)
            foods[f[0]] = (f[1], f[2])
    return RawUsda(dict(values), foods)


@pytest.fixture(scope="session")
def planning_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SR28_DIR / "FOOD_DES.txt").exists():
        pytest.fail(f"USDA SR28 data not found at {SR28_DIR} (set NOREPI_SR28)")
    path = tmp_path_factory.mktemp("planning") / "foods.sqlite"
    with Journal(path) as j:
        j.import_foods(SR28_DIR)
        j.set_profile(FEMALE, dt.date(2026, 1, 1))
    return path


@pytest.fixture
def plan_journal(planning_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private copy of the imported journal (female, 34 y, 62 kg, 168 cm, light activity, omnivore)."""
    target = tmp_path / "journal.sqlite"
    shutil.copy(planning_db, target)
    with Journal(target) as j:
        yield j
