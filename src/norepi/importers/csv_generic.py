"""Generic CSV for sleep and self-ratings (columns documented in ``docs/lifestyle.md``).

* sleep: ``bed``, ``wake`` (ISO 8601, e.g. ``2026-11-19T23:10+01:00``; without an offset, this machine's
  local time)
* ratings: ``date`` (YYYY-MM-DD) and any of ``focus``, ``energy``, ``mood``, ``motivation`` (1-10)

A file may hold both kinds of column; blank cells are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from norepi.errors import ImportFormatError, InputError
from norepi.journal.records import ProgressFn, RatingRec, Record, SleepRec
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import RATINGS, check_ratings


def _when(text: str, col: str, path: Path, line: int) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ImportFormatError(
            f"column {col!r}: {text!r} is not an ISO 8601 date-time", path=path, line=line
        ) from None
    return t if t.tzinfo is not None else t.astimezone()


class GenericCsvImporter:
    """``read(path)`` yields ``SleepRec`` and ``RatingRec`` rows."""

    kind = "csv"

    def read(self, path: Path, progress: ProgressFn | None = None) -> Iterator[Record]:
        path = Path(path)
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = [h.strip().lower() for h in reader.fieldnames or []]
            reader.fieldnames = header
            has_sleep = "bed" in header and "wake" in header
            rating_cols = [c for c in RATINGS if c in header]
            has_ratings = "date" in header and bool(rating_cols)
            if not (has_sleep or has_ratings):
                raise ImportFormatError(
                    "missing columns: need 'bed' and 'wake' (sleep) or 'date' and one of "
                    f"{', '.join(RATINGS)} (ratings); found {', '.join(header) or 'none'}",
                    path=path,
                    line=1,
                )
            for row in reader:
                line = reader.line_num
                try:
                    if has_sleep and (row.get("bed") or "").strip():
                        period = SleepPeriod(
                            _when(row["bed"], "bed", path, line), _when(row.get("wake") or "", "wake", path, line)
                        )
                        yield SleepRec(period, f"csv:sleep:{period.bed.astimezone(dt.UTC).isoformat()}")
                    if has_ratings and (row.get("date") or "").strip():
                        values: dict[str, int | None] = {}
                        for c in rating_cols:
                            text = (row.get(c) or "").strip()
                            if text:
                                if not text.isdigit():
                                    raise InputError(f"{text!r} is not a whole number 1-10", field=c)
                                values[c] = int(text)
                        if values:
                            yield RatingRec(dt.date.fromisoformat(row["date"].strip()), check_ratings(values))
                except InputError as exc:
                    raise ImportFormatError(str(exc), path=path, line=line) from None
                except ValueError:
                    raise ImportFormatError(
                        f"{row.get('date')!r} is not a date (YYYY-MM-DD)", path=path, line=line
                    ) from None
        if progress:
            size = path.stat().st_size
            progress(size, size)
