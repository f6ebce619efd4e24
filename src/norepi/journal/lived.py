"""When a journal record can have happened: from 1900 up to today. The journal stores what was lived; plans for
the future live apart (journal/plans.py, experiments' schedules), so a record dated in the future or before 1900 is
a typing or clock error, refused wherever it comes from (a command, the web, an imported file)."""

from __future__ import annotations

import datetime as dt

from norepi.errors import DateError

EARLIEST = dt.date(1900, 1, 1)


def check_lived_date(day: dt.date, field: str = "date", today: dt.date | None = None) -> dt.date:
    """``day`` if it lies from 1900-01-01 to ``today`` (default: this machine's date), else DateError naming
    ``field``."""
    today = today or dt.date.today()
    if day < EARLIEST:
        raise DateError(f"{day} is before {EARLIEST.year}: a record dates from {EARLIEST} on", field=field)
    if day > today:
        raise DateError(f"{day} is in the future: a record dates up to today ({today})", field=field)
    return day


def check_lived_moment(at: dt.datetime, field: str = "start") -> dt.datetime:
    """``at`` if its local date (in its own UTC offset; naive = this machine's time) lies from 1900-01-01 to today
    where it was lived, else DateError naming ``field``. A time later today is allowed (a session logged ahead)."""
    now = dt.datetime.now(at.tzinfo) if at.tzinfo is not None else dt.datetime.now()
    check_lived_date(at.date(), field, now.date())
    return at
