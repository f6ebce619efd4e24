"""The pint unit registry and the few conversions norepi needs at its edges."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared pint registry (US customary cups, tablespoons and fluid ounces); imported on first use
    because importing pint takes ~0.5 s, which every CLI call would otherwise pay."""
    import pint

    return pint.UnitRegistry()


ML_PER_CUP = 236.5882365
ML_PER_TBSP = ML_PER_CUP / 16
ML_PER_TSP = ML_PER_CUP / 48
ML_PER_FL_OZ = ML_PER_CUP / 8


GRAMS_PER_OZ = 28.349523125
GRAMS_PER_LB = 453.59237
ML_PER_US_PINT = ML_PER_CUP * 2
# The units people use for food, answered without pint (importing pint and building its registry takes
# ~0.35 s, which every `norepi log` would pay); tests/test_units.py checks each value against pint.
MASS_UNITS_G: dict[str, float] = {
    **dict.fromkeys(("g", "gram", "grams"), 1.0),
    **dict.fromkeys(("mg", "milligram", "milligrams"), 1e-3),
    **dict.fromkeys(("kg", "kilogram", "kilograms"), 1000.0),
    **dict.fromkeys(("oz", "ounce", "ounces"), GRAMS_PER_OZ),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), GRAMS_PER_LB),
}
VOLUME_UNITS_ML: dict[str, float] = {
    **dict.fromkeys(("ml", "milliliter", "milliliters", "millilitre", "millilitres"), 1.0),
    **dict.fromkeys(("l", "liter", "liters", "litre", "litres"), 1000.0),
    **dict.fromkeys(("cup", "cups"), ML_PER_CUP),
    **dict.fromkeys(("tbsp", "tablespoon", "tablespoons"), ML_PER_TBSP),
    **dict.fromkeys(("tsp", "teaspoon", "teaspoons"), ML_PER_TSP),
    **dict.fromkeys(("fluid_ounce", "fluid_ounces", "fluid ounce", "fluid ounces"), ML_PER_FL_OZ),
    **dict.fromkeys(("pint", "pints"), ML_PER_US_PINT),
    **dict.fromkeys(("quart", "quarts"), 2 * ML_PER_US_PINT),
    **dict.fromkeys(("gallon", "gallons"), 8 * ML_PER_US_PINT),
}


# What people write for the units above (checked against pint only through the unit they stand for): "gr" is
# how grams are written in much of Europe ("100gr"); no one weighs food in grains.
UNIT_ALIASES: dict[str, str] = {
    **dict.fromkeys(("gr", "grs", "gm", "gms", "gramme", "grammes"), "g"),
    **dict.fromkeys(("kgs", "kilo", "kilos", "kilogramme", "kilogrammes"), "kg"),
    **dict.fromkeys(("mgs", "milligramme", "milligrammes"), "mg"),
    **dict.fromkeys(("ozs",), "oz"),
    **dict.fromkeys(("tbs", "tbl", "tbsps", "tblsp", "tablespoonful", "tablespoonfuls"), "tbsp"),
    **dict.fromkeys(("tsps", "teaspoonful", "teaspoonfuls"), "tsp"),
    **dict.fromkeys(("mls", "millilter", "mililitre"), "ml"),
    **dict.fromkeys(("ltr", "ltrs"), "l"),
    **dict.fromkeys(("floz", "fl.oz", "fluid oz"), "fluid_ounce"),
}
DECILITRE_ML = 100.0
CENTILITRE_ML = 10.0
VOLUME_EXTRA_ML: dict[str, float] = {
    **dict.fromkeys(("dl", "decilitre", "decilitres", "deciliter", "deciliters"), DECILITRE_ML),
    **dict.fromkeys(("cl", "centilitre", "centilitres", "centiliter", "centiliters"), CENTILITRE_ML),
}


@dataclass(frozen=True)
class Container:
    """A container or helping word people log by ("a can of coke", "a handful of almonds"). The food's own
    USDA portion of that word wins ("1 can or bottle (12 fl oz)" = 368 g of cola); else ``ml`` (a volume, times
    the food's density) or ``grams``; ``source`` says where the size comes from."""

    word: str
    ml: float | None
    grams: float | None
    source: str


CONTAINERS: dict[str, Container] = {
    c.word: c
    for c in (
        Container("can", 12 * ML_PER_CUP / 8, None, "12 US fl oz (355 ml), the US beverage can; FDA RACC for "
                  "carbonated beverages is 360 ml (21 CFR 101.12(b), table 2)"),
        Container("bottle", 500.0, None, "500 ml, the common single-serve bottle (16.9 US fl oz)"),
        Container("glass", 240.0, None, "240 ml (8 US fl oz), FDA RACC for milk and juices (21 CFR 101.12(b))"),
        Container("mug", 240.0, None, "240 ml (8 US fl oz), FDA RACC for coffee and tea (21 CFR 101.12(b))"),
        Container("bowl", ML_PER_CUP, None, "1 US cup (237 ml), FDA RACC for soups and cooked cereals "
                  "(21 CFR 101.12(b))"),
        Container("scoop", None, 30.0, "30 g, the scoop of most protein powders' labels (FDA RACC for "
                  "protein powders: none; 21 CFR 101.12 uses the label serving)"),
        Container("handful", None, 30.0, "30 g, FDA RACC for nuts and seeds (21 CFR 101.12(b))"),
    )
}
CONTAINER_WORDS: dict[str, str] = {
    **{c: c for c in CONTAINERS},
    **{"cans": "can", "tin": "can", "tins": "can", "bottles": "bottle", "glasses": "glass", "mugs": "mug",
       "bowls": "bowl", "scoops": "scoop", "handfuls": "handful", "handsful": "handful"},
}


def _unit_text(unit_text: str) -> str:
    return unit_text.strip().lower().replace("fl oz", "fluid_ounce").replace("fl. oz", "fluid_ounce")


def known_unit(unit_text: str) -> tuple[str, float] | None:
    """``("mass", grams)`` or ``("volume", ml)`` for the common food units (:data:`MASS_UNITS_G`,
    :data:`VOLUME_UNITS_ML`, with the spellings of :data:`UNIT_ALIASES`), without pint; None for anything else."""
    text = _unit_text(unit_text).rstrip(".")
    text = UNIT_ALIASES.get(text, text)
    if text in VOLUME_EXTRA_ML:
        return "volume", VOLUME_EXTRA_ML[text]
    if text in MASS_UNITS_G:
        return "mass", MASS_UNITS_G[text]
    if text in VOLUME_UNITS_ML:
        return "volume", VOLUME_UNITS_ML[text]
    return None


def quantity_kind(unit_text: str) -> tuple[str, float] | None:
    """``("mass", grams)`` or ``("volume", ml)`` for one ``unit_text`` (``"oz"``, ``"cups"``), else None: the
    common units from the table above, any other unit through pint."""
    known = known_unit(unit_text)
    if known is not None:
        return known
    text = _unit_text(unit_text)
    if not text or not all(c.isalpha() or c in "_ " for c in text):
        return None
    import pint

    ureg = registry()
    try:
        q = ureg.Quantity(1, text.replace(" ", "_"))
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError, ValueError, AssertionError):
        return None
    if q.check("[mass]"):
        return "mass", float(q.to("gram").magnitude)
    if q.check("[volume]"):
        return "volume", float(q.to("milliliter").magnitude)
    return None
