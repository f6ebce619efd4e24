"""Lifestyle records (exercise, sleep, practices, stress, ratings) in the journal, and file imports.

Every function that writes is one transaction; an import is one transaction per file, so a file lands
whole or not at all, and importing it again adds nothing (file hash, then per-record natural keys).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from norepi.checksums import file_sha256
from norepi.errors import DataMissing, InputError, NorepiError
from norepi.journal.lifestyle_models import (
    CronometerDay,
    CronometerServing,
    DietaryRecord,
    ExerciseRecord,
    HeartProfileRecord,
    HeartRateSample,
    ImportedFile,
    PracticeRecord,
    Pss10Record,
    RatingRecord,
    SleepRecord,
    StressEventRecord,
)
from norepi.journal.models import FoodEntry
from norepi.lifestyle.exercise import ExerciseSession, HeartProfile, exercise_week, session_facts
from norepi.lifestyle.sleep import SleepPeriod, sleep_week
from norepi.lifestyle.stress import (
    RATINGS,
    Practice,
    StressEvent,
    check_ratings,
    pss10_band,
    pss10_score,
)

if TYPE_CHECKING:
    from norepi.journal.records import Importer, Record
    from norepi.journal.journal import Journal

BATCH = 5000


# ---- time helpers ---------------------------------------------------------------------------------------


def aware(t: dt.datetime) -> dt.datetime:
    """``t`` with a UTC offset: naive times are taken as this machine's local time."""
    return t if t.tzinfo is not None else t.astimezone()


def _to_utc(t: dt.datetime) -> tuple[dt.datetime, int]:
    t = aware(t)
    off = t.utcoffset() or dt.timedelta()
    return t.astimezone(dt.UTC).replace(tzinfo=None), round(off.total_seconds() / 60)


def _local(utc: dt.datetime, offset_min: int) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(minutes=offset_min))
    return utc.replace(tzinfo=dt.UTC).astimezone(tz)


def _iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


# ---- heart profile ---------------------------------------------------------------------------------------


def set_heart_profile(
    journal: Journal,
    resting_hr_bpm: float | None = None,
    max_hr_bpm: float | None = None,
    sleep_need_h: float | None = None,
    effective_on: dt.date | None = None,
) -> HeartProfile:
    """Record resting / maximal heart rate (bpm) and sleep need (h) from ``effective_on`` (default
    today); values not given are carried over from the current version."""
    on = effective_on or dt.date.today()
    current = _heart_row(journal, on)
    rest = resting_hr_bpm if resting_hr_bpm is not None else (current.resting_hr_bpm if current else None)
    mx = max_hr_bpm if max_hr_bpm is not None else (current.max_hr_bpm if current else None)
    need = sleep_need_h if sleep_need_h is not None else (current.sleep_need_h if current else None)
    kwargs = {k: v for k, v in (("resting_hr_bpm", rest), ("max_hr_bpm", mx), ("sleep_need_h", need)) if v is not None}
    hp = HeartProfile(**kwargs)  # validates before anything is written
    with journal.db.transaction() as s:
        s.add(
            HeartProfileRecord(
                user_id=journal.user_id, effective_on=on, resting_hr_bpm=rest, max_hr_bpm=mx, sleep_need_h=need
            )
        )
    return hp


def _heart_row(journal: Journal, on: dt.date) -> HeartProfileRecord | None:
    with journal.db.transaction() as s:
        return s.scalars(
            select(HeartProfileRecord)
            .where(HeartProfileRecord.user_id == journal.user_id, HeartProfileRecord.effective_on <= on)
            .order_by(HeartProfileRecord.effective_on.desc(), HeartProfileRecord.id.desc())
            .limit(1)
        ).first()


def heart_profile(journal: Journal, on: dt.date | None = None) -> HeartProfile:
    """Heart profile in effect on ``on``: stored values, HRmax from age (Tanaka) when not stored."""
    on = on or dt.date.today()
    row = _heart_row(journal, on)
    kwargs: dict[str, float] = {}
    if row is not None:
        kwargs = {
            k: v
            for k, v in (
                ("resting_hr_bpm", row.resting_hr_bpm),
                ("max_hr_bpm", row.max_hr_bpm),
                ("sleep_need_h", row.sleep_need_h),
            )
            if v is not None
        }
    hp = HeartProfile(**kwargs)
    try:
        age: float | None = journal.profile(on).age_years
    except DataMissing:
        age = None
    return hp.with_age(age)


