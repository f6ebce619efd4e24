"""What every importer shares: time zones in the apps' forms, mapping targets and MappingNeeded, one sleep per night,
text files checked to be text, the registry of importers."""

from __future__ import annotations

import datetime as dt
import inspect
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norepi.errors import ImportFormatError, InputError, MappingNeeded
from norepi.importers import IMPORTERS
from norepi.importers import files as files_mod
from norepi.importers.mapping import Target, parse_target, resolve
from norepi.importers.sleep_records import one_per_night, sleep_rec
from norepi.importers.timezones import aware, zone
from norepi.journal.records import Importer

H = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "text, offset",
    [
        ("UTC-04:00", -4 * H),
        ("UTC+05:30", 5.5 * H),
        ("UTC+0530", 5.5 * H),
        ("UTCZ", dt.timedelta(0)),
        ("UTC", dt.timedelta(0)),
        ("Z", dt.timedelta(0)),
        ("+0100", H),
        ("-05:00", -5 * H),
        ("+01", H),
        ("GMT+2", 2 * H),
    ],
)
def test_zone_forms(text, offset):
    assert dt.datetime(2026, 1, 15, 12, tzinfo=zone(text)).utcoffset() == offset


def test_iana_zones_keep_summer_time():
    berlin = zone("Europe/Berlin")
    assert aware(dt.datetime(2026, 1, 15, 12), berlin).utcoffset() == H
    assert aware(dt.datetime(2026, 7, 15, 12), berlin).utcoffset() == 2 * H
    for bad in ("UTC+25:00", "Mars/Olympus", "noon", "UTC+05:75"):
        with pytest.raises(InputError, match="timezone"):
            zone(bad)


def test_mapping_targets():
    assert parse_target("rating:tiredness") == Target("rating", "tiredness")
    assert parse_target("rating:mood:4.5") == Target("rating", "mood", 4.5)
    assert parse_target("practice:meditation:15 (yes/no, 15 min a session)") == Target("practice", "meditation", 15)
    assert parse_target("observation:hrv_rmssd_ms") == Target("observation", "hrv_rmssd_ms")
    assert parse_target(" ignore ").ignored and parse_target("food_complete").what == "food_complete"
    for bad, message in (
        ("rating:Tiredness", "not a rating name"),
        ("practice:yoga", "not a practice"),
        ("observation:steps", "not an observation"),
        ("practice:meditation:0", "more than 0 and at most 1440 min"),
        ("observation:resting_hr_bpm:60", "takes its value from the file"),
        ("mood", "not a mapping target"),
    ):
        with pytest.raises(InputError, match=message):
            parse_target(bad, "key")


def test_resolve_wildcards_and_missing():
    keys = ["factor:Sun", "factor:Walk", "symptom:Pain", "Mood"]
    got = resolve({"factor:*": "ignore", "factor:Walk": "practice:nature:20", "*": "rating:other"}, keys, {}, "k", "s")
    assert got["factor:Sun"].ignored and got["factor:Walk"] == Target("practice", "nature", 20)
    assert got["Mood"] == Target("rating", "other")
    with pytest.raises(MappingNeeded) as err:
        resolve({"Mood": "rating:mood"}, keys, {"symptom:Pain": "rating:pain (0-4)"}, "keys", "Bearable export")
    assert err.value.columns == ["factor:Sun", "factor:Walk", "symptom:Pain"]
    assert err.value.suggestions == {"symptom:Pain": "rating:pain (0-4)"}
    assert "3 keys need a meaning" in str(err.value)


def _night(bed: dt.datetime, hours: float, nap: bool = False, key: str | None = None):
    return sleep_rec(key or bed.isoformat(), bed, bed + hours * H, where="f", line=None, nap=nap, source="t")


def test_one_per_night():
    t = dt.datetime(2026, 3, 1, 23, tzinfo=dt.UTC)
    recs = [
        _night(t, 8),
        _night(t, 8),  # the same night twice
        _night(t + 3 * H, 0.5, nap=True),  # a nap inside the night
        _night(t + 1 * H, 9),  # an overlapping longer record of the same night
        _night(t + 15 * H, 1, nap=True),  # an afternoon nap: kept
        _night(t + 24 * H, 7),
    ]
    kept = one_per_night(recs)
    assert [(r.period.bed - t, r.period.in_bed_min, r.period.nap) for r in kept] == [
        (1 * H, 540, False),
        (15 * H, 60, True),
        (24 * H, 420, False),
    ]


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20), st.booleans()), max_size=30))
def test_one_per_night_never_overlaps(spec):
    t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    recs = [_night(t + h * H, d, nap, key=f"{i}") for i, (h, d, nap) in enumerate(spec)]
    kept = one_per_night(recs)
    assert all(a.period.wake <= b.period.bed for a, b in zip(kept, kept[1:], strict=False))
    # every record dropped overlaps one kept that ranks at least as high (a night over a nap, then longer)
    for r in recs:
        if r not in kept:
            assert any(
                k.period.bed < r.period.wake
                and r.period.bed < k.period.wake
                and (not k.period.nap, k.period.in_bed_min) >= (not r.period.nap, r.period.in_bed_min)
                for k in kept
            )


def test_text_checks(tmp_path):
    z = tmp_path / "sleeps.csv"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.csv", "x")
    member = files_mod.single(z, "x")
    with pytest.raises(ImportFormatError, match="a zip archive, not a text file"):
        list(files_mod.csv_rows(member))
    (tmp_path / "late.csv").write_bytes(b"a,b\n" + b"1,2\n" * 5000 + b"3,\xe9\n")
    with pytest.raises(ImportFormatError, match=r"late.csv:5002: not UTF-8 text \(byte 0xe9\)"):
        list(files_mod.csv_rows(files_mod.single(tmp_path / "late.csv", "x")))
    with pytest.raises(ImportFormatError, match="no such file"):
        files_mod.members(tmp_path / "missing.zip")


def test_registry_follows_the_protocol():
    assert set(IMPORTERS) == {
        "fit", "apple-health", "cronometer", "csv", "whoop", "oura", "garmin", "fitbit", "health-connect", "loop",
        "daylio", "bearable",
    }  # fmt: skip
    for kind, imp in IMPORTERS.items():
        assert list(inspect.signature(imp.read).parameters) == list(inspect.signature(Importer.read).parameters)[1:]
        assert imp.kind == kind and imp.label and imp.suffixes and all(s.startswith(".") for s in imp.suffixes)
