"""A year of one person summarised into typed days: SQLite and PostgreSQL, beside the per-date path.

    .venv/bin/python bench/bench_days.py                 # both backends (PostgreSQL when its binaries are there)
    .venv/bin/python bench/bench_days.py --backends sqlite

The journal: SR28, a profile, 365 days of ~30 food entries (survey foods, random portions), one exercise session
with heart rate, one night of sleep and four ratings a day. ``summarize(journal, start, end)`` builds the whole
range in one query per kind of record; the baseline in the same run is the per-date path the journal had before
(``summarize`` called once per date: about a dozen queries a date). Figures: the first call of the process (caches
cold) and the median of 5 more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "web"))

from norepi.days import summarize  # noqa: E402
from norepi.journal import JournalDatabase  # noqa: E402
from norepi.journal.journal import Journal  # noqa: E402
from norepi.journal.tables import FoodEntry  # noqa: E402
from norepi.lifestyle.exercise import ExerciseSession  # noqa: E402
from norepi.lifestyle.sleep import SleepPeriod  # noqa: E402
from norepi.profile import Profile  # noqa: E402

SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
START = dt.date(2025, 1, 1)
DAYS = 365
ENTRIES_PER_DAY = 30
TZ = dt.timezone(dt.timedelta(hours=1))


def fill(j: Journal) -> None:
    """The year described in the module docstring (random but seeded)."""
    rng = random.Random(7)
    j.set_profile(Profile(sex="female", age_years=34, weight_kg=62, height_cm=168), START)
    foods = [f.food_id for f in j.foods.catalogue(("208",))][:400]
    now = dt.datetime(2026, 1, 1)
    with j.scope.transaction() as s:
        s.add_all(FoodEntry(date=START + dt.timedelta(days=i), time=dt.time(7 + k % 14, k % 60),
                            ndb_no=rng.choice(foods), grams=rng.uniform(15, 250), portion_text="g", created_at=now)
                  for i in range(DAYS) for k in range(ENTRIES_PER_DAY))
    for i in range(DAYS):
        d = START + dt.timedelta(days=i)
        wake = dt.datetime.combine(d, dt.time(6, 40), TZ)
        j.lifestyle.log_sleep(SleepPeriod(wake - dt.timedelta(hours=rng.uniform(6, 8.5)), wake))
        j.lifestyle.log_exercise(ExerciseSession("run", dt.datetime.combine(d, dt.time(18), TZ), rng.uniform(20, 60),
                                                 avg_hr_bpm=rng.uniform(120, 165)))
        j.lifestyle.log_ratings(d, {k: rng.randint(1, 10) for k in ("focus", "energy", "mood", "motivation")})


def measure(j: Journal, per_date: bool) -> tuple[float, float]:
    """(first call, median of 5 more), seconds."""
    end = START + dt.timedelta(days=DAYS - 1)

    def once() -> float:
        gc.collect()
        t = time.perf_counter()
        if per_date:
            for i in range(DAYS):
                summarize(j, START + dt.timedelta(days=i), START + dt.timedelta(days=i))
        else:
            summarize(j, START, end)
        return time.perf_counter() - t

    first = once()
    return first, statistics.median(once() for _ in range(5))


def run(name: str, url: str, sqlite_copy: Path | None = None) -> None:
    database = JournalDatabase(url)
    j = database.journal()
    if j.foods.release() is None:
        j.import_foods(SR28)
    fill(j)
    database.close()
    for label, per_date in (("per date (old path)", True), ("whole range", False)):
        database = JournalDatabase(url)  # a fresh process would start here: caches cold
        first, warm = measure(database.journal(), per_date)
        database.close()
        print(f"{name:10s} {label:20s} first {first * 1000:7.0f} ms   warm median {warm * 1000:7.0f} ms")
        if not per_date:
            print(f"{name:10s} {'':20s} target <= {100 if name == 'sqlite' else 200} ms")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = ap.parse_args()
    print(f"{DAYS} days x {ENTRIES_PER_DAY} food entries, 1 session, 1 night, 4 ratings a day\n")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in args.backends:
            run("sqlite", str(Path(tmp) / "year.sqlite"))
        if "postgresql" in args.backends:
            from web_pg import load_foods, start_cluster

            try:
                cluster = start_cluster()
            except (LookupError, RuntimeError) as exc:
                print(f"postgresql skipped: {exc}")
                return
            try:
                foods = Path(tmp) / "foods.sqlite"
                JournalDatabase(str(foods)).journal().import_foods(SR28)
                load_foods(cluster, foods, "bench")
                run("postgresql", cluster.url("bench"))
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
