"""Every DRI number norepi uses, checked against the NASEM tables as printed (typed in here separately).

Layout as in the NIH ODS fact sheets: per nutrient, a row per age band with
(male, female, pregnancy, lactation) RDAs/AIs and the UL.
"""

import pytest

from norepi.errors import InputError
from norepi.nutrition.targets import energy_band_kcal, energy_kcal, life_stage_group, targets_for
from norepi.profile import Profile

# band: (male, female, pregnant, lactating, UL); None where the group does not exist
NASEM = {
    "vitamin_c_mg": {  # IOM 2000
        "1-3": (15, 15, None, None, 400),
        "4-8": (25, 25, None, None, 650),
        "9-13": (45, 45, None, None, 1200),
        "14-18": (75, 65, 80, 115, 1800),
        "19-30": (90, 75, 85, 120, 2000),
        "31-50": (90, 75, 85, 120, 2000),
        "51-70": (90, 75, None, None, 2000),
        "71+": (90, 75, None, None, 2000),
    },
    "copper_mg": {  # IOM 2001, printed in µg
        "1-3": (0.340, 0.340, None, None, 1.0),
        "4-8": (0.440, 0.440, None, None, 3.0),
        "9-13": (0.700, 0.700, None, None, 5.0),
        "14-18": (0.890, 0.890, 1.0, 1.3, 8.0),
        "19-30": (0.900, 0.900, 1.0, 1.3, 10.0),
        "31-50": (0.900, 0.900, 1.0, 1.3, 10.0),
        "51-70": (0.900, 0.900, None, None, 10.0),
        "71+": (0.900, 0.900, None, None, 10.0),
    },
    "vitamin_b6_mg": {  # IOM 1998
        "1-3": (0.5, 0.5, None, None, 30),
        "4-8": (0.6, 0.6, None, None, 40),
        "9-13": (1.0, 1.0, None, None, 60),
        "14-18": (1.3, 1.2, 1.9, 2.0, 80),
        "19-30": (1.3, 1.3, 1.9, 2.0, 100),
        "31-50": (1.3, 1.3, 1.9, 2.0, 100),
        "51-70": (1.7, 1.5, None, None, 100),
        "71+": (1.7, 1.5, None, None, 100),
    },
    "folate_dfe_ug": {  # IOM 1998; UL for folic acid
        "1-3": (150, 150, None, None, 300),
        "4-8": (200, 200, None, None, 400),
        "9-13": (300, 300, None, None, 600),
        "14-18": (400, 400, 600, 500, 800),
        "19-30": (400, 400, 600, 500, 1000),
        "31-50": (400, 400, 600, 500, 1000),
        "51-70": (400, 400, None, None, 1000),
        "71+": (400, 400, None, None, 1000),
    },
    "magnesium_mg": {  # IOM 1997; UL for supplements
        "1-3": (80, 80, None, None, 65),
        "4-8": (130, 130, None, None, 110),
        "9-13": (240, 240, None, None, 350),
        "14-18": (410, 360, 400, 360, 350),
        "19-30": (400, 310, 350, 310, 350),
        "31-50": (420, 320, 360, 320, 350),
        "51-70": (420, 320, None, None, 350),
        "71+": (420, 320, None, None, 350),
    },
    "iron_mg": {  # IOM 2001
        "1-3": (7, 7, None, None, 40),
        "4-8": (10, 10, None, None, 40),
        "9-13": (8, 8, None, None, 40),
        "14-18": (11, 15, 27, 10, 45),
        "19-30": (8, 18, 27, 9, 45),
        "31-50": (8, 18, 27, 9, 45),
        "51-70": (8, 8, None, None, 45),
        "71+": (8, 8, None, None, 45),
    },
}
AGE_IN_BAND = {"14-18": 16, "19-30": 25, "31-50": 40, "51-70": 60, "71+": 80}


def _profile(sex: str, age: int, stage: str = "none", diet: str = "omnivore") -> Profile:
    return Profile(sex=sex, age_years=age, weight_kg=70, height_cm=170, life_stage=stage, diet=diet)  # type: ignore[arg-type]


