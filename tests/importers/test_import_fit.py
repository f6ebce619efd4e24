"""FIT reader (files written with fit-tool, an independent encoder): sessions, laps, per-second HR, the local offset;
a folder or zip of activities; broken files named."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from norepi.errors import ImportFormatError
from norepi.importers import FitImporter

START = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)  # 07:00 at UTC+01:00


def test_fit_session_laps_and_stream(tmp_path, make_fit):
    hr = [120 + (i // 60) for i in range(600)]  # 10 min, 120 -> 129 bpm
    path = make_fit(tmp_path / "run.fit", START, hr)
    recs = list(FitImporter().read(path))
    assert len(recs) == 1
    rec = recs[0]
    assert rec.session.activity == "run" and rec.session.source == "fit"
    assert rec.session.start.isoformat() == "2026-11-20T07:00:00+01:00"
    assert rec.session.duration_min == 10
    assert len(rec.session.hr_stream) == 600 and rec.session.hr_stream[60] == (60.0, 121)
    assert rec.session.max_hr_bpm == 129 and rec.session.avg_hr_bpm == round(sum(hr) / len(hr))
    assert len(rec.laps) == 2 and rec.laps[1]["start"] == "2026-11-20T07:05:00+01:00"
    # the same session in another file (an extra lap) has the same key: imported once
    other = make_fit(tmp_path / "b.fit", START, hr, laps=3)
    assert [r.key for r in FitImporter().read(other)] == [rec.key]


def test_folder_and_zip_of_activities(tmp_path, make_fit):
    folder = tmp_path / "activities"
    folder.mkdir()
    for i in range(3):
        make_fit(folder / f"a{i}.fit", START + dt.timedelta(days=i), [130] * 120)
    (folder / "notes.txt").write_text("not an activity")
    assert len(list(FitImporter().read(folder))) == 3
    z = tmp_path / "activities.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted(folder.glob("*.fit")):
            zf.write(p, f"DI_CONNECT/DI-Connect-Uploaded-Files/{p.name}")
    seen: list[tuple[int, int]] = []
    recs = list(FitImporter().read(z, progress=lambda d, t: seen.append((d, t))))
    assert [r.session.start.date() for r in recs] == [(START + dt.timedelta(days=i)).date() for i in range(3)]
    assert seen[-1][0] == seen[-1][1] == sum(p.stat().st_size for p in folder.glob("*.fit"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFormatError, match="no .fit files in it"):
        list(FitImporter().read(empty))


def test_truncated_corrupt_and_wrong_files(tmp_path, make_fit, exports):
    good = make_fit(tmp_path / "good.fit", START, [130] * 300).read_bytes()
    truncated = tmp_path / "truncated.fit"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFormatError, match="truncated.fit: not a valid FIT file"):
        list(FitImporter().read(truncated))
    corrupt = tmp_path / "corrupt.fit"
    corrupt.write_bytes(good[:40] + bytes([good[40] ^ 0xFF]) + good[41:])
    with pytest.raises(ImportFormatError, match="corrupt.fit"):
        list(FitImporter().read(corrupt))
    whoop = exports / "whoop" / "TheOneRichy-whoop_data" / "workouts.csv"
    with pytest.raises(ImportFormatError, match=r"workouts.csv: not a valid FIT file \(a FIT activity file"):
        list(FitImporter().read(whoop))


def test_fit_heart_rate_zero_is_named(tmp_path, make_fit):
    path = make_fit(tmp_path / "zero.fit", START, [130] * 50 + [0] + [130] * 49)
    with pytest.raises(ImportFormatError, match=r"zero.fit: message \d+ \(record at 2026-11-20T06:00:50"):
        list(FitImporter().read(path))