# ---- logging ----------------------------------------------------------------------------------------------


def _insert(journal: Journal, model: type, values: dict[str, Any]) -> int:
    """Add one row of ``model`` in its own transaction; returns its id."""
    with journal.db.transaction() as s:
        row = model(**values)
        s.add(row)
        s.flush()
        return int(row.id)


def _manual_key(kind: str) -> str:
    return f"manual:{kind}:{dt.datetime.now(dt.UTC).isoformat()}:{id(object())}"


def _exercise_row(
    journal: Journal, e: ExerciseSession, source: str, key: str, laps: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    start, off = _to_utc(e.start)
    return dict(
        user_id=journal.user_id,
        start_utc=start,
        utc_offset_min=off,
        activity=e.activity,
        duration_min=e.duration_min,
        avg_hr_bpm=e.avg_hr_bpm,
        max_hr_bpm=e.max_hr_bpm,
        rpe_cr10=e.rpe_cr10,
        avg_power_w=e.avg_power_w,
        hr_stream=[list(p) for p in e.hr_stream] or None,
        laps=list(laps) or None,
        source=source,
        natural_key=key,
    )


def log_exercise(journal: Journal, session: ExerciseSession) -> int:
    """Store a session (validated on construction); returns its id."""
    return _insert(journal, ExerciseRecord, _exercise_row(journal, session, "manual", _manual_key("exercise")))


def _sleep_row(journal: Journal, p: SleepPeriod, source: str, key: str) -> dict[str, Any]:
    bed, off = _to_utc(p.bed)
    wake, off = _to_utc(p.wake)
    return dict(
        user_id=journal.user_id,
        bed_utc=bed,
        wake_utc=wake,
        utc_offset_min=off,
        stages=[[_iso(a), _iso(b), st] for a, b, st in p.stages] or None,
        source=source,
        natural_key=key,
    )


def log_sleep(journal: Journal, period: SleepPeriod) -> int:
    """Store a sleep period; returns its id."""
    return _insert(journal, SleepRecord, _sleep_row(journal, period, "manual", _manual_key("sleep")))


def _practice_row(journal: Journal, p: Practice, source: str, key: str) -> dict[str, Any]:
    start, off = _to_utc(p.start)
    return dict(
        user_id=journal.user_id,
        kind=p.kind,
        start_utc=start,
        utc_offset_min=off,
        duration_min=p.duration_min,
        source=source,
        natural_key=key,
    )


def log_practice(journal: Journal, practice: Practice) -> int:
    """Store a practice (meditation, slow breathing, nature); returns its id."""
    return _insert(journal, PracticeRecord, _practice_row(journal, practice, "manual", _manual_key("practice")))


def log_stress_event(journal: Journal, event: StressEvent) -> int:
    """Store an acute stress event; returns its id."""
    at, off = _to_utc(event.at)
    with journal.db.transaction() as s:
        row = StressEventRecord(
            user_id=journal.user_id, at_utc=at, utc_offset_min=off, intensity=event.intensity, note=event.note
        )
        s.add(row)
        s.flush()
        return row.id


def log_pss10(journal: Journal, answers: Sequence[int], on: dt.date) -> int:
    """Store a completed PSS-10 taken on ``on``; returns the total (0-40)."""
    total = pss10_score(answers)
    with journal.db.transaction() as s:
        s.add(Pss10Record(user_id=journal.user_id, date=on, answers=list(answers), total=total))
    return total


def _merge_rating(s: Session, user_id: int, on: dt.date, values: dict[str, int], source: str) -> None:
    row = s.scalars(select(RatingRecord).where(RatingRecord.user_id == user_id, RatingRecord.date == on)).first()
    if row is None:
        row = RatingRecord(user_id=user_id, date=on, source=source)
        s.add(row)
    for k, v in values.items():
        setattr(row, k, v)


def log_ratings(journal: Journal, on: dt.date, **values: int | None) -> dict[str, int]:
    """Set the day's self-ratings (focus, energy, mood, motivation: 1-10); others are kept."""
    checked = check_ratings(values)
    with journal.db.transaction() as s:
        _merge_rating(s, journal.user_id, on, checked, "manual")
    return checked


# ---- reading ------------------------------------------------------------------------------------------------


def _to_session(r: ExerciseRecord) -> ExerciseSession:
    return ExerciseSession(
        r.activity,
        _local(r.start_utc, r.utc_offset_min),
        r.duration_min,
        r.avg_hr_bpm,
        r.max_hr_bpm,
        tuple((float(t), float(b)) for t, b in (r.hr_stream or ())),
        r.rpe_cr10,
        r.avg_power_w,
    )


def _to_period(r: SleepRecord) -> SleepPeriod:
    stages = tuple((dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b), st) for a, b, st in (r.stages or ()))
    return SleepPeriod(_local(r.bed_utc, r.utc_offset_min), _local(r.wake_utc, r.utc_offset_min), stages)


