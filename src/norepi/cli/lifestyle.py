"""CLI commands of the lifestyle levers (exercise, sleep, practices, stress, ratings, the heart profile, the week)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from norepi.cli import render
from norepi.cli.context import console, date_help, date_option, journal, parse_date
from norepi.errors import DateError, InputError
from norepi.lifestyle.exercise import ACTIVITIES
from norepi.lifestyle.stress import PRACTICES

if TYPE_CHECKING:
    from norepi.days.week import WeekSummary

MOMENT_FORMS = "HH:MM (on --date, default today) or a full date and time, e.g. 2026-11-20T07:00"
Start = Annotated[str | None, typer.Option(metavar="TIME", help=f"when it started: {MOMENT_FORMS}")]


def when(text: str | None, date: str | None = None, field: str = "start") -> dt.datetime:
    """A moment from ISO 8601 ("2026-11-20T07:00+01:00") or a clock time ("07:00") on ``date`` (``parse_date``
    forms); without an offset it is this machine's local time. Default: now, or noon on ``date``. A full date and
    time together with a different ``date`` is refused (which one was meant?)."""
    if text is None:
        if date is None:
            return dt.datetime.now().astimezone()
        text = "12:00"
    text = text.strip()
    clock = len(text) <= 8 and "-" not in text and "T" not in text
    try:
        t = (dt.datetime.combine(parse_date(date), dt.time.fromisoformat(text)) if clock
             else dt.datetime.fromisoformat(text))
    except ValueError:
        raise DateError(f"{text!r} is not a time (use {MOMENT_FORMS})", field=field) from None
    if not clock and date is not None and parse_date(date) != t.date():
        raise DateError(f"{text!r} names the day {t.date()} but --date says {parse_date(date)}: give one of them "
                        "(or the time alone, HH:MM, with --date)", field=field)
    return t if t.tzinfo is not None else t.astimezone()


def _night(bed: str, wake: str, date: str | None) -> tuple[dt.datetime, dt.datetime]:
    """Bed and wake moments: full dates and times, or clock times of the night ending on ``date`` (a bed time
    later in the day than the wake time is the evening before)."""
    clock = [len(x.strip()) <= 8 and "-" not in x and "T" not in x for x in (bed, wake)]
    if all(clock):
        day = parse_date(date)
        try:
            b, w = dt.time.fromisoformat(bed.strip()), dt.time.fromisoformat(wake.strip())
        except ValueError:
            raise DateError(f"{bed!r} or {wake!r} is not a time (use HH:MM, e.g. --bed 23:10 --wake 07:00)",
                            field="bed") from None
        bed_day = day - dt.timedelta(days=1) if b > w else day
        return (dt.datetime.combine(bed_day, b).astimezone(), dt.datetime.combine(day, w).astimezone())
    if any(clock):
        raise DateError("give both --bed and --wake as HH:MM (with --date, the morning you woke), or both as a "
                        "full date and time", field="bed")
    if date is not None:
        raise DateError("--date goes with clock times (--bed 23:10 --wake 07:00); full dates and times already "
                        "name the days", field="date")
    return when(bed, None, "bed"), when(wake, None, "wake")


def _ask(i: int, question: str) -> int:
    """The answer 0-4 to PSS-10 item ``i``, asked again until it is one; Ctrl-C stops (nothing saved), the end of
    the input is refused naming the item."""
    prompt = f"{i}. {question} "
    while True:
        try:
            text = input(prompt)
        except EOFError:
            raise InputError(f"the input ended before item {i} was answered: nothing was saved",
                             field="answers") from None
        if text.strip() in ("0", "1", "2", "3", "4"):
            return int(text)
        prompt = "Please answer 0, 1, 2, 3 or 4: "


def _json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def register(app: typer.Typer, log_app: typer.Typer) -> None:
    """Attach the lifestyle commands to the root app and to ``norepi log``."""
    from norepi.cli.shell import group

    stress_app = group("Perceived stress: the PSS-10 questionnaire (Cohen 1983).\n\n"
                       "Example: norepi stress pss10 --answers 2,3,1,3,2,1,2,3,1,2")
    app.add_typer(stress_app, name="stress")

    @log_app.command("exercise")
    def log_exercise(
        ctx: typer.Context,
        activity: Annotated[str, typer.Argument(help=", ".join(ACTIVITIES) + " (or your own name, with --custom)")],
        duration_min: Annotated[float, typer.Option("--duration-min", metavar="MINUTES", help="how long, minutes")],
        start: Start = None,
        date: Annotated[str | None, date_option("the day of the session")] = None,
        avg_hr: Annotated[float | None, typer.Option("--avg-hr", metavar="BPM", help="average heart rate, beats "
                                                     "per minute")] = None,
        max_hr: Annotated[float | None, typer.Option("--max-hr", metavar="BPM", help="highest heart rate, beats "
                                                     "per minute")] = None,
        rpe: Annotated[float | None, typer.Option(metavar="0-10", help="how hard it felt, 0 (rest) to 10 "
                                                  "(maximal): Borg CR10")] = None,
        power_w: Annotated[float | None, typer.Option("--power-w", metavar="WATTS", help="average power, W")] = None,
        custom: Annotated[bool, typer.Option("--custom", help="an activity of your own, not in the catalogue "
                                             "(counted as moderate)")] = False,
    ) -> None:
        """Log an exercise session: type, start, duration, and any of heart rate, RPE or power.

        Example: norepi log exercise run --date 2026-11-20 --start 07:00 --duration-min 40 --avg-hr 150
        Example: norepi log exercise "ice skating" --custom --duration-min 45
        """
        from norepi.lifestyle.exercise import ExerciseSession, named_activity

        name = named_activity(activity, custom)
        session = ExerciseSession(name, when(start, date), duration_min, avg_hr, max_hr, (), rpe, power_w)
        sid = journal(ctx).lifestyle.log_exercise(session)
        console.print(f"Logged exercise #{sid}: {escape(name.replace('_', ' '))}, {render.num(duration_min)} min "
                      f"from {session.start:%Y-%m-%d %H:%M}.", highlight=False)

    @log_app.command("sleep")
    def log_sleep(
        ctx: typer.Context,
        bed: Annotated[str, typer.Option(metavar="TIME", help="when you went to bed: HH:MM (the evening before "
                                         "--date) or a date and time, e.g. 2026-11-19T23:10")],
        wake: Annotated[str, typer.Option(metavar="TIME", help="when you got up: HH:MM (on --date) or a date and "
                                          "time, e.g. 2026-11-20T07:00")],
        date: Annotated[str | None, date_option("the morning you woke, with clock times")] = None,
        asleep_min: Annotated[float | None, typer.Option("--asleep-min", metavar="MINUTES",
                                                         help="time asleep, minutes, if you know it")] = None,
        nap: Annotated[bool, typer.Option("--nap", help="a nap, not the night")] = False,
        replace: Annotated[bool, typer.Option("--replace", help="replace a sleep already logged at that time")] = False,
    ) -> None:
        """Log a sleep from bed time to wake time (time asleep if you know it); a night is never counted twice.

        Example: norepi log sleep --bed 23:10 --wake 07:00 --asleep-min 440
        Example: norepi log sleep --bed 2026-11-19T23:10 --wake 2026-11-20T07:00
        """
        from norepi.lifestyle.sleep import SleepPeriod

        b, w = _night(bed, wake, date)
        period = SleepPeriod(b, w, asleep_min=asleep_min, nap=nap)
        journal(ctx).lifestyle.log_sleep(period, "replace" if replace else "refuse")
        console.print(f"Logged {'nap' if nap else 'sleep'} {b:%Y-%m-%d %H:%M} to {w:%Y-%m-%d %H:%M}: "
                      f"{period.time_asleep_min / 60:.1f} h asleep"
                      f"{'' if period.asleep_basis == 'measured' else ' (time in bed)'}.", highlight=False)

    @log_app.command("practice")
    def log_practice(
        ctx: typer.Context,
        kind: Annotated[str, typer.Argument(help=", ".join(PRACTICES))],
        minutes: Annotated[float, typer.Argument(help="how long, minutes")],
        start: Start = None,
        date: Annotated[str | None, date_option("the day of the practice")] = None,
    ) -> None:
        """Log a practice: meditation, slow breathing or time in nature, in minutes.

        Example: norepi log practice meditation 15 --date 2026-11-20 --start 21:00
        """
        from norepi.lifestyle.stress import Practice

        p = Practice(kind, when(start, date), minutes)  # type: ignore[arg-type]
        journal(ctx).lifestyle.log_practice(p)
        console.print(f"Logged {p.kind.display}: {render.num(minutes)} min on {p.start:%Y-%m-%d}.", highlight=False)

    @log_app.command("rating")
    def log_rating(
        ctx: typer.Context,
        focus: Annotated[int | None, typer.Option(metavar="1-10", help="focus, 1 (worst) to 10 (best)")] = None,
        energy: Annotated[int | None, typer.Option(metavar="1-10", help="energy, 1-10")] = None,
        mood: Annotated[int | None, typer.Option(metavar="1-10", help="mood, 1-10")] = None,
        motivation: Annotated[int | None, typer.Option(metavar="1-10", help="motivation, 1-10")] = None,
        date: Annotated[str | None, date_option("the day you rate")] = None,
    ) -> None:
        """Rate your day's focus, energy, mood and motivation on 1-10 (any of them).

        Example: norepi log rating --focus 7 --energy 6 --mood 8 --motivation 7 --date 2026-11-20
        """
        got = journal(ctx).lifestyle.log_ratings(
            parse_date(date), {"focus": focus, "energy": energy, "mood": mood, "motivation": motivation}
        )
        console.print("Ratings saved: " + ", ".join(f"{k} {v:g}" for k, v in got.items()) + ".", highlight=False)

    @log_app.command("stress-event")
    def log_stress_event(
        ctx: typer.Context,
        intensity: Annotated[int, typer.Argument(help="how stressful, 1 (a little) to 10 (extreme)")],
        note: Annotated[str, typer.Option(metavar="TEXT", help="what happened")] = "",
        at: Annotated[str | None, typer.Option(metavar="TIME", help=f"when: {MOMENT_FORMS}")] = None,
        date: Annotated[str | None, date_option("the day it happened")] = None,
    ) -> None:
        """Log an acute stress event with its intensity (1-10).

        Example: norepi log stress-event 7 --note "deadline" --date 2026-11-20 --at 15:30
        """
        from norepi.lifestyle.stress import StressEvent

        event = StressEvent(when(at, date, "at"), intensity, note)
        journal(ctx).lifestyle.log_stress_event(event)
        console.print(f"Logged a stress event of intensity {intensity} on {event.at:%Y-%m-%d %H:%M}.",
                      highlight=False)

    @log_app.command("heart")
    def log_heart(
        ctx: typer.Context,
        resting_hr: Annotated[float | None, typer.Option("--resting-hr", metavar="BPM",
                                                         help="resting heart rate, beats per minute")] = None,
        max_hr: Annotated[float | None, typer.Option("--max-hr", metavar="BPM",
                                                     help="maximal heart rate (default 208 - 0.7 x age)")] = None,
        sleep_need_h: Annotated[float | None, typer.Option("--sleep-need-h", metavar="HOURS",
                                                           help="hours of sleep you need a night (default 8)")] = None,
        since: Annotated[str | None, date_option("the day it takes effect", name="--since")] = None,
    ) -> None:
        """Set resting and maximal heart rate and nightly sleep need (used for intensity and sleep debt).

        Example: norepi log heart --resting-hr 58 --max-hr 186 --sleep-need-h 7.5
        """
        hp = journal(ctx).lifestyle.set_heart_profile(
            resting_hr, max_hr, sleep_need_h, parse_date(since, "since") if since else None
        )
        console.print(
            f"Heart profile saved: resting {hp.resting_hr_bpm:g} bpm, maximum "
            f"{'from your age' if hp.max_hr_bpm is None else f'{hp.max_hr_bpm:g} bpm'}, "
            f"sleep need {hp.sleep_need_h:g} h.", highlight=False
        )

    @stress_app.command("pss10")
    def pss10(
        ctx: typer.Context,
        answers: Annotated[str | None, typer.Option(metavar="A,B,...", help="the ten answers 0-4, "
                                                    "comma-separated (default: asked one by one)")] = None,
        date: Annotated[str | None, date_option("the day you answered")] = None,
    ) -> None:
        """Take the Perceived Stress Scale (PSS-10, Cohen 1983): interactively, or all answers at once.

        Example: norepi stress pss10 --answers 2,3,1,3,2,1,2,3,1,2
        """
        from norepi.lifestyle.stress import PSS10_ITEMS, PSS10_SCALE, parse_answers

        on = parse_date(date)
        if answers is None:
            console.print(f"Answer each question: {PSS10_SCALE}.")
            values = [_ask(i, q) for i, q in enumerate(PSS10_ITEMS, 1)]
        else:
            values = parse_answers(answers)
        result = journal(ctx).lifestyle.log_pss10(values, on)
        console.print(f"PSS-10 total {result.total} of 40: {result.band} perceived stress "
                      "(a convention: 0-13 low, 14-26 moderate, 27-40 high).", highlight=False)

    @app.command("week")
    def week(
        ctx: typer.Context,
        date: Annotated[str | None, typer.Argument(metavar="DATE", help=date_help("the first day",
                                                                                    "6 days ago"))] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
    ) -> None:
        """Summarise 7 days: exercise minutes per band vs guideline, resistance days, sleep, practices.

        Example: norepi week 2026-11-14 --json
        """
        from norepi.operations.week import week as week_of

        start = parse_date(date, "date") if date else dt.date.today() - dt.timedelta(days=6)
        w = week_of(journal(ctx), start)
        if as_json:
            from norepi.web.contract import week_json

            _json(week_json(w))
            return
        _print_week(w)


def _print_week(w: WeekSummary) -> None:
    from norepi.lifestyle.exercise import GUIDELINE_MODERATE_MIN, GUIDELINE_RESISTANCE_DAYS, GUIDELINE_VIGOROUS_MIN

    ex, sl = w.exercise, w.sleep
    console.print(f"[bold]Week {w.start} .. {w.end}[/]")
    if ex.sessions:
        bands = ", ".join(f"{band.display} {m:.0f}" for band, m in ex.minutes_by_band.items())
        console.print(f"Exercise: {ex.sessions} session{'s' if ex.sessions != 1 else ''}; minutes {bands}.")
        console.print(f"  {ex.moderate_equivalent_min:.0f} of {GUIDELINE_MODERATE_MIN:.0f} moderate-equivalent "
                      f"minutes ({100 * ex.guideline_fraction:.0f} % of the guideline); vigorous "
                      f"{ex.vigorous_min:.0f} of {GUIDELINE_VIGOROUS_MIN:.0f} min; resistance on "
                      f"{ex.resistance_days} of {GUIDELINE_RESISTANCE_DAYS} days.")
        console.print(f"  Exercise load {render.num(ex.load_nm_min)} nmol/L x min.")
    else:
        console.print("Exercise: no session logged (norepi log exercise, or import a device).")
    if sl.nights:
        parts = [f"{sl.nights} night{'s' if sl.nights != 1 else ''}"]
        if sl.avg_duration_min is not None:
            parts.append(f"{sl.avg_duration_min / 60:.1f} h asleep on average")
        parts.append(f"sleep debt {sl.debt_min / 60:.1f} h against your need of {sl.need_min / 60:g} h")
        if sl.social_jet_lag_h is not None:
            parts.append(f"social jet lag {sl.social_jet_lag_h:.1f} h")
        if sl.sri is not None:
            parts.append(f"sleep regularity {sl.sri:.0f} of 100")
        console.print("Sleep: " + "; ".join(parts) + ".")
        missing = [name for name, v in (("social jet lag", sl.social_jet_lag_h), ("sleep regularity", sl.sri))
                   if v is None]
        if missing:
            console.print(f"  [dim]{' and '.join(missing)}: not enough nights with both work and free days or "
                          "consecutive nights yet.[/]")
    else:
        console.print("Sleep: no night logged (norepi log sleep, or import a device).")
    if w.practice_min:
        console.print("Practices: " + ", ".join(f"{kind.display} {m:.0f} min" for kind, m in w.practice_min.items())
                      + ".")
    terms = (["moderate-equivalent", "load"] if ex.sessions else []) + (
        ["sleep debt"] + (["social jet lag"] if sl.social_jet_lag_h is not None else [])
        + (["SRI"] if sl.sri is not None else []) if sl.nights else [])
    render.explain(console, *terms)

