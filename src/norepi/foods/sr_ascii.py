"""Reader for the USDA Standard Reference ASCII format (SR28 and SR Legacy).

Fields are separated by ``^``, text fields are wrapped in ``~``, files are Latin-1 with CRLF line
endings; an empty numeric field means "no value". Any of the files may be gzip-compressed (``.gz``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from norepi.errors import ImportFormatError

# Number of fields per row, from the SR28 documentation (Chapter 2, "Relational files").
FIELD_COUNTS: dict[str, int] = {
    "FOOD_DES": 14,
    "NUT_DATA": 18,
    "NUTR_DEF": 6,
    "FD_GROUP": 2,
    "WEIGHT": 7,
}
REQUIRED_FILES = tuple(FIELD_COUNTS)


@dataclass(frozen=True)
class Row:
    """One parsed row: the fields with ``~`` stripped, and where it came from."""

    path: Path
    line: int
    fields: list[str]

    def text(self, i: int) -> str:
        return self.fields[i]

    def number(self, i: int, name: str) -> float | None:
        """Field ``i`` as a float, ``None`` when empty (unknown); a bad number names file and line."""
        raw = self.fields[i]
        if raw == "":
            return None
        try:
            return float(raw)
        except ValueError:
            raise ImportFormatError(f"field {name} is not a number: {raw!r}", path=self.path, line=self.line) from None


def locate(folder: Path, name: str) -> Path:
    """The path of SR file ``name`` (e.g. ``"NUT_DATA"``) in ``folder``, plain or gzipped."""
    for candidate in (folder / f"{name}.txt", folder / f"{name}.txt.gz", folder / f"{name}.TXT"):
        if candidate.exists():
            return candidate
    raise ImportFormatError(f"missing {name}.txt (or {name}.txt.gz): not a USDA SR ASCII folder", path=folder)


def _open_text(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="latin-1", newline="")


def read_rows(path: Path, name: str) -> Iterator[Row]:
    """Yield the rows of SR file ``path`` (of kind ``name``), checking each has the documented field count."""
    expected = FIELD_COUNTS[name]
    line_no = 0
    try:
        with _open_text(path) as handle:
            for line_no, line in enumerate(handle, start=1):
                line = line.rstrip("\r\n")
                if not line:
                    continue
                fields = line.split("^")
                if len(fields) != expected:
                    raise ImportFormatError(
                        f"{name} row has {len(fields)} fields, expected {expected} (truncated or wrong file?)",
                        path=path,
                        line=line_no,
                    )
                yield Row(
                    path,
                    line_no,
                    [f[1:-1] if f.startswith("~") and f.endswith("~") and len(f) >= 2 else f for f in fields],
                )
    except (EOFError, OSError, zlib.error) as exc:
        if isinstance(exc, FileNotFoundError):
            raise ImportFormatError("file not found", path=path) from exc
        raise ImportFormatError(
            f"cannot read ({exc}); truncated or corrupt file?", path=path, line=line_no + 1
        ) from exc


def content_sha256(path: Path) -> str:
    """SHA-256 of the file's *uncompressed* content (so gzipped and plain copies agree)."""
    digest = hashlib.sha256()
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except (EOFError, OSError, zlib.error) as exc:
        raise ImportFormatError(f"cannot read ({exc}); truncated or corrupt file?", path=path) from exc
    return digest.hexdigest()
