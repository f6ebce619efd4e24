"""The lifestyle CLI: log, stress pss10, week, import; every command's help has an example."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from norepi.cli.app import app

runner = CliRunner()

COMMANDS = [
    ["log", "exercise"],
    ["log", "sleep"],
    ["log", "practice"],
    ["log", "rating"],
    ["log", "stress-event"],
    ["log", "heart"],
    ["stress", "pss10"],
    ["import", "fit"],
    ["import", "apple-health"],
    ["import", "cronometer"],
    ["import", "csv"],
    ["week"],
]


@pytest.fixture
def cli(tmp_path):
    db = str(tmp_path / "j.sqlite")

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, ["--db", db, *args], input=input)

    r = run(
        "profile",
        "set",
        "--sex",
        "male",
        "--age",
        "40",
        "--weight-kg",
        "75",
        "--height-cm",
        "180",
        "--since",
        "2026-01-01",
    )
    assert r.exit_code == 0, r.output
    return run


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_help_has_example(cmd):
    r = runner.invoke(app, [*cmd, "--help"])
    assert r.exit_code == 0
    assert any(line.strip().startswith("Example:") for line in r.output.splitlines()), r.output


def test_log_and_day_json(cli):
    assert cli("log", "heart", "--resting-hr", "60", "--max-hr", "180", "--since", "2026-01-01").exit_code == 0
    r = cli(
        "log",
        "exercise",
        "run",
        "--date",
        "2026-11-20",
        "--start",
        "2026-11-20T07:00+01:00",
        "--duration-min",
        "30",
        "--avg-hr",
        "150",
    )
    assert r.exit_code == 0, r.output
    assert cli("log", "sleep", "--bed", "2026-11-19T23:00+01:00", "--wake", "2026-11-20T07:00+01:00").exit_code == 0
    assert cli("log", "practice", "nature", "45", "--start", "2026-11-20T16:00+01:00").exit_code == 0
    assert cli("log", "rating", "--focus", "7", "--motivation", "9", "--date", "2026-11-20").exit_code == 0
    assert cli("log", "stress-event", "6", "--note", "traffic", "--at", "2026-11-20T08:10+01:00").exit_code == 0
    r = cli("stress", "pss10", "--answers", "2,3,1,3,2,1,2,3,1,2", "--date", "2026-11-20")
    assert r.exit_code == 0 and "16" in r.output and "moderate" in r.output
    day = json.loads(cli("day", "2026-11-20", "--json").stdout)
    assert day["exercise"][0]["intensity"] == "vigorous" and day["exercise"][0]["avg_hr"] == 150
    assert day["sleep"][0]["duration_min"] == 480
    assert day["practices"][0]["kind"] == "nature"
    assert day["stress"]["pss10"] == 16 and day["stress"]["events"][0]["note"] == "traffic"
    assert day["ratings"]["motivation"] == 9
    week = json.loads(cli("week", "2026-11-16", "--json").stdout)
    assert week["exercise"]["vigorous_min"] == 30 and week["sleep"]["nights"] == 1
    assert cli("week", "2026-11-16").exit_code == 0


def test_pss10_interactive(cli):
    r = cli("stress", "pss10", "--date", "2026-11-20", input="\n".join("0000000000") + "\n")
    assert r.exit_code == 0, r.output
    assert "16 of 40" in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["log", "exercise", "run", "--duration-min", "30", "--avg-hr", "400"], "avg_hr_bpm"),
        (["log", "exercise", "run", "--duration-min", "30", "--avg-hr", "0"], "avg_hr_bpm"),
        (["log", "exercise", "run", "--duration-min", "-5"], "duration_min"),
        (["log", "sleep", "--bed", "2026-11-20T07:00+01:00", "--wake", "2026-11-19T23:00+01:00"], "before it starts"),
        (["log", "practice", "meditation", "--", "-10"], "duration_min"),
        (["log", "rating", "--mood", "11"], "mood"),
        (["stress", "pss10", "--answers", "1,2,3"], "10 answers"),
    ],
)
def test_bad_input_is_one_line_error(cli, args, message):
    r = cli(*args)
    assert r.exit_code == 1
    assert message in r.output
    assert "Traceback" not in r.output
