"""Storing what importers read: one transaction per file, idempotent, with the person's remembered mappings.

A file already imported (same SHA-256) is a no-op; a record already stored (same source and natural key) is not
added twice, so overlapping exports of the same app add only what is new. Importers never write; this module
never imports an importer: it is handed one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy import insert as orm_insert
from sqlalchemy.orm import Session

from norepi.checksums import file_sha256
from norepi.errors import ImportFormatError, InputError, MappingNeeded, NorepiError
from norepi.foods.linking import link_name
from norepi.foods.understand import amount_for
from norepi.journal.lifestyle import (
    exercise_row,
    merge_observation,
    merge_ratings,
    practice_row,
    sleep_row,
    stress_event_row,
    to_utc,
)
from norepi.journal.lifestyle_tables import (
    CronometerDay,
    CronometerServing,
    DietaryRecord,
    ExerciseRecord,
    HeartRateSample,
    ObservationRecord,
    PracticeRecord,
    SleepRecord,
    StressEventRecord,
)
from norepi.journal.lived import check_lived_date, check_lived_moment
from norepi.journal.mapping import parse_target
from norepi.journal.records import (
    DaySummaryRec,
    DietaryRec,
    ExerciseRec,
    FoodCompletenessRec,
    HeartRateRec,
    HeartRateSeriesRec,
    Importer,
    ObservationRec,
    PracticeRec,
    RatingRec,
    Record,
    ServingRec,
    SleepRec,
    StressEventRec,
)
from norepi.journal.tables import FoodDayStatusRecord, FoodEntry, ImportedFile, ImportMappingRecord
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.ratings import check_ratings
from norepi.nutrition.labels import amounts_from_labels

if TYPE_CHECKING:
    from norepi.journal.journal import Journal

BATCH = 5000
KEYS_PER_QUERY = 900  # bound parameters per IN list (SQLite's limit was 999 before 3.32)


@dataclass
class ImportResult:
    """What an import added, per record kind; ``unchanged`` when the file was imported before."""

    path: Path
    kind: str
    added: dict[str, int] = field(default_factory=dict)
    unchanged: bool = False
    linked_foods: int = 0
    unlinked_foods: int = 0


@dataclass(frozen=True)
class ImportedServing:
    """A serving from another app with that app's own amounts (nutrient keys and units); ``entry_id`` is the
    food-log entry it was linked to, None when no food matched."""

    entry_id: int | None
    date: dt.date
    time: dt.time | None
    name: str
    amount: str
    amounts: dict[str, float]
    category: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _insert_ignore(s: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """ORM bulk insert that skips rows whose natural key is already stored (through the person's scope)."""
    if not rows:
        return
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    s.execute(insert(model).on_conflict_do_nothing(), rows)


_COUNTED: dict[str, Any] = {
    "exercise": ExerciseRecord,
    "sleep": SleepRecord,
    "practice": PracticeRecord,
    "stress_event": StressEventRecord,
    "heart_rate": HeartRateSample,
    "dietary": DietaryRecord,
    "serving": CronometerServing,
    "observation": ObservationRecord,
}


class _Writer:
    """Rows of one import, batched by table, written in the import's transaction."""

    def __init__(self, s: Session, journal: Journal, kind: str, result: ImportResult,
                 links: Mapping[tuple[str, str], tuple[str, float] | None]) -> None:
        self.s, self.j, self.kind, self.result, self.links = s, journal, kind, result, links
        self.pending: dict[type, list[dict[str, Any]]] = {}
        self.servings: list[ServingRec] = []  # written in batches: a year of servings is ~9k rows
        self.scales = journal.lifestyle.rating_scales()

    def add(self, model: type, row: dict[str, Any]) -> None:
        rows = self.pending.setdefault(model, [])
        rows.append(row)
        if len(rows) >= BATCH:
            _insert_ignore(self.s, model, rows)
            rows.clear()

    def flush(self) -> None:
        self._write_servings()
        for model, rows in self.pending.items():
            _insert_ignore(self.s, model, rows)
            rows.clear()

    def count(self, what: str, n: int = 1) -> None:
        self.result.added[what] = self.result.added.get(what, 0) + n

    # one handler per record type
    def exercise(self, rec: ExerciseRec) -> None:
        session = rec.session
        if rec.attach_hr and not session.hr_stream:
            self.flush()
            session = _attach_hr(self.s, session)
        self.add(ExerciseRecord, exercise_row(session, self.kind, rec.key, rec.laps, rec.zones))

    def sleep(self, rec: SleepRec) -> None:
        self.add(SleepRecord, sleep_row(rec.period, self.kind, rec.key, rec.stage_min))

    def practice(self, rec: PracticeRec) -> None:
        self.add(PracticeRecord, practice_row(rec.practice, self.kind, rec.key))

    def stress_event(self, rec: StressEventRec) -> None:
        self.add(StressEventRecord, stress_event_row(rec.event, self.kind, rec.key))

    def heart_rate(self, rec: HeartRateRec) -> None:
        at, _ = to_utc(rec.at)
        self.add(HeartRateSample, dict(at_utc=at, bpm=rec.bpm, source=self.kind))

    def heart_rate_series(self, rec: HeartRateSeriesRec) -> None:
        for at, bpm in rec.samples:
            self.add(HeartRateSample, dict(at_utc=to_utc(at)[0], bpm=bpm, source=self.kind))

    def dietary(self, rec: DietaryRec) -> None:
        check_lived_moment(rec.at, "at")
        at, off = to_utc(rec.at)
        self.add(DietaryRecord, dict(at_utc=at, utc_offset_min=off, kind=rec.kind, value=rec.value, unit=rec.unit,
                                     source=self.kind, natural_key=rec.key))

    def observation(self, rec: ObservationRec) -> None:
        merge_observation(self.s, rec.observation)

    def rating(self, rec: RatingRec) -> None:
        check_lived_date(rec.date, "date")
        try:
            values = check_ratings(dict(rec.values), self.scales)
        except InputError as exc:
            raise ImportFormatError(f"{rec.origin + ': ' if rec.origin else ''}{exc}", path=self.result.path) from None
        changed = merge_ratings(self.s, rec.date, values, self.kind)
        if changed:
            self.count("ratings", changed)

    def food_complete(self, rec: FoodCompletenessRec) -> None:
        check_lived_date(rec.date, "date")
        row = self.s.scalars(select(FoodDayStatusRecord).where(FoodDayStatusRecord.date == rec.date)).first()
        if row is None:
            self.s.add(FoodDayStatusRecord(date=rec.date, complete=rec.complete, source=self.kind))
        elif row.complete == rec.complete:
            return
        else:
            row.complete, row.source = rec.complete, self.kind
        self.count("food_day_status")

    def serving(self, rec: ServingRec) -> None:
        check_lived_date(rec.date, "date")
        self.servings.append(rec)
        if len(self.servings) >= BATCH:
            self._write_servings()

    def _write_servings(self) -> None:
        """The buffered servings not stored before (by natural key), each linked one with its food-log entry:
        one query for the keys already stored, one multi-row insert per table (ids returned in row order)."""
        batch, self.servings = self.servings, []
        if not batch:
            return
        keys = list(dict.fromkeys(r.key for r in batch))
        stored: set[str] = set()
        for i in range(0, len(keys), KEYS_PER_QUERY):
            stored.update(self.s.scalars(select(CronometerServing.natural_key)
                                         .where(CronometerServing.natural_key.in_(keys[i:i + KEYS_PER_QUERY]))))
        new: list[ServingRec] = []
        for r in batch:
            if r.key not in stored:
                stored.add(r.key)  # a key twice in one batch is stored once, as row by row
                new.append(r)
        now = _now()
        entries = [(r, self.links.get((r.food_name, r.amount))) for r in new]
        linked = [dict(date=r.date, time=r.time, ndb_no=link[0], grams=link[1],
                       portion_text=f"{r.amount} {r.food_name}"[:500], source=self.kind, created_at=now)
                  for r, link in entries if link is not None]
        ids = iter(self.s.scalars(orm_insert(FoodEntry).returning(FoodEntry.id, sort_by_parameter_order=True), linked)
                   .all() if linked else ())
        rows = []
        for r, link in entries:
            entry_id = next(ids) if link is not None else None
            rows.append(dict(date=r.date, time=r.time.isoformat() if r.time else "", meal_group=r.group,
                             food_name=r.food_name[:200], amount=r.amount[:60], energy_kcal=r.energy_kcal,
                             phenylalanine_mg=r.phenylalanine_mg, tyrosine_mg=r.tyrosine_mg,
                             category=r.category[:40], nutrients=r.nutrients, food_entry_id=entry_id,
                             natural_key=r.key))
        self.result.linked_foods += len(linked)
        self.result.unlinked_foods += len(rows) - len(linked)
        _insert_ignore(self.s, CronometerServing, rows)

    def day_summary(self, rec: DaySummaryRec) -> None:
        check_lived_date(rec.date, "date")
        row = self.s.scalars(select(CronometerDay).where(CronometerDay.date == rec.date)).first()
        if row is None:
            self.s.add(CronometerDay(date=rec.date, nutrients=rec.nutrients))
        elif row.nutrients == rec.nutrients:
            return
        else:
            row.nutrients = rec.nutrients
        self.count("daily_summary")


_HANDLERS: dict[type, Callable[[_Writer, Any], None]] = {
    ExerciseRec: _Writer.exercise,
    SleepRec: _Writer.sleep,
    PracticeRec: _Writer.practice,
    StressEventRec: _Writer.stress_event,
    HeartRateRec: _Writer.heart_rate,
    HeartRateSeriesRec: _Writer.heart_rate_series,
    DietaryRec: _Writer.dietary,
    ObservationRec: _Writer.observation,
    RatingRec: _Writer.rating,
    FoodCompletenessRec: _Writer.food_complete,
    ServingRec: _Writer.serving,
    DaySummaryRec: _Writer.day_summary,
}


def _attach_hr(s: Session, e: ExerciseSession) -> ExerciseSession:
    start, _ = to_utc(e.start)
    end = start + dt.timedelta(minutes=e.duration_min)
    rows = s.execute(select(HeartRateSample.at_utc, HeartRateSample.bpm)
                     .where(HeartRateSample.at_utc >= start, HeartRateSample.at_utc <= end)
                     .order_by(HeartRateSample.at_utc)).all()
    if not rows:
        return e
    stream = tuple(((t - start).total_seconds(), float(b)) for t, b in rows)
    return ExerciseSession(e.activity, e.start, e.duration_min, e.avg_hr_bpm, e.max_hr_bpm, stream, e.rpe_cr10,
                           e.avg_power_w, e.source, e.record_id)


def check_zip(path: Path) -> None:
    """ImportFormatError when a file named ``.zip`` is empty, not a zip archive, or a truncated or damaged one
    (said before any importer reads it as something else)."""
    if not (path.is_file() and path.suffix.lower() == ".zip"):
        return
    import zipfile

    size = path.stat().st_size
    if size == 0:
        raise ImportFormatError("an empty file (0 bytes), not a zip archive: export or copy it again", path=path)
    with open(path, "rb") as f:
        head = f.read(4)
    if head not in (b"PK\x03\x04", b"PK\x05\x06"):
        raise ImportFormatError("not a zip archive (it does not start like one), though its name ends in .zip",
                                path=path)
    try:
        with zipfile.ZipFile(path):
            pass
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ImportFormatError(f"a truncated or damaged zip archive ({size:,} bytes): download or copy it again",
                                path=path) from None


def check_mapping(mapping: Mapping[str, str], rating_names: Iterable[str]) -> None:
    """InputError naming the first mapping whose target is not understood or names a rating not defined."""
    names = set(rating_names)
    for column, text in mapping.items():
        target = parse_target(text, column)
        if target.what == "rating" and target.name not in names:
            raise InputError(f"{column!r} -> {text!r}: no rating {target.name!r}; define it first "
                             f"(yours: {', '.join(sorted(names))})", field="mapping")


class Imports:
    """File imports of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def mapping(self, source: str) -> dict[str, str]:
        """The person's remembered mapping for ``source`` (column -> target)."""
        with self._j.scope.transaction() as s:
            rows = s.execute(select(ImportMappingRecord.column, ImportMappingRecord.target)
                             .where(ImportMappingRecord.source == source)).all()
        return dict(rows)

    def remember_mapping(self, source: str, mapping: Mapping[str, str]) -> dict[str, str]:
        """Add or change column mappings for ``source`` (checked first); returns the whole mapping."""
        check_mapping(mapping, self._j.lifestyle.rating_scales())
        with self._j.scope.transaction() as s:
            existing = {r.column: r for r in s.scalars(select(ImportMappingRecord)
                                                       .where(ImportMappingRecord.source == source))}
            for column, target in mapping.items():
                row = existing.get(column)
                if row is None:
                    s.add(ImportMappingRecord(source=source, column=column[:200], target=target))
                else:
                    row.target = target
        return self.mapping(source)

    def import_file(self, path: str | Path, importer: Importer, mapping: Mapping[str, str] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ImportResult:
        """Import one file with ``importer`` in one transaction (all or nothing). ``mapping`` adds to the
        remembered mapping of the importer's source and is remembered once the import succeeds."""
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder", field="path")
        check_zip(path)
        given = dict(mapping or {})
        if given:
            check_mapping(given, self._j.lifestyle.rating_scales())
        full = {**self.mapping(importer.kind), **given}
        digest = file_sha256(path) if path.is_file() else None
        result = ImportResult(path, importer.kind)
        if digest is not None:
            with self._j.scope.transaction() as s:
                if s.scalars(select(ImportedFile.id).where(ImportedFile.sha256 == digest)).first() is not None:
                    result.unchanged = True
                    return result
        records: Iterable[Record] = importer.read(path, full or None, progress)
        links: dict[tuple[str, str], tuple[str, float] | None] = {}
        if importer.kind == "cronometer":
            records = list(records)  # food links are resolved before the write transaction
            links = self.link_servings([r for r in records if isinstance(r, ServingRec)])
        with self._j.scope.transaction() as s:
            before = {k: int(s.scalar(select(func.count()).select_from(m)) or 0) for k, m in _COUNTED.items()}
            writer = _Writer(s, self._j, importer.kind, result, links)
            try:
                for rec in records:
                    _HANDLERS[type(rec)](writer, rec)
            except NorepiError as exc:
                if isinstance(exc, ImportFormatError | MappingNeeded):
                    raise
                raise ImportFormatError(str(exc), path=path) from None
            writer.flush()
            s.flush()
            for k, m in _COUNTED.items():
                n = int(s.scalar(select(func.count()).select_from(m)) or 0) - before[k]
                if n:
                    result.added[k] = n
            if digest is not None:
                s.add(ImportedFile(sha256=digest, kind=importer.kind, name=path.name[:260], imported_at=_now(),
                                   counts=result.added))
        if given:
            self.remember_mapping(importer.kind, given)
        return result

    def link_servings(self, servings: Sequence[ServingRec]) -> dict[tuple[str, str], tuple[str, float] | None]:
        """(food name, amount) -> (NDB number, grams) of the food each serving matches, or None."""
        foods = self._j.foods
        out: dict[tuple[str, str], tuple[str, float] | None] = {}
        if foods.release() is None:
            return {(r.food_name, r.amount): None for r in servings}
        index = foods.index()
        for r in servings:
            key = (r.food_name, r.amount)
            if key in out:
                continue
            out[key] = None
            link = link_name(r.food_name, index)
            record = foods.record(link.food_id) if link else None
            if record is None:
                continue
            try:
                out[key] = (record.food_id, amount_for(r.amount, record).grams)
            except NorepiError:
                out[key] = None
        return out

    def servings(self, start: dt.date, end: dt.date) -> list[ImportedServing]:
        """Servings imported from a food app from ``start`` to ``end`` with the app's own tracked amounts."""
        with self._j.scope.transaction() as s:
            rows = s.execute(select(CronometerServing.food_entry_id, CronometerServing.date, CronometerServing.time,
                                    CronometerServing.food_name, CronometerServing.amount,
                                    CronometerServing.nutrients, CronometerServing.category)
                             .where(CronometerServing.date >= start, CronometerServing.date <= end)
                             .order_by(CronometerServing.date, CronometerServing.id)).all()
        return [ImportedServing(eid, d, dt.time.fromisoformat(t) if t else None, name, amount,
                                amounts_from_labels(nutrients), category)
                for eid, d, t, name, amount, nutrients, category in rows]

    def app_totals(self, date: dt.date) -> dict[str, float]:
        """Sum of the food app's own per-serving values (column -> value) of the servings imported for ``date``."""
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(CronometerServing.nutrients).where(CronometerServing.date == date)).all()
        out: dict[str, float] = {}
        for nutrients in rows:
            for k, v in nutrients.items():
                out[k] = out.get(k, 0.0) + v
        return out

    def app_day_summary(self, date: dt.date) -> dict[str, float] | None:
        """The food app's own daily summary for ``date`` as imported (None if not imported)."""
        with self._j.scope.transaction() as s:
            return s.scalars(select(CronometerDay.nutrients).where(CronometerDay.date == date)).first()

    def food_day_status(self, start: dt.date, end: dt.date) -> dict[dt.date, bool]:
        """Dates whose food log a source flagged complete (True) or partial (False)."""
        with self._j.scope.transaction() as s:
            return dict(s.execute(select(FoodDayStatusRecord.date, FoodDayStatusRecord.complete)
                                  .where(FoodDayStatusRecord.date >= start, FoodDayStatusRecord.date <= end)).all())