def _window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    # UTC bounds wide enough for any offset (-14 h .. +14 h); rows are then filtered by local date
    return (
        dt.datetime.combine(start - dt.timedelta(days=1), dt.time()),
        dt.datetime.combine(end + dt.timedelta(days=2), dt.time()),
    )


def sessions(journal: Journal, start: dt.date, end: dt.date) -> list[ExerciseSession]:
    """Exercise sessions starting on local dates ``start`` .. ``end``, in time order."""
    lo, hi = _window(start, end)
    with journal.db.transaction() as s:
        rows = s.scalars(
            select(ExerciseRecord)
            .where(
                ExerciseRecord.user_id == journal.user_id, ExerciseRecord.start_utc >= lo, ExerciseRecord.start_utc < hi
            )
            .order_by(ExerciseRecord.start_utc)
        ).all()
        out = [_to_session(r) for r in rows]
    return [e for e in out if start <= e.start.date() <= end]


def sleep_periods(journal: Journal, start: dt.date, end: dt.date) -> list[SleepPeriod]:
    """Sleep periods ending on local dates ``start`` .. ``end``, in time order."""
    lo, hi = _window(start, end)
    with journal.db.transaction() as s:
        rows = s.scalars(
            select(SleepRecord)
            .where(SleepRecord.user_id == journal.user_id, SleepRecord.wake_utc >= lo, SleepRecord.wake_utc < hi)
            .order_by(SleepRecord.wake_utc)
        ).all()
        out = [_to_period(r) for r in rows]
    return [p for p in out if start <= p.night_of <= end]


def practices(journal: Journal, start: dt.date, end: dt.date) -> list[Practice]:
    """Practices starting on local dates ``start`` .. ``end``."""
    lo, hi = _window(start, end)
    with journal.db.transaction() as s:
        rows = s.scalars(
            select(PracticeRecord)
            .where(
                PracticeRecord.user_id == journal.user_id, PracticeRecord.start_utc >= lo, PracticeRecord.start_utc < hi
            )
            .order_by(PracticeRecord.start_utc)
        ).all()
        out = [Practice(r.kind, _local(r.start_utc, r.utc_offset_min), r.duration_min) for r in rows]
    return [p for p in out if start <= p.start.date() <= end]


def stress_events(journal: Journal, start: dt.date, end: dt.date) -> list[StressEvent]:
    """Acute stress events on local dates ``start`` .. ``end``."""
    lo, hi = _window(start, end)
    with journal.db.transaction() as s:
        rows = s.scalars(
            select(StressEventRecord)
            .where(
                StressEventRecord.user_id == journal.user_id,
                StressEventRecord.at_utc >= lo,
                StressEventRecord.at_utc < hi,
            )
            .order_by(StressEventRecord.at_utc)
        ).all()
        out = [StressEvent(_local(r.at_utc, r.utc_offset_min), r.intensity, r.note) for r in rows]
    return [e for e in out if start <= e.at.date() <= end]


def latest_pss10(journal: Journal, on: dt.date) -> tuple[dt.date, int] | None:
    """(date, total) of the latest PSS-10 taken on or before ``on``."""
    with journal.db.transaction() as s:
        row = s.execute(
            select(Pss10Record.date, Pss10Record.total)
            .where(Pss10Record.user_id == journal.user_id, Pss10Record.date <= on)
            .order_by(Pss10Record.date.desc(), Pss10Record.id.desc())
            .limit(1)
        ).first()
    return (row[0], row[1]) if row else None


def ratings(journal: Journal, on: dt.date) -> dict[str, int | None]:
    """The day's self-ratings ({} when none)."""
    with journal.db.transaction() as s:
        row = s.scalars(
            select(RatingRecord).where(RatingRecord.user_id == journal.user_id, RatingRecord.date == on)
        ).first()
        return {k: getattr(row, k) for k in RATINGS} if row else {}


