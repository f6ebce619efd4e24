"""One person's year end to end (issues 12 and 13): import, export and back, insights, summarize (not a test).

    PYTHONPATH=src python bench/bench_year.py [--model]

The year is the one of tests/operations/year_files.py: Cronometer servings.csv (~7.8k servings on 274 days), a
Whoop export (353 nights and 14 naps, 214 workouts, 4 observations a night) and a Loop Habits export (two 0-5
ratings on 310 days, meditation minutes on 68). Each step runs in a fresh process (its peak RSS is that step's,
imports and SR28 cache included) and is printed beside a baseline measured in the same process:

a. import Cronometer + Whoop + Loop (``import_files``) into a journal with SR28; target <= 10 s. Baseline: the
   same records of the first 30 days through the per-row journal API a person (or a script around the CLI) would
   use: ``log_food`` per serving (the serving as typed: "1.25 cup Oats, Rolled"), ``log_sleep``,
   ``log_exercise``, ``log_ratings``, ``log_practice``; per record, against the importer's per record.
b. export (``export_everything``) and read back (``import_export``) into an empty journal; target <= 10 s.
   Baseline: importing the app files again into an empty journal (what a person without an export would redo).
c. insights over the year (``insights``), best of 3; target <= 1.5 s. Baseline: the old path on the same days
   (bench/insights_old.py, permutations over the whole range, ratings squeezed to 1-10), and the report itself
   without ``summarize`` (``find_associations`` on the built days).
d. ``summarize`` of the year: first call and median of 5; baseline: ``summarize`` once per date.
e. (--model) ``run_model`` over the year, first and second call.
Needs SR28 in ../shared/data/usda-sr28 (imported once into a template journal, copied for each step).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "operations"))
sys.path.insert(0, str(REPO / "bench"))

from year_files import MAPPING, RATINGS, YearFiles, write_year  # noqa: E402

from norepi.journal.journal import Journal  # noqa: E402
from norepi.lifestyle.ratings import RatingScale  # noqa: E402
from norepi.profile import Profile  # noqa: E402

SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
PROFILE = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
SLICE_DAYS = 30
TARGETS_S = {"import": 10.0, "export": 10.0, "insights": 1.5}


def peak_mb() -> float:
    """Peak resident memory of this process so far (MB): VmHWM, which starts anew at exec (getrusage's ru_maxrss
    would carry the parent's peak into the step's process)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 2**20)


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call, and its result (CPU time is the steadier figure on a shared machine)."""
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


def target(step: str, wall: float) -> str:
    limit = TARGETS_S[step]
    return f"target <= {limit:g} s: {'met' if wall <= limit else 'MISSED'}"


def person_journal(template: Path, path: Path) -> Journal:
    """A copy of the SR28 template with the person's profile and their two ratings defined."""
    shutil.copy(template, path)
    j = Journal(path)
    j.set_profile(PROFILE, dt.date(2024, 1, 1))
    for name, question in RATINGS:
        j.lifestyle.define_rating(RatingScale(name, name, 0, 5, higher_is_better=False, question=question))
    return j


def import_year(j: Journal, year: YearFiles) -> dict[str, float]:
    """The three imports; seconds each."""
    from norepi.operations.imports import import_files

    out = {}
    for kind, where, mapping in (("cronometer", year.servings_csv, None), ("whoop", year.whoop_dir, None),
                                 ("loop", year.loop_dir, MAPPING)):
        t = time.perf_counter()
        import_files(j, kind, [where], mapping)
        out[kind] = time.perf_counter() - t
    return out


# ---- steps (each in its own process) -------------------------------------------------------------------------

def step_import(work: Path, year: YearFiles) -> None:
    j = person_journal(work / "template.sqlite", work / "import.sqlite")
    wall, cpu, parts = timed(lambda: import_year(j, year))
    peak = peak_mb()
    records = year.servings + len(year.nights) + year.naps + year.workouts + len(year.tiredness) + len(
        year.meditation_min)
    print(f"a. import Cronometer + Whoop + Loop: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"({', '.join(f'{k} {v:.2f} s' for k, v in parts.items())}); {records} records; peak RSS {peak:.0f} MB; "
          f"{target('import', wall)}")
    j.close()
    api, n = per_row_baseline(work, year)
    per_import, per_api = wall / records, api / n
    print(f"   per-row journal API, first {SLICE_DAYS} days ({n} records): {api:.2f} s = {per_api * 1000:.2f} ms a "
          f"record vs {per_import * 1000:.3f} ms imported: import {per_api / per_import:.0f}x faster a record "
          f"(the whole year by the API: ~{per_api * records:.0f} s)")


