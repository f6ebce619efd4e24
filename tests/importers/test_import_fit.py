"""FIT import (files written with fit-tool): sessions, laps, per-second HR; idempotent; bad files."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from norepi.journal.lifestyle_models import ExerciseRecord, SleepRecord
from sqlalchemy import func, select

from norepi.errors import ImportFormatError
from norepi.importers import FitImporter
from norepi.journal import lifestyle_store as store
from norepi.lifestyle.sleep import SleepPeriod

START = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)  # 07:00 at UTC+01:00


def count(j, model) -> int:
    with j.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_fit_session_laps_and_stream(jrnl, tmp_path, make_fit):
    hr = [120 + (i // 60) for i in range(600)]  # 10 min, 120 -> 129 bpm
    path = make_fit(tmp_path / "run.fit", START, hr)
    recs = list(FitImporter().read(path))
    assert len(recs) == 1
    rec = recs[0]
    assert rec.session.activity == "run"
    assert rec.session.start.isoformat() == "2026-11-20T07:00:00+01:00"
    assert rec.session.duration_min == 10
    assert len(rec.session.hr_stream) == 600 and rec.session.hr_stream[60] == (60.0, 121)
    assert rec.session.max_hr_bpm == 129
    assert len(rec.laps) == 2 and rec.laps[1]["start"] == "2026-11-20T07:05:00+01:00"

    result = store.import_file(jrnl, path, FitImporter())
    assert result.added == {"exercise": 1}
    day = jrnl.day(dt.date(2026, 11, 20)).model_dump(mode="json")
    assert day["exercise"][0]["start"] == "2026-11-20T07:00:00+01:00"
    assert day["exercise"][0]["avg_hr"] == round(sum(hr) / len(hr))


def test_fit_import_is_idempotent(jrnl, tmp_path, make_fit):
    path = make_fit(tmp_path / "a.fit", START, [130] * 120)
    assert not store.import_file(jrnl, path, FitImporter()).unchanged
    assert store.import_file(jrnl, path, FitImporter()).unchanged
    copy = tmp_path / "copy.fit"
    shutil.copy(path, copy)
    assert store.import_file(jrnl, copy, FitImporter()).unchanged
    # the same session re-exported in a different file (extra lap) adds no second session
    other = make_fit(tmp_path / "b.fit", START, [130] * 120, laps=3)
    assert store.import_file(jrnl, other, FitImporter()).added == {}
    assert count(jrnl, ExerciseRecord) == 1


def test_truncated_and_corrupt_fit_leave_journal_untouched(jrnl, tmp_path, make_fit):
    store.log_sleep(jrnl, SleepPeriod(START - dt.timedelta(hours=8), START))
    good = make_fit(tmp_path / "good.fit", START, [130] * 300).read_bytes()
    truncated = tmp_path / "truncated.fit"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFormatError, match="truncated.fit"):
        store.import_file(jrnl, truncated, FitImporter())
    corrupt = tmp_path / "corrupt.fit"
    corrupt.write_bytes(good[:40] + bytes([good[40] ^ 0xFF]) + good[41:])
    with pytest.raises(ImportFormatError, match="corrupt.fit"):
        store.import_file(jrnl, corrupt, FitImporter())
    text = tmp_path / "notes.fit"
    text.write_text("not a fit file at all")
    with pytest.raises(ImportFormatError, match="notes.fit"):
        store.import_file(jrnl, text, FitImporter())
    assert count(jrnl, ExerciseRecord) == 0
    assert count(jrnl, SleepRecord) == 1


def test_fit_heart_rate_zero_is_named(jrnl, tmp_path, make_fit):
    path = make_fit(tmp_path / "zero.fit", START, [130] * 50 + [0] + [130] * 49)
    with pytest.raises(ImportFormatError, match=r"zero.fit: message \d+ \(record at 2026-11-20T06:00:50"):
        store.import_file(jrnl, path, FitImporter())
    assert count(jrnl, ExerciseRecord) == 0