def lifestyle_day(journal: Journal, date: dt.date) -> dict[str, Any]:
    """The day JSON's lifestyle keys (exercise, sleep, practices, stress, ratings) for ``date``."""
    heart = heart_profile(journal, date)
    exercise = []
    for e in sessions(journal, date, date):
        f = session_facts(e, heart)
        exercise.append(
            {
                "start": _iso(e.start),
                "type": e.activity,
                "duration_min": round(e.duration_min, 1),
                "avg_hr": None if f.avg_hr_bpm is None else round(f.avg_hr_bpm),
                "max_hr": None if f.max_hr_bpm is None else round(f.max_hr_bpm),
                "intensity": f.intensity,
                "hrr_fraction": None if f.hrr_fraction is None else round(f.hrr_fraction, 3),
                "load": round(f.load_nm_min, 1),
                "minutes_by_band": {k: round(v, 1) for k, v in f.minutes_by_band.items() if v},
            }
        )
    sleep = [
        {"start": _iso(p.bed), "end": _iso(p.wake), "duration_min": round(p.duration_min, 1)}
        for p in sleep_periods(journal, date, date)
    ]
    prac = [
        {"kind": p.kind, "start": _iso(p.start), "duration_min": round(p.duration_min, 1)}
        for p in practices(journal, date, date)
    ]
    events = [{"at": _iso(e.at), "intensity": e.intensity, "note": e.note} for e in stress_events(journal, date, date)]
    pss = latest_pss10(journal, date)
    stress: dict[str, Any] = {}
    if pss or events:
        stress = {
            "pss10": pss[1] if pss else None,
            "band": pss10_band(pss[1]) if pss else None,
            "pss10_date": pss[0].isoformat() if pss else None,
            "events": events,
        }
    return {
        "exercise": exercise,
        "sleep": sleep,
        "practices": prac,
        "stress": stress,
        "ratings": ratings(journal, date),
    }


@dataclass(frozen=True)
class WeekSummary:
    """Exercise and sleep of the 7 days from ``start``, plus practice minutes by kind."""

    start: dt.date
    exercise: dict[str, Any]
    sleep: dict[str, Any]
    practice_min: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        end = self.start + dt.timedelta(days=6)
        return {
            "start": self.start.isoformat(),
            "end": end.isoformat(),
            "exercise": self.exercise,
            "sleep": self.sleep,
            "practice_min": self.practice_min,
        }


def week(journal: Journal, start: dt.date, sleep_need_h: float | None = None) -> WeekSummary:
    """Weekly summary of the 7 days ``start`` .. ``start + 6``."""
    end = start + dt.timedelta(days=6)
    heart = heart_profile(journal, end)
    ex = exercise_week(session_facts(e, heart) for e in sessions(journal, start, end))
    periods = sleep_periods(journal, start - dt.timedelta(days=1), end + dt.timedelta(days=1))
    sl = sleep_week(periods, start, sleep_need_h if sleep_need_h is not None else heart.sleep_need_h)
    prac: dict[str, float] = {}
    for p in practices(journal, start, end):
        prac[p.kind] = prac.get(p.kind, 0.0) + p.duration_min
    return WeekSummary(start, ex.as_dict(), sl.as_dict(), prac)


# ---- Cronometer totals ------------------------------------------------------------------------------------


def cronometer_totals(journal: Journal, date: dt.date) -> dict[str, float]:
    """Sum of Cronometer's own per-serving values (column -> value) of the servings imported for ``date``."""
    with journal.db.transaction() as s:
        rows = s.scalars(
            select(CronometerServing.nutrients).where(
                CronometerServing.user_id == journal.user_id, CronometerServing.date == date
            )
        ).all()
    out: dict[str, float] = {}
    for nutrients in rows:
        for k, v in nutrients.items():
            out[k] = out.get(k, 0.0) + v
    return out


@dataclass(frozen=True)
class ImportedServing:
    """A serving from another app with that app's own amounts (day JSON keys and units); ``entry_id`` is the
    food-log entry it was linked to, None when no USDA food matched."""

    entry_id: int | None
    date: dt.date
    time: dt.time | None
    name: str
    amount: str
    amounts: dict[str, float]


