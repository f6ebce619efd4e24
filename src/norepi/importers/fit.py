"""FIT activity files (Garmin, Wahoo, ...) read with fitdecode: sessions, laps, per-second heart rate; one file, or a
folder or zip of them (a Garmin Connect export's activities)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fitdecode

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.journal.records import ExerciseRec, ImportMapping, ProgressFn, Record
from norepi.lifestyle.exercise import ExerciseSession, activity_key, check_hr

SOURCE = "fit"
EXPECTED = "a FIT activity file (.fit), or a folder or zip of them"


def _hr(value: Any, path: str, where: str) -> float | None:
    if value is None:
        return None
    try:
        return check_hr(float(value))
    except InputError as exc:
        raise ImportFormatError(f"{where}: {exc}", path=path) from None


class FitImporter:
    """``read(path)`` yields one ``ExerciseRec`` per session of a FIT activity file, with its laps and
    the per-second heart-rate records inside the session."""

    kind = "fit"
    label = "FIT activity files"
    suffixes: tuple[str, ...] = (".fit", ".zip")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        if path.is_file() and not files.is_zip(path):
            chosen = [files.single(path, EXPECTED)]
        else:
            chosen = [m for m in files.members(path) if m.basename.endswith(".fit")]
            if not chosen:
                raise ImportFormatError(f"no .fit files in it: expected {EXPECTED}", path=path)
        prog = Progress(sum(m.size for m in chosen), progress)
        for m in chosen:
            yield from self._file(m, prog)
        prog.finish()

    def _file(self, member: Member, prog: Progress) -> Iterator[Record]:
        path = member.where
        sessions: list[dict[str, Any]] = []
        laps: list[dict[str, Any]] = []
        hr: list[tuple[dt.datetime, float]] = []
        offset: dt.timedelta | None = None
        n = 0
        try:
            with (
                member.open() as raw,
                fitdecode.FitReader(
                    raw, check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.RAISE
                ) as reader,
            ):
                for frame in reader:
                    n += 1
                    if not isinstance(frame, fitdecode.FitDataMessage):
                        continue
                    where = f"message {n}"
                    if frame.name == "record":
                        ts, bpm = (
                            frame.get_value("timestamp", fallback=None),
                            frame.get_value("heart_rate", fallback=None),
                        )
                        if ts is not None and bpm is not None:
                            hr.append((ts, _hr(bpm, path, f"{where} (record at {ts.isoformat()})") or 0.0))
                    elif frame.name in ("session", "lap"):
                        row = {
                            k: frame.get_value(k, fallback=None)
                            for k in (
                                "start_time",
                                "timestamp",
                                "total_elapsed_time",
                                "total_timer_time",
                                "sport",
                                "sub_sport",
                                "avg_heart_rate",
                                "max_heart_rate",
                                "avg_power",
                                "total_distance",
                            )
                        }
                        row["where"] = where
                        (sessions if frame.name == "session" else laps).append(row)
                    elif frame.name == "activity":
                        ts, local = (
                            frame.get_value("timestamp", fallback=None),
                            frame.get_value("local_timestamp", fallback=None),
                        )
                        if isinstance(ts, dt.datetime) and isinstance(local, dt.datetime):
                            offset = local.replace(tzinfo=dt.UTC) - ts
        except fitdecode.FitError as exc:
            raise ImportFormatError(
                f"not a valid FIT file ({EXPECTED}), stopped after message {n}: {exc}", path=path
            ) from None
        prog.add(member.size)
        if not sessions:
            raise ImportFormatError("no session message: not a complete FIT activity file", path=path)
        tz = dt.timezone(dt.timedelta(minutes=round(offset.total_seconds() / 60))) if offset is not None else dt.UTC
        for sess in sessions:
            yield self._session(path, sess, laps, hr, tz)

    @staticmethod
    def _session(
        path: str, sess: dict[str, Any], laps: list[dict[str, Any]], hr: list[tuple[dt.datetime, float]], tz: dt.tzinfo
    ) -> ExerciseRec:
        where = sess["where"]
        start = sess["start_time"]
        seconds = sess["total_elapsed_time"] or sess["total_timer_time"]
        if not isinstance(start, dt.datetime) or not seconds:
            raise ImportFormatError(f"{where}: session without start time or duration", path=path)
        end = start + dt.timedelta(seconds=float(seconds))
        stream = tuple(((t - start).total_seconds(), b) for t, b in hr if start <= t <= end)
        sport = str(sess["sport"] or "generic")
        sub = str(sess["sub_sport"] or "")
        key = activity_key(sub) if activity_key(sub) != "other" else activity_key(sport)
        lap_rows = tuple(
            {
                "start": lap["start_time"].astimezone(tz).isoformat(),
                "duration_min": round(float(lap["total_elapsed_time"] or 0) / 60, 3),
                "avg_hr_bpm": lap["avg_heart_rate"],
                "max_hr_bpm": lap["max_heart_rate"],
            }
            for lap in laps
            if isinstance(lap["start_time"], dt.datetime) and start <= lap["start_time"] < end
        )
        try:
            session = ExerciseSession(
                key if key != "other" else sport,
                start.astimezone(tz),
                float(seconds) / 60.0,
                _hr(sess["avg_heart_rate"], path, where),
                _hr(sess["max_heart_rate"], path, where),
                stream,
                None,
                float(sess["avg_power"]) if sess["avg_power"] is not None else None,
                SOURCE,
            )
        except InputError as exc:
            raise ImportFormatError(f"{where}: {exc}", path=path) from None
        return ExerciseRec(session, f"fit:{start.astimezone(dt.UTC).isoformat()}:{sport}", lap_rows)
