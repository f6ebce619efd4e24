"""NASEM (IOM) Dietary Reference Intakes used by norepi, by life-stage group.

Sources (Food and Nutrition Board, Institute of Medicine, National Academies):
* Vitamin C: DRI for Vitamin C, Vitamin E, Selenium, and Carotenoids (2000), doi 10.17226/9810.
* Vitamin B6, folate: DRI for Thiamin, Riboflavin, Niacin, Vitamin B6, Folate, ... (1998), doi 10.17226/6015.
* Magnesium: DRI for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride (1997), doi 10.17226/5776.
* Copper, iron: DRI for Vitamin A, Vitamin K, ..., Copper, Iron, ... Zinc (2001), doi 10.17226/10026.
* Protein, phenylalanine + tyrosine: DRI for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol,
  Protein, and Amino Acids (2002/2005), doi 10.17226/10490.
Values are as in the NASEM summary tables "Recommended Dietary Allowances and Adequate Intakes" and
"Tolerable Upper Intake Levels". Life-stage groups from 1 year; infants are out of scope.

Each row: (nutrient key, group, RDA or AI, UL or None). Groups: "1-3", "4-8", "M9-13", "M14-18",
"M19-30", "M31-50", "M51-70", "M71+", the same with "F", "P14-18", "P19-30", "P31-50" (pregnancy),
"L14-18", "L19-30", "L31-50" (lactation).
"""

from __future__ import annotations

DriRow = tuple[float, float]  # (RDA or AI, UL) in the key's unit per day
ADULT_MALE = ("M19-30", "M31-50", "M51-70", "M71+")
ADULT_FEMALE = ("F19-30", "F31-50", "F51-70", "F71+")


def _spread(groups: tuple[str, ...], rda: float, ul: float) -> dict[str, DriRow]:
    return {g: (rda, ul) for g in groups}


# Vitamin C, mg/day (IOM 2000). Smokers need 35 mg/day more.
VITAMIN_C: dict[str, DriRow] = {
    "1-3": (15, 400),
    "4-8": (25, 650),
    "M9-13": (45, 1200),
    "F9-13": (45, 1200),
    "M14-18": (75, 1800),
    "F14-18": (65, 1800),
    **_spread(ADULT_MALE, 90, 2000),
    **_spread(ADULT_FEMALE, 75, 2000),
    "P14-18": (80, 1800),
    "P19-30": (85, 2000),
    "P31-50": (85, 2000),
    "L14-18": (115, 1800),
    "L19-30": (120, 2000),
    "L31-50": (120, 2000),
}
# Copper, mg/day (IOM 2001; the tables give µg: RDA 340..1300 µg, UL 1000..10000 µg).
COPPER: dict[str, DriRow] = {
    "1-3": (0.34, 1.0),
    "4-8": (0.44, 3.0),
    "M9-13": (0.70, 5.0),
    "F9-13": (0.70, 5.0),
    "M14-18": (0.89, 8.0),
    "F14-18": (0.89, 8.0),
    **_spread(ADULT_MALE, 0.90, 10.0),
    **_spread(ADULT_FEMALE, 0.90, 10.0),
    "P14-18": (1.0, 8.0),
    "P19-30": (1.0, 10.0),
    "P31-50": (1.0, 10.0),
    "L14-18": (1.3, 8.0),
    "L19-30": (1.3, 10.0),
    "L31-50": (1.3, 10.0),
}
# Vitamin B6, mg/day (IOM 1998).
VITAMIN_B6: dict[str, DriRow] = {
    "1-3": (0.5, 30),
    "4-8": (0.6, 40),
    "M9-13": (1.0, 60),
    "F9-13": (1.0, 60),
    "M14-18": (1.3, 80),
    "F14-18": (1.2, 80),
    "M19-30": (1.3, 100),
    "M31-50": (1.3, 100),
    "M51-70": (1.7, 100),
    "M71+": (1.7, 100),
    "F19-30": (1.3, 100),
    "F31-50": (1.3, 100),
    "F51-70": (1.5, 100),
    "F71+": (1.5, 100),
    "P14-18": (1.9, 80),
    "P19-30": (1.9, 100),
    "P31-50": (1.9, 100),
    "L14-18": (2.0, 80),
    "L19-30": (2.0, 100),
    "L31-50": (2.0, 100),
}
# Folate, µg DFE/day (IOM 1998). The UL is for folic acid from supplements and fortified food only.
FOLATE: dict[str, DriRow] = {
    "1-3": (150, 300),
    "4-8": (200, 400),
    "M9-13": (300, 600),
    "F9-13": (300, 600),
    "M14-18": (400, 800),
    "F14-18": (400, 800),
    **_spread(ADULT_MALE, 400, 1000),
    **_spread(ADULT_FEMALE, 400, 1000),
    "P14-18": (600, 800),
    "P19-30": (600, 1000),
    "P31-50": (600, 1000),
    "L14-18": (500, 800),
    "L19-30": (500, 1000),
    "L31-50": (500, 1000),
}
# Magnesium, mg/day (IOM 1997). The UL is for supplements and medicines only, not food.
MAGNESIUM: dict[str, DriRow] = {
    "1-3": (80, 65),
    "4-8": (130, 110),
    "M9-13": (240, 350),
    "F9-13": (240, 350),
    "M14-18": (410, 350),
    "F14-18": (360, 350),
    "M19-30": (400, 350),
    "M31-50": (420, 350),
    "M51-70": (420, 350),
    "M71+": (420, 350),
    "F19-30": (310, 350),
    "F31-50": (320, 350),
    "F51-70": (320, 350),
    "F71+": (320, 350),
    "P14-18": (400, 350),
    "P19-30": (350, 350),
    "P31-50": (360, 350),
    "L14-18": (360, 350),
    "L19-30": (310, 350),
    "L31-50": (320, 350),
}
# Iron, mg/day (IOM 2001). Vegetarians: 1.8 x the RDA (lower bioavailability), same report.
IRON: dict[str, DriRow] = {
    "1-3": (7, 40),
    "4-8": (10, 40),
    "M9-13": (8, 40),
    "F9-13": (8, 40),
    "M14-18": (11, 45),
    "F14-18": (15, 45),
    **_spread(ADULT_MALE, 8, 45),
    "F19-30": (18, 45),
    "F31-50": (18, 45),
    "F51-70": (8, 45),
    "F71+": (8, 45),
    "P14-18": (27, 45),
    "P19-30": (27, 45),
    "P31-50": (27, 45),
    "L14-18": (10, 45),
    "L19-30": (9, 45),
    "L31-50": (9, 45),
}
VEGETARIAN_IRON_FACTOR = 1.8