def imported_servings(journal: Journal, start: dt.date, end: dt.date) -> list[ImportedServing]:
    """Cronometer servings from ``start`` to ``end`` with Cronometer's own values of the tracked nutrients."""
    from norepi.importers.cronometer import tracked_amounts

    with journal.db.transaction() as s:
        rows = s.scalars(
            select(CronometerServing)
            .where(
                CronometerServing.user_id == journal.user_id,
                CronometerServing.date >= start,
                CronometerServing.date <= end,
            )
            .order_by(CronometerServing.date, CronometerServing.id)
        ).all()
        return [
            ImportedServing(
                r.food_entry_id,
                r.date,
                dt.time.fromisoformat(r.time) if r.time else None,
                r.food_name,
                r.amount,
                tracked_amounts(r.nutrients),
            )
            for r in rows
        ]


def cronometer_summary(journal: Journal, date: dt.date) -> dict[str, float] | None:
    """Cronometer's own daily summary for ``date`` as imported (None if not imported)."""
    with journal.db.transaction() as s:
        return s.scalars(
            select(CronometerDay.nutrients).where(CronometerDay.user_id == journal.user_id, CronometerDay.date == date)
        ).first()


# ---- imports -------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import added, per record kind; ``unchanged`` when the file was imported before."""

    path: Path
    kind: str
    added: dict[str, int] = field(default_factory=dict)
    unchanged: bool = False
    linked_foods: int = 0
    unlinked_foods: int = 0


def _insert_ignore(s: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    conn = s.connection()
    table = model.__table__  # type: ignore[attr-defined]  # Core insert: no ORM bookkeeping per row
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)


def _count(s: Session, model: Any, uid: int) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(model.user_id == uid)) or 0)


_COUNTED: dict[str, Any] = {
    "exercise": ExerciseRecord,
    "sleep": SleepRecord,
    "practice": PracticeRecord,
    "heart_rate": HeartRateSample,
    "dietary": DietaryRecord,
    "serving": CronometerServing,
}


