"""The pint unit registry and the few conversions norepi needs at its edges."""

from __future__ import annotations

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


def quantity_kind(unit_text: str) -> tuple[str, float] | None:
    """``("mass", grams)`` or ``("volume", ml)`` for one ``unit_text`` (``"oz"``, ``"cups"``), else None."""
    text = unit_text.strip().lower().replace("fl oz", "fluid_ounce").replace("fl. oz", "fluid_ounce")
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
