"""The bundled sample journal: two realistic weeks written by the norepi authors for the demo."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

from norepi.journal.journal import Journal, LoggedFood
from norepi.profile import Profile

SAMPLE_PROFILE = Profile(sex="female", age_years=34, weight_kg=62.0, height_cm=168.0, activity="light")
SAMPLE_DAYS = 14


def sample_rows() -> list[dict[str, str]]:
    """The sample journal's rows: day (0-13), time, ndb_no, amount."""
    text = resources.files("norepi.data").joinpath("sample_journal.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def load_sample(journal: Journal, last_day: dt.date | None = None) -> list[LoggedFood]:
    """Load the sample profile and two weeks ending on ``last_day`` (default today); replaces an earlier load."""
    last_day = last_day or dt.date.today()
    first = last_day - dt.timedelta(days=SAMPLE_DAYS - 1)
    if not any(prof == SAMPLE_PROFILE for _, prof in journal.profile_history()):
        journal.set_profile(SAMPLE_PROFILE, effective_on=first)
    items = [
        (row["ndb_no"], row["amount"], first + dt.timedelta(days=int(row["day"])), dt.time.fromisoformat(row["time"]))
        for row in sample_rows()
    ]
    return journal.log_many(items, source="sample", replace_source=True)
