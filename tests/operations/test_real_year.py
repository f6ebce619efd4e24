"""End to end over one person's year (issue 13, point 6): Cronometer, Whoop and Loop Habits files as the apps write
them (tests/operations/year_files.py), imported into a real SQLite journal with SR28, then the days, the insights,
the model and the export read back.

Planted in the files: more time asleep, less tiredness the same day (0-5, lower is better); a quarter of the days
without any food entry; some nights not recorded and some days not rated. The year is imported once for the module.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from year_files import MAPPING, RATINGS, SUPPLEMENTS, YearFiles, write_year

from norepi.days import summarize
from norepi.days.summary import DaySummary
from norepi.insights.associations import InsightsReport, Lag, TestStatus
from norepi.journal.imports import ImportResult
from norepi.journal.journal import Journal
from norepi.lifestyle.ratings import RatingScale
from norepi.operations.imports import export_everything, import_export, import_files
from norepi.operations.insights import insights
from norepi.operations.model import run_model
from norepi.profile import Profile
from norepi.vocab import ObservationKind

PROFILE = Profile(sex="female", age_years=34, weight_kg=62, height_cm=168)
PADDING = dt.timedelta(days=61)  # two empty months before and after
NO_COLLAPSE_PCT = 3.0  # unlogged days' store and release within 3 % of the logged days' (fasting read as ~19 %)


@dataclass
class Person:
    journal: Journal
    year: YearFiles
    results: dict[str, ImportResult]
    days: list[DaySummary]


@pytest.fixture(scope="module")
def person(imported_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Person]:
    """The year's files written and imported, as the person would: profile, their two ratings, one import each."""
    folder = tmp_path_factory.mktemp("year")
    year = write_year(folder / "files")
    path = folder / "journal.sqlite"
    shutil.copy(imported_db, path)
    with Journal(path) as j:
        j.set_profile(PROFILE, year.start - dt.timedelta(days=365))
        for name, question in RATINGS:  # norepi rating define <name> --scale 0-5 --lower-is-better
            j.lifestyle.define_rating(RatingScale(name, name, 0, 5, higher_is_better=False, question=question))
        results = {}
        for kind, where, mapping in (("cronometer", year.servings_csv, None), ("whoop", year.whoop_dir, None),
                                     ("loop", year.loop_dir, MAPPING)):
            (results[kind],) = import_files(j, kind, [where], mapping)
        yield Person(j, year, results, summarize(j, year.start, year.end))


def test_every_file_imports_with_its_rows(person: Person) -> None:
    y, r = person.year, person.results
    assert r["cronometer"].added == {"serving": y.servings}
    assert r["cronometer"].linked_foods + r["cronometer"].unlinked_foods == y.servings
    assert r["whoop"].added == {"sleep": len(y.nights) + y.naps, "exercise": y.workouts,
                                "observation": 4 * len(y.nights)}  # recovery, resting HR, HRV, sleep performance
    assert r["loop"].added == {"ratings": len(y.tiredness) + len(y.depression), "practice": len(y.meditation_min)}
    assert person.journal.imports.mapping("loop") == MAPPING  # remembered for the next export
    again = import_files(person.journal, "cronometer", [y.servings_csv])[0]
    assert again.unchanged and not again.added


def test_a_quarter_of_the_days_have_no_food_and_none_reads_as_zero(person: Person) -> None:
    y = person.year
    logged = {d.date for d in person.days if d.food is not None}
    assert logged == y.food_days
    assert 0.70 <= len(logged) / len(person.days) <= 0.80
    for d in person.days:
        if d.food is not None:  # the app's own values: each day's energy is Cronometer's sum of its servings
            assert d.food.totals["energy_kcal"] == pytest.approx(y.energy_kcal[d.date], rel=1e-9), d.date
            assert d.food.totals["energy_kcal"] > 1000 and d.food.totals["protein_g"] > 30


def test_servings_link_to_the_foods_they_name(person: Person) -> None:
    result = person.results["cronometer"]
    assert result.linked_foods >= 0.80 * person.year.servings
    supplements = {name for name, _, _ in SUPPLEMENTS}
    items = [i for d in person.days if d.food is not None for i in d.food.items]
    assert len(items) == person.year.servings
    linked = [i for i in items if i.food_id]
    assert len(linked) == result.linked_foods
    for item in linked:
        name = item.amount_text.split(" ", 2)[2]  # "1.25 cup Oats, Rolled"
        assert name not in supplements
        head = name.split(",")[0].split()[0].lower().rstrip("s")  # "Eggs, Fresh, Large" -> "egg"
        assert head in item.description.lower(), (name, item.description)
    pills = [i for i in items if i.supplement]
    assert pills and all(not i.food_id and "imported, no food matched" in i.description for i in pills)


