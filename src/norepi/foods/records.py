"""``FoodRecord``: one food as a reader gives it (SR28, FoodData Central, Open Food Facts, a recipe), with its
provenance, every nutrient per 100 g with its unit, and its household portions.

A record is what the food store keeps; :meth:`FoodRecord.catalogue` is what the science reads. Nutrients are
keyed by USDA SR nutrient number (``"203"`` protein; FDC's ``nutrient.nutrient_nbr``), so that SR28, FDC and
Open Food Facts values add up in one day. An absent number is unknown, never 0. Estimated values (phenylalanine
from protein and a generic amino-acid profile) live apart in ``estimates`` and are never mixed silently with
measured ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from norepi.foods.amounts import PortionOption
from norepi.foods.catalogue import CatalogueFood
from norepi.foods.search import FoodKind, SearchableFood

CC0 = "CC0-1.0"
ODBL = "ODbL-1.0"


class DataType(StrEnum):
    """Where a food's data comes from (FDC's own ``data_type`` words where FDC has one)."""

    SR28 = "sr28"
    SR_LEGACY = "sr_legacy_food"
    FOUNDATION = "foundation_food"
    FNDDS = "survey_fndds_food"
    BRANDED = "branded_food"
    OPEN_FOOD_FACTS = "open_food_facts"
    RECIPE = "recipe"
    OWN = "own"

    @property
    def generic(self) -> bool:
        """A generic food (no brand): SR, Foundation, FNDDS."""
        return self in GENERIC_TYPES


GENERIC_TYPES = frozenset({DataType.SR28, DataType.SR_LEGACY, DataType.FOUNDATION, DataType.FNDDS})


@dataclass(frozen=True, slots=True)
class NutrientAmount:
    """An amount of one nutrient in 100 g of food, in ``unit`` (g, mg, µg, kcal, kJ, IU)."""

    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated amount per 100 g (``value``, in ``unit``) with its plausible range and how it was made."""

    value: float
    low: float
    high: float
    unit: str
    basis: str


@dataclass(frozen=True)
class FoodRecord:
    """A food with provenance. ``food_id`` is unique across sources: SR foods keep their NDB number ("01123"),
    FDC foods are ``"fdc:<fdc_id>"``, Open Food Facts products ``"off:<code>"``, recipes ``"recipe:<name>"``.
    ``source_id`` is the id in the source (NDB_No, fdc_id, product code); ``ndb_no`` links an FDC food to the SR
    food it continues, when the source says so. ``barcode`` is a normalised GTIN-14 (see :mod:`norepi.foods.gtin`).
    ``energy_basis`` says where the energy value (208, kcal) came from when it is not the measured one."""

    food_id: str
    data_type: DataType
    release: str
    source_id: str
    description: str
    nutrients: Mapping[str, NutrientAmount]
    portions: tuple[PortionOption, ...] = ()
    ndb_no: str | None = None
    group: str = ""
    group_code: str = ""
    brand: str = ""
    barcode: str | None = None
    ingredients: str = ""
    common_name: str = ""
    survey: bool = False
    licence: str = CC0
    energy_basis: str = ""
    estimates: Mapping[str, Estimate] = field(default_factory=dict)

    @property
    def branded(self) -> bool:
        """A packaged food of a brand (FDC Branded, Open Food Facts, or an SR food with a manufacturer)."""
        return bool(self.brand) or self.data_type in (DataType.BRANDED, DataType.OPEN_FOOD_FACTS)

    def value(self, nutr_no: str) -> float | None:
        """The measured amount of nutrient ``nutr_no`` per 100 g, None when unknown."""
        amount = self.nutrients.get(nutr_no)
        return amount.value if amount is not None else None

    def catalogue(self) -> CatalogueFood:
        """The food as the science reads it: measured values, then estimates for what is not measured,
        named in ``estimated``."""
        per_100g = {k: v.value for k, v in self.nutrients.items()}
        estimated = set()
        for k, est in self.estimates.items():
            if k not in per_100g:
                per_100g[k] = est.value
                estimated.add(k)
        return CatalogueFood(
            food_id=self.food_id,
            description=self.description,
            group_code=self.group_code,
            survey=self.survey,
            branded=self.branded,
            per_100g=per_100g,
            portions=self.portions,
            estimated=frozenset(estimated),
        )

    def searchable(self) -> SearchableFood:
        """What the search index needs of this food."""
        if self.data_type is DataType.OWN:
            kind = FoodKind.OWN
        elif self.data_type is DataType.RECIPE and self.food_id.startswith("recipe:"):
            kind = FoodKind.RECIPE
        elif self.data_type in (DataType.BRANDED, DataType.OPEN_FOOD_FACTS):
            kind = FoodKind.BRANDED
        else:
            kind = FoodKind.GENERIC
        return SearchableFood(
            food_id=self.food_id,
            description=self.description,
            group_code=self.group_code,
            group=self.group,
            survey=self.survey,
            manufacturer=self.brand if kind is FoodKind.GENERIC else "",
            common_name=self.common_name,
            portions=len(self.portions),
            kind=kind,
            brand=self.brand if kind is not FoodKind.GENERIC else "",
            link=self.ndb_no or "",
        )
