"""A journal is bound to one person: through every public method, a second person sees and changes none of the
first person's rows, in every table that holds personal data."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from personal_rows import DAY, at, fill, two_persons
from sqlalchemy import select, text

from norepi.days import summarize
from norepi.db.base import personal_tables
from norepi.errors import NorepiError
from norepi.journal.experiments import Experiments
from norepi.journal.food_log import FoodLog
from norepi.journal.imports import Imports
from norepi.journal.journal import Journal
from norepi.journal.lifestyle import Lifestyle
from norepi.journal.plans import MealPlans
from norepi.journal.profiles import Profiles
from norepi.journal.scope import ScopeViolation
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.ratings import RatingScale
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, StressEvent
from norepi.profile import Profile
from norepi.vocab import ObservationKind


def snapshot(j: Journal, person: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``person`` in every personal table, read without any scope."""
    out = {}
    with j.database.db.engine.connect() as conn:
        for table in personal_tables():
            name = table.__tablename__
            rows = conn.execute(text(f"SELECT * FROM {name} WHERE user_id = :p ORDER BY id"), {"p": person})
            out[name] = [tuple(r) for r in rows]
    return out


# every public method of every store: how the second person calls it, trying to reach the first one's rows
@pytest.fixture
def two(db_path: Path) -> tuple[Journal, Journal]:
    database, a, b = two_persons(db_path)
    yield a, b
    database.close()


