"""Personal daily targets: RDA (or AI) and UL per tracked nutrient, with their sources.

Numbers live in :mod:`norepi.nutrition.dri_tables` (each with its NASEM report); this module picks the
life-stage group and scales per-kg needs by body weight.
"""

from __future__ import annotations

from dataclasses import dataclass

from norepi.nutrition import dri_tables as dri
from norepi.profile import Profile

# Mifflin MD, St Jeor ST et al. Am J Clin Nutr 1990;51:241-247, doi 10.1093/ajcn/51.2.241:
# resting energy expenditure (kcal/day) = 10 x kg + 6.25 x cm - 5 x years + 5 (men) or - 161 (women).
MIFFLIN_SEX_CONSTANT_KCAL = {"male": 5.0, "female": -161.0}
# Conventional activity multipliers applied to resting expenditure (FAO/WHO/UNU 2004 PAL ranges:
# sedentary 1.40-1.69, active 1.70-1.99, vigorous 2.00-2.40; the customary clinical factors below).
ACTIVITY_FACTOR = {"sedentary": 1.2, "light": 1.375, "moderate": 1.55, "active": 1.725, "very_active": 1.9}
# Extra energy (kcal/day): pregnancy 2nd trimester +340, lactation 0-6 months +330 (IOM 2005, EER).
LIFE_STAGE_KCAL = {"none": 0.0, "pregnant": 340.0, "lactating": 330.0}
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
    """Estimated daily energy need, kcal/day: Mifflin-St Jeor x activity factor (+ life stage)."""
    resting = (
        10.0 * profile.weight_kg
        + 6.25 * profile.height_cm
        - 5.0 * profile.age_years
        + MIFFLIN_SEX_CONSTANT_KCAL[profile.sex]
    )
    return resting * ACTIVITY_FACTOR[profile.activity] + LIFE_STAGE_KCAL[profile.life_stage]


def energy_band_kcal(profile: Profile, fraction: float = ENERGY_BAND_FRACTION) -> tuple[float, float]:
    """The acceptable energy range, kcal/day: the estimate +/- ``fraction``."""
    estimate = energy_kcal(profile)
    return estimate * (1 - fraction), estimate * (1 + fraction)


def targets_for(profile: Profile) -> dict[str, Target]:
    """Every tracked nutrient's daily target for ``profile`` (keys as in the day JSON)."""
    group = life_stage_group(profile)
    kg = profile.weight_kg
    adult_only = (
        ""
        if (group[0] in "MF" and group[1:] not in ("9-13", "14-18"))
        else ("adult per-kg figure applied; IOM gives higher needs for adolescents and in pregnancy/lactation")
    )
    phe_tyr = dri.PHE_TYR_RDA_MG_PER_KG * kg
    targets: dict[str, Target] = {
        "energy_kcal": Target(
            round(energy_kcal(profile)),
            None,
            "Mifflin-St Jeor 1990 x activity factor",
            f"+/- {ENERGY_BAND_FRACTION:.0%} band",
        ),
        "protein_g": Target(
            round(dri.PROTEIN_G_PER_KG[group] * kg, 1), None, f"IOM 2005 RDA {dri.PROTEIN_G_PER_KG[group]} g/kg/day"
        ),
        "phe_tyr_mg": Target(
            round(phe_tyr),
            None,
            f"IOM 2005 RDA {dri.PHE_TYR_RDA_MG_PER_KG:g} mg/kg/day (EAR {dri.PHE_TYR_EAR_MG_PER_KG:g})",
            adult_only,
        ),
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
