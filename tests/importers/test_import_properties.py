"""Property tests: the Cronometer reader returns what was written; SRI invariants."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from norepi.importers import CronometerImporter
from norepi.journal.records import ServingRec
from norepi.lifestyle.sleep import sri

values = st.one_of(st.none(), st.decimals(min_value=0, max_value=5000, places=2).map(float))
rows = st.lists(
    st.tuples(st.integers(0, 27), st.sampled_from(["Apple", "Egg, whole", 'Bar "X"', "Oats"]), values, values, values),
    min_size=1,
    max_size=15,
)


@settings(max_examples=40, deadline=None)
@given(rows, st.permutations(["Day", "Food Name", "Amount", "Energy (kcal)", "Tyrosine (g)", "Iron (mg)"]))
def test_cronometer_reader_round_trip(data, header):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "servings.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=header)
            w.writeheader()
            for day, food, kcal, tyr, iron in data:
                w.writerow(
                    {
                        "Day": (dt.date(2026, 11, 1) + dt.timedelta(days=day)).isoformat(),
                        "Food Name": food,
                        "Amount": "1 serving",
                        "Energy (kcal)": "" if kcal is None else f"{kcal:.2f}",
                        "Tyrosine (g)": "" if tyr is None else f"{tyr:.2f}",
                        "Iron (mg)": "" if iron is None else f"{iron:.2f}",
                    }
                )
        recs = list(CronometerImporter().read(path))
    assert len(recs) == len(data)
    assert len({r.key for r in recs if isinstance(r, ServingRec)}) == len(data)  # identical rows stay distinct
    for rec, (_, food, kcal, tyr, _) in zip(recs, data, strict=True):
        assert isinstance(rec, ServingRec) and rec.food_name == food
        assert rec.energy_kcal == kcal
        assert rec.tyrosine_mg == (None if tyr is None else tyr * 1000)


grids = st.integers(2, 6).flatmap(
    lambda n: st.integers(1, 48).flatmap(
        lambda m: st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n)
    )
)


@given(grids)
def test_sri_invariants(grid):
    value = sri(grid)
    assert -100 <= value <= 100
    assert sri([[not s for s in day] for day in grid]) == value  # labels do not matter
    assert sri([grid[0]] * len(grid)) == 100
