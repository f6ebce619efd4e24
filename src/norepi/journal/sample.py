"""The bundled sample journal: two realistic weeks written by the norepi authors for the demo.

Food (``sample_journal.csv``: day 0-13, time, NDB number, amount) and the lifestyle levers
(``sample_lifestyle.csv``: sleep, exercise, practices and daily ratings), plus one PSS-10.
"""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from norepi.journal.food_log import LoggedFood
from norepi.journal.journal import Journal
from norepi.journal.lifestyle import exercise_row, practice_row, sleep_row
from norepi.journal.lifestyle_tables import ExerciseRecord, PracticeRecord, Pss10Record, RatingValueRecord, SleepRecord
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, pss10_score
from norepi.profile import Profile
from norepi.vocab import DefaultRating

SAMPLE_PROFILE = Profile(sex="female", age_years=34, weight_kg=62.0, height_cm=168.0, activity="light")
SAMPLE_DAYS = 14
SAMPLE_PSS10 = (2, 2, 3, 1, 2, 2, 1, 2, 2, 2)  # Cohen PSS-10 answers 0-4; total 23 (moderate)
SOURCE = "sample"


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("norepi.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def sample_rows() -> list[dict[str, str]]:
    """The sample food rows: day (0-13), time, ndb_no, amount."""
    return _rows("sample_journal.csv")


def sample_lifestyle_rows() -> list[dict[str, str]]:
    """The sample lifestyle rows: day, kind (sleep, exercise, meditation, ..., rating), start, minutes, ..."""
    return _rows("sample_lifestyle.csv")


def load_sample(journal: Journal, last_day: dt.date | None = None) -> list[LoggedFood]:
    """Load the sample profile and two weeks ending on ``last_day`` (default today); replaces an earlier load. The
    food and lifestyle records land in one transaction (all or nothing); a rating the person gave on a sample day
    is kept."""
    last_day = last_day or dt.date.today()
    first = last_day - dt.timedelta(days=SAMPLE_DAYS - 1)
    items = [
        (row["ndb_no"], row["amount"], first + dt.timedelta(days=int(row["day"])), dt.time.fromisoformat(row["time"]))
        for row in sample_rows()
    ]
    understood = [journal.food_log.understand(*item) for item in items]
    with journal.scope.transaction() as s:
        logged = journal.food_log.write(s, understood, SOURCE, replace_source=True)
        _load_lifestyle(s, first)
    if not any(prof == SAMPLE_PROFILE for _, prof in journal.profile_history()):
        journal.set_profile(SAMPLE_PROFILE, effective_on=first)
    return logged


def _at(day: dt.date, text: str) -> dt.datetime:
    """``"HH:MM"`` on ``day`` or ``"-1 HH:MM"`` on the day before, in the machine's local time zone."""
    offset, _, clock = text.rpartition(" ")
    date = day + dt.timedelta(days=int(offset or 0))
    return dt.datetime.combine(date, dt.time.fromisoformat(clock)).astimezone()


def _load_lifestyle(s: Session, first: dt.date) -> None:
    """Sleep, exercise, practices and ratings of the sample in the caller's transaction ``s``, replacing an earlier
    load (ratings the person gave on those days are kept)."""
    for model in (ExerciseRecord, SleepRecord, PracticeRecord, RatingValueRecord):
        s.execute(delete(model).where(model.source == SOURCE))
    for row in sample_lifestyle_rows():
        day = first + dt.timedelta(days=int(row["day"]))
        key = f"{SOURCE}:{row['kind']}:{day.isoformat()}"
        kind = row["kind"]
        if kind == "sleep":
            bed = _at(day, row["start"])
            period = SleepPeriod(bed, bed + dt.timedelta(minutes=float(row["minutes"])))
            s.add(SleepRecord(**sleep_row(period, SOURCE, key)))
        elif kind == "exercise":
            session = ExerciseSession(
                activity=row["activity"],
                start=_at(day, row["start"]),
                duration_min=float(row["minutes"]),
                avg_hr_bpm=float(row["avg_hr"]) if row["avg_hr"] else None,
                max_hr_bpm=float(row["max_hr"]) if row["max_hr"] else None,
                rpe_cr10=float(row["rpe"]) if row["rpe"] else None,
            )
            s.add(ExerciseRecord(**exercise_row(session, SOURCE, key)))
        elif kind == "rating":
            rated = set(s.scalars(select(RatingValueRecord.name).where(RatingValueRecord.date == day)))
            s.add_all(RatingValueRecord(date=day, name=r.value, value=float(row[r.value]), source=SOURCE)
                      for r in DefaultRating if r.value not in rated)
        else:
            practice = Practice(kind, _at(day, row["start"]), float(row["minutes"]))  # type: ignore[arg-type]
            s.add(PracticeRecord(**practice_row(practice, SOURCE, key)))
    taken = s.scalars(select(Pss10Record).where(Pss10Record.date == first)).first()
    if taken is None:
        s.add(Pss10Record(date=first, answers=list(SAMPLE_PSS10), total=pss10_score(SAMPLE_PSS10)))
