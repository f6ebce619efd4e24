"""``CatalogueFood``: a food of the food database as the science reads it (the planner, the gap foods)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from norepi.foods.amounts import PortionOption


@dataclass(frozen=True)
class CatalogueFood:
    """A food with its values per 100 g edible portion (USDA nutrient numbers and units; an absent number is
    unknown, never 0), its household portions, and the numbers among its values that are estimated rather than
    measured (``estimated``: e.g. phenylalanine from protein and a generic amino-acid profile)."""

    food_id: str
    description: str
    group_code: str
    survey: bool
    branded: bool
    per_100g: Mapping[str, float]
    portions: tuple[PortionOption, ...] = ()
    estimated: frozenset[str] = field(default_factory=frozenset)