def import_file(
    journal: Journal, path: str | Path, importer: Importer, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Import one file with ``importer`` in one transaction; a file already imported is a no-op, and
    records already present (same natural key) are skipped."""
    from norepi.journal.records import (
        DaySummaryRec,
        DietaryRec,
        ExerciseRec,
        HeartRateRec,
        PracticeRec,
        RatingRec,
        ServingRec,
        SleepRec,
    )

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file", field="path")
    digest = file_sha256(path)
    result = ImportResult(path, importer.kind)
    uid = journal.user_id
    with journal.db.transaction() as s:
        if (
            s.scalars(select(ImportedFile.id).where(ImportedFile.user_id == uid, ImportedFile.sha256 == digest)).first()
            is not None
        ):
            result.unchanged = True
            return result
    records: Iterable[Record] = importer.read(path, progress)
    links: dict[tuple[str, str], tuple[str, float] | None] = {}
    if importer.kind == "cronometer":
        records = list(records)  # small files: food links are resolved before the write transaction
        links = _link_servings(journal, [r for r in records if isinstance(r, ServingRec)])
    with journal.db.transaction() as s:
        before = {k: _count(s, m, uid) for k, m in _COUNTED.items()}
        hr_batch: list[dict[str, Any]] = []
        other: dict[type, list[dict[str, Any]]] = {}
        ratings_added = 0

        def flush() -> None:
            _insert_ignore(s, HeartRateSample, hr_batch)
            hr_batch.clear()
            for model, rows in other.items():
                _insert_ignore(s, model, rows)
                rows.clear()

        def add(model: type, row: dict[str, Any]) -> None:
            rows = other.setdefault(model, [])
            rows.append(row)
            if len(rows) >= BATCH:
                _insert_ignore(s, model, rows)
                rows.clear()

        for rec in records:
            if isinstance(rec, HeartRateRec):
                at, _ = _to_utc(rec.at)
                hr_batch.append(dict(user_id=uid, at_utc=at, bpm=rec.bpm, source=importer.kind))
                if len(hr_batch) >= BATCH:
                    _insert_ignore(s, HeartRateSample, hr_batch)
                    hr_batch.clear()
            elif isinstance(rec, ExerciseRec):
                session = rec.session
                if rec.attach_hr and not session.hr_stream:
                    flush()
                    session = _attach_hr(s, uid, session)
                add(ExerciseRecord, _exercise_row(journal, session, importer.kind, rec.key, rec.laps))
            elif isinstance(rec, SleepRec):
                add(SleepRecord, _sleep_row(journal, rec.period, importer.kind, rec.key))
            elif isinstance(rec, PracticeRec):
                add(PracticeRecord, _practice_row(journal, rec.practice, importer.kind, rec.key))
            elif isinstance(rec, DietaryRec):
                at, off = _to_utc(rec.at)
                add(
                    DietaryRecord,
                    dict(
                        user_id=uid,
                        at_utc=at,
                        utc_offset_min=off,
                        kind=rec.kind,
                        value=rec.value,
                        unit=rec.unit,
                        source=importer.kind,
                        natural_key=rec.key,
                    ),
                )
            elif isinstance(rec, RatingRec):
                _merge_rating(s, uid, rec.date, rec.values, importer.kind)
                ratings_added += 1
            elif isinstance(rec, ServingRec):
                _add_serving(s, journal, rec, links.get((rec.food_name, rec.amount)), result)
            elif isinstance(rec, DaySummaryRec):
                row = s.scalars(
                    select(CronometerDay).where(CronometerDay.user_id == uid, CronometerDay.date == rec.date)
                ).first()
                if row is None:
                    s.add(CronometerDay(user_id=uid, date=rec.date, nutrients=rec.nutrients))
                else:
                    row.nutrients = rec.nutrients
                result.added["daily_summary"] = result.added.get("daily_summary", 0) + 1
        flush()
        s.flush()
        for k, m in _COUNTED.items():
            n = _count(s, m, uid) - before[k]
            if n:
                result.added[k] = n
        if ratings_added:
            result.added["ratings"] = ratings_added
        s.add(
            ImportedFile(
                user_id=uid,
                sha256=digest,
                kind=importer.kind,
                name=path.name[:260],
                imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                counts=result.added,
            )
        )
    return result


def _attach_hr(s: Session, uid: int, e: ExerciseSession) -> ExerciseSession:
    start, _ = _to_utc(e.start)
    end = start + dt.timedelta(minutes=e.duration_min)
    rows = s.execute(
        select(HeartRateSample.at_utc, HeartRateSample.bpm)
        .where(HeartRateSample.user_id == uid, HeartRateSample.at_utc >= start, HeartRateSample.at_utc <= end)
        .order_by(HeartRateSample.at_utc)
    ).all()
    if not rows:
        return e
    stream = tuple(((t - start).total_seconds(), float(b)) for t, b in rows)
    return ExerciseSession(
        e.activity, e.start, e.duration_min, e.avg_hr_bpm, e.max_hr_bpm, stream, e.rpe_cr10, e.avg_power_w
    )


def _link_servings(journal: Journal, servings: Sequence[Any]) -> dict[tuple[str, str], tuple[str, float] | None]:
    """(food name, amount) -> (NDB number, grams) of the USDA food it matches, or None."""
    from norepi.foods.amounts import to_grams
    from norepi.journal.journal import MIN_MATCH_SCORE

    out: dict[tuple[str, str], tuple[str, float] | None] = {}
    if journal.food_release() is None:
        return {(r.food_name, r.amount): None for r in servings}
    for r in servings:
        key = (r.food_name, r.amount)
        if key in out:
            continue
        out[key] = None
        try:
            hits = journal.search_foods(r.food_name, 3)
            if hits and hits[0].score >= MIN_MATCH_SCORE:
                info = journal.food(hits[0].ndb_no)
                out[key] = (info.ndb_no, to_grams(r.amount, info.portions, info.description))
        except NorepiError:
            out[key] = None
    return out


def _add_serving(s: Session, journal: Journal, r: Any, link: tuple[str, float] | None, result: ImportResult) -> None:
    uid = journal.user_id
    exists = s.scalars(
        select(CronometerServing.id).where(CronometerServing.user_id == uid, CronometerServing.natural_key == r.key)
    ).first()
    if exists is not None:
        return
    entry_id = None
    if link is not None:
        entry = FoodEntry(
            user_id=uid,
            date=r.date,
            time=r.time,
            ndb_no=link[0],
            grams=link[1],
            portion_text=f"{r.amount} {r.food_name}"[:500],
            source="cronometer",
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        s.add(entry)
        s.flush()
        entry_id = entry.id
        result.linked_foods += 1
    else:
        result.unlinked_foods += 1
    s.add(
        CronometerServing(
            user_id=uid,
            date=r.date,
            time=r.time.isoformat() if r.time else "",
            meal_group=r.group,
            food_name=r.food_name[:200],
            amount=r.amount[:60],
            energy_kcal=r.energy_kcal,
            phenylalanine_mg=r.phenylalanine_mg,
            tyrosine_mg=r.tyrosine_mg,
            nutrients=r.nutrients,
            food_entry_id=entry_id,
            natural_key=r.key,
        )
    )