@pytest.mark.parametrize("nutrient", sorted(NASEM))
@pytest.mark.parametrize("band", sorted(AGE_IN_BAND))
def test_rda_and_ul_match_nasem(nutrient: str, band: str) -> None:
    male, female, pregnant, lactating, ul = NASEM[nutrient][band]
    age = AGE_IN_BAND[band]
    cases = [("male", "none", male), ("female", "none", female)]
    if age <= 50:
        cases += [("female", "pregnant", pregnant), ("female", "lactating", lactating)]
    for sex, stage, rda in cases:
        target = targets_for(_profile(sex, age, stage))[nutrient]
        assert target.rda == pytest.approx(rda), (nutrient, band, sex, stage)
        expected_ul = (
            ul if stage == "none" else (NASEM[nutrient]["14-18"][4] if age <= 18 else NASEM[nutrient]["19-30"][4])
        )
        assert target.ul == pytest.approx(expected_ul), (nutrient, band, sex, stage)


def test_child_bands_in_the_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from norepi.nutrition import dri_tables as dri

    for nutrient, rows in NASEM.items():
        table = dri.TABLES[nutrient]
        for band in ("1-3", "4-8"):
            assert table[band] == pytest.approx((rows[band][0], rows[band][4]))
        assert table["M9-13"] == pytest.approx((rows["9-13"][0], rows["9-13"][4]))
        assert table["F9-13"] == pytest.approx((rows["9-13"][1], rows["9-13"][4]))


def test_per_kg_needs_scale_with_weight() -> None:
    t = targets_for(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168))
    assert t["phe_tyr_mg"].rda == pytest.approx(33 * 62, abs=0.5)  # IOM: RDA 33 mg/kg/day
    assert t["protein_g"].rda == pytest.approx(0.8 * 62)  # IOM: RDA 0.8 g/kg/day
    assert "EAR 27" in t["phe_tyr_mg"].source


def test_pregnancy_protein_and_vegetarian_iron() -> None:
    assert targets_for(_profile("female", 30, "pregnant"))["protein_g"].rda == pytest.approx(1.1 * 70)
    assert targets_for(_profile("female", 30, "lactating"))["protein_g"].rda == pytest.approx(1.3 * 70)
    assert targets_for(_profile("female", 30, diet="vegan"))["iron_mg"].rda == pytest.approx(18 * 1.8)


def test_iom_2005_energy_by_hand() -> None:
    # woman 34 y, 62 kg, 1.68 m, low active (PA 1.12): 354 - 6.91 x 34 + 1.12 x (9.36 x 62 + 726 x 1.68) = 2135.06
    p = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168, activity="light")
    assert energy_kcal(p) == pytest.approx(2135.06)
    low, high = energy_band_kcal(p)
    assert (low, high) == pytest.approx((2135.06 * 0.9, 2135.06 * 1.1))
    # man 50 y, 80 kg, 1.80 m, sedentary (PA 1.0): 662 - 476.5 + 1272.8 + 971.28 = 2429.58
    assert energy_kcal(Profile(sex="male", age_years=50, weight_kg=80, height_cm=180, activity="sedentary")) == (
        pytest.approx(2429.58)
    )


def test_groups() -> None:
    assert life_stage_group(_profile("female", 34)) == "F31-50"
    assert life_stage_group(_profile("male", 75)) == "M71+"
    assert life_stage_group(_profile("female", 17, "pregnant")) == "P14-18"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"age_years": 0}, "age_years"),
        ({"weight_kg": -3}, "weight_kg"),
        ({"height_cm": 400}, "height_cm"),
        ({"sex": "x"}, "sex"),
        ({"diet": "carnivore"}, "diet"),
        ({"exclusions": ("gluten",)}, "exclusions"),
        ({"sex": "male", "life_stage": "pregnant"}, "life_stage"),
    ],
)
def test_impossible_profiles_are_refused(kwargs: dict, field: str) -> None:  # type: ignore[type-arg]
    base = {"sex": "female", "age_years": 34, "weight_kg": 62, "height_cm": 168}
    with pytest.raises(InputError, match=f"^{field}: "):
        Profile(**{**base, **kwargs})
