"""Lifestyle records of one person: exercise, sleep, practices, stress, ratings (and their scales), daily
observations, the heart profile. Log, remove, and read them for a range of local dates.

Instants are stored as naive UTC with the local UTC offset in minutes beside them, so that a record shows the
local time it was lived in. Every method that writes is one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from norepi.errors import DataMissing, InputError, NotFound
from norepi.journal.lifestyle_tables import (
    ExerciseRecord,
    HeartProfileRecord,
    ObservationRecord,
    PracticeRecord,
    Pss10Record,
    RatingScaleRecord,
    RatingValueRecord,
    SleepRecord,
    StressEventRecord,
)
from norepi.journal.lived import check_lived_date, check_lived_moment
from norepi.lifestyle.exercise import ExerciseSession, HeartProfile
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.ratings import Rating, RatingScale, check_ratings, scales_with
from norepi.lifestyle.sleep import SleepPeriod, overlapping
from norepi.lifestyle.stress import Practice, Pss10Result, StressEvent, pss10_score
from norepi.vocab import SleepStage

if TYPE_CHECKING:
    from norepi.journal.journal import Journal

SLEEP_OVERLAP = ("refuse", "replace")


# ---- time -----------------------------------------------------------------------------------------------


def aware(t: dt.datetime) -> dt.datetime:
    """``t`` with a UTC offset: naive times are taken as this machine's local time."""
    return t if t.tzinfo is not None else t.astimezone()


def to_utc(t: dt.datetime) -> tuple[dt.datetime, int]:
    """(naive UTC, local offset in minutes) of an instant."""
    t = aware(t)
    off = t.utcoffset() or dt.timedelta()
    return t.astimezone(dt.UTC).replace(tzinfo=None), round(off.total_seconds() / 60)


def local(utc: dt.datetime, offset_min: int) -> dt.datetime:
    """The aware local time of a stored instant."""
    return utc.replace(tzinfo=dt.UTC).astimezone(dt.timezone(dt.timedelta(minutes=offset_min)))


def utc_window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC bounds wide enough for local dates ``start`` .. ``end`` in any offset (-14 h .. +14 h)."""
    return (dt.datetime.combine(start - dt.timedelta(days=1), dt.time()),
            dt.datetime.combine(end + dt.timedelta(days=2), dt.time()))


def manual_key() -> str:
    """A natural key for a record a person logged by hand (unique; imports use their source's own ids)."""
    return f"manual:{uuid.uuid4().hex}"


# ---- rows <-> values ---------------------------------------------------------------------------------------


def exercise_row(e: ExerciseSession, source: str, key: str, laps: Sequence[dict[str, Any]] = (),
                 zones: Sequence[Any] = ()) -> dict[str, Any]:
    check_lived_moment(e.start, "start")
    start, off = to_utc(e.start)
    return dict(start_utc=start, utc_offset_min=off, activity=e.activity, duration_min=e.duration_min,
                avg_hr_bpm=e.avg_hr_bpm, max_hr_bpm=e.max_hr_bpm, rpe_cr10=e.rpe_cr10, avg_power_w=e.avg_power_w,
                hr_stream=[list(p) for p in e.hr_stream] or None, laps=list(laps) or None,
                hr_zones=[[z.name, z.minutes, z.low_bpm, z.high_bpm] for z in zones] or None, source=source,
                natural_key=key)


def sleep_row(p: SleepPeriod, source: str, key: str, stage_min: Mapping[Any, float] | None = None) -> dict[str, Any]:
    check_lived_moment(p.bed, "bed")
    check_lived_moment(p.wake, "wake")
    bed, _ = to_utc(p.bed)
    wake, off = to_utc(p.wake)
    minutes = stage_min or p.stage_min
    return dict(bed_utc=bed, wake_utc=wake, utc_offset_min=off,
                stages=[[a.isoformat(timespec="seconds"), b.isoformat(timespec="seconds"), str(st)]
                        for a, b, st in p.stages] or None,
                asleep_min=p.asleep_min, stage_min={str(k): float(v) for k, v in minutes.items()} or None,
                is_nap=p.nap, source=source, natural_key=key)


def practice_row(p: Practice, source: str, key: str) -> dict[str, Any]:
    check_lived_moment(p.start, "start")
    start, off = to_utc(p.start)
    return dict(kind=str(p.kind), start_utc=start, utc_offset_min=off, duration_min=p.duration_min, source=source,
                natural_key=key)


def stress_event_row(e: StressEvent, source: str, key: str | None) -> dict[str, Any]:
    check_lived_moment(e.at, "at")
    at, off = to_utc(e.at)
    return dict(at_utc=at, utc_offset_min=off, intensity=e.intensity, note=e.note, source=source, natural_key=key)


def _session(r: ExerciseRecord) -> ExerciseSession:
    return ExerciseSession(r.activity, local(r.start_utc, r.utc_offset_min), r.duration_min, r.avg_hr_bpm,
                           r.max_hr_bpm, tuple((float(t), float(b)) for t, b in (r.hr_stream or ())), r.rpe_cr10,
                           r.avg_power_w, r.source, r.id)


def _period(r: SleepRecord) -> SleepPeriod:
    stages = tuple((dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b), st) for a, b, st in (r.stages or ()))
    return SleepPeriod(local(r.bed_utc, r.utc_offset_min), local(r.wake_utc, r.utc_offset_min), stages,  # type: ignore[arg-type]
                       r.asleep_min, bool(r.is_nap), r.source, r.id,
                       {SleepStage(k): v for k, v in (r.stage_min or {}).items()})


