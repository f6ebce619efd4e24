"""Input read as meant: dates bounded (1900 .. today, the future only where planning), cross-field checks, messages
in the field's own words, and files that are not what their name says refused by name. Every refusal leaves the
database as it was."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from cli_helpers import digest, invoke

from norepi.cli.context import parse_date, parse_range
from norepi.errors import DateError

TODAY = dt.date.today()
FUTURE = (TODAY + dt.timedelta(days=400)).isoformat()
FUTURE_NEXT = (TODAY + dt.timedelta(days=401)).isoformat()


def test_date_forms() -> None:
    assert parse_date("today") == TODAY
    assert parse_date("yesterday") == TODAY - dt.timedelta(days=1)
    assert parse_date("today-3") == parse_date("-3") == TODAY - dt.timedelta(days=3)
    assert parse_date(" 2026-11-20 ") == dt.date(2026, 11, 20)
    assert parse_date("tomorrow", future=True) == parse_date("today+1", future=True) == TODAY + dt.timedelta(days=1)
    assert parse_range("today-2..today") == (TODAY - dt.timedelta(days=2), TODAY)


@pytest.mark.parametrize(("text", "message"), [
    (FUTURE, "in the future"),
    ("tomorrow", "in the future"),
    ("today+2", "in the future"),
    ("+2", "not a date"),
    ("today-100000", "before 1900"),
    ("1899-12-31", "before 1900"),
    ("today-99999999999", "too far from today"),
    ("2026-02-30", "not a date"),
    ("", "not a date"),
])
def test_dates_refused(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


@pytest.mark.parametrize("args", [
    ["log", "food", "01123", "50 g", "--date", FUTURE],
    ["log", "food", "01123", "50 g", "--date", "today-100000"],
    ["log", "exercise", "run", "--duration-min", "30", "--date", FUTURE],
    ["log", "exercise", "run", "--duration-min", "30", "--start", f"{FUTURE}T07:00"],
    ["log", "practice", "meditation", "10", "--start", "1850-01-01T07:00"],
    ["log", "sleep", "--bed", f"{FUTURE}T23:00", "--wake", f"{FUTURE_NEXT}T07:00"],
    ["log", "stress-event", "5", "--date", FUTURE],
    ["log", "rating", "--mood", "7", "--date", FUTURE],
    ["stress", "pss10", "--answers", "2,3,1,3,2,1,2,3,1,2", "--date", FUTURE],
    ["day", FUTURE],
    ["gaps", f"today..{FUTURE}"],
    ["model", "run", f"today..{FUTURE}"],
])
def test_records_and_reports_of_the_future_or_before_1900_are_refused(profiled: Path, args: list[str]) -> None:
    before = digest(profiled)
    r = invoke(profiled, *args)
    assert r.exit_code == 1, r.output
    assert ("in the future" in r.stderr or "before 1900" in r.stderr) and r.stderr.count("\n") == 1
    assert digest(profiled) == before


def test_plans_may_be_for_days_ahead_and_say_so(profiled: Path) -> None:
    r = invoke(profiled, "today", "--date", "tomorrow")
    assert r.exit_code == 0, r.output
    assert "a day ahead" in r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["log", "exercise", "run", "--duration-min", "30", "--avg-hr", "180", "--max-hr", "150"],
     "average heart rate 180 bpm is above the maximum 150 bpm"),
    (["log", "exercise", "", "--duration-min", "30"], "give the activity"),
    (["log", "exercise", "  ", "--duration-min", "30"], "give the activity"),
    (["log", "exercise", "ice skating", "--duration-min", "30"], "is not in the catalogue"),
    (["log", "exercise", "run", "--duration-min", "0"], "more than 0 and at most 1440 min"),
    (["log", "practice", "meditation", "0"], "give more than 0 and at most 1440 min"),
    (["log", "exercise", "run", "--duration-min", "30", "--date", "2026-11-20", "--start", "2026-11-19T07:00"],
     "names the day 2026-11-19 but --date says 2026-11-20"),
    (["log", "sleep", "--bed", "23:00", "--wake", "2026-11-20T07:00"], "give both --bed and --wake"),
])
def test_cross_field_checks(profiled: Path, args: list[str], message: str) -> None:
    before = digest(profiled)
    r = invoke(profiled, *args)
    assert r.exit_code == 1, r.output
    assert message in r.stderr and r.stderr.count("\n") == 1
    assert "outside 0-1440" not in r.stderr
    assert digest(profiled) == before


def test_custom_activity_is_stated(profiled: Path) -> None:
    r = invoke(profiled, "log", "exercise", "ice skating", "--custom", "--duration-min", "45", "--date", "yesterday")
    assert r.exit_code == 0 and "ice skating, 45 min" in r.stdout
    r = invoke(profiled, "log", "exercise", "Running", "--duration-min", "30", "--date", "yesterday")
    assert r.exit_code == 0 and "run, 30 min" in r.stdout


def test_sleep_with_clock_times_is_the_night_before(profiled: Path) -> None:
    r = invoke(profiled, "log", "sleep", "--bed", "23:10", "--wake", "07:00", "--date", "2026-11-20")
    assert r.exit_code == 0, r.output
    assert "2026-11-19 23:10 to 2026-11-20 07:00" in r.stdout and "7.8 h" in r.stdout


def test_zip_files_that_are_not_zips_are_named(profiled: Path, tmp_path: Path) -> None:
    empty = tmp_path / "export.zip"
    empty.write_bytes(b"")
    text = tmp_path / "text.zip"
    text.write_text("<HealthData></HealthData>")
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as z:
        z.writestr("apple_health_export/export.xml", "<HealthData>" + "<Record/>" * 5000 + "</HealthData>")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    before = digest(profiled)
    for path, message in ((empty, "an empty file (0 bytes), not a zip archive"), (text, "not a zip archive"),
                          (cut, "a truncated or damaged zip archive")):
        for kind in ("apple-health", "whoop", "loop"):
            r = invoke(profiled, "import", kind, str(path))
            assert r.exit_code == 1, r.output
            assert message in r.stderr and "XML" not in r.stderr and r.stderr.count("\n") == 1
    assert digest(profiled) == before


def test_a_file_in_another_encoding_or_binary_is_one_line(profiled: Path, tmp_path: Path) -> None:
    latin = tmp_path / "servings.csv"
    latin.write_bytes("Day,Food Name,Amount,Energy (kcal)\n2026-11-20,Caf\xe9 au lait,1 cup,100\n".encode("latin-1"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01binary\x00")
    before = digest(profiled)
    for kind, path in (("cronometer", latin), ("csv", binary), ("cronometer", binary)):
        r = invoke(profiled, "import", kind, str(path))
        assert r.exit_code == 1 and "Traceback" not in r.output and r.stderr.count("\n") == 1, r.output
    assert digest(profiled) == before


def test_import_fit_folder_says_why(profiled: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no fit files here")
    r = invoke(profiled, "import", "fit", str(tmp_path))
    assert r.exit_code == 1 and ".fit" in r.stderr and "no such file" not in r.stderr


@pytest.mark.parametrize(("plot", "message"), [
    ("/nonexistent/dir/x.png", "no such folder for the plot"),
    ("x.txt", "written as PNG"),
])
def test_plot_to_a_missing_folder_or_not_png_is_one_line(demo: Path, plot: str, message: str) -> None:
    r = invoke(demo, "model", "run", "today-1..today", "--plot", plot)
    assert r.exit_code == 1 and message in r.stderr and r.stderr.count("\n") == 1
    r = invoke(demo, "model", "whatif", "--sleep-hours", "5", "--days", "1", "--plot", plot)
    assert r.exit_code == 1 and message in r.stderr


def test_export_to_a_missing_folder_is_one_line(demo: Path) -> None:
    r = invoke(demo, "export", "/nonexistent/dir/out.zip")
    assert r.exit_code == 1 and "no such folder" in r.stderr


@pytest.mark.parametrize("seed", ["-1", "99999999999999999999999"])
def test_experiment_seeds_out_of_range_are_refused(profiled: Path, seed: str) -> None:
    before = digest(profiled)
    r = invoke(profiled, "experiment", "start", "meditation", "--seed", seed)
    assert r.exit_code == 2 and "is not in the range 0-2147483647" in r.stderr and "bug" not in r.stderr
    assert digest(profiled) == before


def test_the_experiment_operation_refuses_a_seed_out_of_range(profiled: Path) -> None:
    from norepi.errors import InputError
    from norepi.journal.journal import Journal
    from norepi.operations.insights import start_experiment

    with Journal(profiled) as j:
        for seed in (-1, 2**63):
            with pytest.raises(InputError, match="outside 0-2147483647"):
                start_experiment(j, "meditation", "", "mood", TODAY, 7, 4, seed)


def test_demo_again_after_own_ratings_keeps_them(demo: Path) -> None:
    assert invoke(demo, "log", "rating", "--mood", "3", "--date", "today-2").exit_code == 0
    r = invoke(demo, "demo")
    assert r.exit_code == 0, r.output
    import json

    assert json.loads(invoke(demo, "day", "today-2", "--json").stdout)["ratings"]["mood"] == 3.0
