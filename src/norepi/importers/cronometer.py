"""Cronometer CSV exports: ``servings.csv`` (one row per food serving) and ``dailysummary.csv``.

Columns are found by header name, never by position, so older layouts (no Time column) and newer ones
(Time, Category, Completed columns) both read. Every "Name (unit)" column is kept as Cronometer's own
per-serving value; Phenylalanine and Tyrosine are also given in mg.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from norepi.errors import ImportFormatError
from norepi.journal.records import DaySummaryRec, ProgressFn, Record, ServingRec

NOT_NUTRIENTS = {"day", "date", "time", "group", "food name", "amount", "category", "completed", "meal"}
UNIT = re.compile(r"^(?P<name>.+?)\s*\((?P<unit>[^()]+)\)\s*$")
TIME_FORMATS = ("%I:%M %p", "%I:%M:%S %p", "%H:%M", "%H:%M:%S")
TO_MG = {"g": 1000.0, "mg": 1.0, "µg": 0.001, "ug": 0.001, "mcg": 0.001}


def _date(text: str, path: Path, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ImportFormatError(f"{text!r} is not a date (YYYY-MM-DD)", path=path, line=line) from None


def _time(text: str) -> dt.time | None:
    text = text.strip()
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    return None


def _column(header: list[str], *names: str) -> str | None:
    low = {h.strip().lower(): h for h in header}
    for n in names:
        if n in low:
            return low[n]
    return None


def _numbers(row: dict[str, str], columns: list[str], path: Path, line: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for c in columns:
        text = (row.get(c) or "").strip().replace(",", "")
        if not text:
            continue
        try:
            out[c.strip()] = float(text)
        except ValueError:
            raise ImportFormatError(f"column {c.strip()!r}: {text!r} is not a number", path=path, line=line) from None
    return out


# Cronometer column names (lower case, unit stripped) -> the day JSON's keys
TRACKED_COLUMNS = {
    "energy": "energy_kcal",
    "protein": "protein_g",
    "phenylalanine": "phenylalanine_mg",
    "tyrosine": "tyrosine_mg",
    "vitamin c": "vitamin_c_mg",
    "copper": "copper_mg",
    "b6 (pyridoxine)": "vitamin_b6_mg",
    "vitamin b6": "vitamin_b6_mg",
    "folate": "folate_dfe_ug",
    "magnesium": "magnesium_mg",
    "iron": "iron_mg",
}
KEY_UNIT_FACTOR = {
    "kcal": {"kcal": 1.0},
    "g": {"g": 1.0, "mg": 0.001},
    "mg": TO_MG,
    "ug": {"µg": 1.0, "ug": 1.0, "mcg": 1.0, "mg": 1000.0},
}


def tracked_amounts(nutrients: dict[str, float]) -> dict[str, float]:
    """Cronometer's per-serving values of the nutrients norepi tracks, in the day JSON's keys and units."""
    out: dict[str, float] = {}
    for col, value in nutrients.items():
        m = UNIT.match(col)
        if not m:
            continue
        key = TRACKED_COLUMNS.get(m["name"].strip().lower())
        factor = KEY_UNIT_FACTOR[key.rsplit("_", 1)[1]].get(m["unit"].strip().lower()) if key else None
        if key and factor is not None:
            out[key] = value * factor
    return out


def _mg(nutrients: dict[str, float], name: str) -> float | None:
    for col, value in nutrients.items():
        m = UNIT.match(col)
        if m and m["name"].strip().lower() == name and m["unit"].strip().lower() in TO_MG:
            return value * TO_MG[m["unit"].strip().lower()]
    return None


class CronometerImporter:
    """``read(path)`` yields ``ServingRec`` rows from servings.csv or ``DaySummaryRec`` rows from
    dailysummary.csv (told apart by their headers)."""

    kind = "cronometer"

    def read(self, path: Path, progress: ProgressFn | None = None) -> Iterator[Record]:
        path = Path(path)
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = list(reader.fieldnames or [])
            if not header:
                raise ImportFormatError("empty file: no CSV header", path=path, line=1)
            nutrient_cols = [h for h in header if h.strip().lower() not in NOT_NUTRIENTS and UNIT.match(h.strip())]
            food_col = _column(header, "food name")
            if food_col is not None:
                yield from self._servings(reader, header, food_col, nutrient_cols, path)
            elif _column(header, "date") is not None:
                date_col = _column(header, "date")
                assert date_col is not None
                if not nutrient_cols:
                    raise ImportFormatError("no nutrient columns such as 'Energy (kcal)'", path=path, line=1)
                for row in reader:
                    line = reader.line_num
                    yield DaySummaryRec(
                        _date(row[date_col] or "", path, line), _numbers(row, nutrient_cols, path, line)
                    )
            else:
                raise ImportFormatError(
                    "missing columns: expected 'Day', 'Food Name', 'Amount' (servings.csv) or "
                    "'Date' (dailysummary.csv)",
                    path=path,
                    line=1,
                )
        if progress:
            size = path.stat().st_size
            progress(size, size)

    @staticmethod
    def _servings(
        reader: csv.DictReader[str], header: list[str], food_col: str, nutrient_cols: list[str], path: Path
    ) -> Iterator[Record]:
        day_col = _column(header, "day", "date")
        amount_col = _column(header, "amount")
        missing = [n for n, c in (("Day", day_col), ("Amount", amount_col)) if c is None]
        if missing:
            raise ImportFormatError(f"missing column(s) {', '.join(missing)} in servings.csv", path=path, line=1)
        assert day_col is not None and amount_col is not None
        time_col, group_col = _column(header, "time"), _column(header, "group", "meal")
        seen: dict[tuple[str, ...], int] = {}
        for row in reader:
            line = reader.line_num
            name = (row.get(food_col) or "").strip()
            if not name:
                raise ImportFormatError("empty Food Name", path=path, line=line)
            date = _date(row.get(day_col) or "", path, line)
            time_text = (row.get(time_col) or "") if time_col else ""
            group = ((row.get(group_col) or "") if group_col else "").strip()
            amount = (row.get(amount_col) or "").strip()
            nutrients = _numbers(row, nutrient_cols, path, line)
            ident = (date.isoformat(), time_text, group, name, amount)
            seen[ident] = seen.get(ident, 0) + 1
            key = hashlib.sha1("|".join((*ident, str(seen[ident]))).encode()).hexdigest()
            yield ServingRec(
                date,
                _time(time_text) if time_text else None,
                group,
                name,
                amount,
                nutrients,
                nutrients.get(_column(nutrient_cols, "energy (kcal)") or "Energy (kcal)"),
                _mg(nutrients, "phenylalanine"),
                _mg(nutrients, "tyrosine"),
                f"cronometer:{key}",
            )