class Lifestyle:
    """Lifestyle records of the journal's person."""

    def __init__(self, journal: Journal) -> None:
        self._j = journal

    def _add(self, model: type, values: dict[str, Any]) -> int:
        with self._j.scope.transaction() as s:
            row = model(**values)
            s.add(row)
            s.flush()
            return int(row.id)

    def _delete(self, model: type, record_id: int, what: str) -> None:
        with self._j.scope.transaction() as s:
            row = s.get(model, record_id)
            if row is None:
                raise NotFound(f"no {what} {record_id}")
            s.delete(row)

    # ---- heart profile
    def set_heart_profile(self, resting_hr_bpm: float | None = None, max_hr_bpm: float | None = None,
                          sleep_need_h: float | None = None, effective_on: dt.date | None = None) -> HeartProfile:
        """Record resting / maximal heart rate (bpm) and sleep need (h) from ``effective_on`` (default today);
        values not given are carried over from the current version."""
        on = effective_on or dt.date.today()
        current = self._heart_rows(on, on).get(on)
        rest = resting_hr_bpm if resting_hr_bpm is not None else (current.resting_hr_bpm if current else None)
        mx = max_hr_bpm if max_hr_bpm is not None else (current.max_hr_bpm if current else None)
        need = sleep_need_h if sleep_need_h is not None else (current.sleep_need_h if current else None)
        values = {k: v for k, v in (("resting_hr_bpm", rest), ("max_hr_bpm", mx), ("sleep_need_h", need))
                  if v is not None}
        hp = HeartProfile(**values)  # validates before anything is written
        self._add(HeartProfileRecord, dict(effective_on=on, resting_hr_bpm=rest, max_hr_bpm=mx, sleep_need_h=need))
        return hp

    def _heart_rows(self, start: dt.date, end: dt.date) -> dict[dt.date, HeartProfileRecord | None]:
        """The heart-profile row in effect on each date ``start`` .. ``end`` (one query)."""
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(HeartProfileRecord).where(HeartProfileRecord.effective_on <= end)
                             .order_by(HeartProfileRecord.effective_on, HeartProfileRecord.id)).all()
        out: dict[dt.date, HeartProfileRecord | None] = {}
        i, current = 0, None
        day = start
        while day <= end:
            while i < len(rows) and rows[i].effective_on <= day:
                current = rows[i]
                i += 1
            out[day] = current
            day += dt.timedelta(days=1)
        return out

    def heart_profiles(self, start: dt.date, end: dt.date, ages: dict[dt.date, float | None]) -> dict[dt.date,
                                                                                                      HeartProfile]:
        """The heart profile in effect on each date, HRmax from age (Tanaka) where not stored (``ages``: the
        profile's age on each date, None when unknown)."""
        out: dict[dt.date, HeartProfile] = {}
        cache: dict[tuple[int | None, float | None], HeartProfile] = {}
        for day, row in self._heart_rows(start, end).items():
            key = (row.id if row else None, ages.get(day))
            if key not in cache:
                values = {} if row is None else {k: v for k, v in (("resting_hr_bpm", row.resting_hr_bpm),
                                                                    ("max_hr_bpm", row.max_hr_bpm),
                                                                    ("sleep_need_h", row.sleep_need_h))
                                                 if v is not None}
                cache[key] = HeartProfile(**values).with_age(ages.get(day))
            out[day] = cache[key]
        return out

    def heart_profile(self, on: dt.date | None = None) -> HeartProfile:
        """The heart profile in effect on ``on`` (default today)."""
        on = on or dt.date.today()
        try:
            age: float | None = self._j.profile(on).age_years
        except DataMissing:
            age = None
        return self.heart_profiles(on, on, {on: age})[on]

    # ---- log and remove
    def log_exercise(self, session: ExerciseSession) -> int:
        """Store a session (validated on construction); returns its id."""
        return self._add(ExerciseRecord, exercise_row(session, "manual", manual_key()))

    def delete_exercise(self, record_id: int) -> None:
        self._delete(ExerciseRecord, record_id, "exercise session")

    def log_sleep(self, period: SleepPeriod, on_overlap: str = "refuse") -> int:
        """Store a sleep period; returns its id. A period overlapping one already stored is refused (naming it),
        or replaces it with ``on_overlap="replace"``: a night is never counted twice."""
        if on_overlap not in SLEEP_OVERLAP:
            raise InputError(f"{on_overlap!r} is not one of {', '.join(SLEEP_OVERLAP)}", field="on_overlap")
        with self._j.scope.transaction() as s:
            lo, hi = to_utc(period.bed)[0] - dt.timedelta(hours=24), to_utc(period.wake)[0] + dt.timedelta(hours=24)
            near = s.scalars(select(SleepRecord).where(SleepRecord.wake_utc >= lo, SleepRecord.bed_utc <= hi)).all()
            clash = [r for r in near if overlapping(_period(r), period)]
            if clash and on_overlap == "refuse":
                old = _period(clash[0])
                raise InputError(
                    f"overlaps the sleep already logged {old.bed:%Y-%m-%d %H:%M}-{old.wake:%H:%M} "
                    f"({old.source}); replace it or log another time", field="sleep")
            for r in clash:
                s.delete(r)
            row = SleepRecord(**sleep_row(period, "manual", manual_key()))
            s.add(row)
            s.flush()
            return int(row.id)

    def delete_sleep(self, record_id: int) -> None:
        self._delete(SleepRecord, record_id, "sleep period")

    def log_practice(self, practice: Practice) -> int:
        """Store a practice (meditation, slow breathing, nature); returns its id."""
        return self._add(PracticeRecord, practice_row(practice, "manual", manual_key()))

    def delete_practice(self, record_id: int) -> None:
        self._delete(PracticeRecord, record_id, "practice")

    def log_stress_event(self, event: StressEvent) -> int:
        """Store an acute stress event; returns its id."""
        return self._add(StressEventRecord, stress_event_row(event, "manual", None))

    def delete_stress_event(self, record_id: int) -> None:
        self._delete(StressEventRecord, record_id, "stress event")

    def log_pss10(self, answers: Sequence[int], on: dt.date) -> Pss10Result:
        """Store a completed PSS-10 taken on ``on``; returns its result (total 0-40)."""
        check_lived_date(on, "date")
        total = pss10_score(answers)
        rid = self._add(Pss10Record, dict(date=on, answers=list(answers), total=total))
        return Pss10Result(total, on, rid)

    def delete_pss10(self, record_id: int) -> None:
        self._delete(Pss10Record, record_id, "PSS-10")

    # ---- ratings
    def rating_scales(self) -> dict[str, RatingScale]:
        """The person's ratings by name: the four defaults and the ones they defined."""
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(RatingScaleRecord).order_by(RatingScaleRecord.id)).all()
            return scales_with(RatingScale(r.name, r.label, r.low, r.high, r.higher_is_better, r.question, r.step)
                               for r in rows)

    def define_rating(self, scale: RatingScale) -> RatingScale:
        """Add a rating (or change one's label, question or direction; its range only while no value lies
        outside the new range)."""
        with self._j.scope.transaction() as s:
            outside = s.scalars(select(RatingValueRecord.value).where(
                RatingValueRecord.name == scale.name,
                (RatingValueRecord.value < scale.low) | (RatingValueRecord.value > scale.high))).first()
            if outside is not None:
                raise InputError(f"{scale.name} already has the value {outside:g}, outside {scale.range_text}",
                                 field="high")
            row = s.scalars(select(RatingScaleRecord).where(RatingScaleRecord.name == scale.name)).first()
            if row is None:
                row = RatingScaleRecord(name=scale.name)
                s.add(row)
            row.label, row.low, row.high, row.step = scale.label, scale.low, scale.high, scale.step
            row.higher_is_better, row.question = scale.higher_is_better, scale.question
        return scale

    def log_ratings(self, on: dt.date, values: dict[str, float | None], source: str = "manual") -> dict[str, float]:
        """Set the day's ratings by name, each checked against its scale; ratings not given are kept."""
        check_lived_date(on, "date")
        checked = check_ratings(values, self.rating_scales())
        with self._j.scope.transaction() as s:
            merge_ratings(s, on, checked, source)
        return checked

    def delete_rating(self, on: dt.date, name: str) -> None:
        """Remove the rating ``name`` of ``on``; NotFound if there is none."""
        with self._j.scope.transaction() as s:
            row = s.scalars(select(RatingValueRecord).where(RatingValueRecord.date == on,
                                                            RatingValueRecord.name == name)).first()
            if row is None:
                raise NotFound(f"no {name} rating on {on}")
            s.delete(row)

    # ---- observations
    def log_observation(self, observation: Observation) -> int:
        """Store (or replace, for the same date, kind and source) a daily observation; returns its id."""
        with self._j.scope.transaction() as s:
            return merge_observation(s, observation)

    def delete_observation(self, record_id: int) -> None:
        self._delete(ObservationRecord, record_id, "observation")

    # ---- reading a range of local dates
    def sessions(self, start: dt.date, end: dt.date) -> list[ExerciseSession]:
        """Exercise sessions starting on local dates ``start`` .. ``end``, in time order."""
        lo, hi = utc_window(start, end)
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(ExerciseRecord).where(ExerciseRecord.start_utc >= lo, ExerciseRecord.start_utc < hi)
                             .order_by(ExerciseRecord.start_utc)).all()
            out = [_session(r) for r in rows]
        return [e for e in out if start <= e.start.date() <= end]

    def sleep_periods(self, start: dt.date, end: dt.date) -> list[SleepPeriod]:
        """Sleep periods ending on local dates ``start`` .. ``end``, in time order (every source's)."""
        lo, hi = utc_window(start, end)
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(SleepRecord).where(SleepRecord.wake_utc >= lo, SleepRecord.wake_utc < hi)
                             .order_by(SleepRecord.wake_utc)).all()
            out = [_period(r) for r in rows]
        return [p for p in out if start <= p.night_of <= end]

    def practices(self, start: dt.date, end: dt.date) -> list[Practice]:
        """Practices starting on local dates ``start`` .. ``end``."""
        lo, hi = utc_window(start, end)
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(PracticeRecord).where(PracticeRecord.start_utc >= lo, PracticeRecord.start_utc < hi)
                             .order_by(PracticeRecord.start_utc)).all()
            out = [Practice(r.kind, local(r.start_utc, r.utc_offset_min), r.duration_min, r.source,  # type: ignore[arg-type]
                            r.id) for r in rows]
        return [p for p in out if start <= p.start.date() <= end]

    def stress_events(self, start: dt.date, end: dt.date) -> list[StressEvent]:
        """Acute stress events on local dates ``start`` .. ``end``."""
        lo, hi = utc_window(start, end)
        with self._j.scope.transaction() as s:
            rows = s.scalars(select(StressEventRecord).where(StressEventRecord.at_utc >= lo,
                                                             StressEventRecord.at_utc < hi)
                             .order_by(StressEventRecord.at_utc)).all()
            out = [StressEvent(local(r.at_utc, r.utc_offset_min), r.intensity, r.note, r.id) for r in rows]
        return [e for e in out if start <= e.at.date() <= end]

    def pss10_results(self, end: dt.date) -> list[Pss10Result]:
        """Every PSS-10 taken on or before ``end``, oldest first."""
        with self._j.scope.transaction() as s:
            rows = s.execute(select(Pss10Record.total, Pss10Record.date, Pss10Record.id)
                             .where(Pss10Record.date <= end).order_by(Pss10Record.date, Pss10Record.id)).all()
        return [Pss10Result(t, d, i) for t, d, i in rows]

    def ratings(self, start: dt.date, end: dt.date) -> dict[dt.date, dict[str, Rating]]:
        """Ratings by date and name from ``start`` to ``end``, each on its scale."""
        scales = self.rating_scales()
        out: dict[dt.date, dict[str, Rating]] = defaultdict(dict)
        with self._j.scope.transaction() as s:
            for d, name, value, source in s.execute(
                    select(RatingValueRecord.date, RatingValueRecord.name, RatingValueRecord.value,
                           RatingValueRecord.source)
                    .where(RatingValueRecord.date >= start, RatingValueRecord.date <= end)):
                if name in scales:
                    out[d][name] = Rating(scales[name], value, source)
        return out

    def observations(self, start: dt.date, end: dt.date) -> list[Observation]:
        """Daily observations from ``start`` to ``end`` (every source's), by date."""
        with self._j.scope.transaction() as s:
            rows = s.execute(select(ObservationRecord.date, ObservationRecord.kind, ObservationRecord.value,
                                    ObservationRecord.source, ObservationRecord.id)
                             .where(ObservationRecord.date >= start, ObservationRecord.date <= end)
                             .order_by(ObservationRecord.date, ObservationRecord.id)).all()
        return [Observation(d, k, v, src, i) for d, k, v, src, i in rows]  # type: ignore[arg-type]