def calls(ids: dict[str, int]) -> dict[str, Callable[[Journal], Any]]:
    end = DAY + dt.timedelta(days=1)
    return {
        # Journal
        "Journal.import_foods": lambda j: None,  # food tables are shared, not personal (tested in foods/)
        "Journal.food_release": lambda j: j.food_release(),
        "Journal.search_foods": lambda j: j.search_foods("egg", 3),
        "Journal.food": lambda j: j.food("01123"),
        "Journal.resolve_food": lambda j: j.resolve_food("01123"),
        "Journal.set_profile": lambda j: j.set_profile(Profile(sex="male", age_years=50, weight_kg=90, height_cm=180)),
        "Journal.profile": lambda j: j.profile(DAY),
        "Journal.profile_history": lambda j: j.profile_history(),
        "Journal.targets": lambda j: j.targets(DAY),
        "Journal.log_food": lambda j: j.log_food("01123", "1 large", DAY),
        "Journal.log_many": lambda j: j.log_many([("01123", "1 large", DAY, None)]),
        "Journal.entries": lambda j: j.entries(DAY, end),
        "Journal.delete_entry": lambda j: j.delete_entry(ids["entry"]),
        "Journal.close": lambda j: None,  # closes nothing shared
        "Journal.url": lambda j: j.url,
        # Profiles
        "Profiles.set": lambda j: j.profiles.set(Profile(sex="male", age_years=51, weight_kg=91, height_cm=181)),
        "Profiles.history": lambda j: j.profiles.history(),
        "Profiles.on": lambda j: j.profiles.on(DAY),
        # FoodLog
        "FoodLog.understand": lambda j: j.food_log.understand("2 large eggs", None, DAY),
        "FoodLog.log": lambda j: j.food_log.log("01123", "1 large", DAY),
        "FoodLog.log_many": lambda j: j.food_log.log_many([("01123", "1 large", DAY, None)], replace_source=True),
        "FoodLog.write": lambda j: None,  # the writer behind log/log_many/accept (their transaction)
        "FoodLog.choices": lambda j: j.food_log.choices(),
        "FoodLog.choose": lambda j: j.food_log.choose("eggs", "01129"),
        "FoodLog.log_resolved": lambda j: j.food_log.log_resolved(j.food_log.understand("01123", "1 large", DAY)),
        "FoodLog.entries": lambda j: j.food_log.entries(DAY, end),
        "FoodLog.delete": lambda j: j.food_log.delete(ids["entry"]),
        "FoodLog.update": lambda j: j.food_log.update(ids["entry"], amount="5 large"),
        # Lifestyle
        "Lifestyle.set_heart_profile": lambda j: j.lifestyle.set_heart_profile(resting_hr_bpm=70),
        "Lifestyle.heart_profiles": lambda j: j.lifestyle.heart_profiles(DAY, end, {}),
        "Lifestyle.heart_profile": lambda j: j.lifestyle.heart_profile(DAY),
        "Lifestyle.log_exercise": lambda j: j.lifestyle.log_exercise(ExerciseSession("walk", at(9), 10)),
        "Lifestyle.delete_exercise": lambda j: j.lifestyle.delete_exercise(ids["exercise"]),
        "Lifestyle.log_sleep": lambda j: j.lifestyle.log_sleep(SleepPeriod(at(23, 19), at(7)), "replace"),
        "Lifestyle.delete_sleep": lambda j: j.lifestyle.delete_sleep(ids["sleep"]),
        "Lifestyle.log_practice": lambda j: j.lifestyle.log_practice(Practice("nature", at(12), 20)),
        "Lifestyle.delete_practice": lambda j: j.lifestyle.delete_practice(ids["practice"]),
        "Lifestyle.log_stress_event": lambda j: j.lifestyle.log_stress_event(StressEvent(at(16), 3)),
        "Lifestyle.delete_stress_event": lambda j: j.lifestyle.delete_stress_event(ids["stress_event"]),
        "Lifestyle.log_pss10": lambda j: j.lifestyle.log_pss10([0] * 10, DAY),
        "Lifestyle.delete_pss10": lambda j: j.lifestyle.delete_pss10(ids["pss10"]),
        "Lifestyle.rating_scales": lambda j: j.lifestyle.rating_scales(),
        "Lifestyle.define_rating": lambda j: j.lifestyle.define_rating(RatingScale("tiredness", "tired", 1, 3)),
        "Lifestyle.log_ratings": lambda j: j.lifestyle.log_ratings(DAY, {"mood": 2}),
        "Lifestyle.delete_rating": lambda j: j.lifestyle.delete_rating(DAY, "mood"),
        "Lifestyle.log_observation": lambda j: j.lifestyle.log_observation(
            Observation(DAY, ObservationKind.RESTING_HR_BPM, 80.0, "whoop")),
        "Lifestyle.delete_observation": lambda j: j.lifestyle.delete_observation(ids["observation"]),
        "Lifestyle.sessions": lambda j: j.lifestyle.sessions(DAY, end),
        "Lifestyle.sleep_periods": lambda j: j.lifestyle.sleep_periods(DAY, end),
        "Lifestyle.practices": lambda j: j.lifestyle.practices(DAY, end),
        "Lifestyle.stress_events": lambda j: j.lifestyle.stress_events(DAY, end),
        "Lifestyle.pss10_results": lambda j: j.lifestyle.pss10_results(end),
        "Lifestyle.ratings": lambda j: j.lifestyle.ratings(DAY, end),
        "Lifestyle.observations": lambda j: j.lifestyle.observations(DAY, end),
        # Imports
        "Imports.mapping": lambda j: j.imports.mapping("loop"),
        "Imports.remember_mapping": lambda j: j.imports.remember_mapping("loop", {"Tiredness": "ignore"}),
        "Imports.import_file": lambda j: None,  # stores through the same scope; covered in test_imports.py
        "Imports.link_servings": lambda j: j.imports.link_servings([]),
        "Imports.servings": lambda j: j.imports.servings(DAY, end),
        "Imports.app_totals": lambda j: j.imports.app_totals(DAY),
        "Imports.app_day_summary": lambda j: j.imports.app_day_summary(DAY),
        "Imports.food_day_status": lambda j: j.imports.food_day_status(DAY, end),
        # MealPlans
        "MealPlans.save": lambda j: j.plans.save(DAY, 1, {}, {"days": []}),
        "MealPlans.get": lambda j: j.plans.get(ids["plan"]),
        "MealPlans.accept": lambda j: j.plans.accept(ids["plan"], [("01123", "1 large", DAY, None)]),
        # Experiments
        "Experiments.save": lambda j: j.experiments.save("vigorous_min", "hiit", "energy", DAY, 7, "AB", 2),
        "Experiments.get": lambda j: j.experiments.get(ids["experiment"]),
        "Experiments.stop": lambda j: j.experiments.stop(ids["experiment"]),
    }


