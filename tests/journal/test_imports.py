"""Files stored by the journal: one transaction per file, nothing twice, the person's mapping remembered, and what
each source gave shown in the typed day (time asleep apart from time in bed, observations, supplements)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from norepi.days import summarize, summarize_day
from norepi.errors import ImportFormatError, InputError, MappingNeeded
from norepi.importers import importer
from norepi.journal.journal import Journal
from norepi.journal.lifestyle_tables import SleepRecord
from norepi.lifestyle.ratings import RatingScale
from norepi.lifestyle.sleep import SleepPeriod
from norepi.operations.imports import BatchStopped, import_files
from norepi.profile import Profile
from norepi.vocab import ObservationKind

EXPORTS = Path(os.environ.get("NOREPI_EXPORTS", Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"))
WHOOP = EXPORTS / "whoop" / "TheOneRichy-whoop_data"
LOOP = EXPORTS / "mood_habit" / "loop" / "rahullath-meshOlake"
DAY = dt.date(2026, 11, 20)
SERVINGS = ["Day", "Time", "Group", "Food Name", "Amount", "Category", "Energy (kcal)", "Protein (g)",
            "Magnesium (mg)", "Vitamin C (mg)"]


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def person(journal: Journal) -> Journal:
    journal.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), dt.date(2020, 1, 1))
    return journal


def _count(j: Journal, model: type) -> int:
    with j.scope.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_food_app_servings_link_count_their_own_values_and_supplements_meet_their_limit(person: Journal,
                                                                                          tmp_path: Path) -> None:
    path = _csv(tmp_path / "servings.csv", SERVINGS, [
        [DAY.isoformat(), "8:00 AM", "Breakfast", "Eggs, Whole, Raw", "2 large", "Dairy and Egg Products",
         143.0, 12.6, 12.0, 0.0],
        [DAY.isoformat(), "9:00 PM", "Uncategorized", "Magnesium Citrate", "1 tablet", "Supplements",
         0.0, 0.0, 400.0, 0.0],
    ])
    result = person.imports.import_file(path, importer("cronometer"))
    assert result.added["serving"] == 2 and result.linked_foods >= 1
    food = summarize_day(person, DAY).food
    assert food is not None
    eggs = next(i for i in food.items if "Egg" in i.description)
    assert eggs.amounts["protein_g"] == pytest.approx(12.6)  # the app's own value, not USDA's
    pill = next(i for i in food.items if i.supplement)
    assert pill.amounts["magnesium_mg"] == pytest.approx(400.0)
    over = {o.key: o for o in food.over_ul}
    assert over["magnesium_mg"].compared == "magnesium from supplements" and over["magnesium_mg"].ul == 350
    assert person.imports.import_file(path, importer("cronometer")).unchanged


def test_a_bad_row_stores_nothing_of_its_file(person: Journal, tmp_path: Path) -> None:
    path = _csv(tmp_path / "servings.csv", SERVINGS, [
        [DAY.isoformat(), "8:00 AM", "Breakfast", "Eggs, Whole, Raw", "2 large", "", 143.0, 12.6, 12.0, 0.0],
        [DAY.isoformat(), "9:00 AM", "Breakfast", "Banana", "1 medium", "", -500.0, 1.3, 32.0, 10.0],
    ])
    from norepi.journal.lifestyle_tables import CronometerServing
    from norepi.journal.tables import FoodEntry

    with pytest.raises(ImportFormatError, match=r"servings.csv:3.*Energy"):
        person.imports.import_file(path, importer("cronometer"))
    assert _count(person, CronometerServing) == 0 and _count(person, FoodEntry) == 0


def test_a_real_whoop_export_counts_time_asleep_and_the_devices_scores(person: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "whoop"
    shutil.copytree(WHOOP, folder)
    (folder / "journal_entries.csv").unlink()  # its questions need the person's mapping (tested below)
    first = person.imports.import_file(folder, importer("whoop"))
    assert first.added["sleep"] > 100 and first.added["observation"] > 100 and first.added["exercise"] > 50
    again = person.imports.import_file(folder, importer("whoop"))  # the same export again adds nothing
    assert again.added == {}
    with person.scope.transaction() as s:
        nights = s.execute(select(SleepRecord.bed_utc, SleepRecord.wake_utc).order_by(SleepRecord.wake_utc)).all()
    start, end = nights[0][1].date(), nights[-1][1].date()
    days = summarize(person, start, end)
    slept = [p for d in days for p in d.sleep]
    assert slept and sum(p.asleep_basis == "measured" for p in slept) >= 0.9 * len(slept)
    assert sum(p.time_asleep_min for p in slept) < sum(p.in_bed_min for p in slept)  # asleep, not in bed
    assert any(p.minutes_by_stage for p in slept)
    assert any(d.observation(ObservationKind.RECOVERY_SCORE_PCT) is not None for d in days)
    assert any(d.observation(ObservationKind.HRV_RMSSD_MS) is not None for d in days)


def test_a_loop_export_asks_what_its_habits_are_and_remembers_the_answer(person: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    shutil.copytree(LOOP, folder)
    with pytest.raises(MappingNeeded) as needed:
        person.imports.import_file(folder, importer("loop"))
    columns = needed.value.columns
    assert columns and all(c in needed.value.suggestions for c in columns)
    with pytest.raises(InputError, match="define it first"):
        person.imports.import_file(folder, importer("loop"), {columns[0]: "rating:focus_quality"})
    person.lifestyle.define_rating(RatingScale("habit_done", "habit done", 0, 1000, step=0.001))
    mapping = {columns[0]: "rating:habit_done", "*": "ignore"}
    result = person.imports.import_file(folder, importer("loop"), mapping)
    assert result.added.get("ratings", 0) > 0
    assert person.imports.mapping("loop") == mapping  # remembered for the next export of the same app
    assert person.imports.import_file(folder, importer("loop")).added == {}


def test_a_night_from_two_sources_is_one_night(person: Journal, tmp_path: Path) -> None:
    tz = dt.timezone(dt.timedelta(hours=1))
    wake = dt.datetime(2026, 11, 20, 7, tzinfo=tz)
    person.lifestyle.log_sleep(SleepPeriod(wake - dt.timedelta(hours=8), wake))
    path = _csv(tmp_path / "sleep.csv", ["bed", "wake", "asleep_min"],
                [[(wake - dt.timedelta(hours=8, minutes=10)).isoformat(), wake.isoformat(), 430]])
    person.imports.import_file(path, importer("csv"))
    day = summarize_day(person, DAY)
    assert len(day.sleep) == 1 and day.sleep[0].source == "csv" and day.time_asleep_min == 430
    assert any("set aside" in n and "manual" in n for n in day.notes)
    with pytest.raises(InputError, match="overlaps the sleep already logged"):
        person.lifestyle.log_sleep(SleepPeriod(wake - dt.timedelta(hours=7), wake))
    person.lifestyle.log_sleep(SleepPeriod(wake - dt.timedelta(hours=7), wake), "replace")
    assert len(person.lifestyle.sleep_periods(DAY, DAY)) == 1  # the csv night and the manual one replaced


def test_a_batch_stops_at_a_bad_file_and_names_the_files_not_read(person: Journal, tmp_path: Path) -> None:
    good = _csv(tmp_path / "a.csv", ["bed", "wake"], [["2026-11-19T23:00+01:00", "2026-11-20T07:00+01:00"]])
    bad = _csv(tmp_path / "b.csv", ["bed", "wake"], [["2026-11-20T23:00+01:00", "yesterday"]])
    later = _csv(tmp_path / "c.csv", ["bed", "wake"], [["2026-11-21T23:00+01:00", "2026-11-22T07:00+01:00"]])
    with pytest.raises(BatchStopped, match=r"b.csv.*not read: c.csv.*1 file\(s\) before it imported"):
        import_files(person, "csv", [good, bad, later])
    assert len(person.lifestyle.sleep_periods(DAY, DAY + dt.timedelta(days=2))) == 1
