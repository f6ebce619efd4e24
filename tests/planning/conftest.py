"""Planning fixtures: the SR28 food list read once per session with norepi's pure SR ASCII reader (no Journal),
prepared for planning once, and its raw values by food for recomputing plans in the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sr28 import SR28_DIR, load_catalogue

from norepi.foods.catalogue import CatalogueFood
from norepi.planning.pool import FoodPool
from norepi.profile import Profile

PLAN_START = dt.date(2026, 11, 23)
FEMALE = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)


@dataclass(frozen=True)
class RawUsda:
    """SR28 as read from the files: {food id: {nutr_no: value per 100 g}}, {food id: (group code, description)}."""

    values: dict[str, dict[str, float]]
    foods: dict[str, tuple[str, str]]


@pytest.fixture(scope="session")
def catalogue() -> tuple[CatalogueFood, ...]:
    if not (SR28_DIR / "FOOD_DES.txt").exists():
        pytest.fail(f"USDA SR28 data not found at {SR28_DIR} (set NOREPI_SR28)")
    return load_catalogue(SR28_DIR)


@pytest.fixture(scope="session")
def pool(catalogue: tuple[CatalogueFood, ...]) -> FoodPool:
    """The food list prepared for planning, shared by the session (as a process keeps it)."""
    return FoodPool(catalogue)


@pytest.fixture(scope="session")
def raw_usda(catalogue: tuple[CatalogueFood, ...]) -> RawUsda:
    return RawUsda({f.food_id: dict(f.per_100g) for f in catalogue},
                   {f.food_id: (f.group_code, f.description) for f in catalogue})


@pytest.fixture(scope="session")
def by_id(catalogue: tuple[CatalogueFood, ...]) -> dict[str, CatalogueFood]:
    return {f.food_id: f for f in catalogue}
