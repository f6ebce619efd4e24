"""Daylio and Bearable exports: the real files (both Daylio header generations, one with a byte-order mark; a
Bearable export in long form), and files written here for what they lack."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest
from import_helpers import by_type, of, read_rows, write_csv

from norepi.errors import ImportFormatError, InputError, MappingNeeded
from norepi.importers import BearableImporter, DaylioImporter
from norepi.journal.records import FoodCompletenessRec, PracticeRec, RatingRec, SleepRec
from norepi.vocab import PracticeKind

DAYLIO_NEW = ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
BEARABLE = ["date", "weekday", "time of day", "category", "rating/amount", "detail", "notes"]


@pytest.fixture(scope="module")
def daylio_files(exports):
    base = exports / "mood_habit" / "daylio"
    return [
        base / "DonnyDew-Daylio-Mood-Tracker-Analysis" / "daylio_export_2023_12_01.csv",
        base / "vee-upatising-Mood-Forecasting" / "daylio_export.csv",
    ]


def test_real_daylio_exports(daylio_files):
    for path in daylio_files:
        rows = read_rows(path)
        moods = list(dict.fromkeys(r["mood"] for r in rows))
        with pytest.raises(MappingNeeded) as err:
            list(DaylioImporter().read(path))
        assert [c for c in err.value.columns if c.startswith("mood:")] == [f"mood:{m}" for m in moods]
        defaults = {m: err.value.suggestions[f"mood:{m}"] for m in moods if m in ("rad", "good", "meh", "bad", "awful")}
        assert defaults and all(s.startswith("rating:mood:") for s in defaults.values())
        # each mood worth its position in the list seen; activities ignored
        mapping = {f"mood:{m}": f"rating:mood:{i + 1}" for i, m in enumerate(moods)} | {"activity:*": "ignore"}
        recs = of(DaylioImporter().read(path, mapping=mapping), RatingRec)
        by_day: dict[str, list[int]] = {}
        for r in rows:
            by_day.setdefault(r["full_date"], []).append(moods.index(r["mood"]) + 1)
        assert {r.date.isoformat(): r.values["mood"] for r in recs} == {
            d: statistics.fmean(v) for d, v in by_day.items()
        }  # several entries on a day: their mean


def test_daylio_times_activities_and_bom(tmp_path):
    rows = [
        ["2026-03-02", "Mar 2", "Monday", "9:05\u202fPM", "rad", "meditation | friends", "", ""],
        ["2026-03-02", "Mar 2", "Monday", "8:00 AM", "meh", "", "", "woke early"],
        [
            "2026-03-01",
            "Mar 1",
            "Sunday",
            "21:30",
            "Great",
            "meditation | cooked all meals",
            "a title",
            "line 1\nline 2",
        ],
    ]
    path = write_csv(tmp_path / "daylio_export_2026_03_02.csv", DAYLIO_NEW, rows, encoding="utf-8-sig")
    mapping = {
        "mood:rad": "rating:mood:5",
        "mood:meh": "rating:mood:3",
        "mood:Great": "rating:mood:4.5",
        "activity:meditation": "practice:meditation:10",
        "activity:cooked all meals": "food_complete",
        "activity:*": "ignore",
    }
    recs = list(DaylioImporter().read(path, mapping=mapping))
    assert by_type(recs) == {"RatingRec": 2, "PracticeRec": 2, "FoodCompletenessRec": 1}
    assert {r.date: r.values["mood"] for r in of(recs, RatingRec)} == {
        dt.date(2026, 3, 2): 4.0,
        dt.date(2026, 3, 1): 4.5,
    }
    p = of(recs, PracticeRec)[0].practice
    assert (p.kind, p.duration_min, p.start.hour, p.start.minute) == (PracticeKind.MEDITATION, 10, 21, 5)
    assert of(recs, FoodCompletenessRec)[0].date == dt.date(2026, 3, 1)
    with pytest.raises(InputError, match="say what the mood is worth"):
        list(DaylioImporter().read(path, mapping={**mapping, "mood:rad": "rating:mood"}))
    with pytest.raises(MappingNeeded, match="1 moods and activities"):
        list(DaylioImporter().read(path, mapping={k: v for k, v in mapping.items() if k != "mood:Great"}))


def test_daylio_bad_and_wrong_files(tmp_path, exports):
    bad = write_csv(tmp_path / "d.csv", DAYLIO_NEW, [["2026-03-02", "", "", "25:99", "rad", "", "", ""]])
    with pytest.raises(ImportFormatError, match=r"d.csv:2: column 'time': '25:99' is not a time"):
        list(DaylioImporter().read(bad))
    bad = write_csv(tmp_path / "d.csv", DAYLIO_NEW, [["03/02/2026", "", "", "9:00 PM", "rad", "", "", ""]])
    with pytest.raises(ImportFormatError, match=r"d.csv:2: column 'full_date'"):
        list(DaylioImporter().read(bad))
    bearable = (
        exports / "mood_habit" / "bearable" / "andrewmiller0728-BearableDataProcessing" / "Bearable_Export_20210728.csv"
    )
    with pytest.raises(
        ImportFormatError,
        match=r"Bearable_Export_20210728.csv:1: missing column\(s\) full_date, time, mood, activities: expected",
    ):
        list(DaylioImporter().read(bearable))


@pytest.fixture(scope="module")
def bearable_file(exports):
    return (
        exports / "mood_habit" / "bearable" / "andrewmiller0728-BearableDataProcessing" / "Bearable_Export_20210728.csv"
    )


def test_real_bearable_export(bearable_file):
    rows = read_rows(bearable_file)
    with pytest.raises(MappingNeeded) as err:
        list(BearableImporter().read(bearable_file))
    keys = set(err.value.columns)
    assert {"Mood", "Energy", "Sleep quality"} <= keys
    symptoms = {r["detail"].rsplit(" (", 1)[0] for r in rows if r["category"] == "Symptom"}
    assert {k.removeprefix("symptom:") for k in keys if k.startswith("symptom:")} == symptoms
    assert all("lower is better" in err.value.suggestions[f"symptom:{s}"] for s in symptoms)
    assert not any(k.lower().startswith(("sleep:", "gratitudes")) for k in keys)  # sleep rows need no mapping
    mapping = {"Mood": "rating:mood", "symptom:Stress": "rating:stress", "*": "ignore"}
    recs = list(BearableImporter().read(bearable_file, mapping=mapping))
    sleep_rows = [r for r in rows if r["category"] == "Sleep" and ("Asleep" in r["detail"] or "In bed" in r["detail"])]
    periods = [r.period for r in of(recs, SleepRec)]
    assert len(periods) == len({r["date"] for r in sleep_rows}) and periods
    wake_days = {dt.datetime.strptime(re.sub(r"(st|nd|rd|th) ", " ", r["date"]), "%d %b %Y").date() for r in sleep_rows}
    assert {p.wake.date() for p in periods} == wake_days  # a night ends on its row's date
    assert all(p.time_asleep_min <= p.in_bed_min for p in periods)
    moods: dict[str, list[float]] = {}
    for r in rows:
        if r["category"] == "Mood" and r["rating/amount"]:
            moods.setdefault(r["date"], []).append(float(r["rating/amount"]))
    got = {r.date: r.values["mood"] for r in of(recs, RatingRec) if "mood" in r.values}
    assert len(got) == len(moods) and sorted(got.values()) == sorted(statistics.fmean(v) for v in moods.values())


def test_bearable_written_file(tmp_path):
    rows = [
        ["3rd Mar 2026", "Tuesday", "am", "Mood", "7", "Good | Calm", ""],
        ["3rd Mar 2026", "Tuesday", "pm", "Mood", "5", "Meh", ""],
        ["3rd Mar 2026", "Tuesday", "pm", "Symptom", "2", "Fatigue (Moderate)", ""],
        ["3rd Mar 2026", "Tuesday", "all day", "Factors", "", "Meditation | Sunlight", ""],
        ["3rd Mar 2026", "Tuesday", "21:15", "Factors", "", "Meditation", ""],
        ["3rd Mar 2026", "Tuesday", "", "Sleep", "7:30", "Asleep 23:45 - 07:15. In bed 23:30 - 07:30", ""],
        ["4th Mar 2026", "Wednesday", "", "Sleep", "6:00", "Asleep 01:00 - 07:00", ""],
        ["4th Mar 2026", "Wednesday", "", "Sleep", "3:00", "Nap 3h (mid)", ""],
        ["4th Mar 2026", "Wednesday", "mid", "Health measurements", "58", "Resting heart rate", ""],
    ]
    path = write_csv(tmp_path / "Bearable_Export_20260304.csv", BEARABLE, rows)
    mapping = {
        "Mood": "rating:mood",
        "symptom:Fatigue": "rating:fatigue",
        "factor:Meditation": "practice:meditation:15",
        "factor:*": "ignore",
        "health measurements:Resting heart rate": "observation:resting_hr_bpm",
    }
    recs = list(BearableImporter().read(path, mapping=mapping))
    assert by_type(recs) == {"SleepRec": 2, "PracticeRec": 2, "ObservationRec": 1, "RatingRec": 1}
    (r,) = of(recs, RatingRec)
    assert r.date == dt.date(2026, 3, 3) and dict(r.values) == {"mood": 6.0, "fatigue": 2.0}
    night, second = (x.period for x in of(recs, SleepRec))
    assert (night.bed.date(), night.in_bed_min, night.time_asleep_min) == (dt.date(2026, 3, 2), 480, 450)
    assert (second.in_bed_min, second.time_asleep_min) == (360, 360)
    practices = sorted(of(recs, PracticeRec), key=lambda p: p.practice.start)
    assert [(p.day_only, p.practice.start.hour) for p in practices] == [(True, 12), (False, 21)]


def test_bearable_bad_and_wrong_files(tmp_path, daylio_files):
    bad = write_csv(tmp_path / "b.csv", BEARABLE, [["31st Feb 2026", "", "am", "Mood", "7", "", ""]])
    with pytest.raises(ImportFormatError, match=r"b.csv:2: column 'date': '31st Feb 2026' is not a date"):
        list(BearableImporter().read(bad))
    bad = write_csv(tmp_path / "b.csv", BEARABLE, [["3rd Mar 2026", "", "am", "Symptom", "-2", "Pain (Mild)", ""]])
    with pytest.raises(ImportFormatError, match=r"b.csv:2: column 'rating/amount': -2 is impossible"):
        list(BearableImporter().read(bad))
    with pytest.raises(
        ImportFormatError,
        match=r"daylio_export.csv:1: missing column\(s\) category, rating/amount, detail: expected a Bearable",
    ):
        list(BearableImporter().read(daylio_files[1]))
