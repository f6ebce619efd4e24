"""Barcodes: GTIN-8, UPC-A (GTIN-12), EAN-13 and GTIN-14, validated by their check digit (GS1 General
Specifications, section 7.9: weights 3 and 1 alternating from the right, the check digit makes the sum a
multiple of 10) and normalised to 14 digits so that a UPC-A and the same EAN-13 with a leading 0 are one key."""

from __future__ import annotations

from norepi.errors import InputError

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 check digit for the digits ``body`` (a GTIN without its last digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def normalize_gtin(code: str, strict: bool = True) -> str | None:
    """``code`` as a GTIN-14 ("0000236555909" -> "00000236555909"). Spaces and dashes are ignored. A code that
    is not 8, 12, 13 or 14 digits, or whose check digit is wrong, raises InputError naming what is wrong (or
    gives None when ``strict`` is False)."""
    digits = code.strip().replace(" ", "").replace("-", "")
    try:
        if not digits.isdigit():
            raise InputError(f"barcode {code!r} is not all digits", field="barcode")
        if len(digits) not in GTIN_LENGTHS:
            raise InputError(
                f"barcode {code!r} has {len(digits)} digits; a GTIN has 8, 12, 13 or 14", field="barcode"
            )
        expected = check_digit(digits[:-1])
        if int(digits[-1]) != expected:
            raise InputError(
                f"barcode {code!r}: wrong check digit {digits[-1]} (expected {expected}); was it typed right?",
                field="barcode",
            )
    except InputError:
        if strict:
            raise
        return None
    return digits.zfill(14)
