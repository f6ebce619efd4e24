"""norepi's generic CSV for sleep and self-ratings (columns documented in ``docs/lifestyle.md``).

* sleep: ``bed``, ``wake`` (ISO 8601, e.g. ``2026-11-19T23:10+01:00``; without an offset, this machine's local
  time), optional ``asleep_min`` (time asleep, when measured) and ``nap`` (true/false)
* ratings: ``date`` (YYYY-MM-DD) and one column per rating, named as the rating (``focus``, ``energy``, ``mood``,
  ``motivation``, or a person's own: ``tiredness``); values are numbers on that rating's scale, which the journal
  holds and checks (``RatingRec.origin`` names the file and line for its message)

A file may hold both kinds of column; blank cells are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from norepi.errors import ImportFormatError
from norepi.importers import files
from norepi.importers.cells import boolean, iso_date, number
from norepi.importers.files import Progress
from norepi.importers.sleep_records import sleep_rec
from norepi.importers.timezones import parse_local
from norepi.journal.records import ImportMapping, ProgressFn, RatingRec, Record
from norepi.lifestyle.ratings import NAME_PATTERN

SLEEP_COLUMNS = ("bed", "wake", "asleep_min", "nap")
EXPECTED = "norepi's generic CSV: 'bed' and 'wake' (sleep) or 'date' and rating columns (ratings)"


class GenericCsvImporter:
    """``read(path)`` yields ``SleepRec`` and ``RatingRec`` rows."""

    kind = "csv"
    label = "norepi CSV (sleep, ratings)"
    suffixes: tuple[str, ...] = (".csv",)

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        member = files.single(path, EXPECTED)
        prog = Progress(member.size, progress)
        tz = None  # times without an offset: this machine's zone
        header: list[str] | None = None
        rating_cols: list[tuple[int, str]] = []
        for line, cells in files.csv_rows(member, prog):
            if header is None:
                header = [h.strip().lower() for h in cells]
                rating_cols = self._check_header(header, member.where)
                continue
            row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
            if "bed" in row and "wake" in row and row["bed"]:
                bed, wake = (
                    self._when(row["bed"], "bed", member.where, line, tz),
                    self._when(row["wake"], "wake", member.where, line, tz),
                )
                yield sleep_rec(
                    f"csv:sleep:{bed.astimezone(dt.UTC).isoformat()}",
                    bed,
                    wake,
                    where=member.where,
                    line=line,
                    asleep_min=number(row.get("asleep_min"), "asleep_min", member.where, line, 0, 24 * 60, "min"),
                    nap=boolean(row.get("nap"), "nap", member.where, line) or False,
                    source="csv",
                )
            if rating_cols and row.get("date"):
                values = {}
                for i, name in rating_cols:
                    v = number(cells[i] if i < len(cells) else "", name, member.where, line, -1e6, 1e6)
                    if v is not None:
                        values[name] = v
                if values:
                    day = iso_date(row["date"], "date", member.where, line)
                    yield RatingRec(day, values, "csv", f"{member.where}:{line}")
        if header is None:
            raise ImportFormatError(f"empty file: expected {EXPECTED}", path=member.where, line=1)
        prog.finish()

    @staticmethod
    def _check_header(header: list[str], where: str) -> list[tuple[int, str]]:
        has_sleep = "bed" in header and "wake" in header
        ratings = [(i, h) for i, h in enumerate(header) if h and h != "date" and h not in SLEEP_COLUMNS]
        if "date" in header:
            bad = [h for _, h in ratings if not NAME_PATTERN.match(h)]
            if bad:
                raise ImportFormatError(
                    f"column(s) {', '.join(map(repr, bad))}: a rating column is named as the rating "
                    "(lower-case letters, digits and _)",
                    path=where,
                    line=1,
                )
        else:
            ratings = []
        if not (has_sleep or ratings):
            found = ", ".join(h for h in header if h) or "none"
            raise ImportFormatError(f"missing columns: expected {EXPECTED}; found {found}", path=where, line=1)
        return ratings

    @staticmethod
    def _when(text: str, col: str, where: str, line: int, tz: dt.tzinfo | None) -> dt.datetime:
        try:
            return parse_local(text, tz)
        except ValueError:
            raise ImportFormatError(
                f"column {col!r}: {text!r} is not an ISO 8601 date-time", path=where, line=line
            ) from None
