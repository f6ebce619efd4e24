"""One person's rows in every personal table, written the way the app writes them (shared by the isolation and
export tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from norepi.journal import JournalDatabase
from norepi.journal.journal import Journal
from norepi.journal.lifestyle_tables import CronometerDay, CronometerServing, DietaryRecord, HeartRateSample
from norepi.journal.tables import FoodChoiceRecord, FoodDayStatusRecord, ImportedFile, Person
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.ratings import RatingScale
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, StressEvent
from norepi.profile import Profile
from norepi.vocab import ObservationKind

DAY = dt.date(2026, 11, 20)
TZ = dt.timezone(dt.timedelta(hours=1))


def at(hour: int, day: int = 20) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=TZ)


def fill(a: Journal) -> dict[str, int]:
    """Rows of person ``a`` in every personal table; returns the ids the other person will try to reach."""
    a.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), dt.date(2026, 1, 1))
    entry = a.log_food("01123", "2 large", DAY, dt.time(8))
    life = a.lifestyle
    life.set_heart_profile(resting_hr_bpm=58, effective_on=dt.date(2026, 1, 1))
    ids = {
        "entry": entry.id,
        "exercise": life.log_exercise(ExerciseSession("run", at(7), 30, avg_hr_bpm=150)),
        "sleep": life.log_sleep(SleepPeriod(at(23, 19), at(7))),
        "practice": life.log_practice(Practice("meditation", at(21), 10)),
        "stress_event": life.log_stress_event(StressEvent(at(15), 7, "deadline")),
        "observation": life.log_observation(Observation(DAY, ObservationKind.RESTING_HR_BPM, 55.0, "whoop")),
    }
    ids["pss10"] = int(life.log_pss10([2, 3, 1, 3, 2, 1, 2, 3, 1, 2], DAY).record_id or 0)
    life.define_rating(RatingScale("tiredness", "tiredness", 0, 5, higher_is_better=False))
    life.log_ratings(DAY, {"mood": 7, "tiredness": 2})
    a.imports.remember_mapping("loop", {"Tiredness": "rating:tiredness"})
    ids["plan"] = a.plans.save(DAY, 1, {"days": 1}, {"days": []})
    ids["experiment"] = a.experiments.save("practice_min", "meditate", "mood", DAY, 7, "ABBA", 1).id
    with a.scope.transaction() as s:  # tables that only imports fill
        s.add_all([
            HeartRateSample(at_utc=dt.datetime(2026, 11, 20, 6), bpm=60.0, source="apple-health"),
            DietaryRecord(at_utc=dt.datetime(2026, 11, 20, 6), utc_offset_min=60, kind="DietaryProtein", value=20,
                          unit="g", source="apple-health", natural_key="k1"),
            CronometerServing(date=DAY, time="08:00", meal_group="Breakfast", food_name="Eggs", amount="2 large",
                              nutrients={"Energy (kcal)": 143.0}, natural_key="s1", food_entry_id=entry.id),
            CronometerDay(date=DAY, nutrients={"Energy (kcal)": 143.0}),
            FoodDayStatusRecord(date=DAY, complete=True, source="loop"),
            FoodChoiceRecord(phrase="eggs", ndb_no="01123", chosen_at=dt.datetime(2026, 11, 20)),
            ImportedFile(sha256="0" * 64, kind="csv", name="x.csv", imported_at=dt.datetime(2026, 11, 20),
                         counts={}),
        ])
    return ids




def two_persons(db_path: Path) -> tuple[JournalDatabase, Journal, Journal]:
    """A database holding persons 1 and 2, and their journals."""
    database = JournalDatabase(db_path)
    with database.db.transaction() as s:
        s.add(Person(id=2, created_at=dt.datetime(2026, 11, 1), data_version=0))
    return database, database.journal(1), database.journal(2)
