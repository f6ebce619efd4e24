"""Phe + Tyr by life stage as IOM 2005 gives it, the IOM 2005 energy equations for children, pregnancy by trimester
and lactation, and the PSS-10 bands labelled as a convention (issue 15, item 9)."""

from __future__ import annotations

import pytest

from norepi.errors import InputError
from norepi.lifestyle.stress import PSS10_BANDS_SOURCE, pss10_band
from norepi.nutrition.targets import energy_kcal, targets_for
from norepi.profile import Profile


@pytest.mark.parametrize(
    "kwargs, rda, ear",
    [
        ({"sex": "male", "age_years": 2, "weight_kg": 12, "height_cm": 88}, 54, 41),
        ({"sex": "female", "age_years": 6, "weight_kg": 20, "height_cm": 115}, 41, 33),
        ({"sex": "male", "age_years": 11, "weight_kg": 36, "height_cm": 144}, 41, 33),
        ({"sex": "female", "age_years": 11, "weight_kg": 36, "height_cm": 144}, 38, 31),
        ({"sex": "male", "age_years": 16, "weight_kg": 60, "height_cm": 172}, 38, 31),
        ({"sex": "female", "age_years": 16, "weight_kg": 55, "height_cm": 163}, 35, 28),
        ({"sex": "female", "age_years": 30, "weight_kg": 60, "height_cm": 165}, 33, 27),
        ({"sex": "female", "age_years": 30, "weight_kg": 60, "height_cm": 165, "life_stage": "pregnant"}, 44, 36),
        ({"sex": "female", "age_years": 30, "weight_kg": 60, "height_cm": 165, "life_stage": "lactating"}, 51, 41),
    ],
)
def test_phe_tyr_by_life_stage(kwargs, rda, ear):
    p = Profile(**kwargs)
    t = targets_for(p)["phe_tyr_mg"]
    assert t.rda == round(rda * p.weight_kg)
    assert f"RDA {rda} mg/kg/day (EAR {ear})" in t.source


def test_child_energy_by_hand():
    # boy 6 y, 20 kg, 1.15 m, low active (PA 1.13): 88.5 - 371.4 + 1.13 x (534 + 1038.45) + 20 = 1513.9685
    p = Profile(sex="male", age_years=6, weight_kg=20, height_cm=115, activity="light")
    assert energy_kcal(p) == pytest.approx(1513.9685)
    # 2 y, 12 kg: 89 x 12 - 100 + 20
    assert energy_kcal(Profile(sex="female", age_years=2, weight_kg=12, height_cm=88)) == pytest.approx(988.0)


def test_pregnancy_energy_by_trimester_and_lactation():
    base = {"sex": "female", "age_years": 30, "weight_kg": 60, "height_cm": 165}
    none = energy_kcal(Profile(**base))
    by_t = [energy_kcal(Profile(**base, life_stage="pregnant", pregnancy_trimester=t)) - none for t in (1, 2, 3)]
    assert by_t == pytest.approx([0.0, 340.0, 452.0])
    unknown = targets_for(Profile(**base, life_stage="pregnant"))["energy_kcal"]
    assert unknown.rda == round(none + 340) and "trimester not given" in unknown.note
    assert energy_kcal(Profile(**base, life_stage="lactating")) - none == pytest.approx(330.0)


@pytest.mark.parametrize("kwargs", [{"pregnancy_trimester": 2}, {"life_stage": "pregnant", "pregnancy_trimester": 4}])
def test_trimester_only_for_a_pregnancy(kwargs):
    with pytest.raises(InputError) as err:
        Profile(sex="female", age_years=30, weight_kg=60, height_cm=165, **kwargs)
    assert err.value.field == "pregnancy_trimester"


def test_pss10_bands_are_a_labelled_convention():
    assert "convention" in PSS10_BANDS_SOURCE and "Cohen" in PSS10_BANDS_SOURCE
    assert (pss10_band(13), pss10_band(14), pss10_band(27)) == ("low", "moderate", "high")
