"""Reading what people hand over: one file, a folder of an export, or the export's zip; text checked to be text.

A ``Member`` is one file of an export wherever it lies (on disk or inside a zip), named for messages as
``export.zip/sleeps.csv``. ``csv_rows`` streams a member's CSV rows with their line numbers; a binary file or a
file that is not UTF-8 gives one ``ImportFormatError`` line naming the file and line, never a
``UnicodeDecodeError``. Bytes read are reported to a ``ProgressFn`` as they are read.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import ijson

from norepi.errors import ImportFormatError
from norepi.journal.records import ProgressFn

PROGRESS_STEP_BYTES = 4 << 20  # report progress every 4 MiB read
SNIFF_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"
csv.field_size_limit(1 << 24)  # Oura's CSV cells hold JSON of a night's samples; a line of 16 MiB is the limit


@dataclass(frozen=True)
class Member:
    """One file of an export: ``name`` its path inside the export (POSIX, "my_whoop_data/sleeps.csv"),
    ``where`` what messages call it, ``size`` in bytes; ``open()`` gives its bytes."""

    name: str
    where: str
    size: int
    opener: Callable[[], IO[bytes]]

    @property
    def basename(self) -> str:
        """The file name without folders, lower case ("sleeps.csv")."""
        return PurePosixPath(self.name).name.lower()

    @property
    def parent(self) -> str:
        """The name of the folder holding the file inside the export ("001 Bath"), "" at the top."""
        parts = PurePosixPath(self.name).parts
        return parts[-2] if len(parts) > 1 else ""

    def open(self) -> IO[bytes]:
        return self.opener()

    def head(self, n: int = SNIFF_BYTES) -> bytes:
        """The first ``n`` bytes (to tell formats apart)."""
        with self.open() as f:
            return f.read(n)


class Progress:
    """Bytes read of a whole export, reported to ``fn`` (done, total) at most every ``PROGRESS_STEP_BYTES``."""

    def __init__(self, total: int, fn: ProgressFn | None) -> None:
        self.total, self.fn, self.done, self._next = max(total, 0), fn, 0, 0

    def add(self, n: int) -> None:
        self.done += n
        if self.fn is not None and self.done >= self._next:
            self.fn(min(self.done, self.total), self.total)
            self._next = self.done + PROGRESS_STEP_BYTES

    def finish(self) -> None:
        if self.fn is not None:
            self.fn(self.total, self.total)


class CountingReader(io.RawIOBase):
    """A binary stream that reports the bytes read from ``raw`` to a ``Progress``."""

    def __init__(self, raw: IO[bytes], progress: Progress | None) -> None:
        self.raw, self.progress = raw, progress

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        if self.progress is not None:
            self.progress.add(n)
        return n

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        if self.progress is not None:
            self.progress.add(len(data))
        return data


def members(path: Path) -> list[Member]:
    """The files of ``path``: the file itself, every file under a folder (sorted), or every file in a zip.
    A path that does not exist gives ImportFormatError."""
    path = Path(path)
    if path.is_dir():
        out = []
        for p in sorted(q for q in path.rglob("*") if q.is_file()):
            rel = p.relative_to(path).as_posix()
            out.append(Member(rel, str(p), p.stat().st_size, _file_opener(p)))
        return out
    if not path.exists():
        raise ImportFormatError("no such file or folder", path=path)
    if is_zip(path):
        try:
            with zipfile.ZipFile(path) as zf:
                infos = [i for i in zf.infolist() if not i.is_dir()]
        except zipfile.BadZipFile as exc:
            raise ImportFormatError(f"broken zip archive: {exc}", path=path) from None
        return [Member(i.filename, f"{path}/{i.filename}", i.file_size, _zip_opener(path, i.filename)) for i in infos]
    return [Member(path.name, str(path), path.stat().st_size, _file_opener(path))]


def single(path: Path, expected: str) -> Member:
    """``path`` as one file; ImportFormatError naming ``expected`` when it is a folder or does not exist."""
    path = Path(path)
    if path.is_dir():
        raise ImportFormatError(f"a folder: expected {expected}", path=path)
    if not path.exists():
        raise ImportFormatError("no such file", path=path)
    return Member(path.name, str(path), path.stat().st_size, _file_opener(path))


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a zip archive (by its first bytes, whatever its name)."""
    with open(path, "rb") as f:
        return f.read(4) == ZIP_MAGIC


def _file_opener(p: Path) -> Callable[[], IO[bytes]]:
    return lambda: open(p, "rb")


def _zip_opener(path: Path, name: str) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        zf = zipfile.ZipFile(path)
        try:
            raw = zf.open(name)
        except Exception:
            zf.close()
            raise
        return _ClosingMember(raw, zf)

    return opener


class _ClosingMember(io.BufferedReader):
    """A zip member's stream that closes its archive when closed."""

    def __init__(self, raw: IO[bytes], zf: zipfile.ZipFile) -> None:
        super().__init__(raw, buffer_size=1 << 16)  # type: ignore[arg-type]
        self._zf = zf

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._zf.close()


