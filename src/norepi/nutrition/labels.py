"""Nutrient columns as food apps label them ("Vitamin C (mg)", "B6 (Pyridoxine) (mg)") -> norepi's keys and units.

Used for the per-serving values another app recorded (a Cronometer export), which are kept beside the food they
were linked to and count as that app measured them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<unit>[^()]+)\)\s*$")
TO_MG = {"g": 1000.0, "mg": 1.0, "µg": 0.001, "ug": 0.001, "mcg": 0.001}
# label name (lower case, unit stripped) -> the nutrient key (nutrition/nutrients.py)
KEYS_BY_LABEL = {
    "energy": "energy_kcal",
    "protein": "protein_g",
    "phenylalanine": "phenylalanine_mg",
    "tyrosine": "tyrosine_mg",
    "vitamin c": "vitamin_c_mg",
    "copper": "copper_mg",
    "b6 (pyridoxine)": "vitamin_b6_mg",
    "vitamin b6": "vitamin_b6_mg",
    "folate": "folate_dfe_ug",
    "magnesium": "magnesium_mg",
    "iron": "iron_mg",
}
# the key's unit suffix -> factor from each unit a label may give
KEY_UNIT_FACTOR: dict[str, dict[str, float]] = {
    "kcal": {"kcal": 1.0},
    "g": {"g": 1.0, "mg": 0.001},
    "mg": TO_MG,
    "ug": {"µg": 1.0, "ug": 1.0, "mcg": 1.0, "mg": 1000.0},
}


def amounts_from_labels(values: Mapping[str, float]) -> dict[str, float]:
    """The tracked nutrients among labelled values ({"Vitamin C (mg)": 12.0}), in norepi's keys and units;
    labels it does not know, or in a unit it cannot convert, are left out."""
    out: dict[str, float] = {}
    for label, value in values.items():
        m = LABEL.match(label)
        if not m:
            continue
        key = KEYS_BY_LABEL.get(m["name"].strip().lower())
        factor = KEY_UNIT_FACTOR[key.rsplit("_", 1)[1]].get(m["unit"].strip().lower()) if key else None
        if key and factor is not None:
            out[key] = value * factor
    return out
