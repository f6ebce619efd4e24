"""Cell values read from export files, refused by file, line and column when impossible."""

from __future__ import annotations

import datetime as dt
import math

from norepi.errors import ImportFormatError

_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def number(
    text: str | None,
    column: str,
    where: str,
    line: int | None,
    low: float = 0.0,
    high: float = math.inf,
    unit: str = "",
) -> float | None:
    """The number in a cell (None when blank; thousands separators dropped: "1,234.5" reads 1234.5);
    ImportFormatError naming the file, line and column when it is not a number or lies outside ``low``-``high``."""
    if text is None:
        return None
    t = text.strip().replace(",", "")
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        raise ImportFormatError(f"column {column!r}: {text.strip()!r} is not a number", path=where, line=line) from None
    if not math.isfinite(v) or not low <= v <= high:
        u = f" {unit}" if unit else ""
        span = f"{low:g}-{high:g}{u}" if math.isfinite(high) else f"at least {low:g}{u}"
        raise ImportFormatError(f"column {column!r}: {v:g}{u} is impossible (expected {span})", path=where, line=line)
    return v


def boolean(text: str | None, column: str, where: str, line: int | None) -> bool | None:
    """true/false, yes/no, 1/0 (any case) as a bool; None when blank; ImportFormatError otherwise."""
    t = (text or "").strip().lower()
    if not t:
        return None
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ImportFormatError(f"column {column!r}: {text!r} is not true or false", path=where, line=line)


def iso_date(text: str | None, column: str, where: str, line: int | None) -> dt.date:
    """A YYYY-MM-DD cell (a time after it is ignored) as a date; ImportFormatError otherwise."""
    t = (text or "").strip()
    try:
        return dt.date.fromisoformat(t[:10])
    except ValueError:
        raise ImportFormatError(f"column {column!r}: {t!r} is not a date (YYYY-MM-DD)", path=where, line=line) from None
