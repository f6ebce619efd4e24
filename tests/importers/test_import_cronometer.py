"""Cronometer CSV reader: servings keep Cronometer's values (their sums equal its daily summary), Phe/Tyr in mg,
the category (supplements), the day's completed flag; old and new layouts; impossible values and wrong files named
by file, line and column. (No real Cronometer export is in ../shared: the files are written here in its layout.)"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import defaultdict

import pytest
from import_helpers import by_type, of

from norepi.errors import ImportFormatError
from norepi.importers import CronometerImporter
from norepi.journal.records import DaySummaryRec, FoodCompletenessRec, ServingRec

DAY = dt.date(2026, 11, 20)

# Newer layout: Time and Category columns. The 2026-11-20 rows sum by hand to the summary row below:
#   energy 71.50 + 307.00 + 210.25 + 0 = 588.75; protein 6.28 + 10.70 + 12.00 = 28.98;
#   Phe 0.34 + 0.56 (+ blank) = 0.90 g; Tyr 0.25 + 0.36 + 0.40 = 1.01 g; iron 0.88 + 3.40 (+ blank) = 4.28 mg;
#   magnesium 400 mg from the supplement
NEW_SERVINGS = """Day,Time,Group,Food Name,Amount,Category,Energy (kcal),Protein (g),Phenylalanine (g),\
Tyrosine (g),Iron (mg),Magnesium (mg)
2026-11-20,8:05 AM,Breakfast,"Egg, whole, raw, fresh",50.00 g,Eggs,71.50,6.28,0.34,0.25,0.88,
2026-11-20,12:30 PM,Lunch,"Oats, rolled",1.00 cup,Grains,307.00,10.70,0.56,0.36,3.40,
2026-11-20,,Snacks,Mystery Bar,1.00 bar,Snacks,210.25,12.00,,0.40,,
2026-11-20,9:00 PM,Snacks,Magnesium Glycinate,2.00 capsule,Supplements,0.00,,,,,400.00
2026-11-21,8:00 AM,Breakfast,"Egg, whole, raw, fresh",100.00 g,Eggs,143.00,12.56,0.68,0.50,1.75,
"""
NEW_SUMMARY = """Date,Completed,Energy (kcal),Protein (g),Phenylalanine (g),Tyrosine (g),Iron (mg),Magnesium (mg)
2026-11-20,true,588.75,28.98,0.90,1.01,4.28,400.00
2026-11-21,false,143.00,12.56,0.68,0.50,1.75,
"""
# Older layout: no Time or Category, nutrient columns in another order. Two identical servings on one day
# are two servings. Sums: energy 2 x 71.50 + 150.00 = 293.00; Tyr 2 x 0.25 + 0.10 = 0.60; Phe 2 x 0.34 = 0.68
OLD_SERVINGS = """Day,Group,Food Name,Amount,Tyrosine (g),Energy (kcal),Phenylalanine (g)
2026-11-20,Breakfast,"Egg, whole, raw, fresh",50.00 g,0.25,71.50,0.34
2026-11-20,Breakfast,"Egg, whole, raw, fresh",50.00 g,0.25,71.50,0.34
2026-11-20,Dinner,Apple,1 medium,0.10,150.00,
"""
OLD_SUMMARY = """Date,Energy (kcal),Tyrosine (g),Phenylalanine (g)
2026-11-20,293.00,0.60,0.68
"""


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


@pytest.mark.parametrize(
    "servings, summary", [(NEW_SERVINGS, NEW_SUMMARY), (OLD_SERVINGS, OLD_SUMMARY)], ids=["new", "old"]
)
def test_servings_sum_to_cronometer_summary(tmp_path, servings, summary):
    recs = list(CronometerImporter().read(write(tmp_path, "servings.csv", servings)))
    totals: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in of(recs, ServingRec):
        for col, v in r.nutrients.items():
            totals[r.date][col] += v
    days = of(CronometerImporter().read(write(tmp_path, "dailysummary.csv", summary)), DaySummaryRec)
    assert days
    for d in days:
        assert set(d.nutrients) <= set(totals[d.date]) | {c for c, v in d.nutrients.items() if v == 0}
        for col, value in d.nutrients.items():
            assert totals[d.date][col] == pytest.approx(value, abs=1e-9), (d.date, col)


def test_values_units_category_and_keys(tmp_path):
    recs = of(CronometerImporter().read(write(tmp_path, "servings.csv", NEW_SERVINGS)), ServingRec)
    egg = recs[0]
    assert (egg.food_name, egg.phenylalanine_mg, egg.tyrosine_mg, egg.energy_kcal, egg.time) == (
        "Egg, whole, raw, fresh",
        pytest.approx(340.0),
        pytest.approx(250.0),
        71.5,
        dt.time(8, 5),
    )
    assert recs[2].phenylalanine_mg is None and recs[2].tyrosine_mg == pytest.approx(400.0) and recs[2].time is None
    supplement = recs[3]
    assert supplement.category == "Supplements" and supplement.nutrients["Magnesium (mg)"] == 400.0
    assert [r.category for r in recs] == ["Eggs", "Grains", "Snacks", "Supplements", "Eggs"]
    # keys are stable across re-exports (a trailing blank line) and distinct for identical servings
    again = of(CronometerImporter().read(write(tmp_path, "servings2.csv", NEW_SERVINGS + "\n")), ServingRec)
    assert [r.key for r in again] == [r.key for r in recs]
    old = of(CronometerImporter().read(write(tmp_path, "old.csv", OLD_SERVINGS)), ServingRec)
    assert len({r.key for r in old}) == 3 and old[0].category == ""


def test_completed_flag_and_folder(tmp_path):
    folder = tmp_path / "cronometer"
    folder.mkdir()
    write(folder, "servings.csv", NEW_SERVINGS)
    write(folder, "dailysummary.csv", NEW_SUMMARY)
    write(folder, "notes.txt", "not an export")
    recs = list(CronometerImporter().read(folder))
    assert by_type(recs) == {"ServingRec": 5, "DaySummaryRec": 2, "FoodCompletenessRec": 2}
    assert [(r.date, r.complete) for r in of(recs, FoodCompletenessRec)] == [
        (DAY, True),
        (DAY + dt.timedelta(1), False),
    ]
    z = tmp_path / "cronometer.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("servings.csv", NEW_SERVINGS)
    seen: list[tuple[int, int]] = []
    assert by_type(CronometerImporter().read(z, progress=lambda d, t: seen.append((d, t)))) == {"ServingRec": 5}
    assert seen[-1][0] == seen[-1][1] == len(NEW_SERVINGS.encode())


@pytest.mark.parametrize(
    "text, message",
    [
        ("Day,Group,Energy (kcal)\n2026-11-20,Lunch,100\n", r"servings.csv:1: missing columns"),
        ("Day,Food Name,Energy (kcal)\n2026-11-20,Apple,100\n", r"servings.csv:1: missing column\(s\) Amount"),
        (NEW_SERVINGS.replace("307.00", "lots"), r"servings.csv:3: column 'Energy \(kcal\)': 'lots' is not a number"),
        (NEW_SERVINGS.replace("307.00", "-500"), r"servings.csv:3: column 'Energy \(kcal\)': -500 is impossible"),
        (NEW_SERVINGS.replace("10.70", "nan"), r"servings.csv:3: column 'Protein \(g\)': nan is impossible"),
        (NEW_SERVINGS.replace("307.00", "99999"), r"servings.csv:3: column 'Energy \(kcal\)': 99999 is impossible"),
        (
            NEW_SERVINGS + "20-11-2026,,Lunch,Apple,1 medium,Fruit,95,0.5,,,,\n",
            r"servings.csv:7: column 'Day': .*not a date",
        ),
        ("", r"servings.csv:1: empty file"),
    ],
)
def test_bad_cronometer_files(tmp_path, text, message):
    with pytest.raises(ImportFormatError, match=message):
        list(CronometerImporter().read(write(tmp_path, "servings.csv", text)))


def test_latin1_binary_and_wrong_files(tmp_path, exports):
    latin = write(tmp_path, "servings.csv", NEW_SERVINGS.replace("Mystery Bar", "Crème brûlée"), encoding="cp1252")
    with pytest.raises(ImportFormatError, match=r"servings.csv:4: not UTF-8 text \(byte 0xe8\)"):
        list(CronometerImporter().read(latin))
    binary = tmp_path / "export.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ImportFormatError, match="export.csv: binary data"):
        list(CronometerImporter().read(binary))
    whoop = exports / "whoop" / "TheOneRichy-whoop_data" / "sleeps.csv"
    with pytest.raises(ImportFormatError, match=r"sleeps.csv:1: missing columns: expected a Cronometer export"):
        list(CronometerImporter().read(whoop))
    with pytest.raises(ImportFormatError, match="no Cronometer export files in it"):
        list(CronometerImporter().read(exports / "whoop" / "TheOneRichy-whoop_data"))