# Protein, g/kg/day RDA (IOM 2005, summary table of macronutrient RDAs); pregnancy 1.1, lactation 1.3.
PROTEIN_G_PER_KG = {
    "1-3": 1.05,
    "4-8": 0.95,
    "M9-13": 0.95,
    "F9-13": 0.95,
    "M14-18": 0.85,
    "F14-18": 0.85,
    **{g: 0.80 for g in ADULT_MALE + ADULT_FEMALE},
    "P14-18": 1.1,
    "P19-30": 1.1,
    "P31-50": 1.1,
    "L14-18": 1.3,
    "L19-30": 1.3,
    "L31-50": 1.3,
}
# Phenylalanine + tyrosine, mg/kg/day, (EAR, RDA) by life-stage group (IOM 2005, DRI for Macronutrients, ch. 10,
# indispensable amino acid requirements): 1-3 y 41/54; 4-8 y 33/41; boys 9-13 33/41, girls 9-13 31/38; boys 14-18
# 31/38, girls 14-18 28/35; adults >= 19 y 27/33; pregnancy 36/44; lactation 41/51.
PHE_TYR_MG_PER_KG: dict[str, tuple[float, float]] = {
    "1-3": (41.0, 54.0),
    "4-8": (33.0, 41.0),
    "M9-13": (33.0, 41.0),
    "F9-13": (31.0, 38.0),
    "M14-18": (31.0, 38.0),
    "F14-18": (28.0, 35.0),
    **{g: (27.0, 33.0) for g in ADULT_MALE + ADULT_FEMALE},
    **{g: (36.0, 44.0) for g in ("P14-18", "P19-30", "P31-50")},
    **{g: (41.0, 51.0) for g in ("L14-18", "L19-30", "L31-50")},
}
PHE_TYR_EAR_MG_PER_KG = PHE_TYR_MG_PER_KG["M19-30"][0]  # adults, kept for callers of the adult figure
PHE_TYR_RDA_MG_PER_KG = PHE_TYR_MG_PER_KG["M19-30"][1]

TABLES: dict[str, dict[str, DriRow]] = {
    "vitamin_c_mg": VITAMIN_C,
    "copper_mg": COPPER,
    "vitamin_b6_mg": VITAMIN_B6,
    "folate_dfe_ug": FOLATE,
    "magnesium_mg": MAGNESIUM,
    "iron_mg": IRON,
}
UL_NOTES = {
    "folate_dfe_ug": "UL applies to folic acid from supplements and fortified foods only, compared with folic acid",
    "magnesium_mg": "UL applies to supplements and medicines only, not to magnesium in food",
    "iron_mg": "UL from supplements and food together",
}
