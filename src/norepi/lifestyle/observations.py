"""Daily physiological observations: resting heart rate, HRV (RMSSD) and the device's own scores."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from norepi.errors import InputError
from norepi.vocab import ObservationKind


@dataclass(frozen=True)
class Observation:
    """One observation of one day, in the kind's unit (``ObservationKind.unit``), from ``source``."""

    date: dt.date
    kind: ObservationKind
    value: float
    source: str = "manual"
    record_id: int | None = None

    def __post_init__(self) -> None:
        try:
            kind = ObservationKind(self.kind)
        except ValueError:
            names = ", ".join(ObservationKind)
            raise InputError(f"{self.kind!r} is not an observation (one of {names})", field="kind") from None
        object.__setattr__(self, "kind", kind)
        low, high = kind.bounds
        if not (isinstance(self.value, int | float) and math.isfinite(self.value) and low <= self.value <= high):
            raise InputError(f"{self.value!r} {kind.unit} is outside {low:g}-{high:g} {kind.unit}", field=kind.value)