def public_methods() -> set[str]:
    out = set()
    for cls in (Journal, Profiles, FoodLog, Lifestyle, Imports, MealPlans, Experiments):
        for name, member in inspect.getmembers(cls):
            if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                out.add(f"{cls.__name__}.{name}")
    return out


def test_every_personal_table_and_every_public_method_is_covered(two: tuple[Journal, Journal]) -> None:
    a, _ = two
    ids = fill(a)
    assert set(calls(ids)) == public_methods()
    empty = [name for name, rows in snapshot(a, 1).items() if not rows]
    assert empty == [], f"fill() leaves these personal tables empty: {empty}"


def test_a_second_person_sees_and_changes_nothing_of_the_first(two: tuple[Journal, Journal]) -> None:
    a, b = two
    ids = fill(a)
    before = snapshot(a, 1)
    seen: dict[str, Any] = {}
    for name, call in calls(ids).items():
        try:
            seen[name] = call(b)
        except NorepiError as exc:
            seen[name] = exc
    after = snapshot(a, 1)
    for name, rows in before.items():
        assert after[name] == rows, f"person 2 changed person 1's rows in {name}"
    assert any(snapshot(b, 2).values()), "person 2's own writes landed (the calls really ran)"
    # what person 2 read is their own or nothing
    assert seen["Journal.entries"] == [e for e in seen["Journal.entries"] if e.id != ids["entry"]]
    assert all(e.id != ids["entry"] for e in seen["FoodLog.entries"])
    assert all(p.record_id != ids["sleep"] for p in seen["Lifestyle.sleep_periods"])
    assert all(s.record_id != ids["exercise"] for s in seen["Lifestyle.sessions"])
    assert all(o.record_id != ids["observation"] for o in seen["Lifestyle.observations"])
    assert "tiredness" not in seen["Lifestyle.rating_scales"]
    assert seen["Imports.mapping"] == {} and seen["FoodLog.choices"] == {}
    assert seen["Imports.servings"] == [] and seen["Imports.app_totals"] == {}
    assert seen["Imports.app_day_summary"] is None and seen["Imports.food_day_status"] == {}
    for name in ("Journal.delete_entry", "FoodLog.delete", "FoodLog.update", "Lifestyle.delete_exercise",
                 "Lifestyle.delete_sleep", "Lifestyle.delete_practice", "Lifestyle.delete_stress_event",
                 "Lifestyle.delete_pss10", "Lifestyle.delete_observation", "MealPlans.get", "MealPlans.accept",
                 "Experiments.get", "Experiments.stop"):
        assert isinstance(seen[name], NorepiError), f"{name} reached person 1's row"
    # and the typed days of person 2 hold nothing of person 1
    days = summarize(b, DAY, DAY)
    assert all(i.entry_id != ids["entry"] for d in days if d.food for i in d.food.items)
    assert all(p.record_id != ids["sleep"] for d in days for p in d.sleep)


def test_a_write_for_another_person_is_refused_by_the_scope(two: tuple[Journal, Journal]) -> None:
    a, b = two
    fill(a)
    from norepi.journal.tables import FoodEntry

    with pytest.raises(ScopeViolation):
        with b.scope.transaction() as s:
            s.add(FoodEntry(user_id=1, date=DAY, ndb_no="01123", grams=1.0, created_at=dt.datetime(2026, 11, 20)))
    with b.scope.transaction() as s:  # an ORM select through the scope sees only person 2
        assert all(e.user_id == 2 for e in s.scalars(select(FoodEntry)))
