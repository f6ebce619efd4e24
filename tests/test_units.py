"""The unit table answers like pint; pint is needed only for units outside it, and never overrides a
USDA portion of the food."""

from __future__ import annotations

import re

import pytest

from norepi.foods.amounts import PortionOption, to_grams
from norepi.units import MASS_UNITS_G, VOLUME_UNITS_ML, known_unit, quantity_kind, registry


@pytest.mark.parametrize("unit", sorted(MASS_UNITS_G))
def test_mass_table_matches_pint(unit: str) -> None:
    grams = registry().Quantity(1, unit.replace(" ", "_")).to("gram").magnitude
    assert MASS_UNITS_G[unit] == pytest.approx(grams, rel=1e-9)


@pytest.mark.parametrize("unit", sorted(VOLUME_UNITS_ML))
def test_volume_table_matches_pint(unit: str) -> None:
    ml = registry().Quantity(1, unit.replace(" ", "_")).to("milliliter").magnitude
    assert VOLUME_UNITS_ML[unit] == pytest.approx(ml, rel=1e-9)


def test_units_outside_the_table_still_go_through_pint() -> None:
    assert known_unit("dl") is None
    kind = quantity_kind("dl")
    assert kind is not None and kind[0] == "volume" and kind[1] == pytest.approx(100.0)
    assert quantity_kind("large") is None and quantity_kind("fl oz") == ("volume", VOLUME_UNITS_ML["fluid_ounce"])


def test_usda_portion_words_win_over_obscure_pint_units(raw_weights) -> None:  # type: ignore[no-untyped-def]
    """Every USDA portion description pint reads as a unit is either a common unit of the table or read as
    the food's own portion: "1 bag" of popcorn is USDA's bag, not pint's 94 lb cement bag."""
    outside = set()
    for ndb, rows in raw_weights.items():
        for amount, desc, grams in rows:
            words = re.sub(r"\([^)]*\)", " ", desc).strip().lower()
            if known_unit(words) is None and quantity_kind(words) is not None:
                outside.add(words)
                portions = [PortionOption(a, d, g) for a, d, g in rows]
                assert to_grams(f"{amount:g} {desc}", portions) == pytest.approx(grams), (ndb, desc)
    assert "bag" in outside  # the case this guards (pint: 42.6 kg)


def test_portion_words_and_units_read_as_before() -> None:
    portions = [PortionOption(1.0, "large", 50.0), PortionOption(1.0, "cup, chopped", 150.0),
                PortionOption(1.0, "oz", 28.0)]
    assert to_grams("2 large", portions) == pytest.approx(100.0)
    assert to_grams("1 cup, chopped", portions) == pytest.approx(150.0)
    assert to_grams("2 oz", portions) == pytest.approx(2 * MASS_UNITS_G["oz"])  # the unit, not USDA's 28 g
    assert to_grams("1 dl", [PortionOption(1.0, "cup", 240.0)]) == pytest.approx(100.0 * 240.0 / VOLUME_UNITS_ML["cup"])