def check_text(member: Member, head: bytes | None = None) -> None:
    """ImportFormatError when a member is not text: a zip, a SQLite database, or binary bytes (NUL)."""
    head = member.head() if head is None else head
    if head.startswith(ZIP_MAGIC):
        raise ImportFormatError("a zip archive, not a text file: give the zip itself, or unpack it", path=member.where)
    if head.startswith(SQLITE_MAGIC):
        raise ImportFormatError("a SQLite database, not a text file", path=member.where)
    if b"\x00" in head:
        raise ImportFormatError("binary data, not a text (CSV or JSON) file", path=member.where)


def decode_error(member: Member, exc: UnicodeDecodeError, line: int | None = None) -> ImportFormatError:
    """The one-line message for text that is not UTF-8 (a Latin-1 or Windows-1252 export, or binary), naming the
    line of the first byte that is not UTF-8 (found by reading the file again)."""
    bad = exc.object[exc.start : exc.start + 1].hex() if isinstance(exc.object, bytes | bytearray) else "?"
    where = _first_bad_utf8(member)
    if where is not None:
        line, bad = where
    return ImportFormatError(
        f"not UTF-8 text (byte 0x{bad}): export the file again as UTF-8, or save it as 'CSV UTF-8'",
        path=member.where,
        line=line,
    )


def _first_bad_utf8(member: Member) -> tuple[int, str] | None:
    """(line, byte as hex) of the first byte that is not UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0
    with member.open() as f:
        while chunk := f.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                # the decoder may hold up to 3 bytes of an unfinished character from the chunk before
                held = len(exc.object) - len(chunk)
                pos = max(exc.start - held, 0)
                return newlines + chunk.count(b"\n", 0, pos) + 1, chunk[pos : pos + 1].hex()
            newlines += chunk.count(b"\n")
    return None


@contextmanager
def open_text(member: Member, progress: Progress | None = None) -> Iterator[IO[str]]:
    """A member as UTF-8 text (a byte-order mark is dropped), after checking it is text."""
    check_text(member)
    raw = member.open()
    try:
        stream = io.BufferedReader(CountingReader(raw, progress), buffer_size=1 << 16)
        yield io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    finally:
        raw.close()


def csv_rows(
    member: Member, progress: Progress | None = None, delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for every row of a CSV member, the header included (line 1); ``delimiter`` None:
    "," unless the first line has more ";" than "," (Oura's CSVs)."""
    with open_text(member, progress) as f:
        try:
            first = f.readline()
        except UnicodeDecodeError as exc:
            raise decode_error(member, exc, 1) from None
        if delimiter is None:
            delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(_chain(first, f), delimiter=delimiter)
        while True:
            line = reader.line_num + 1  # where the row starts (a quoted cell may span lines)
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise decode_error(member, exc, reader.line_num + 1) from None
            except csv.Error as exc:
                raise ImportFormatError(f"broken CSV: {exc}", path=member.where, line=line) from None
            yield line, row


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def read_text(member: Member, limit_bytes: int = 512 << 20) -> str:
    """A whole (small) text member decoded as UTF-8; ImportFormatError when it is binary, not UTF-8, or larger
    than ``limit_bytes``."""
    check_text(member)
    with member.open() as f:
        data = f.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise ImportFormatError(f"larger than {limit_bytes >> 20} MiB", path=member.where)
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise decode_error(member, exc, line) from None


def header_index(header: Sequence[str]) -> dict[str, int]:
    """Column positions by their header text, stripped and lower case (a BOM already dropped)."""
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        out.setdefault(h.strip().lower(), i)
    return out


def cell(cells: Sequence[str], idx: dict[str, int], col: str) -> str:
    """The stripped cell of column ``col`` (a ``header_index`` key), "" when the row is short or has no such
    column."""
    i = idx.get(col)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def json_items(member: Member, progress: Progress | None = None) -> Iterator[tuple[str, Any]]:
    """``(collection, item)`` for every item of a JSON file's top-level array (collection "") or of each array in
    its top-level object (collection = the key: "sleep", "data"), streamed with ijson: one item in memory at a time.
    A file that is not JSON, or not such a shape, gives ImportFormatError."""
    check_text(member)
    raw = member.open()
    try:
        stream = CountingReader(raw, progress)
        builder: ijson.ObjectBuilder | None = None
        depth = 0
        collection = ""
        for prefix, event, value in ijson.parse(stream, use_float=True):
            if builder is not None:
                builder.event(event, value)
                if event in ("start_map", "start_array"):
                    depth += 1
                elif event in ("end_map", "end_array"):
                    depth -= 1
                if depth == 0:
                    yield collection, builder.value
                    builder = None
                continue
            if prefix == "item" or (prefix.endswith(".item") and prefix.count(".") == 1):
                collection = prefix[:-5] if prefix != "item" else ""
                if event in ("start_map", "start_array"):
                    builder, depth = ijson.ObjectBuilder(), 1
                    builder.event(event, value)
                elif event not in ("end_array", "end_map"):
                    yield collection, value
    except ijson.JSONError as exc:
        raise ImportFormatError(f"broken JSON: {exc}", path=member.where) from None
    except UnicodeDecodeError as exc:
        raise decode_error(member, exc) from None
    finally:
        raw.close()
