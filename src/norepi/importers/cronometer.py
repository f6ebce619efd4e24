"""Cronometer CSV exports: ``servings.csv`` (one row per food serving) and ``dailysummary.csv`` (one row per day),
as files, or a folder or zip holding them.

Columns are found by header name, never by position, so older layouts (no Time column) and newer ones (Time,
Category, Completed) both read. Every "Name (unit)" column is kept as Cronometer's own per-serving value;
Phenylalanine and Tyrosine are also given in mg. The Category column is kept (``ServingRec.category``:
"Supplements" marks a supplement, whose upper limits differ); the daily summary's Completed column is the
person's own "this day's log is complete" (``FoodCompletenessRec``). A negative amount, or more than
``MAX_ENERGY_KCAL`` in one serving, is refused naming file, line and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from norepi.errors import ImportFormatError
from norepi.importers import files
from norepi.importers.cells import boolean, iso_date, number
from norepi.importers.files import Member, Progress
from norepi.journal.records import (
    DaySummaryRec,
    FoodCompletenessRec,
    ImportMapping,
    ProgressFn,
    Record,
    ServingRec,
)
from norepi.nutrition.labels import LABEL, TO_MG

SOURCE = "cronometer"
NOT_NUTRIENTS = {"day", "date", "time", "group", "food name", "amount", "category", "completed", "meal"}
TIME_FORMATS = ("%I:%M %p", "%I:%M:%S %p", "%H:%M", "%H:%M:%S")
MAX_ENERGY_KCAL = 20_000.0  # per serving or per day: above any meal (a whole 3 kg cake is ~12,000 kcal)
SIGNED = ("net carbs",)  # Cronometer's net carbs (carbohydrate - fibre) can fall below zero
EXPECTED = "a Cronometer export: servings.csv ('Day', 'Food Name', 'Amount') or dailysummary.csv ('Date')"


def _time(text: str) -> dt.time | None:
    text = text.strip()
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    return None


def _column(header: Sequence[str], *names: str) -> int | None:
    low = files.header_index(header)
    for n in names:
        if n in low:
            return low[n]
    return None


class _Nutrients:
    """The nutrient columns of a header: positions, names, bounds, and where Energy, Phe and Tyr are."""

    def __init__(self, header: Sequence[str]) -> None:
        self.cols: list[tuple[int, str, float, float]] = []
        self.energy: str | None = None
        self.mg: dict[str, tuple[str, float]] = {}
        for i, h in enumerate(header):
            name = h.strip()
            m = LABEL.match(name)
            if name.lower() in NOT_NUTRIENTS or not m:
                continue
            base, unit = m["name"].strip().lower(), m["unit"].strip().lower()
            low = -1e6 if base in SIGNED else 0.0
            high = MAX_ENERGY_KCAL if base == "energy" and unit == "kcal" else 1e9
            self.cols.append((i, name, low, high))
            if base == "energy" and unit == "kcal" and self.energy is None:
                self.energy = name
            if base in ("phenylalanine", "tyrosine") and unit in TO_MG:
                self.mg.setdefault(base, (name, TO_MG[unit]))

    def read(self, cells: Sequence[str], where: str, line: int) -> dict[str, float]:
        out: dict[str, float] = {}
        n = len(cells)
        for i, name, low, high in self.cols:
            if i < n and cells[i]:
                v = number(cells[i], name, where, line, low, high)
                if v is not None:
                    out[name] = v
        return out

    def in_mg(self, values: dict[str, float], base: str) -> float | None:
        col = self.mg.get(base)
        if col is None or col[0] not in values:
            return None
        return values[col[0]] * col[1]


class CronometerImporter:
    """``read(path)`` yields ``ServingRec`` rows from servings.csv, and ``DaySummaryRec`` (and
    ``FoodCompletenessRec`` where the Completed column says) rows from dailysummary.csv, told apart by their
    headers."""

    kind = "cronometer"
    label = "Cronometer export (servings, daily summary)"
    suffixes: tuple[str, ...] = (".csv", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        single = path.is_file() and not files.is_zip(path)
        chosen = files.members(path) if not single else [files.single(path, EXPECTED)]
        if not single:
            chosen = [m for m in chosen if m.basename.endswith(".csv")]
        prog = Progress(sum(m.size for m in chosen), progress)
        read_any = False
        for m in chosen:
            rows = files.csv_rows(m, prog)
            header = next((cells for _, cells in rows), None)
            if not header or not any(h.strip() for h in header):
                if single:
                    raise ImportFormatError(f"empty file: no CSV header; expected {EXPECTED}", path=m.where, line=1)
                continue
            nutrients = _Nutrients(header)
            food_col, date_col = _column(header, "food name"), _column(header, "date")
            if food_col is not None:
                yield from self._servings(rows, header, food_col, nutrients, m)
            elif date_col is not None and nutrients.cols:
                yield from self._summary(rows, header, date_col, nutrients, m)
            elif single:
                what = "no nutrient columns such as 'Energy (kcal)'" if date_col is not None else "missing columns"
                raise ImportFormatError(f"{what}: expected {EXPECTED}", path=m.where, line=1)
            else:
                continue
            read_any = True
        if not read_any:
            raise ImportFormatError(f"no Cronometer export files in it: expected {EXPECTED}", path=path)
        prog.finish()

    @staticmethod
    def _summary(
        rows: Iterator[tuple[int, list[str]]], header: list[str], date_col: int, nutrients: _Nutrients, m: Member
    ) -> Iterator[Record]:
        done_col = _column(header, "completed")
        for line, cells in rows:
            if not any(cells):
                continue
            day = iso_date(cells[date_col] if date_col < len(cells) else "", header[date_col].strip(), m.where, line)
            yield DaySummaryRec(day, nutrients.read(cells, m.where, line))
            if done_col is not None and done_col < len(cells):
                done = boolean(cells[done_col], header[done_col].strip(), m.where, line)
                if done is not None:
                    yield FoodCompletenessRec(day, done, SOURCE)

    @staticmethod
    def _servings(
        rows: Iterator[tuple[int, list[str]]], header: list[str], food_col: int, nutrients: _Nutrients, m: Member
    ) -> Iterator[Record]:
        day_col = _column(header, "day", "date")
        amount_col = _column(header, "amount")
        missing = [n for n, c in (("Day", day_col), ("Amount", amount_col)) if c is None]
        if missing:
            raise ImportFormatError(f"missing column(s) {', '.join(missing)} in servings.csv", path=m.where, line=1)
        assert day_col is not None and amount_col is not None
        time_col, group_col, cat_col = (
            _column(header, "time"),
            _column(header, "group", "meal"),
            _column(header, "category"),
        )
        seen: dict[tuple[str, ...], int] = {}

        def cell(cells: list[str], i: int | None) -> str:
            return cells[i].strip() if i is not None and i < len(cells) else ""

        for line, cells in rows:
            if not any(cells):
                continue
            name = cell(cells, food_col)
            if not name:
                raise ImportFormatError("empty Food Name", path=m.where, line=line)
            date = iso_date(cell(cells, day_col), header[day_col].strip(), m.where, line)
            # the time as written (not stripped): keys stay those of earlier imports
            time_text = cells[time_col] if time_col is not None and time_col < len(cells) else ""
            group, amount = cell(cells, group_col), cell(cells, amount_col)
            values = nutrients.read(cells, m.where, line)
            ident = (date.isoformat(), time_text, group, name, amount)
            seen[ident] = seen.get(ident, 0) + 1  # identical rows on one day are separate servings
            key = hashlib.sha1("|".join((*ident, str(seen[ident]))).encode()).hexdigest()
            yield ServingRec(
                date,
                _time(time_text) if time_text.strip() else None,
                group,
                name,
                amount,
                values,
                values.get(nutrients.energy) if nutrients.energy else None,
                nutrients.in_mg(values, "phenylalanine"),
                nutrients.in_mg(values, "tyrosine"),
                f"cronometer:{key}",
                cell(cells, cat_col),
            )