def per_row_baseline(work: Path, year: YearFiles) -> tuple[float, int]:
    """The first SLICE_DAYS days of the files through the per-row journal API; seconds and records."""
    import csv

    from norepi.errors import NorepiError
    from norepi.importers import importer
    from norepi.journal.records import ExerciseRec, PracticeRec, RatingRec, SleepRec

    last = year.start + dt.timedelta(days=SLICE_DAYS - 1)
    with open(year.servings_csv, encoding="utf-8", newline="") as handle:
        servings = [r for r in csv.DictReader(handle) if dt.date.fromisoformat(r["Day"]) <= last]
    life = [r for kind, where, mapping in (("whoop", year.whoop_dir, None), ("loop", year.loop_dir, MAPPING))
            for r in importer(kind).read(where, mapping)]

    def day_of(r: Any) -> dt.date:
        if isinstance(r, SleepRec):
            return r.period.wake.date()
        if isinstance(r, ExerciseRec):
            return r.session.start.date()
        if isinstance(r, PracticeRec):
            return r.practice.start.date()
        return r.date  # type: ignore[no-any-return]

    life = [r for r in life if isinstance(r, SleepRec | ExerciseRec | PracticeRec | RatingRec) and day_of(r) <= last]
    j = person_journal(work / "template.sqlite", work / "api.sqlite")

    def run() -> int:
        n = 0
        for r in servings:
            try:
                j.log_food(f"{r['Amount']} {r['Food Name']}", None, dt.date.fromisoformat(r["Day"]))
            except NorepiError:
                pass  # a supplement no food table has: a person would type it some other way
            n += 1
        for rec in life:
            if isinstance(rec, SleepRec):
                j.lifestyle.log_sleep(rec.period)
            elif isinstance(rec, ExerciseRec):
                j.lifestyle.log_exercise(rec.session)
            elif isinstance(rec, PracticeRec):
                j.lifestyle.log_practice(rec.practice)
            else:
                j.lifestyle.log_ratings(rec.date, dict(rec.values))
            n += 1
        return n

    wall, _, n = timed(run)
    j.close()
    return wall, n


def step_export(work: Path, year: YearFiles) -> None:
    from norepi.operations.imports import export_everything, import_export

    with Journal(work / "imported.sqlite") as j:
        w_out, c_out, written = timed(lambda: export_everything(j, work / "year.zip"))
    shutil.copy(work / "template.sqlite", work / "empty.sqlite")
    with Journal(work / "empty.sqlite") as k:
        w_in, c_in, _ = timed(lambda: import_export(k, work / "year.zip"))
    peak = peak_mb()
    size = (work / "year.zip").stat().st_size / 2**20
    wall = w_out + w_in
    print(f"b. export {w_out:.2f} s + re-import {w_in:.2f} s = {wall:.2f} s wall ({c_out + c_in:.2f} s CPU); "
          f"{written.total} rows, {size:.1f} MB zip; peak RSS {peak:.0f} MB; {target('export', wall)}")
    again = person_journal(work / "template.sqlite", work / "again.sqlite")
    base, _, _ = timed(lambda: import_year(again, year))
    again.close()
    print(f"   importing the app files again into an empty journal: {base:.2f} s: export and back takes "
          f"{wall / base:.2f}x that")


