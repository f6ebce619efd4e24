"""Loop Habit Tracker export: two real exports (the combined Checkmarks.csv, one with cells written as
"Entry(...)", and a per-habit folder without header), and the 2025 layout written here (habit types, units, targets,
value words); mappings to ratings, practices, observations and the food-log flag."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from import_helpers import by_type, of, read_rows, write_csv, zip_folder

from norepi.errors import ImportFormatError, InputError, MappingNeeded
from norepi.importers import LoopHabitsImporter
from norepi.journal.records import FoodCompletenessRec, ObservationRec, PracticeRec, RatingRec
from norepi.vocab import ObservationKind, PracticeKind

NEW_HABITS_HEADER = [
    "Position", "Name", "Type", "Question", "Description", "FrequencyNumerator", "FrequencyDenominator", "Color",
    "Unit", "Target Type", "Target Value", "Archived?",
]  # fmt: skip
DAYS = [dt.date(2026, 3, 10) - dt.timedelta(days=i) for i in range(10)]  # newest first, as Loop writes


@pytest.fixture(scope="module")
def mesholake(exports):
    return exports / "mood_habit" / "loop" / "rahullath-meshOlake"


@pytest.fixture(scope="module")
def cramble(exports):
    return exports / "mood_habit" / "loop" / "cramble19-dailyHabitsAppCSVAnalysis"


def test_real_export_needs_a_mapping(mesholake):
    with pytest.raises(MappingNeeded) as err:
        list(LoopHabitsImporter().read(mesholake))
    habits = [r["Name"] for r in read_rows(mesholake / "Habits.csv")]
    assert err.value.columns == habits
    assert set(err.value.suggestions) == set(habits)
    numeric = [h for h, s in err.value.suggestions.items() if "numeric" in s]
    assert len(numeric) == 1  # the one habit whose values are counts x 1000
    assert all(
        s.split(" ")[0].startswith(("rating:", "practice:", "food_complete")) for s in err.value.suggestions.values()
    )


def test_real_export_mapped(mesholake):
    numeric = next(
        h for h, s in _suggestions(LoopHabitsImporter(), mesholake).items() if "numeric" in s
    )  # a count per day
    yes_no = [r["Name"] for r in read_rows(mesholake / "Habits.csv")][1]
    mapping = {numeric: f"rating:{_slug(numeric)}", yes_no: "practice:nature:30", "*": "ignore"}
    recs = list(LoopHabitsImporter().read(mesholake, mapping=mapping))
    with open(mesholake / "Checkmarks.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(numeric)
    raw = {dt.date.fromisoformat(r[0]): int(r[col]) for r in rows[1:]}
    ratings = {r.date: r.values[_slug(numeric)] for r in of(recs, RatingRec)}
    assert ratings == {d: v / 1000 for d, v in raw.items() if v >= 0}  # x1000 undone; -1 (not entered) missing
    ycol = rows[0].index(yes_no)
    done = {dt.date.fromisoformat(r[0]) for r in rows[1:] if r[ycol] == "2"}
    practices = of(recs, PracticeRec)
    assert {p.practice.start.date() for p in practices} == done and done
    assert all(
        p.day_only and p.practice.kind == PracticeKind.NATURE and p.practice.duration_min == 30 for p in practices
    )


def test_real_export_with_entry_cells_and_habit_folder(cramble):
    """The combined file writes each cell as Entry(timestamp=..., value=...) (unquoted, so each cell spans two CSV
    fields); the habit's own folder holds the same values without a header, newest first."""
    combined = list(LoopHabitsImporter().read(cramble, mapping={"Bath": "rating:bath", "*": "ignore"}))
    folder = list(LoopHabitsImporter().read(cramble / "001 Bath" / "Checkmarks.csv", mapping={"Bath": "rating:bath"}))
    with open(cramble / "001 Bath" / "Checkmarks.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r]
    entered = {dt.date.fromisoformat(d) for d, v in rows if v in ("0", "2")}
    assert {r.date for r in of(folder, RatingRec)} == entered
    assert {r.date: r.values["bath"] for r in of(combined, RatingRec)} == {
        r.date: r.values["bath"] for r in of(folder, RatingRec)
    }
    with pytest.raises(MappingNeeded) as err:
        list(LoopHabitsImporter().read(cramble))
    assert err.value.columns == [r["Name"] for r in read_rows(cramble / "Habits.csv")]


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")


def _suggestions(importer, path) -> dict[str, str]:
    with pytest.raises(MappingNeeded) as err:
        list(importer.read(path))
    return err.value.suggestions


def write_new_export(folder):
    """A 2025-layout export: tiredness (numeric 0-5, at most 2), meditation minutes, a yes/no food-log habit."""
    folder.mkdir()
    write_csv(
        folder / "Habits.csv",
        NEW_HABITS_HEADER,
        [
            ["001", "Tiredness", "NUMERICAL", "How tired?", "", 1, 1, "#FF0000", "points", "AT_MOST", "2.0", "false"],
            ["002", "Meditation", "NUMERICAL", "", "", 1, 1, "#00FF00", "minutes", "AT_LEAST", "10.0", "false"],
            ["003", "Cronometer accurate?", "YES_NO", "", "", 1, 1, "#0000FF", "", "", "", "false"],
            ["004", "Resting HR", "NUMERICAL", "", "", 1, 1, "#0000FF", "bpm", "AT_MOST", "60.0", "false"],
        ],
    )
    tired = [3000, 2500, "UNKNOWN", 4000, 0, 1000, 2000, "UNKNOWN", 5000, 3000]
    medit = [10000, 0, 15000, "UNKNOWN", 20000, 12500, 0, 10000, 0, 10000]
    food = ["YES_MANUAL", "NO", "YES_MANUAL", "SKIP", "UNKNOWN", "YES_AUTO", "YES_MANUAL", "NO", "YES_MANUAL", "NO"]
    rhr = [58000, 61000, 60000, "UNKNOWN", 57000, 59000, 62000, 60000, 58000, 59000]
    lines = ["Date,Tiredness,Meditation,Cronometer accurate?,Resting HR,"]
    lines += [f"{d.isoformat()},{t},{m},{f},{r}," for d, t, m, f, r in zip(DAYS, tired, medit, food, rhr, strict=True)]
    (folder / "Checkmarks.csv").write_text("\n".join(lines) + "\n")
    for i, (name, values) in enumerate((("Tiredness", tired), ("Meditation", medit)), 1):
        (folder / f"{i:03d} {name}").mkdir()
        known = [(d, v) for d, v in zip(DAYS, values, strict=True) if v != "UNKNOWN"]
        write_csv(
            folder / f"{i:03d} {name}" / "Checkmarks.csv", ["Date", "Value", "Notes"], [(d, v, "") for d, v in known]
        )
    return tired, medit, food


MAPPING = {
    "Tiredness": "rating:tiredness",
    "Meditation": "practice:meditation",
    "Cronometer accurate?": "food_complete",
    "Resting HR": "observation:resting_hr_bpm",
}


def test_new_layout_suggestions_and_records(tmp_path):
    tired, medit, food = write_new_export(tmp_path / "loop")
    s = _suggestions(LoopHabitsImporter(), tmp_path / "loop")
    assert s["Tiredness"].startswith("rating:tiredness (") and "lower is better" in s["Tiredness"]
    assert "unit 'points'" in s["Tiredness"] and "values 0-5 seen" in s["Tiredness"]
    assert s["Meditation"].startswith("practice:meditation (") and s["Cronometer accurate?"].startswith("food_complete")
    recs = list(LoopHabitsImporter().read(tmp_path / "loop", mapping=MAPPING))
    assert by_type(recs) == {"RatingRec": 8, "PracticeRec": 6, "FoodCompletenessRec": 7, "ObservationRec": 9}
    assert sorted((r.date, r.values["tiredness"]) for r in of(recs, RatingRec)) == sorted(
        (d, t / 1000) for d, t in zip(DAYS, tired, strict=True) if t != "UNKNOWN"
    )
    assert sorted(p.practice.duration_min for p in of(recs, PracticeRec)) == sorted(
        m / 1000 for m in medit if m not in ("UNKNOWN", 0)
    )  # a recorded 0 is no session; not entered is missing
    flags = {r.date: r.complete for r in of(recs, FoodCompletenessRec)}
    assert flags == {d: f == "YES_MANUAL" for d, f in zip(DAYS, food, strict=True) if f in ("YES_MANUAL", "NO")}
    assert {o.observation.kind for o in of(recs, ObservationRec)} == {ObservationKind.RESTING_HR_BPM}
    # the zip Loop writes reads the same; so do the per-habit folders alone
    z = zip_folder(tmp_path / "loop", tmp_path / "Loop Habits CSV 2026-03-10.zip")
    assert by_type(LoopHabitsImporter().read(z, mapping=MAPPING)) == by_type(recs)
    (tmp_path / "loop" / "Checkmarks.csv").unlink()
    per_habit = list(LoopHabitsImporter().read(tmp_path / "loop", mapping=MAPPING))
    assert by_type(per_habit) == {"RatingRec": 8, "PracticeRec": 6}


def test_bad_values_files_and_mappings(tmp_path, exports):
    write_new_export(tmp_path / "loop")
    with pytest.raises(InputError, match="yes/no habit cannot be an observation"):
        list(
            LoopHabitsImporter().read(
                tmp_path / "loop", mapping={**MAPPING, "Cronometer accurate?": "observation:hrv_rmssd_ms"}
            )
        )
    with pytest.raises(InputError, match="needs the minutes of a session"):
        list(
            LoopHabitsImporter().read(
                tmp_path / "loop", mapping={**MAPPING, "Cronometer accurate?": "practice:meditation"}
            )
        )
    with pytest.raises(InputError, match="'Tiredness': 'lots' in 'rating:tired:lots' is not a number"):
        list(LoopHabitsImporter().read(tmp_path / "loop", mapping={**MAPPING, "Tiredness": "rating:tired:lots"}))
    with pytest.raises(InputError, match=r"'Meditation' on .*: 10.0 bpm is outside"):
        list(
            LoopHabitsImporter().read(
                tmp_path / "loop", mapping={**MAPPING, "Meditation": "observation:resting_hr_bpm"}
            )
        )
    text = (tmp_path / "loop" / "Checkmarks.csv").read_text().replace("UNKNOWN", "maybe", 1)
    (tmp_path / "loop" / "Checkmarks.csv").write_text(text)
    with pytest.raises(ImportFormatError, match=r"Checkmarks.csv:4: 'maybe' is not a checkmark value"):
        list(LoopHabitsImporter().read(tmp_path / "loop", mapping=MAPPING))
    with pytest.raises(ImportFormatError, match="Habits.csv lists the habits but holds no checkmarks"):
        list(LoopHabitsImporter().read(tmp_path / "loop" / "Habits.csv"))
    whoop = exports / "whoop" / "TheOneRichy-whoop_data" / "sleeps.csv"
    with pytest.raises(
        ImportFormatError, match=r"sleeps.csv: not a Loop Checkmarks.csv: expected a Loop Habit Tracker CSV export"
    ):
        list(LoopHabitsImporter().read(whoop))
    with pytest.raises(ImportFormatError, match="no Checkmarks.csv in it"):
        list(LoopHabitsImporter().read(exports / "whoop" / "TheOneRichy-whoop_data"))
