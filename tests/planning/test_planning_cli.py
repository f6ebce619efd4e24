"""``norepi plan day|week|show|accept`` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from norepi.cli.app import app

runner = CliRunner()


def _run(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", str(db), *args])


def test_plan_commands_have_examples() -> None:
    group = get_command(app).commands["plan"]  # type: ignore[attr-defined]
    assert set(group.commands) == {"day", "week", "show", "accept"}
    for cmd in group.commands.values():
        assert any(line.strip().startswith("Example:") for line in (cmd.help or "").splitlines())


def test_plan_day_json_then_accept(plan_journal) -> None:  # type: ignore[no-untyped-def]
    db = Path(str(plan_journal.db.url).removeprefix("sqlite:///"))
    result = _run(db, "plan", "day", "--date", "2026-11-23", "--diet", "vegetarian", "--exclude", "peanuts",
                  "--dislike", "banana", "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert set(plan) >= {"days", "shopping_list", "relaxed", "id"}
    (day,) = plan["days"]
    assert [m["name"] for m in day["meals"]] == ["breakfast", "lunch", "dinner", "snacks"]
    for meal in day["meals"]:
        for item in meal["items"]:
            assert set(item) == {"ndb_no", "description", "grams", "portion"}
    assert set(day["totals"]) <= set(day["targets"])
    accepted = _run(db, "plan", "accept", str(plan["id"]), "--date", "2026-11-30")
    assert accepted.exit_code == 0, accepted.output
    logged = json.loads(_run(db, "day", "2026-11-30", "--json").stdout)
    for key, value in day["totals"].items():
        assert logged["totals"][key] == pytest.approx(value, rel=1e-3, abs=0.05)
    shown = json.loads(_run(db, "plan", "show", str(plan["id"]), "--json").stdout)
    assert shown["accepted_at"] is not None and shown["days"] == plan["days"]


def test_plan_errors_are_one_line(plan_journal) -> None:  # type: ignore[no-untyped-def]
    db = Path(str(plan_journal.db.url).removeprefix("sqlite:///"))
    result = _run(db, "plan", "day", "--objective", "cost")
    assert result.exit_code == 1
    assert "needs prices" in result.output
    assert _run(db, "plan", "accept", "99").exit_code == 1


def test_cost_plan_with_few_prices_says_why_it_is_thin(plan_journal) -> None:  # type: ignore[no-untyped-def]
    db = Path(str(plan_journal.db.url).removeprefix("sqlite:///"))
    result = _run(db, "plan", "day", "--objective", "cost", "--price", "01129=0.5", "--json")  # hard-boiled egg
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["candidates"] == 1 and plan["relaxed"]  # one priced food cannot meet the targets: said, not hidden
    assert any("only the 1 food with a price" in n for n in plan["notes"])
    raw = _run(db, "plan", "day", "--objective", "cost", "--price", "01123=0.5")  # raw egg: never planned
    assert raw.exit_code == 1 and "none of the 1 food with a price can be planned" in raw.output