def step_insights(work: Path, year: YearFiles) -> None:
    import insights_old as old
    from bench_insights import as_old_dicts

    from norepi.days import summarize
    from norepi.insights.associations import find_associations
    from norepi.operations.insights import insights

    with Journal(work / "imported.sqlite") as j:
        runs = [timed(lambda: insights(j, year.start, year.end)) for _ in range(3)]
        peak = peak_mb()
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        report = runs[0][2]
        planted = next(t for t in report.tests if (t.lever.name, t.outcome.name, t.lag.value)
                       == ("time_asleep_h", "tiredness", "same_day"))
        print(f"c. insights over the year: {wall:.2f} s wall, {cpu:.2f} s CPU (best of 3; {report.n_tests} tests, "
              f"{len(report.findings)} findings; planted sleep -> tiredness r {planted.r:+.2f} q "
              f"{planted.q_value:.4f}); peak RSS {peak:.0f} MB; {target('insights', wall)}")
        pad = dt.timedelta(days=61)
        w_pad, _, padded = timed(lambda: insights(j, year.start - pad, year.end + pad))
        same = next(t for t in padded.tests if (t.lever.name, t.outcome.name, t.lag) ==
                    (planted.lever.name, planted.outcome.name, planted.lag))
        print(f"   padded with two empty months each side: {w_pad:.2f} s, planted p {same.p_value} q {same.q_value} "
              f"({'identical' if (same.p_value, same.q_value) == (planted.p_value, planted.q_value) else 'CHANGED'})")
        days = summarize(j, year.start, year.end)
    w_find = min(timed(lambda: find_associations(days))[0] for _ in range(3))
    dicts = as_old_dicts(days, squeeze=True)
    w_old, c_old, _ = timed(lambda: old.run_insights(dicts))
    print(f"   without summarize (find_associations on the days): {w_find:.2f} s; old path (commit 8cd4eb7) on the "
          f"same days: {w_old:.2f} s wall, {c_old:.2f} s CPU: old / new {w_old / wall:.1f}x wall, "
          f"{c_old / cpu:.1f}x CPU (the new report runs more tests: observations, per-rating scales)")


def step_summarize(work: Path, year: YearFiles) -> None:
    from norepi.days import summarize

    with Journal(work / "imported.sqlite") as j:
        first, _, _ = timed(lambda: summarize(j, year.start, year.end))
        warm = statistics.median(timed(lambda: summarize(j, year.start, year.end))[0] for _ in range(5))
        peak = peak_mb()
        dates = year.days
        per_date, _, _ = timed(lambda: [summarize(j, d, d) for d in dates])
    print(f"d. summarize the year: first {first * 1000:.0f} ms, warm median {warm * 1000:.0f} ms; peak RSS "
          f"{peak:.0f} MB; once per date: {per_date * 1000:.0f} ms: range {per_date / warm:.0f}x faster")


def step_model(work: Path, year: YearFiles) -> None:
    from norepi.operations.model import run_model

    with Journal(work / "imported.sqlite") as j:
        first, c_first, _ = timed(lambda: run_model(j, year.start, year.end))
        second, c_second, run = timed(lambda: run_model(j, year.start, year.end))
    print(f"e. run_model over the year ({run.members} parameter sets): first {first:.1f} s wall ({c_first:.1f} s "
          f"CPU), second {second:.1f} s wall ({c_second:.1f} s CPU); peak RSS {peak_mb():.0f} MB")


STEPS = {"import": step_import, "export": step_export, "insights": step_insights, "summarize": step_summarize,
         "model": step_model}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="store_true", help="also time run_model over the year")
    ap.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        STEPS[args.step](args.work, write_year(args.work / "files"))
        return
    if not (SR28 / "FOOD_DES.txt").exists():
        sys.exit(f"USDA SR28 not found at {SR28}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        year = write_year(work / "files")
        print(f"{len(year.days)} days: {year.servings} Cronometer servings on {len(year.food_days)} days, "
              f"{len(year.nights)} nights + {year.naps} naps, {year.workouts} workouts, {len(year.tiredness)} days "
              f"rated, meditation on {len(year.meditation_min)} days\n")
        with Journal(work / "template.sqlite") as j:
            j.import_foods(SR28)
        with person_journal(work / "template.sqlite", work / "imported.sqlite") as j:
            import_year(j, year)
        for step in ("import", "export", "insights", "summarize", *(("model",) if args.model else ())):
            subprocess.run([sys.executable, __file__, f"--step={step}", f"--work={work}"], check=True)


if __name__ == "__main__":
    main()
