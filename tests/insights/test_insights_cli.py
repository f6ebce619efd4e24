"""`norepi today`, `norepi insights`, `norepi experiment`: real journal in, JSON and tables out."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from norepi.cli.app import app
from norepi.journal.journal import Journal
from norepi.journal.sample import SAMPLE_PROFILE, load_sample
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice

runner = CliRunner()
TZ = dt.timezone(dt.timedelta(hours=1))
LAST = dt.date(2026, 11, 24)


def test_today_on_the_sample_journal(db_path) -> None:  # type: ignore[no-untyped-def]
    with Journal(db_path) as j:
        load_sample(j, LAST)  # two weeks of real foods (and whatever lifestyle rows the sample carries)
        today_entries = {e.ndb_no for e in j.entries(LAST)}
        j.lifestyle.log_pss10([3, 3, 3, 1, 1, 3, 1, 1, 3, 3], LAST)  # the latest PSS-10: 30 (high)
    r = runner.invoke(app, ["--db", str(db_path), "today", "--date", LAST.isoformat(), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    actions = out["actions"]
    assert out["date"] == LAST.isoformat()
    assert 3 <= len(actions) <= 6 and all(a["reasons"] and a["text"] for a in actions)
    assert {a["lever"] for a in actions} <= {"exercise", "sleep", "stress", "food", "supplement", "tracking"}
    st = next(a for a in actions if a["lever"] == "stress")
    assert st["reasons"]["pss10"] == 30 and "PSS-10 = 30 (high)" in st["text"]
    assert any(a["lever"] == "food" for a in actions)  # the sample week is short of iron
    for a in actions:
        if a["lever"] == "food":
            assert a["reasons"]["ndb_no"] not in today_entries and "% of target over 7 days" in a["text"]
    r = runner.invoke(app, ["--db", str(db_path), "today", "--date", LAST.isoformat()])
    assert r.exit_code == 0 and "not medical advice" in r.output


@pytest.fixture
def tracked(tmp_path):  # type: ignore[no-untyped-def]
    """30 days of sleep, breathing and ratings (mood follows sleep), no food database."""
    path = tmp_path / "t.sqlite"
    rng = np.random.default_rng(0)
    with Journal(path) as j:
        j.set_profile(SAMPLE_PROFILE, effective_on=LAST - dt.timedelta(days=60))
        for i in range(30):
            d = LAST - dt.timedelta(days=29 - i)
            hours = float(rng.uniform(5.5, 9.0))
            bed = dt.datetime.combine(d - dt.timedelta(days=1), dt.time(23, 0), TZ)
            j.lifestyle.log_sleep(SleepPeriod(bed, bed + dt.timedelta(hours=hours)))
            j.lifestyle.log_practice(Practice("slow_breathing", dt.datetime.combine(d, dt.time(18, 0), TZ),
                                              float(rng.integers(0, 3) * 5 + 5)))
            j.lifestyle.log_ratings(d, {"mood": int(np.clip(round(hours - 1 + rng.normal(0, 0.3)), 1, 10)),
                                        "focus": int(rng.integers(4, 9))})
    return str(path)


def test_insights_json_and_table(tracked) -> None:  # type: ignore[no-untyped-def]
    r = runner.invoke(app, ["--db", tracked, "insights", f"{LAST - dt.timedelta(days=29)}..{LAST}", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["n_days"] == 30 and out["n_tests"] > 0 and "not causation" in out["caveat"]
    tested = {(t["lever"]["name"], t["outcome"]["name"], t["lag"]) for t in out["tests"] if t["status"] == "tested"}
    assert ("time_asleep_h", "mood", "same_day") in tested and ("practice_min", "focus", "next_day") in tested
    assert not any(t["lever"]["name"].endswith("coverage_pct") and t["status"] == "tested"
                   for t in out["tests"])  # no food logged: no food lever tested
    top = out["findings"][0]
    assert (top["lever"]["name"], top["outcome"]["name"], top["lag"]) == ("time_asleep_h", "mood", "same_day")
    assert out["strongest"] and top["sentence"]
    r = runner.invoke(app, ["--db", tracked, "insights", f"{LAST - dt.timedelta(days=29)}..{LAST}"])
    assert r.exit_code == 0 and "Findings" in r.output and "not causation" in r.output


def test_experiment_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "e.sqlite")
    with Journal(db) as j:
        j.set_profile(SAMPLE_PROFILE, effective_on=LAST - dt.timedelta(days=60))
    start = LAST - dt.timedelta(days=27)
    r = runner.invoke(app, ["--db", db, "experiment", "start", "slow_breathing", "--action", "10 min breathing",
                            "--outcome", "mood", "--start", start.isoformat(), "--seed", "2", "--json"])
    assert r.exit_code == 0, r.output
    started = json.loads(r.output)
    assert len(started["schedule"]) == 4 and sorted(started["schedule"]) == ["A", "A", "B", "B"]
    r = runner.invoke(app, ["--db", db, "experiment", "status", "--date", start.isoformat(), "--json"])
    st = json.loads(r.output)
    assert st["phase"] == 1 and st["arm"] == started["schedule"][0]
    with Journal(db) as j:
        for i in range(28):
            d = start + dt.timedelta(days=i)
            arm = started["schedule"][i // 7]
            if arm == "A":
                j.lifestyle.log_practice(Practice("slow_breathing", dt.datetime.combine(d, dt.time(18, 0), TZ), 10.0))
            j.lifestyle.log_ratings(d, {"mood": 7 if arm == "A" else 5})
    r = runner.invoke(app, ["--db", db, "experiment", "analyse", "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output)
    mood = next(x for x in res["results"] if x["outcome"]["name"] == "mood")
    assert mood["difference"] == 2.0 and mood["p_value"] == pytest.approx(0.3333, abs=1e-4)  # 4 phases: min p 1/3
    assert res["adherence"]["A"] == {"adhered_days": 14, "days": 14}
    r = runner.invoke(app, ["--db", db, "experiment", "analyse"])
    assert r.exit_code == 0 and "Smallest possible p: 0.333" in r.output
    r = runner.invoke(app, ["--db", db, "experiment", "start", "coffee"])
    assert r.exit_code == 1 and "coffee" in r.output


@pytest.mark.parametrize("cmd", [["today"], ["insights"], ["experiment", "start"], ["experiment", "status"],
                                 ["experiment", "analyse"], ["experiment", "stop"]])
def test_every_command_has_an_example(cmd: list[str]) -> None:
    r = runner.invoke(app, [*cmd, "--help"])
    assert r.exit_code == 0 and "Example:" in r.output
