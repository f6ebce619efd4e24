"""Fixtures of the pure food readers: the real data of ../shared read with norepi's readers, no Journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from norepi.foods.fdc import FdcRelease, read_fdc
from norepi.foods.off import OffRead, read_off
from norepi.foods.recipes import composite_records
from norepi.foods.records import FoodRecord
from norepi.foods.search import FoodIndex
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


@pytest.fixture(scope="session")
def foundation_2025() -> FdcRelease:
    return read_fdc(FOUNDATION / "FoodData_Central_foundation_food_csv_2025-04-24.zip")


@pytest.fixture(scope="session")
def off_sample() -> OffRead:
    return read_off(OFF / "products.parquet")


@pytest.fixture(scope="session")
def all_foods(sr28: SrRelease, foundation_2025: FdcRelease, off_sample: OffRead) -> dict[str, FoodRecord]:
    """SR28, Foundation 2025-04-24, the Open Food Facts sample and the built-in composites, by food id."""
    foods = {f.food_id: f for f in sr28.foods}
    foods.update({f.food_id: f for f in foundation_2025.foods})
    foods.update({f.food_id: f for f in off_sample.foods})
    foods.update({f.food_id: f for f in composite_records(foods)})
    return foods


@pytest.fixture(scope="session")
def index(all_foods: dict[str, FoodRecord]) -> FoodIndex:
    return FoodIndex.build(f.searchable() for f in all_foods.values())
