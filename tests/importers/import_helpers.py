"""Small helpers of the importer tests: records by type, zips and CSVs written by the tests."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path


def by_type(records: Iterable[object]) -> Counter[str]:
    """How many records of each type."""
    return Counter(type(r).__name__ for r in records)


def of(records: Iterable[object], cls: type) -> list:
    return [r for r in records if isinstance(r, cls)]


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", delimiter=delimiter)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Every file under ``folder`` into the zip ``target`` (names under ``prefix``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, prefix + p.relative_to(folder).as_posix())
    return target


def read_rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    """A real CSV's rows, read independently of norepi (to count what the importer must find)."""
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.DictReader(f))
