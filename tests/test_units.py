"""The unit table answers like pint; pint is needed only for units outside it, and never overrides a
USDA portion of the food."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from norepi.foods.amounts import PortionOption, to_grams
from norepi.foods.phrases import canonical_unit
from norepi.units import (
    CONTAINER_WORDS,
    CONTAINERS,
    MASS_UNITS_G,
    UNIT_ALIASES,
    VOLUME_EXTRA_ML,
    VOLUME_UNITS_ML,
    known_unit,
    quantity_kind,
    registry,
)

SR28 = Path(__file__).resolve().parents[2] / "shared" / "data" / "usda-sr28"


@pytest.fixture(scope="module")
def raw_weights() -> dict[str, list[tuple[float, str, float]]]:
    """WEIGHT read straight from the raw file: {ndb: [(amount, description, grams)]}."""
    out: dict[str, list[tuple[float, str, float]]] = defaultdict(list)
    with open(SR28 / "WEIGHT.txt", encoding="latin-1", newline="") as handle:
        for line in handle:
            f = [x.strip("~") for x in line.rstrip("\r\n").split("^")]
            out[f[0]].append((float(f[2]), f[3], float(f[4])))
    return out


@pytest.mark.parametrize("unit", sorted(MASS_UNITS_G))
def test_mass_table_matches_pint(unit: str) -> None:
    grams = registry().Quantity(1, unit.replace(" ", "_")).to("gram").magnitude
    assert MASS_UNITS_G[unit] == pytest.approx(grams, rel=1e-9)


@pytest.mark.parametrize("unit", sorted(VOLUME_UNITS_ML))
def test_volume_table_matches_pint(unit: str) -> None:
    ml = registry().Quantity(1, unit.replace(" ", "_")).to("milliliter").magnitude
    assert VOLUME_UNITS_ML[unit] == pytest.approx(ml, rel=1e-9)


def test_units_outside_the_table_still_go_through_pint() -> None:
    assert known_unit("gill") is None
    kind = quantity_kind("gill")
    assert kind is not None and kind[0] == "volume" and kind[1] == pytest.approx(VOLUME_UNITS_ML["cup"] / 2)
    assert quantity_kind("large") is None and quantity_kind("fl oz") == ("volume", VOLUME_UNITS_ML["fluid_ounce"])


def test_usda_portion_words_win_over_obscure_pint_units(raw_weights: dict[str, list[tuple[float, str, float]]],
                                                       ) -> None:
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


@pytest.mark.parametrize("alias", sorted(UNIT_ALIASES))
def test_every_alias_stands_for_a_unit_of_the_pint_checked_tables(alias: str) -> None:
    target = UNIT_ALIASES[alias]
    assert target in MASS_UNITS_G or target in VOLUME_UNITS_ML
    assert known_unit(alias) == known_unit(target)


def test_gr_is_grams_not_grains() -> None:
    assert known_unit("gr") == ("mass", 1.0)
    assert registry().Quantity(1, "gr").to("gram").magnitude < 0.1  # pint's grain, which no one means
    assert canonical_unit("grams") == canonical_unit("gr") == "g" and canonical_unit("Cups") == "cup"


@pytest.mark.parametrize("unit", sorted(VOLUME_EXTRA_ML))
def test_decilitres_and_centilitres_match_pint(unit: str) -> None:
    assert VOLUME_EXTRA_ML[unit] == pytest.approx(registry().Quantity(1, unit).to("milliliter").magnitude)


def test_every_container_has_a_size_and_a_source() -> None:
    for word, box in CONTAINERS.items():
        assert (box.ml is None) != (box.grams is None) and box.source, word
    assert set(CONTAINER_WORDS.values()) == set(CONTAINERS)
    assert CONTAINERS["can"].ml == pytest.approx(12 * VOLUME_UNITS_ML["fluid_ounce"])
