"""What a person reads: labels from the vocabularies with units, numbers without exponents, tables within 80
columns, explanations under the reports, and output that fits what the journal knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import invoke

from norepi.cli.render import num
from norepi.nutrition.nutrients import KEYS
from norepi.vocab import PracticeKind

REPORTS = [
    ["day"], ["days", "today-6..today"], ["week"], ["gaps", "--foods", "2"], ["today"], ["insights"],
    ["profile", "show"], ["foods", "show", "01123"], ["foods", "search", "chicken breast", "--limit", "5"],
    ["rating", "list"], ["model", "run", "today-2..today"], ["model", "whatif", "--sleep-hours", "5", "--days", "2"],
    ["model", "whatif", "--add", "hiit 20min", "--journal", "today-2..today"], ["model", "parameters"],
    ["plan", "day", "--no-journal"],
]
INTERNAL = re.compile(r"\b(" + "|".join([*KEYS, *(k.value for k in PracticeKind if "_" in k.value), "sleep_hours",
                                          "None", "nan"]) + r")\b")
EXPONENT = re.compile(r"\d(\.\d+)?e[+-]\d")


@pytest.fixture(scope="module")
def outputs(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import shutil

    db = tmp_path_factory.mktemp("words") / "words.sqlite"
    shutil.copy(sample_db, db)
    out = {}
    for args in REPORTS:
        r = invoke(db, *args)
        assert r.exit_code == 0, (args, r.output)
        out[" ".join(args)] = r.stdout
    return out


def test_every_report_fits_80_columns(outputs: dict[str, str]) -> None:
    wide = {k: max(len(line) for line in v.splitlines()) for k, v in outputs.items()}
    assert {k: w for k, w in wide.items() if w > 80} == {}


def test_no_internal_words_or_exponents(outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        if name == "model parameters":  # the parameter table lists the model's own names on purpose
            continue
        assert INTERNAL.findall(text) == [], name
        assert EXPONENT.findall(text) == [], name


def test_reports_explain_their_terms(outputs: dict[str, str]) -> None:
    assert "sleep regularity" in outputs["week"] and "how alike your sleep and wake times" in outputs["week"]
    assert "exercise load" in outputs["week"] and "social jet lag:" in outputs["week"]
    run = outputs["model run today-2..today"]
    assert "store: how full" in run and "release capacity: how much" in run
    assert "5-95 % range" in " ".join(outputs["model whatif --sleep-hours 5 --days 2"].split())


def test_numbers_have_sensible_digits() -> None:
    assert [num(1043.7), num(12.56), num(0.0712), num(0.0), num(99.96), num(-3.14159)] == \
        ["1,044", "12.6", "0.0712", "0", "100", "-3.14"]
    assert "e" not in num(1.04e-7) and "e" not in num(3.2e9)


def test_profile_show_is_words_not_a_dict(outputs: dict[str, str]) -> None:
    text = outputs["profile show"]
    assert "{'" not in text and "': " not in text and "from 20" in text and "female, 34 years, 62 kg" in text
    assert "Vitamin C" in text and "75 mg" in text


def test_week_has_no_none_and_says_what_is_missing(profiled: Path) -> None:
    r = invoke(profiled, "log", "sleep", "--bed", "23:00", "--wake", "07:00", "--date", "yesterday")
    assert r.exit_code == 0, r.output
    text = invoke(profiled, "week").stdout
    assert "None" not in text and "1 night" in text and "not enough nights" in text


def test_what_if_days_are_not_fake_dates(outputs: dict[str, str]) -> None:
    text = outputs["model whatif --sleep-hours 5 --days 2"]
    assert "2025-01-01" not in text and "day 1" in text and "day 2" in text
    assert "sleep 5 h a night for 2 days" in text


def test_day_lists_what_was_eaten(outputs: dict[str, str]) -> None:
    text = outputs["day"]
    assert "Eaten on" in text and "Nutrition on" in text
    assert re.search(r"\d\d:\d\d .* g\)", text)


def test_foods_show_by_name(demo: Path) -> None:
    r = invoke(demo, "foods", "show", "egg")
    assert "no food with NDB number" not in r.output and "00egg" not in r.output
    assert (r.exit_code == 0 and "Egg, whole" in r.stdout) or (
        r.exit_code == 1 and "matches several foods" in r.stderr and "01123" in r.stderr)
    r = invoke(demo, "foods", "show", "chicken")
    assert (r.exit_code, "matches several foods" in r.stderr) in ((0, False), (1, True)) and "Traceback" not in r.output
    r = invoke(demo, "foods", "show", "egg whole raw fresh")
    assert r.exit_code == 0 and "01123 Egg, whole, raw, fresh" in r.stdout and "Per 100 g" in r.stdout


def test_an_empty_search_says_so_with_a_hint(demo: Path) -> None:
    r = invoke(demo, "foods", "search", "zzzzqqqq")
    assert r.exit_code == 0 and "No food matches 'zzzzqqqq'" in r.stdout and "fewer or more general words" in r.stdout


def test_empty_journal_today_and_insights_fit_what_is_known(profiled: Path) -> None:
    today = invoke(profiled, "today").stdout
    assert "Log a few days first" in today and "HIIT" not in today and "vigorous session" not in today
    insights = invoke(profiled, "insights").stdout
    assert "rate your day on at least" in insights.lower() or "more days" in insights
    assert "tests run" not in insights and "The strongest seen" not in insights


def test_short_journal_insights_say_how_many_more_days(demo: Path) -> None:
    text = invoke(demo, "insights").stdout
    assert re.search(r"\d+ more days", text), text


def test_day_without_food_says_unknown_and_how_to_log(profiled: Path) -> None:
    r = invoke(profiled, "day")
    assert r.exit_code == 0 and "intake unknown (not zero)" in r.stdout and "norepi log food" in r.stdout


def test_experiment_start_lists_its_phases(profiled: Path) -> None:
    r = invoke(profiled, "experiment", "start", "slow_breathing", "--action", "10 min slow breathing", "--phases",
               "4", "--phase-days", "3", "--seed", "1")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("  phase ") == 4 and "WITH" in r.stdout and "without" in r.stdout
