"""Personal daily targets: RDA (or AI) and UL per tracked nutrient, and the energy need, with their sources.

Numbers live in :mod:`norepi.nutrition.dri_tables` (each with its NASEM report); this module picks the
life-stage group, scales per-kg needs by body weight and computes the IOM 2005 Estimated Energy Requirement.
"""

from __future__ import annotations

from dataclasses import dataclass

from norepi.nutrition import dri_tables as dri
from norepi.profile import Profile

# Estimated Energy Requirement (kcal/day), IOM 2005 (DRI for Energy, Carbohydrate, Fiber, Fat, Fatty Acids,
# Cholesterol, Protein, and Amino Acids, ch. 5, doi 10.17226/10490; doubly labelled water regressions), weight in kg,
# height in m, age in years, PA the physical activity coefficient of the person's category:
#   13-35 months:  89 x kg - 100 + 20
#   boys 3-18:     88.5 - 61.9 x age + PA x (26.7 x kg + 903 x m) + 20 (3-8 y) or + 25 (9-18 y)
#   girls 3-18:    135.3 - 30.8 x age + PA x (10.0 x kg + 934 x m) + 20 (3-8 y) or + 25 (9-18 y)
#   men >= 19:     662 - 9.53 x age + PA x (15.91 x kg + 539.6 x m)
#   women >= 19:   354 - 6.91 x age + PA x (9.36 x kg + 726 x m)
# Pregnancy adds 0 / 340 / 452 kcal/day in the 1st / 2nd / 3rd trimester; lactation 0-6 months adds 500 - 170 = 330.
EER_PA: dict[str, tuple[float, float, float, float]] = {  # sedentary, low active, active, very active
    "boy": (1.00, 1.13, 1.26, 1.42),
    "girl": (1.00, 1.16, 1.31, 1.56),
    "male": (1.00, 1.11, 1.25, 1.48),
    "female": (1.00, 1.12, 1.27, 1.45),
}
# IOM's four activity categories (PAL 1.0-1.39 sedentary, 1.4-1.59 low active, 1.6-1.89 active, 1.9-2.5 very
# active) for norepi's five levels: "active" and "very_active" both take IOM's very active coefficient.
ACTIVITY_CATEGORY = {"sedentary": 0, "light": 1, "moderate": 2, "active": 3, "very_active": 3}
TRIMESTER_KCAL = {1: 0.0, 2: 340.0, 3: 452.0}
LACTATION_KCAL = 330.0  # 0-6 months postpartum
ENERGY_BAND_FRACTION = 0.10


@dataclass(frozen=True)
class Target:
    """A daily target in the key's unit: ``rda`` (RDA or AI), ``ul`` (None when none is set)."""

    rda: float
    ul: float | None
    source: str
    note: str = ""


def life_stage_group(profile: Profile) -> str:
    """The DRI life-stage group of ``profile``, e.g. ``"F31-50"``, ``"P19-30"`` (pregnancy), ``"M71+"``."""
    age = profile.age_years
    if profile.life_stage != "none":
        prefix = "P" if profile.life_stage == "pregnant" else "L"
        return prefix + ("14-18" if age <= 18 else "19-30" if age <= 30 else "31-50")
    if age <= 3:
        return "1-3"
    if age <= 8:
        return "4-8"
    sex = "M" if profile.sex == "male" else "F"
    for upper, band in ((13, "9-13"), (18, "14-18"), (30, "19-30"), (50, "31-50"), (70, "51-70")):
        if age <= upper:
            return sex + band
    return sex + "71+"


def energy_kcal(profile: Profile) -> float:
    """Estimated Energy Requirement, kcal/day (IOM 2005 equations above, by age, sex, activity category and life
    stage; a pregnancy without a trimester given takes the 2nd-trimester figure)."""
    age, kg, m = profile.age_years, profile.weight_kg, profile.height_cm / 100.0
    cat = ACTIVITY_CATEGORY[profile.activity]
    if age < 3:
        return 89.0 * kg - 100.0 + 20.0
    if age < 19:
        deposit = 20.0 if age <= 8 else 25.0
        if profile.sex == "male":
            eer = 88.5 - 61.9 * age + EER_PA["boy"][cat] * (26.7 * kg + 903.0 * m) + deposit
        else:
            eer = 135.3 - 30.8 * age + EER_PA["girl"][cat] * (10.0 * kg + 934.0 * m) + deposit
    elif profile.sex == "male":
        eer = 662.0 - 9.53 * age + EER_PA["male"][cat] * (15.91 * kg + 539.6 * m)
    else:
        eer = 354.0 - 6.91 * age + EER_PA["female"][cat] * (9.36 * kg + 726.0 * m)
    if profile.life_stage == "pregnant":
        eer += TRIMESTER_KCAL[profile.pregnancy_trimester or 2]
    elif profile.life_stage == "lactating":
        eer += LACTATION_KCAL
    return eer


def energy_band_kcal(profile: Profile, fraction: float = ENERGY_BAND_FRACTION) -> tuple[float, float]:
    """The acceptable energy range, kcal/day: the estimate +/- ``fraction``."""
    estimate = energy_kcal(profile)
    return estimate * (1 - fraction), estimate * (1 + fraction)


def targets_for(profile: Profile) -> dict[str, Target]:
    """Every tracked nutrient's daily target for ``profile`` (keys as in the day JSON)."""
    group = life_stage_group(profile)
    kg = profile.weight_kg
    ear, rda = dri.PHE_TYR_MG_PER_KG[group]
    phe_tyr = rda * kg
    energy_note = f"+/- {ENERGY_BAND_FRACTION:.0%} band"
    if profile.life_stage == "pregnant" and profile.pregnancy_trimester is None:
        energy_note += "; trimester not given: the 2nd-trimester figure (+340 kcal) is used"
    targets: dict[str, Target] = {
        "energy_kcal": Target(round(energy_kcal(profile)), None, "IOM 2005 Estimated Energy Requirement", energy_note),
        "protein_g": Target(
            round(dri.PROTEIN_G_PER_KG[group] * kg, 1), None, f"IOM 2005 RDA {dri.PROTEIN_G_PER_KG[group]} g/kg/day"
        ),
        "phe_tyr_mg": Target(round(phe_tyr), None, f"IOM 2005 {group} RDA {rda:g} mg/kg/day (EAR {ear:g})"),
        # phenylalanine and tyrosine have no separate DRI; shown against the combined need
        "phenylalanine_mg": Target(round(phe_tyr / 2), None, "half the combined Phe+Tyr RDA (no separate DRI)"),
        "tyrosine_mg": Target(round(phe_tyr / 2), None, "half the combined Phe+Tyr RDA (no separate DRI)"),
    }
    sources = {
        "vitamin_c_mg": "IOM 2000",
        "copper_mg": "IOM 2001",
        "vitamin_b6_mg": "IOM 1998",
        "folate_dfe_ug": "IOM 1998",
        "magnesium_mg": "IOM 1997",
        "iron_mg": "IOM 2001",
    }
    for key, table in dri.TABLES.items():
        rda, ul = table[group]
        note = dri.UL_NOTES.get(key, "")
        if key == "iron_mg" and profile.diet in ("vegetarian", "vegan"):
            rda = rda * dri.VEGETARIAN_IRON_FACTOR
            note = f"x{dri.VEGETARIAN_IRON_FACTOR} for a vegetarian diet (IOM 2001); " + note
        targets[key] = Target(round(rda, 2), ul, f"{sources[key]} {group}", note)
    return targets
