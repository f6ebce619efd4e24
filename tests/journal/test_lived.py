"""A record dated in the future or before 1900 is refused by the journal whatever it comes from (a command, the
web, an imported file), and nothing is written; a zip that is not one is named before any importer reads it."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from norepi.errors import DateError, ImportFormatError
from norepi.journal.imports import check_zip
from norepi.journal.journal import Journal
from norepi.journal.lived import EARLIEST, check_lived_date, check_lived_moment
from norepi.lifestyle.exercise import ExerciseSession
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, StressEvent
from norepi.profile import Profile

TZ = dt.timezone(dt.timedelta(hours=2))
TODAY = dt.date.today()
AHEAD = dt.datetime.combine(TODAY + dt.timedelta(days=3), dt.time(7), TZ)
OLD = dt.datetime(1899, 6, 1, 7, tzinfo=TZ)


def test_bounds() -> None:
    assert check_lived_date(TODAY) == TODAY and check_lived_date(EARLIEST) == EARLIEST
    with pytest.raises(DateError, match="in the future"):
        check_lived_date(TODAY + dt.timedelta(days=1))
    with pytest.raises(DateError, match="before 1900"):
        check_lived_date(EARLIEST - dt.timedelta(days=1))
    later_today = dt.datetime.combine(dt.datetime.now(TZ).date(), dt.time(23, 59), TZ)
    assert check_lived_moment(later_today) == later_today  # logged ahead within the day
    with pytest.raises(DateError, match="in the future"):
        check_lived_moment(AHEAD, "start")


@pytest.mark.parametrize("write", [
    lambda j, at: j.lifestyle.log_exercise(ExerciseSession("run", at, 30.0)),
    lambda j, at: j.lifestyle.log_practice(Practice("meditation", at, 10.0)),  # type: ignore[arg-type]
    lambda j, at: j.lifestyle.log_stress_event(StressEvent(at, 5, "")),
    lambda j, at: j.lifestyle.log_sleep(SleepPeriod(at - dt.timedelta(hours=8), at)),
    lambda j, at: j.lifestyle.log_ratings(at.date(), {"mood": 7}),
    lambda j, at: j.lifestyle.log_pss10([2, 3, 1, 3, 2, 1, 2, 3, 1, 2], at.date()),
    lambda j, at: j.log_food("01123", "50 g", at.date()),
])
@pytest.mark.parametrize("at", [AHEAD, OLD])
def test_the_journal_refuses_records_out_of_time(journal: Journal, write, at: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    journal.set_profile(Profile.of(sex="female", age_years=34, weight_kg=62, height_cm=168))
    with pytest.raises(DateError):
        write(journal, at)
    assert journal.entries(EARLIEST - dt.timedelta(days=400), TODAY + dt.timedelta(days=400)) == []
    assert journal.lifestyle.sessions(dt.date(1898, 1, 1), TODAY + dt.timedelta(days=10)) == []
    assert journal.lifestyle.practices(dt.date(1898, 1, 1), TODAY + dt.timedelta(days=10)) == []


def test_an_imported_file_with_a_future_record_is_refused_whole(journal: Journal, tmp_path: Path) -> None:
    from norepi.importers import importer

    ahead = (TODAY + dt.timedelta(days=30)).isoformat()
    past = (TODAY - dt.timedelta(days=30)).isoformat()
    csv = tmp_path / "ratings.csv"
    csv.write_text(f"date,mood\n{past},7\n{ahead},6\n")
    with pytest.raises(ImportFormatError, match="in the future") as info:
        journal.imports.import_file(csv, importer("csv"), {"mood": "rating:mood"})
    assert "ratings.csv" in str(info.value)
    assert journal.lifestyle.ratings(dt.date(2000, 1, 1), TODAY + dt.timedelta(days=60)) == {}


def test_zip_checks(tmp_path: Path) -> None:
    empty = tmp_path / "a.zip"
    empty.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="empty file"):
        check_zip(empty)
    text = tmp_path / "b.zip"
    text.write_text("hello")
    with pytest.raises(ImportFormatError, match="not a zip archive"):
        check_zip(text)
    whole = tmp_path / "c.zip"
    with zipfile.ZipFile(whole, "w") as z:
        z.writestr("x.csv", "a,b\n" * 1000)
    check_zip(whole)
    cut = tmp_path / "d.zip"
    cut.write_bytes(whole.read_bytes()[:-30])
    with pytest.raises(ImportFormatError, match="truncated or damaged"):
        check_zip(cut)
    check_zip(tmp_path)  # a folder is not a zip file to check
