"""Fixtures of the pure food readers: the real data of ../shared read with norepi's readers, no Journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from norepi.foods.records import FoodRecord
from norepi.foods.sr_records import SrRelease, read_sr_release

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
SR28 = Path(os.environ.get("NOREPI_SR28", SHARED / "usda-sr28"))
FOUNDATION = SHARED / "fdc-foundation"
OFF = SHARED / "openfoodfacts-sample"


@pytest.fixture(scope="session")
def sr28_dir() -> Path:
    if not (SR28 / "FOOD_DES.txt").exists():
        pytest.fail(f"USDA SR28 data not found at {SR28} (set NOREPI_SR28)")
    return SR28


@pytest.fixture(scope="session")
def sr28(sr28_dir: Path) -> SrRelease:
    """SR28 read whole by norepi's pure reader (about 7 s, once per session)."""
    return read_sr_release(sr28_dir)


@pytest.fixture(scope="session")
def sr_foods(sr28: SrRelease) -> dict[str, FoodRecord]:
    return {f.food_id: f for f in sr28.foods}