def merge_ratings(s: Session, on: dt.date, values: dict[str, float], source: str) -> int:
    """Set ratings of ``on`` in the caller's transaction (the latest value of each name wins); returns how many
    values were new or changed."""
    check_lived_date(on, "date")
    existing = {r.name: r for r in s.scalars(select(RatingValueRecord).where(RatingValueRecord.date == on,
                                                                             RatingValueRecord.name.in_(values)))}
    changed = 0
    for name, value in values.items():
        row = existing.get(name)
        if row is None:
            s.add(RatingValueRecord(date=on, name=name, value=value, source=source))
            changed += 1
        elif row.value != value or row.source != source:
            row.value, row.source = value, source
            changed += 1
    return changed


def merge_observation(s: Session, o: Observation) -> int:
    """Store or replace (same date, kind, source) an observation in the caller's transaction; returns its id."""
    check_lived_date(o.date, "date")
    row = s.scalars(select(ObservationRecord).where(ObservationRecord.date == o.date,
                                                    ObservationRecord.kind == str(o.kind),
                                                    ObservationRecord.source == o.source)).first()
    if row is None:
        row = ObservationRecord(date=o.date, kind=str(o.kind), value=o.value, source=o.source)
        s.add(row)
    else:
        row.value = o.value
    s.flush()
    return int(row.id)
