"""Cronometer CSV import: servings -> food log with Cronometer's values kept; day totals equal
Cronometer's daily summary; old and new column layouts; bad files."""

from __future__ import annotations

import datetime as dt

import pytest
from norepi.journal.lifestyle_models import CronometerServing
from norepi.journal.models import Food, FoodEntry, FoodGroup, FoodNutrient, FoodRelease, Nutrient, Portion
from sqlalchemy import func, select

from norepi.errors import ImportFormatError
from norepi.importers import CronometerImporter
from norepi.journal import lifestyle_store as store

DAY = dt.date(2026, 11, 20)

# Newer layout: Time and Category columns. The 2026-11-20 rows sum by hand to the summary row below:
#   energy 71.50 + 307.00 + 210.25 = 588.75; protein 6.28 + 10.70 + 12.00 = 28.98;
#   Phe 0.34 + 0.56 (+ blank) = 0.90 g; Tyr 0.25 + 0.36 + 0.40 = 1.01 g; iron 0.88 + 3.40 (+ blank) = 4.28 mg
NEW_SERVINGS = """Day,Time,Group,Food Name,Amount,Category,Energy (kcal),Protein (g),Phenylalanine (g),\
Tyrosine (g),Iron (mg)
2026-11-20,8:05 AM,Breakfast,"Egg, whole, raw, fresh",50.00 g,Eggs,71.50,6.28,0.34,0.25,0.88
2026-11-20,12:30 PM,Lunch,"Oats, rolled",1.00 cup,Grains,307.00,10.70,0.56,0.36,3.40
2026-11-20,,Snacks,Mystery Bar,1.00 bar,Snacks,210.25,12.00,,0.40,
2026-11-21,8:00 AM,Breakfast,"Egg, whole, raw, fresh",100.00 g,Eggs,143.00,12.56,0.68,0.50,1.75
"""
NEW_SUMMARY = """Date,Completed,Energy (kcal),Protein (g),Phenylalanine (g),Tyrosine (g),Iron (mg)
2026-11-20,true,588.75,28.98,0.90,1.01,4.28
2026-11-21,true,143.00,12.56,0.68,0.50,1.75
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


def count(j, model) -> int:
    with j.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def add_egg_food(j) -> None:
    """A one-food USDA database: 01123 egg, 143 kcal and 12.56 g protein per 100 g."""
    with j.db.transaction() as s:
        s.add(
            FoodRelease(
                id=1, name="test", checksum="x", imported_at=dt.datetime(2026, 1, 1), food_count=1, nutrient_rows=2
            )
        )
        s.add(FoodGroup(code="0100", description="Dairy and Egg Products"))
        s.add_all(
            [
                Nutrient(nutr_no="208", unit="kcal", tagname="ENERC_KCAL", name="Energy", num_dec=0),
                Nutrient(nutr_no="203", unit="g", tagname="PROCNT", name="Protein", num_dec=2),
            ]
        )
        s.flush()
        s.add(
            Food(
                ndb_no="01123",
                group_code="0100",
                long_desc="Egg, whole, raw, fresh",
                short_desc="EGG,WHL,RAW",
                release_id=1,
            )
        )
        s.flush()
        s.add_all(
            [
                FoodNutrient(ndb_no="01123", nutr_no="208", value=143.0),
                FoodNutrient(ndb_no="01123", nutr_no="203", value=12.56),
                Portion(ndb_no="01123", seq=1, amount=1.0, description="large", grams=50.0),
            ]
        )


@pytest.mark.parametrize(
    "servings, summary, days",
    [(NEW_SERVINGS, NEW_SUMMARY, [DAY, DAY + dt.timedelta(1)]), (OLD_SERVINGS, OLD_SUMMARY, [DAY])],
    ids=["new", "old"],
)
def test_day_totals_equal_cronometer_summary(jrnl, tmp_path, servings, summary, days):
    s_path, d_path = write(tmp_path, "servings.csv", servings), write(tmp_path, "dailysummary.csv", summary)
    store.import_file(jrnl, s_path, CronometerImporter())
    store.import_file(jrnl, d_path, CronometerImporter())
    for day in days:
        expected = store.cronometer_summary(jrnl, day)
        got = store.cronometer_totals(jrnl, day)
        assert expected is not None and set(got) == set(expected)
        for column, value in expected.items():
            assert got[column] == pytest.approx(value, abs=1e-9), column
        # and `norepi day` shows the same totals (energy kcal, protein g, Phe/Tyr g -> mg, iron mg)
        totals = jrnl.day(day).totals
        for column, key, factor in (
            ("Energy (kcal)", "energy_kcal", 1),
            ("Protein (g)", "protein_g", 1),
            ("Phenylalanine (g)", "phenylalanine_mg", 1000),
            ("Tyrosine (g)", "tyrosine_mg", 1000),
            ("Iron (mg)", "iron_mg", 1),
        ):
            if column in expected:
                assert totals[key] == pytest.approx(expected[column] * factor, abs=0.01), (day, key)


def test_phe_tyr_kept_in_mg_and_idempotent(jrnl, tmp_path):
    path = write(tmp_path, "servings.csv", NEW_SERVINGS)
    result = store.import_file(jrnl, path, CronometerImporter())
    assert result.added == {"serving": 4} and result.unlinked_foods == 4  # no USDA database: all unlinked
    with jrnl.db.transaction() as s:
        rows = s.execute(
            select(
                CronometerServing.food_name,
                CronometerServing.phenylalanine_mg,
                CronometerServing.tyrosine_mg,
                CronometerServing.energy_kcal,
                CronometerServing.time,
            ).order_by(CronometerServing.id)
        ).all()
    assert rows[0] == ("Egg, whole, raw, fresh", pytest.approx(340.0), pytest.approx(250.0), 71.5, "08:05:00")
    assert rows[2][1] is None and rows[2][2] == pytest.approx(400.0)
    assert store.import_file(jrnl, path, CronometerImporter()).unchanged
    # re-exported with a trailing blank line (another file hash): the servings are already there
    again = write(tmp_path, "servings2.csv", NEW_SERVINGS + "\n")
    assert store.import_file(jrnl, again, CronometerImporter()).added == {}
    assert count(jrnl, CronometerServing) == 4


def test_servings_link_to_usda_foods(jrnl, tmp_path):
    add_egg_food(jrnl)
    result = store.import_file(jrnl, write(tmp_path, "servings.csv", NEW_SERVINGS), CronometerImporter())
    assert result.linked_foods == 2 and result.unlinked_foods == 2  # both egg servings; oats and bar unknown
    entries = jrnl.entries(DAY)
    assert [(e.ndb_no, e.grams, e.time) for e in entries] == [("01123", 50.0, dt.time(8, 5))]
    day = jrnl.day(DAY)
    # the linked egg counts with Cronometer's own values, the unmatched oats and bar still count: the day
    # totals to Cronometer's daily summary (588.75 kcal, 28.98 g protein, 1,010 mg tyrosine, 4.28 mg iron)
    assert day.totals["energy_kcal"] == pytest.approx(588.75)
    assert day.totals["protein_g"] == pytest.approx(28.98)
    assert day.totals["tyrosine_mg"] == pytest.approx(1010.0)
    assert day.totals["iron_mg"] == pytest.approx(4.28)
    assert day.totals["phenylalanine_mg"] == pytest.approx(900.0) and "phenylalanine_mg" in day.lower_bound
    assert {i.description for i in day.incomplete} >= {"Mystery Bar (imported, no USDA match)"}
    with jrnl.db.transaction() as s:
        linked = s.scalars(select(CronometerServing).where(CronometerServing.food_entry_id.is_not(None))).all()
        assert {r.food_name for r in linked} == {"Egg, whole, raw, fresh"}
        assert s.scalar(select(func.count()).select_from(FoodEntry)) == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("Day,Group,Energy (kcal)\n2026-11-20,Lunch,100\n", r"servings.csv:1: missing columns"),
        ("Day,Food Name,Energy (kcal)\n2026-11-20,Apple,100\n", r"servings.csv:1: missing column\(s\) Amount"),
        (NEW_SERVINGS.replace("307.00", "lots"), r"servings.csv:3: column 'Energy \(kcal\)': 'lots'"),
        (NEW_SERVINGS + "20-11-2026,,Lunch,Apple,1 medium,Fruit,95,0.5,,,\n", r"servings.csv:6: .*not a date"),
        ("", r"servings.csv:1: empty file"),
    ],
)
def test_bad_cronometer_files(jrnl, tmp_path, text, message):
    with pytest.raises(ImportFormatError, match=message):
        store.import_file(jrnl, write(tmp_path, "servings.csv", text), CronometerImporter())
    assert count(jrnl, CronometerServing) == 0 and count(jrnl, FoodEntry) == 0
