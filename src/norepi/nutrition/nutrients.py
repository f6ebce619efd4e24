"""The nutrients norepi tracks: their JSON keys, USDA numbers and units, and why they matter."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrackedNutrient:
    """A nutrient of the day summary: ``key`` carries its unit (``_mg``, ``_ug``, ``_g``, ``_kcal``)."""

    key: str
    label: str
    usda_nutr_no: str | None  # None for derived keys (phe_tyr_mg)
    usda_unit: str
    unit: str
    role: str

    @property
    def factor(self) -> float:
        """Multiply a USDA value (in ``usda_unit``) by this to get ``unit``."""
        return _FACTORS[(self.usda_unit, self.unit)]


_FACTORS = {("g", "g"): 1.0, ("g", "mg"): 1000.0, ("mg", "mg"): 1.0, ("µg", "µg"): 1.0, ("kcal", "kcal"): 1.0}

TRACKED: tuple[TrackedNutrient, ...] = (
    TrackedNutrient("energy_kcal", "Energy", "208", "kcal", "kcal", "energy budget"),
    TrackedNutrient("protein_g", "Protein", "203", "g", "g", "source of phenylalanine and tyrosine"),
    TrackedNutrient("phenylalanine_mg", "Phenylalanine", "508", "g", "mg", "precursor (-> tyrosine)"),
    TrackedNutrient("tyrosine_mg", "Tyrosine", "509", "g", "mg", "precursor (-> L-DOPA)"),
    TrackedNutrient("phe_tyr_mg", "Phenylalanine + tyrosine", None, "g", "mg", "aromatic amino acid need"),
    TrackedNutrient("vitamin_c_mg", "Vitamin C", "401", "mg", "mg", "cofactor of dopamine beta-hydroxylase"),
    TrackedNutrient("copper_mg", "Copper", "312", "mg", "mg", "cofactor of dopamine beta-hydroxylase"),
    TrackedNutrient("vitamin_b6_mg", "Vitamin B6", "415", "mg", "mg", "cofactor (PLP) of AADC"),
    TrackedNutrient("folate_dfe_ug", "Folate (DFE)", "435", "µg", "µg", "supports BH4 recycling"),
    TrackedNutrient("magnesium_mg", "Magnesium", "304", "mg", "mg", "supports the pathway"),
    TrackedNutrient("iron_mg", "Iron", "303", "mg", "mg", "cofactor of tyrosine hydroxylase"),
)
KEYS: tuple[str, ...] = tuple(n.key for n in TRACKED)
BY_KEY = {n.key: n for n in TRACKED}

# Folate: when USDA gives no DFE value, DFE = food folate + 1.7 x folic acid (IOM 1998, Dietary
# Reference Intakes for folate, ch. 8). The folate UL applies to folic acid only (nutrient 431).
FOLATE_FOOD, FOLIC_ACID = "432", "431"
FOLIC_ACID_TO_DFE = 1.7
USDA_NUMBERS = tuple(sorted({n.usda_nutr_no for n in TRACKED if n.usda_nutr_no} | {FOLATE_FOOD, FOLIC_ACID}))
