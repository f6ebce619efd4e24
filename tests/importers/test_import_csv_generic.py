"""Generic CSV (sleep: bed, wake; ratings: date, focus, energy, mood, motivation) and the import CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from norepi.journal.lifestyle_models import RatingRecord, SleepRecord
from sqlalchemy import func, select
from typer.testing import CliRunner

from norepi.cli.app import app
from norepi.errors import ImportFormatError
from norepi.importers import GenericCsvImporter
from norepi.journal import lifestyle_store as store

SLEEP_CSV = """bed,wake
2026-11-19T23:10:00+01:00,2026-11-20T07:00:00+01:00
2026-11-20T23:40:00+01:00,2026-11-21T06:30:00+01:00
"""
RATINGS_CSV = """date,focus,energy,mood,motivation
2026-11-20,7,6,8,
2026-11-21,5,,,4
"""


def count(j, model) -> int:
    with j.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_sleep_and_ratings_csv(jrnl, tmp_path):
    (tmp_path / "sleep.csv").write_text(SLEEP_CSV)
    (tmp_path / "ratings.csv").write_text(RATINGS_CSV)
    assert store.import_file(jrnl, tmp_path / "sleep.csv", GenericCsvImporter()).added == {"sleep": 2}
    assert store.import_file(jrnl, tmp_path / "ratings.csv", GenericCsvImporter()).added == {"ratings": 2}
    day = jrnl.day(dt.date(2026, 11, 20)).model_dump(mode="json")
    assert day["sleep"][0]["duration_min"] == 470  # 23:10 -> 07:00
    assert day["ratings"] == {"focus": 7, "energy": 6, "mood": 8, "motivation": None}
    assert jrnl.day(dt.date(2026, 11, 21)).ratings == {"focus": 5, "energy": None, "mood": None, "motivation": 4}
    # the same rows in a new file: nothing new
    (tmp_path / "sleep2.csv").write_text(SLEEP_CSV + "\n")
    assert store.import_file(jrnl, tmp_path / "sleep2.csv", GenericCsvImporter()).added == {}


@pytest.mark.parametrize(
    "text, message",
    [
        ("start,end\n2026-11-20T23:00,2026-11-21T07:00\n", r"bad.csv:1: missing columns"),
        (SLEEP_CSV + "2026-11-22T07:00:00+01:00,2026-11-21T23:00:00+01:00\n", r"bad.csv:4: wake: sleep ends"),
        (SLEEP_CSV + "yesterday,2026-11-21T23:00:00+01:00\n", r"bad.csv:4: column 'bed'"),
        (RATINGS_CSV + "2026-11-22,11,,,\n", r"bad.csv:4: focus"),
        (RATINGS_CSV + "2026-11-22,-3,,,\n", r"bad.csv:4: focus"),
    ],
)
def test_bad_generic_csv(jrnl, tmp_path, text, message):
    (tmp_path / "bad.csv").write_text(text)
    with pytest.raises(ImportFormatError, match=message):
        store.import_file(jrnl, tmp_path / "bad.csv", GenericCsvImporter())
    assert count(jrnl, SleepRecord) == 0 and count(jrnl, RatingRecord) == 0


def test_import_cli(tmp_path, make_fit):
    runner = CliRunner()
    db = ["--db", str(tmp_path / "j.sqlite")]
    (tmp_path / "sleep.csv").write_text(SLEEP_CSV)
    fit = make_fit(tmp_path / "run.fit", dt.datetime(2026, 11, 20, 6, tzinfo=dt.UTC), [150] * 300)
    r = runner.invoke(app, [*db, "import", "csv", str(tmp_path / "sleep.csv")])
    assert r.exit_code == 0 and "2 sleep" in r.output, r.output
    r = runner.invoke(app, [*db, "import", "fit", str(fit)])
    assert r.exit_code == 0 and "1 exercise" in r.output, r.output
    r = runner.invoke(app, [*db, "import", "fit", str(fit)])
    assert r.exit_code == 0 and "imported before" in r.output
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    r = runner.invoke(app, [*db, "import", "csv", str(tmp_path / "bad.csv")])
    assert r.exit_code == 1 and "bad.csv:1: missing columns" in r.output
    r = runner.invoke(app, [*db, "import", "apple-health", str(tmp_path / "nope.xml")])
    assert r.exit_code == 1 and "no such file" in r.output
    assert (
        runner.invoke(
            app,
            [
                *db,
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
            ],
        ).exit_code
        == 0
    )
    day = json.loads(runner.invoke(app, [*db, "day", "2026-11-20", "--json"]).stdout)
    assert day["exercise"][0]["duration_min"] == 5 and day["sleep"][0]["duration_min"] == 470
