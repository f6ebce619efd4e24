"""norepi's generic CSV reader: sleep (bed, wake, asleep_min, nap) and ratings (date + one column per rating)."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import of

from norepi.errors import ImportFormatError
from norepi.importers import GenericCsvImporter
from norepi.journal.records import RatingRec, SleepRec

SLEEP_CSV = """bed,wake,asleep_min,nap
2026-11-19T23:10:00+01:00,2026-11-20T07:00:00+01:00,415,
2026-11-20T23:40:00+01:00,2026-11-21T06:30:00+01:00,,false
2026-11-21T14:00:00+01:00,2026-11-21T14:30:00+01:00,25,true
"""
RATINGS_CSV = """date,focus,energy,mood,tiredness
2026-11-20,7,6,8,
2026-11-21,5,,,2.5
"""


def test_sleep_and_ratings_csv(tmp_path):
    (tmp_path / "sleep.csv").write_text(SLEEP_CSV)
    (tmp_path / "ratings.csv").write_text(RATINGS_CSV)
    periods = [r.period for r in of(GenericCsvImporter().read(tmp_path / "sleep.csv"), SleepRec)]
    assert [(p.in_bed_min, p.time_asleep_min, p.asleep_basis, p.nap) for p in periods] == [
        (470, 415, "measured", False),
        (410, 410, "in bed", False),
        (30, 25, "measured", True),
    ]
    ratings = of(GenericCsvImporter().read(tmp_path / "ratings.csv"), RatingRec)
    assert [(r.date, dict(r.values)) for r in ratings] == [
        (dt.date(2026, 11, 20), {"focus": 7, "energy": 6, "mood": 8}),
        (dt.date(2026, 11, 21), {"focus": 5, "tiredness": 2.5}),
    ]
    assert ratings[1].origin.endswith("ratings.csv:3")  # the journal names the file and line when it refuses one


def test_naive_times_are_local(tmp_path):
    (tmp_path / "sleep.csv").write_text("bed,wake\n2026-11-19T23:10,2026-11-20T07:00\n")
    (rec,) = GenericCsvImporter().read(tmp_path / "sleep.csv")
    local = dt.datetime(2026, 11, 19, 23, 10).astimezone()
    assert rec.period.bed == local and rec.period.bed.utcoffset() == local.utcoffset()


@pytest.mark.parametrize(
    "text, message",
    [
        ("start,end\n2026-11-20T23:00,2026-11-21T07:00\n", r"bad.csv:1: missing columns"),
        (SLEEP_CSV + "2026-11-22T07:00:00+01:00,2026-11-21T23:00:00+01:00,,\n", r"bad.csv:5: wake: sleep ends"),
        (SLEEP_CSV + "yesterday,2026-11-21T23:00:00+01:00,,\n", r"bad.csv:5: column 'bed'"),
        (SLEEP_CSV + "2026-11-22T23:00:00+01:00,2026-11-23T07:00:00+01:00,600,\n", r"bad.csv:5: .*600 min asleep"),
        (RATINGS_CSV + "2026-11-22,lots,,,\n", r"bad.csv:4: column 'focus': 'lots' is not a number"),
        (RATINGS_CSV + "22/11/2026,3,,,\n", r"bad.csv:4: column 'date'"),
        ("date,Focus Level\n2026-11-20,3\n", r"bad.csv:1: column\(s\) 'focus level'"),
        ("", r"bad.csv:1: empty file"),
    ],
)
def test_bad_generic_csv(tmp_path, text, message):
    (tmp_path / "bad.csv").write_text(text)
    with pytest.raises(ImportFormatError, match=message):
        list(GenericCsvImporter().read(tmp_path / "bad.csv"))


def test_wrong_files(tmp_path, exports):
    with pytest.raises(ImportFormatError, match=r"sleeps.csv:1: missing columns: expected norepi's generic CSV"):
        list(GenericCsvImporter().read(exports / "whoop" / "TheOneRichy-whoop_data" / "sleeps.csv"))
    (tmp_path / "latin.csv").write_bytes("date,mood\n2026-11-20,5\n2026-11-21,6 \xe9\n".encode("latin-1"))
    with pytest.raises(ImportFormatError, match=r"latin.csv:3: not UTF-8 text"):
        list(GenericCsvImporter().read(tmp_path / "latin.csv"))
    with pytest.raises(ImportFormatError, match="a folder"):
        list(GenericCsvImporter().read(tmp_path))
