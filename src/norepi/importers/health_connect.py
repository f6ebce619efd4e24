"""Android Health Connect export: the zip the Health Connect settings write ("Export data"), holding the SQLite
database ``health_connect_export.db``, or that database itself.

No real export was at hand: this reader follows the table layout of Health Connect's own database (AOSP
HealthFitness: ``*_record_table`` with start_time/end_time in ms since 1970 UTC and start_zone_offset /
end_zone_offset in seconds; instant records with time and zone_offset), as in the AOSP test database and schema
in ../shared/data/exports/health_connect, and the platform's public constants (``ExerciseSessionType``,
``SleepSessionRecord.StageType``, ``MindfulnessSessionRecord``). Tables missing from an older or newer database
are skipped; columns are looked up by name.

* sleep_session_record_table + sleep_stages_table -> ``SleepRec`` with stage spans (a short daytime period is a
  nap); exercise_session_record_table -> ``ExerciseRec`` (heart rate attached from the samples);
  heart_rate_record_table + heart_rate_record_series_table -> heart-rate samples in batches;
  resting_heart_rate_record_table and heart_rate_variability_rmssd_record_table -> one ``ObservationRec`` a day
  (the median of the day's records); mindfulness_session_record_table (Android 16) -> meditation and slow-breathing
  practices.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from norepi.errors import ImportFormatError, InputError
from norepi.importers import files
from norepi.importers.files import Member, Progress
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.importers.timezones import offset_seconds
from norepi.journal.records import (
    ExerciseRec,
    HeartRateSeriesRec,
    ImportMapping,
    ObservationRec,
    PracticeRec,
    ProgressFn,
    Record,
    SleepRec,
)
from norepi.lifestyle.exercise import HR_MAX_BPM, HR_MIN_BPM, ExerciseSession
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.stress import Practice
from norepi.vocab import ObservationKind, PracticeKind, SleepStage

SOURCE = "health-connect"
EXPECTED = "an Android Health Connect export (its zip, or health_connect_export.db)"
KNOWN_TABLES = ("sleep_session_record_table", "exercise_session_record_table", "heart_rate_record_table")
# android.health.connect.datatypes.SleepSessionRecord.StageType
STAGES = {
    1: SleepStage.AWAKE,
    2: SleepStage.ASLEEP,
    3: SleepStage.AWAKE,  # awake, out of bed
    4: SleepStage.LIGHT,
    5: SleepStage.DEEP,
    6: SleepStage.REM,
    7: SleepStage.AWAKE,  # awake, in bed
}
# android.health.connect.datatypes.ExerciseSessionType -> catalogue activities (others by name)
EXERCISES = {
    4: "cycle",
    5: "cycle_stationary",
    8: "circuit",
    20: "hiit",
    21: "walk_brisk",
    33: "run",
    34: "run",
    45: "resistance",
    53: "walk",
    55: "power_lifting",
    57: "yoga",
}
EXERCISE_NAMES = {
    1: "badminton", 2: "baseball", 3: "basketball", 6: "boot_camp", 7: "boxing", 9: "cricket", 10: "dancing",
    11: "exercise_class", 12: "fencing", 13: "football_american", 14: "football_australian", 15: "frisbee_disc",
    16: "golf", 17: "guided_breathing", 18: "gymnastics", 19: "handball", 22: "ice_hockey", 23: "ice_skating",
    24: "martial_arts", 25: "paddling", 26: "paragliding", 27: "pilates", 28: "racquetball", 29: "rock_climbing",
    30: "roller_hockey", 31: "rowing", 32: "rugby", 35: "sailing", 36: "scuba_diving", 37: "skating", 38: "skiing",
    39: "snowboarding", 40: "snowshoeing", 41: "soccer", 42: "softball", 43: "squash", 44: "stair_climbing",
    46: "stretching", 47: "surfing", 48: "swimming_open_water", 49: "swimming_pool", 50: "table_tennis",
    51: "tennis", 52: "volleyball", 54: "water_polo", 56: "wheelchair", 58: "other_workout",
    59: "stair_climbing_machine", 60: "elliptical", 61: "rowing_machine",
}  # fmt: skip
# android.health.connect.datatypes.MindfulnessSessionRecord types; 5 (movement) is not a calming practice here
MINDFULNESS = {
    0: PracticeKind.MEDITATION,
    1: PracticeKind.MEDITATION,
    2: PracticeKind.MEDITATION,
    3: PracticeKind.SLOW_BREATHING,
    4: PracticeKind.MEDITATION,
    6: PracticeKind.MEDITATION,
}
NAP_MAX = dt.timedelta(hours=3)
NAP_HOURS = range(9, 20)
HR_BATCH = 8192


def _tz(offset: Any) -> dt.tzinfo:
    return offset_seconds(float(offset)) if isinstance(offset, int | float) else dt.UTC


def _at(ms: Any, offset: Any, where: str, what: str) -> dt.datetime:
    if not isinstance(ms, int | float):
        raise ImportFormatError(f"{what}: {ms!r} is not a time (ms since 1970)", path=where)
    try:
        return dt.datetime.fromtimestamp(ms / 1000.0, _tz(offset))
    except (InputError, OverflowError, OSError, ValueError) as exc:
        raise ImportFormatError(f"{what}: {ms!r} is not a time: {exc}", path=where) from None


def _key(table: str, uuid: Any, row_id: Any) -> str:
    ident = uuid.hex() if isinstance(uuid, bytes) else str(uuid if uuid is not None else row_id)
    return f"hc:{table.removesuffix('_record_table')}:{ident}"


class HealthConnectImporter:
    """``read(path)``: a Health Connect export zip or its SQLite database."""

    kind = "health-connect"
    label = "Android Health Connect export"
    suffixes: tuple[str, ...] = (".zip", ".db")

    def read(
        self, path: Path, mapping: ImportMapping | None = None, progress: ProgressFn | None = None
    ) -> Iterator[Record]:
        path = Path(path)
        with self._database(path, progress) as (db, where):
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not any(t in tables for t in KNOWN_TABLES):
                raise ImportFormatError(
                    f"a SQLite database without Health Connect's tables ({', '.join(KNOWN_TABLES)}): not {EXPECTED}",
                    path=where,
                )
            cols = {t: {r[1] for r in db.execute(f'PRAGMA table_info("{t}")')} for t in tables}
            if "sleep_session_record_table" in tables:
                yield from one_per_night(self._sleep(db, where, "sleep_stages_table" in tables))
            if "exercise_session_record_table" in tables:
                yield from self._exercise(db, where, cols["exercise_session_record_table"])
            if "heart_rate_record_table" in tables and "heart_rate_record_series_table" in tables:
                yield from self._heart_rate(db, where)
            yield from self._daily(db, where, tables)
            if "mindfulness_session_record_table" in tables:
                yield from self._mindfulness(db, where, cols["mindfulness_session_record_table"])

    @staticmethod
    @contextmanager
    def _database(path: Path, progress: ProgressFn | None) -> Iterator[tuple[sqlite3.Connection, str]]:
        if path.is_dir():
            raise ImportFormatError(f"a folder: expected {EXPECTED}", path=path)
        if not path.exists():
            raise ImportFormatError("no such file", path=path)
        tmp: Path | None = None
        where = str(path)
        if files.is_zip(path):
            found = [m for m in files.members(path) if m.basename.endswith(".db")]
            if not found:
                raise ImportFormatError(f"zip holds no .db database: expected {EXPECTED}", path=path)
            member: Member = found[0]
            prog = Progress(member.size, progress)
            fd, name = tempfile.mkstemp(suffix=".db", prefix="norepi-hc-")
            tmp = Path(name)
            with open(fd, "wb") as out, member.open() as raw:
                shutil.copyfileobj(files.CountingReader(raw, prog), out, 1 << 20)
            db_path, where = tmp, member.where
        else:
            db_path = path
            prog = Progress(path.stat().st_size, progress)
        try:
            with open(db_path, "rb") as f:
                if f.read(16) != files.SQLITE_MAGIC:
                    raise ImportFormatError(f"not a SQLite database: expected {EXPECTED}", path=where)
            db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
            try:
                yield db, where
            except sqlite3.DatabaseError as exc:
                raise ImportFormatError(f"broken database: {exc}", path=where) from None
            finally:
                db.close()
            prog.finish()
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)

    @staticmethod
    def _sleep(db: sqlite3.Connection, where: str, has_stages: bool) -> Iterator[SleepRec]:
        rows = db.execute(
            "SELECT row_id, uuid, start_time, start_zone_offset, end_time, end_zone_offset "
            "FROM sleep_session_record_table ORDER BY start_time"
        )
        for row_id, uuid, start_ms, start_off, end_ms, end_off in rows.fetchall():
            bed = _at(start_ms, start_off, where, "sleep start_time")
            wake = _at(end_ms, end_off, where, "sleep end_time")
            stages = []
            if has_stages:
                for s, e, kind in db.execute(
                    "SELECT stage_start_time, stage_end_time, stage_type FROM sleep_stages_table "
                    "WHERE parent_key = ? ORDER BY stage_start_time",
                    (row_id,),
                ):
                    stage = STAGES.get(kind)
                    if stage is not None and e > s:
                        stages.append((_at(s, start_off, where, "stage"), _at(e, start_off, where, "stage"), stage))
            nap = wake - bed <= NAP_MAX and bed.hour in NAP_HOURS
            yield sleep_rec(
                _key("sleep_session_record_table", uuid, row_id),
                bed,
                wake,
                where=where,
                line=None,
                nap=nap,
                source=SOURCE,
                stages=tuple(stages),
            )

    @staticmethod
    def _exercise(db: sqlite3.Connection, where: str, cols: set[str]) -> Iterator[ExerciseRec]:
        title = "title" if "title" in cols else "NULL"
        for row_id, uuid, start_ms, off, end_ms, kind, name in db.execute(
            f"SELECT row_id, uuid, start_time, start_zone_offset, end_time, exercise_type, {title} "
            "FROM exercise_session_record_table ORDER BY start_time"
        ):
            start = _at(start_ms, off, where, "exercise start_time")
            minutes = (end_ms - start_ms) / 60000.0 if isinstance(end_ms, int | float) else 0.0
            if minutes <= 0:
                continue
            activity = EXERCISES.get(kind) or EXERCISE_NAMES.get(kind) or "other"
            try:
                session = ExerciseSession(activity, start, minutes, source=SOURCE)
            except InputError as exc:
                raise ImportFormatError(
                    f"exercise {name or activity} at {start.isoformat()}: {exc}", path=where
                ) from None
            yield ExerciseRec(session, _key("exercise_session_record_table", uuid, row_id), attach_hr=True)

    @staticmethod
    def _heart_rate(db: sqlite3.Connection, where: str) -> Iterator[HeartRateSeriesRec]:
        batch: list[tuple[dt.datetime, float]] = []
        zones: dict[Any, dt.tzinfo] = {}
        rows = db.execute(
            "SELECT s.epoch_millis, s.beats_per_minute, r.start_zone_offset FROM heart_rate_record_series_table s "
            "JOIN heart_rate_record_table r ON r.row_id = s.parent_key ORDER BY s.epoch_millis"
        )
        for ms, bpm, off in rows:
            if not isinstance(bpm, int | float) or not HR_MIN_BPM <= bpm <= HR_MAX_BPM:
                raise ImportFormatError(
                    f"heart rate {bpm!r} bpm at {ms} ms is outside {HR_MIN_BPM:g}-{HR_MAX_BPM:g} bpm", path=where
                )
            tz = zones.get(off)
            if tz is None:
                tz = zones[off] = _tz(off)
            batch.append((dt.datetime.fromtimestamp(ms / 1000.0, tz), float(bpm)))
            if len(batch) >= HR_BATCH:
                yield HeartRateSeriesRec(tuple(batch), SOURCE)
                batch.clear()
        if batch:
            yield HeartRateSeriesRec(tuple(batch), SOURCE)

    @staticmethod
    def _daily(db: sqlite3.Connection, where: str, tables: set[str]) -> Iterator[ObservationRec]:
        for table, column, kind in (
            ("resting_heart_rate_record_table", "beats_per_minute", ObservationKind.RESTING_HR_BPM),
            (
                "heart_rate_variability_rmssd_record_table",
                "heart_rate_variability_millis",
                ObservationKind.HRV_RMSSD_MS,
            ),
        ):
            if table not in tables:
                continue
            by_day: dict[dt.date, list[float]] = {}
            for ms, off, value in db.execute(f'SELECT time, zone_offset, "{column}" FROM "{table}"'):
                if isinstance(value, int | float):
                    by_day.setdefault(_at(ms, off, where, table).date(), []).append(float(value))
            for day in sorted(by_day):
                try:
                    obs = Observation(day, kind, statistics.median(by_day[day]), SOURCE)
                except InputError as exc:
                    raise ImportFormatError(f"{table} on {day.isoformat()}: {exc}", path=where) from None
                yield ObservationRec(obs, f"hc:{kind.value}:{day.isoformat()}")

    @staticmethod
    def _mindfulness(db: sqlite3.Connection, where: str, cols: set[str]) -> Iterator[PracticeRec]:
        kind_col = (
            "type" if "type" in cols else ("mindfulness_session_type" if "mindfulness_session_type" in cols else "NULL")
        )
        for row_id, uuid, start_ms, off, end_ms, kind in db.execute(
            f"SELECT row_id, uuid, start_time, start_zone_offset, end_time, {kind_col} "
            "FROM mindfulness_session_record_table ORDER BY start_time"
        ):
            practice = MINDFULNESS.get(kind if isinstance(kind, int) else 0)
            if practice is None or not isinstance(end_ms, int | float):
                continue
            start = _at(start_ms, off, where, "mindfulness start_time")
            try:
                p = Practice(practice, start, (end_ms - start_ms) / 60000.0, SOURCE)
            except InputError as exc:
                raise ImportFormatError(f"mindfulness session at {start.isoformat()}: {exc}", path=where) from None
            yield PracticeRec(p, _key("mindfulness_session_record_table", uuid, row_id))
