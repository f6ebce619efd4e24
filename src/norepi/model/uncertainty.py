"""Figures with their uncertainty: an interval from the ensemble, and no more digits than it supports."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

LOW_PCT, HIGH_PCT = 5.0, 95.0  # the interval a person sees: 5th-95th percentile of the ensemble
MAX_SIGNIFICANT = 3  # never more digits than this, however narrow the interval (the model is an approximation)


def decimals_for(width: float, value: float) -> int:
    """Decimals that show an interval of ``width`` without false precision: the rounding step is the power of ten
    at or below half the width, and never more than ``MAX_SIGNIFICANT`` significant digits of the value (2 when
    there is no interval)."""
    mag = abs(value)
    sig = MAX_SIGNIFICANT if math.isfinite(width) and width > 0 else 2
    cap = max(0, sig - 1 - math.floor(math.log10(mag))) if mag > 0 and math.isfinite(mag) else 0
    if not math.isfinite(width) or width <= 0:
        return cap
    return min(cap, max(0, -math.floor(math.log10(width / 2.0))))


def round_to(x: float, decimals: int) -> float:
    """``x`` rounded to ``decimals`` (0 -> a whole number; -0.0 shown as 0)."""
    r = round(x, decimals)
    return 0.0 if r == 0 else r


@dataclass(frozen=True)
class Interval:
    """A figure (the ensemble median) with its 5-95 % interval, in ``unit``."""

    value: float
    low: float
    high: float
    unit: str = ""

    @classmethod
    def of(cls, samples: np.ndarray, unit: str = "") -> Interval:
        """The median and 5-95 % percentiles of ``samples`` (NaNs ignored)."""
        s = np.asarray(samples, dtype=float)
        s = s[np.isfinite(s)]
        if s.size == 0:
            return cls(math.nan, math.nan, math.nan, unit)
        lo, med, hi = np.percentile(s, [LOW_PCT, 50.0, HIGH_PCT])
        return cls(float(med), float(lo), float(hi), unit)

    @property
    def decimals(self) -> int:
        return decimals_for(self.high - self.low, self.value)

    def rounded(self) -> tuple[float, float, float]:
        """(value, low, high) rounded to the digits the interval supports."""
        d = self.decimals
        return round_to(self.value, d), round_to(self.low, d), round_to(self.high, d)

    def covers(self, x: float) -> bool:
        """Whether ``x`` lies in the interval once both are rounded to the digits shown."""
        _, lo, hi = self.rounded()
        xr = round_to(x, self.decimals)
        return lo <= xr <= hi

    def text(self, signed: bool = False) -> str:
        """E.g. "1.9 (1.6-2.3) nmol/L", or "+12 (+8 to +15) %" when ``signed``."""
        d = self.decimals
        v, lo, hi = self.rounded()
        f = f"{{:+.{d}f}}" if signed else f"{{:.{d}f}}"
        unit = f" {self.unit}" if self.unit else ""
        sep = " to " if signed else "-"
        return f"{f.format(v)} ({f.format(lo)}{sep}{f.format(hi)}){unit}"

    def scaled(self, factor: float, unit: str) -> Interval:
        """The same interval in another unit (``factor`` > 0)."""
        return Interval(self.value * factor, self.low * factor, self.high * factor, unit)