def test_sleep_ratings_practices_and_observations_arrive_as_written(person: Person) -> None:
    y = person.year
    for d in person.days:
        night = d.main_sleep
        if d.date in y.nights:
            assert night is not None and night.asleep_min == y.nights[d.date]
            assert night.time_asleep_min < night.in_bed_min  # time asleep, not time in bed
            assert d.observation(ObservationKind.RECOVERY_SCORE_PCT) is not None
        else:
            assert night is None and not d.observations
        assert d.rating("tiredness") == y.tiredness.get(d.date)
        assert d.rating("depression") == y.depression.get(d.date)
        assert sum(p.duration_min for p in d.practices) == y.meditation_min.get(d.date, 0.0)
    assert sum(p.nap for d in person.days for p in d.sleep) == y.naps
    assert sum(len(d.exercise) for d in person.days) == y.workouts


def _planted(report: InsightsReport):  # type: ignore[no-untyped-def]
    return next(t for t in report.tests
                if (t.lever.name, t.outcome.name, t.lag) == ("time_asleep_h", "tiredness", Lag.SAME_DAY))


def _stats(report: InsightsReport) -> dict[tuple[str, str, Lag], tuple[object, ...]]:
    return {(t.lever.name, t.outcome.name, t.lag): (t.status, t.n_pairs, t.n_tested, t.r, t.ci_low, t.ci_high,
                                                    t.p_value, t.q_value, t.finding) for t in report.tests}


def test_the_planted_effect_is_found_over_the_year_and_padding_changes_nothing(person: Person) -> None:
    y = person.year
    year = insights(person.journal, y.start, y.end)
    planted = _planted(year)
    assert planted.status is TestStatus.TESTED and planted.finding
    assert planted.q_value is not None and planted.q_value < 0.1
    assert planted.r is not None and planted.r < -0.2 and planted.better is True  # more sleep, less tired
    paired = sum(1 for d in y.tiredness if d in y.nights)
    assert planted.n_pairs == paired  # over the days with both, not over the range
    padded = insights(person.journal, y.start - PADDING, y.end + PADDING)
    assert padded.n_days == year.n_days + 2 * PADDING.days
    assert _stats(padded) == _stats(year)  # every test: the same p, q, r and interval
    assert _planted(padded).p_value == planted.p_value and _planted(padded).q_value == planted.q_value


def test_the_model_shows_no_collapse_on_days_without_food(person: Person) -> None:
    y = person.year
    run = run_model(person.journal, y.start, y.end)
    assert len(run.days) == len(person.days)
    logged = [d for d in run.days if d.date in y.food_days]
    unlogged = [d for d in run.days if d.date not in y.food_days]
    assert len(unlogged) == len(person.days) - len(y.food_days)
    assert all(any(a.part == "food" for a in d.assumed) for d in unlogged)
    assert not any(a.part == "food" for d in logged for a in d.assumed)
    for index in ("store_pct", "release_capacity_pct"):
        on = [getattr(d, index).value for d in logged]
        off = [getattr(d, index).value for d in unlogged]
        for what in (statistics.mean, statistics.median):
            assert abs(what(off) - what(on)) <= NO_COLLAPSE_PCT / 100 * what(on), (index, what, on, off)
        # no unlogged day falls lower than logged days already do (sleep and exercise move both)
        assert min(off) >= min(on) - NO_COLLAPSE_PCT / 100 * statistics.mean(on), (index, min(on), min(off))


def _day_values(d: DaySummary) -> tuple[object, ...]:
    """What a day shows, without the database ids (new in the journal an export is read into)."""

    def num(v: float | None) -> float | None:
        return None if v is None or math.isnan(v) else round(v, 9)

    food = None if d.food is None else (
        tuple(sorted((i.food_id, i.description, num(i.grams), i.amount_text, i.supplement) for i in d.food.items)),
        tuple(sorted((k, num(v)) for k, v in d.food.totals.items())))
    return (d.date, food,
            tuple((p.bed, p.wake, p.asleep_min, p.nap, p.source, tuple(sorted(p.stage_min.items())))
                  for p in d.sleep),
            tuple((s.start, s.activity, s.duration_min, s.avg_hr_bpm, s.max_hr_bpm, s.activity_class)
                  for s in d.exercise),
            tuple((p.kind, p.start, p.duration_min) for p in d.practices),
            tuple(sorted((k, r.value) for k, r in d.ratings.items())),
            tuple(sorted((k.value, o.value, o.source) for k, o in d.observations.items())))


def test_export_and_import_into_an_empty_journal_gives_the_same_days(person: Person, imported_db: Path,
                                                                      tmp_path: Path) -> None:
    written = export_everything(person.journal, tmp_path / "year.zip")
    assert written.rows["cronometer_serving"] == person.year.servings
    assert written.rows["sleep_period"] == len(person.year.nights) + person.year.naps
    shutil.copy(imported_db, tmp_path / "empty.sqlite")
    with Journal(tmp_path / "empty.sqlite") as other:
        back = import_export(other, tmp_path / "year.zip")
        assert back.rows == written.rows
        assert other.lifestyle.rating_scales() == person.journal.lifestyle.rating_scales()
        again = summarize(other, person.year.start, person.year.end)
    assert [_day_values(d) for d in again] == [_day_values(d) for d in person.days]
