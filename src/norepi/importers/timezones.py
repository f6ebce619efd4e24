"""Time zones in every form the apps write, and local times made aware.

Forms understood (``zone``): "UTC-04:00", "UTC+0530", "UTC+1", "UTCZ", "UTC", "GMT+01:00", "Z", "+0100",
"-05:00", "+01", and IANA names ("Europe/Berlin"). A source that writes wall-clock times without any zone
(Daylio, Bearable, a Fitbit sleep log read without its profile) is read in this machine's zone (``tz`` None), with
its summer time on each date, as the generic CSV reads times without an offset.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from norepi.errors import InputError

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_UTC_WORDS = {"z", "utc", "gmt", "utcz", "utc+z", "utc-z", "+00:00", "-00:00", "+0000", "utc+00:00", "utc-00:00"}
MAX_OFFSET_H = 14


@functools.lru_cache(maxsize=512)
def zone(text: str) -> dt.tzinfo:
    """The time zone ``text`` names (see the module docstring for the forms); InputError naming it otherwise."""
    t = text.strip()
    if t.lower() in _UTC_WORDS:
        return dt.UTC
    m = _OFFSET.match(t)
    if m:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        if hours > MAX_OFFSET_H or minutes >= 60:
            raise InputError(f"{text!r} is not a UTC offset (hours 0-{MAX_OFFSET_H}, minutes 0-59)", field="timezone")
        delta = dt.timedelta(hours=hours, minutes=minutes)
        return dt.timezone(-delta if sign == "-" else delta)
    if "/" in t or t.isalpha():
        try:
            return zoneinfo.ZoneInfo(t)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    raise InputError(
        f"{text!r} is not a time zone (forms: UTC-04:00, UTCZ, +0100, or a name like Europe/Berlin)", field="timezone"
    )


def offset_seconds(seconds: float) -> dt.tzinfo:
    """A fixed zone ``seconds`` east of UTC (Health Connect stores zone offsets in seconds)."""
    if abs(seconds) > MAX_OFFSET_H * 3600:
        raise InputError(f"zone offset {seconds:g} s is beyond +-{MAX_OFFSET_H} h", field="timezone")
    return dt.UTC if seconds == 0 else dt.timezone(dt.timedelta(seconds=round(seconds)))


def aware(naive: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    """``naive`` wall-clock time in ``tz`` (an IANA zone resolves summer time; the earlier of a repeated hour), or
    with ``tz`` None in this machine's zone, with its summer time on that date. A datetime that already has an
    offset keeps it (``tz`` None) or is converted to ``tz``."""
    if naive.tzinfo is not None:
        return naive if tz is None else naive.astimezone(tz)
    return naive.astimezone() if tz is None else naive.replace(tzinfo=tz)


def combine(day: dt.date, time: dt.time, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The wall-clock ``time`` of ``day`` in ``tz`` (None: this machine's zone), aware."""
    return aware(dt.datetime.combine(day, time), tz)


def parse_local(text: str, tz: dt.tzinfo | None, formats: tuple[str, ...] = ()) -> dt.datetime:
    """A date-time string as an aware datetime: ISO 8601 (an offset in the text is kept; "2024-06-23 20:24:26" is
    wall-clock time in ``tz``), else the first of ``formats`` that matches. ValueError otherwise."""
    t = text.strip()
    try:
        parsed = dt.datetime.fromisoformat(t.replace("Z", "+00:00") if t.endswith("Z") else t)
        return parsed if parsed.tzinfo is not None else aware(parsed, tz)
    except ValueError:
        pass
    for fmt in formats:
        try:
            return aware(dt.datetime.strptime(t, fmt), tz)
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date and time")


def from_epoch_ms(ms: float, tz: dt.tzinfo) -> dt.datetime:
    """Milliseconds since 1970-01-01 UTC as an aware datetime in ``tz``."""
    return dt.datetime.fromtimestamp(ms / 1000.0, tz)
