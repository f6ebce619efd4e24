import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from norepi.cli.app import app

runner = CliRunner()


def run(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", str(db), *args])


def _commands(group, prefix: str = ""):  # type: ignore[no-untyped-def]
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", cmd


def test_every_command_has_an_example() -> None:
    missing = [name for name, cmd in _commands(get_command(app)) if "Example:" not in (cmd.help or "")]
    assert missing == []


def test_profile_log_day_json_contract(db_path: Path) -> None:
    assert (
        run(
            db_path, "profile", "set", "--sex", "female", "--age", "34", "--weight-kg", "62", "--height-cm", "168"
        ).exit_code
        == 0
    )
    r = run(db_path, "log", "food", "2 large eggs", "--date", "2026-11-20", "--time", "08:00")
    assert r.exit_code == 0, r.output
    assert run(db_path, "log", "food", "01123", "150g", "--date", "2026-11-20").exit_code == 0
    r = run(db_path, "day", "2026-11-20", "--json")
    assert r.exit_code == 0, r.output
    day = json.loads(r.stdout)
    keys = {
        "energy_kcal",
        "protein_g",
        "phenylalanine_mg",
        "tyrosine_mg",
        "phe_tyr_mg",
        "vitamin_c_mg",
        "copper_mg",
        "vitamin_b6_mg",
        "folate_dfe_ug",
        "magnesium_mg",
        "iron_mg",
    }
    assert day["date"] == "2026-11-20"
    assert set(day["totals"]) == keys == set(day["targets"]) == set(day["coverage_pct"])
    assert all(set(t) >= {"rda", "ul"} for t in day["targets"].values())
    assert isinstance(day["incomplete"], list) and len(day["entries"]) == 2
    assert day["totals"]["protein_g"] == pytest.approx(250 * 12.56 / 100, rel=1e-3)  # USDA: egg 12.56 g/100 g


def test_search_json_shape(db_path: Path) -> None:
    r = run(db_path, "foods", "search", "chicken breast", "--limit", "5", "--json")
    hits = json.loads(r.stdout)
    assert len(hits) == 5 and all(set(h) == {"ndb_no", "description", "group"} for h in hits)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "food", "01123", "2 buckets", "--date", "2026-11-20"], "unknown unit or portion 'buckets'"),
        (["log", "food", "01123", "100 g", "--date", "2026-13-45"], "date: '2026-13-45' is not a date"),
        (["log", "food", "--", "01123", "-5 g"], "negative"),
        (["log", "food", "zzxqv", "100 g"], "no food matches"),
        (["log", "food", "99999", "100 g"], "no food with id"),
        (["day"], "no profile yet"),
        (["gaps", "2026-11-20..2026-11-01"], "ends before it starts"),
        (["profile", "set", "--sex", "female", "--age", "34", "--weight-kg", "-62", "--height-cm", "168"], "weight_kg"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(db_path: Path, args: list[str], message: str) -> None:
    r = run(db_path, *args)
    assert r.exit_code == 1
    assert message in r.stderr and r.stderr.strip().count("\n") == 0 and r.stderr.startswith("error:")


def test_demo_then_gaps(db_path: Path) -> None:
    r = run(db_path, "demo")
    assert r.exit_code == 0, r.output
    assert "Loaded the sample journal" in r.stdout and "Magnesium" in r.stdout
    r = run(db_path, "gaps", "today-13..today", "--json")
    report = json.loads(r.stdout)
    assert report["days_logged"] == 14 and report["shortfalls"]
    worst = report["shortfalls"][0]
    assert report["coverage_pct"][worst] < 100 and len(report["foods"][worst]) == 5


def test_import_reports_unchanged(db_path: Path, sr28_dir: Path) -> None:
    r = run(db_path, "foods", "import", str(sr28_dir))
    assert r.exit_code == 0 and "already imported" in r.stdout


def test_no_food_database_yet(tmp_path: Path) -> None:
    r = run(tmp_path / "new.sqlite", "foods", "search", "egg")
    assert r.exit_code == 1 and "no food database yet" in r.stderr


def test_demo_journal_drives_the_model(db_path: Path) -> None:
    """Journal -> day JSON (food + lifestyle) -> model: HIIT days of the sample peak higher than rest days."""
    from norepi.journal.sample import sample_lifestyle_rows

    assert run(db_path, "demo").exit_code == 0
    r = run(db_path, "model", "run", "today-13..today", "--json")
    assert r.exit_code == 0, r.output
    days = json.loads(r.stdout)["days"]
    assert len(days) == 14
    rows = sample_lifestyle_rows()
    hiit = {int(x["day"]) for x in rows if x["activity"] == "hiit"}
    active = {int(x["day"]) for x in rows if x["kind"] == "exercise"}
    rest = set(range(14)) - active
    peak = [d["ne_peak_nmol_per_l"]["value"] for d in days]
    assert all(d["ne_peak_nmol_per_l"]["low"] <= d["ne_peak_nmol_per_l"]["value"] <= d["ne_peak_nmol_per_l"]["high"]
               for d in days)  # every figure with its interval
    assert hiit and rest
    assert min(peak[i] for i in hiit) > 1.5 * max(peak[i] for i in rest)
