"""Importing files a person has, one transaction per file, and what to say when a batch stops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from norepi.errors import InputError, NorepiError
from norepi.importers import KINDS, importer
from norepi.journal.export import ExportResult, export_journal, import_journal
from norepi.journal.imports import ImportResult
from norepi.journal.journal import Journal

ProgressFor = Callable[[Path], Callable[[int, int], None] | None]  # a progress callback for each file


class BatchStopped(NorepiError):
    """A file of a batch was refused: the files before it are imported, it and the ones after are not."""

    def __init__(self, cause: NorepiError, done: Sequence[ImportResult], not_read: Sequence[Path]) -> None:
        self.cause = cause
        self.done = list(done)
        self.not_read = list(not_read)
        later = f"; not read: {', '.join(p.name for p in not_read)}" if not_read else ""
        kept = f" ({len(done)} file(s) before it imported)" if done else ""
        super().__init__(f"{cause}{later}{kept}")


def import_files(journal: Journal, kind: str, paths: Sequence[str | Path], mapping: Mapping[str, str] | None = None,
                 progress_for: ProgressFor | None = None) -> list[ImportResult]:
    """Import ``paths`` with the importer of ``kind``, in order, each file whole or not at all; ``mapping`` adds to
    (and, once a file lands, is remembered with) the person's mapping for that source. BatchStopped names the
    refused file and the ones not read."""
    if kind not in KINDS:
        raise InputError(f"{kind!r} is not one of {', '.join(KINDS)}", field="kind")
    reader = importer(kind)
    done: list[ImportResult] = []
    files = [Path(p) for p in paths]
    for i, path in enumerate(files):
        try:
            done.append(journal.imports.import_file(path, reader, mapping, progress_for(path) if progress_for
                                                    else None))
        except NorepiError as exc:
            if len(files) == 1:
                raise
            raise BatchStopped(exc, done, files[i + 1:]) from None
    return done


def export_everything(journal: Journal, path: str | Path | None = None) -> ExportResult:
    """Everything the person owns in one zip (default ``norepi-export-<date>.zip`` here)."""
    return export_journal(journal, path or f"norepi-export-{dt.date.today().isoformat()}.zip")


def import_export(journal: Journal, path: str | Path) -> ExportResult:
    """An export of ``norepi export`` read back into this (empty) journal."""
    return import_journal(journal, path)
