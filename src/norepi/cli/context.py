"""What every command shares: the open journal, date parsing and the date options' help, the consoles, the line
said after Ctrl-C."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from norepi.errors import DateError

if TYPE_CHECKING:
    from norepi.days.summary import DaySummary
    from norepi.journal.journal import Journal



class _Console:
    """A rich Console made on first use in each command line (so that it reads COLUMNS and the streams of that
    run); ``reset`` starts over."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def reset(self) -> None:
        self._console = None

    def real(self) -> Console:
        """The Console itself (for rich.progress and other renderables that hold one)."""
        if self._console is None:
            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)

    def __enter__(self) -> Console:
        return self.real().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self.real().__exit__(*exc)


console: Any = _Console()
err_console: Any = _Console(stderr=True, soft_wrap=True)


def reset_consoles() -> None:
    """Fresh consoles for a new command line (width from COLUMNS, the current stdout and stderr)."""
    console.reset()
    err_console.reset()
    on_interrupt(None)


def journal(ctx: typer.Context) -> Journal:
    """The journal chosen by the global --db option (opened once per command)."""
    root = ctx.find_root()
    obj: dict[str, Any] = root.obj if isinstance(root.obj, dict) else {}
    root.obj = obj
    if "journal" not in obj:
        from norepi.journal.journal import Journal

        obj["journal"] = Journal(obj.get("db"))
        root.call_on_close(obj["journal"].close)
    return obj["journal"]


EARLIEST = dt.date(1900, 1, 1)
DATE_FORMS = "YYYY-MM-DD, today, yesterday or today-N (N days ago)"
PLAN_DATE_FORMS = "YYYY-MM-DD, today, tomorrow, today+N or today-N"
_INTERRUPTED = "nothing of the step in progress was saved; everything saved before it is kept."
_note: list[str] = [_INTERRUPTED]


def on_interrupt(text: str | None) -> None:
    """What to tell a person who presses Ctrl-C from now on (None: the default, nothing half-saved)."""
    _note[0] = text or _INTERRUPTED


def interrupt_note() -> str:
    """The line shown after Ctrl-C: what was kept."""
    return _note[0]


def date_help(what: str, default: str = "today", *, future: bool = False) -> str:
    """The help of a date option: what it is, the forms it accepts, its default."""
    return f"{what}: {PLAN_DATE_FORMS if future else DATE_FORMS} (default {default})"


def date_option(what: str, default: str = "today", *, future: bool = False, name: str = "--date") -> Any:
    """A ``--date`` option (metavar DATE) whose help names the accepted forms."""
    return typer.Option(name, metavar="DATE", help=date_help(what, default, future=future))


def parse_date(text: str | None, field: str = "date", *, future: bool = False) -> dt.date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``today-N`` (N days ago); with ``future`` also
    ``tomorrow`` and ``today+N``. Default today. Refused (DateError naming ``field``): dates before 1900, and
    after today unless ``future``."""
    today = dt.date.today()
    if text is None:
        return today
    word = text.strip().lower()
    date: dt.date | None = None
    forms = PLAN_DATE_FORMS if future else DATE_FORMS
    try:
        if word == "today":
            date = today
        elif word == "yesterday":
            date = today - dt.timedelta(days=1)
        elif word == "tomorrow":
            date = today + dt.timedelta(days=1)
        else:
            m = re.fullmatch(r"(?:today)?\s*([-+])\s*(\d+)", word)
            if m and (m.group(1) == "-" or word.startswith("today")):
                n = int(m.group(2))
                date = today - dt.timedelta(days=n) if m.group(1) == "-" else today + dt.timedelta(days=n)
            else:
                date = dt.date.fromisoformat(word)
    except OverflowError:
        raise DateError(f"{text!r} is too far from today (dates from {EARLIEST.year} on)", field=field) from None
    except ValueError:
        raise DateError(f"{text!r} is not a date (use {forms})", field=field) from None
    said = date.isoformat() if word == date.isoformat() else f"{text!r} ({date})"
    if date < EARLIEST:
        raise DateError(f"{said} is before {EARLIEST.year}: give a date from {EARLIEST} on", field=field)
    if date > today and not future:
        raise DateError(f"{said} is in the future: give a date up to today ({today})", field=field)
    return date


def parse_time(text: str | None) -> dt.time | None:
    """A clock time ``HH:MM`` or None."""
    if text is None:
        return None
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f"{text!r} is not a time (use HH:MM, e.g. 08:30)", field="time") from None


def parse_range(text: str, field: str = "dates", *, future: bool = False) -> tuple[dt.date, dt.date]:
    """A date range ``START..END`` (inclusive), or a single date; each end as ``parse_date`` reads it."""
    start_text, sep, end_text = text.partition("..")
    start = parse_date(start_text, f"{field} (start)", future=future)
    end = parse_date(end_text, f"{field} (end)", future=future) if sep else start
    if end < start:
        raise DateError(f"range {text!r} ends before it starts", field=field)
    return start, end


def day_summaries(ctx: typer.Context, start: dt.date, end: dt.date) -> list[DaySummary]:
    """The typed days from ``start`` to ``end``."""
    from norepi.days import summarize

    return summarize(journal(ctx), start, end)
