"""What every command shares: the open journal, date parsing, consoles."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from norepi.errors import DateError

if TYPE_CHECKING:
    from norepi.days.summary import DaySummary
    from norepi.journal.journal import Journal

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


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


def parse_date(text: str | None, field: str = "date") -> dt.date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``today-N`` (N days ago); default today."""
    if text is None or text == "today":
        return dt.date.today()
    if text == "yesterday":
        return dt.date.today() - dt.timedelta(days=1)
    for prefix in ("today-", "-"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            return dt.date.today() - dt.timedelta(days=int(text[len(prefix) :]))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(f"{text!r} is not a date (use YYYY-MM-DD, today, yesterday or today-N)", field=field) from None


def parse_time(text: str | None) -> dt.time | None:
    """A clock time ``HH:MM`` or None."""
    if text is None:
        return None
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise DateError(f"{text!r} is not a time (use HH:MM)", field="time") from None


def parse_range(text: str) -> tuple[dt.date, dt.date]:
    """A date range ``START..END`` (inclusive), or a single date."""
    start_text, sep, end_text = text.partition("..")
    start = parse_date(start_text, "start")
    end = parse_date(end_text, "end") if sep else start
    if end < start:
        raise DateError(f"range {text!r} ends before it starts", field="dates")
    return start, end


def day_summaries(ctx: typer.Context, start: dt.date, end: dt.date) -> list[DaySummary]:
    """The typed days from ``start`` to ``end``."""
    from norepi.days import summarize

    return summarize(journal(ctx), start, end)
