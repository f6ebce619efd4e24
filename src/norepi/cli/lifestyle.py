"""CLI commands of the lifestyle levers (exercise, sleep, stress, ratings, imports)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.markup import escape

from norepi.cli.context import console, journal, parse_date
from norepi.errors import DateError
from norepi.lifestyle.exercise import ACTIVITIES, ExerciseSession
from norepi.lifestyle.stress import (
    PRACTICES,
    PSS10_ITEMS,
    PSS10_SCALE,
    Practice,
    StressEvent,
    parse_answers,
)


def when(text: str | None, date: str | None = None, field: str = "start") -> dt.datetime:
    """A moment from ISO 8601 ("2026-11-20T07:00+01:00") or a clock time ("07:00") on ``date``;
    without an offset it is this machine's local time. Default: now."""
    if text is None:
        return dt.datetime.now().astimezone()
    try:
        if "T" in text or " " in text.strip() or len(text) > 8:
            t = dt.datetime.fromisoformat(text)
        else:
            t = dt.datetime.combine(parse_date(date), dt.time.fromisoformat(text))
    except ValueError:
        raise DateError(
            f"{text!r} is not a time (use HH:MM with --date, or 2026-11-20T07:00+01:00)", field=field
        ) from None
    return t if t.tzinfo is not None else t.astimezone()


def _json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def register(app: typer.Typer, log_app: typer.Typer) -> None:
    """Attach the lifestyle commands to the root app and to ``norepi log``."""
    from norepi.cli.app import _typer

    stress_app = _typer("Perceived stress: the PSS-10 questionnaire.")
    app.add_typer(stress_app, name="stress")

    @log_app.command("exercise")
    def log_exercise(
        ctx: typer.Context,
        activity: Annotated[str, typer.Argument(help=", ".join(ACTIVITIES) + " (or any name)")],
        duration_min: Annotated[float, typer.Option("--duration-min", help="minutes")],
        start: Annotated[str | None, typer.Option(help="HH:MM (with --date) or ISO 8601")] = None,
        date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
        avg_hr: Annotated[float | None, typer.Option("--avg-hr", help="average HR, bpm")] = None,
        max_hr: Annotated[float | None, typer.Option("--max-hr", help="maximum HR, bpm")] = None,
        rpe: Annotated[float | None, typer.Option(help="effort, Borg CR10 0-10")] = None,
        power_w: Annotated[float | None, typer.Option("--power-w", help="average power, W")] = None,
    ) -> None:
        """Log an exercise session: type, start, duration, and any of heart rate, RPE or power.

        Example: norepi log exercise run --date 2026-11-20 --start 07:00 --duration-min 40 --avg-hr 150
        """
        session = ExerciseSession(
            activity, when(start or "12:00" if date else start, date), duration_min, avg_hr, max_hr, (), rpe, power_w
        )
        sid = journal(ctx).lifestyle.log_exercise(session)
        console.print(
            f"Logged exercise #{sid}: {escape(activity)}, {duration_min:g} min at "
            f"{session.start.isoformat(timespec='minutes')}."
        )

    @log_app.command("sleep")
    def log_sleep(
        ctx: typer.Context,
        bed: Annotated[str, typer.Option(help="ISO 8601, e.g. 2026-11-19T23:10")],
        wake: Annotated[str, typer.Option(help="ISO 8601, e.g. 2026-11-20T07:00")],
        asleep_min: Annotated[float | None, typer.Option("--asleep-min", help="time asleep, min, if known")] = None,
        nap: Annotated[bool, typer.Option("--nap", help="a nap, not the night")] = False,
        replace: Annotated[bool, typer.Option("--replace", help="replace a sleep already logged at that time")] = False,
    ) -> None:
        """Log a sleep from bed time to wake time (time asleep if you know it); a night is never counted twice.

        Example: norepi log sleep --bed 2026-11-19T23:10 --wake 2026-11-20T07:00 --asleep-min 440
        """
        from norepi.lifestyle.sleep import SleepPeriod

        period = SleepPeriod(when(bed, field="bed"), when(wake, field="wake"), asleep_min=asleep_min, nap=nap)
        journal(ctx).lifestyle.log_sleep(period, "replace" if replace else "refuse")
        console.print(f"Logged {'nap' if nap else 'sleep'}: {period.time_asleep_min / 60:.1f} h asleep"
                      f"{'' if period.asleep_basis == 'measured' else ' (time in bed)'}, night of {period.night_of}.")

    @log_app.command("practice")
    def log_practice(
        ctx: typer.Context,
        kind: Annotated[str, typer.Argument(help=", ".join(PRACTICES))],
        minutes: Annotated[float, typer.Argument(help="minutes")],
        start: Annotated[str | None, typer.Option(help="HH:MM (with --date) or ISO 8601")] = None,
        date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    ) -> None:
        """Log a practice: meditation, slow breathing or time in nature, in minutes.

        Example: norepi log practice meditation 15 --date 2026-11-20 --start 21:00
        """
        p = Practice(kind, when(start or "12:00" if date else start, date), minutes)
        journal(ctx).lifestyle.log_practice(p)
        console.print(f"Logged {kind}: {minutes:g} min.")

    @log_app.command("rating")
    def log_rating(
        ctx: typer.Context,
        focus: Annotated[int | None, typer.Option(help="1-10")] = None,
        energy: Annotated[int | None, typer.Option(help="1-10")] = None,
        mood: Annotated[int | None, typer.Option(help="1-10")] = None,
        motivation: Annotated[int | None, typer.Option(help="1-10")] = None,
        date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    ) -> None:
        """Rate your day's focus, energy, mood and motivation on 1-10 (any of them).

        Example: norepi log rating --focus 7 --energy 6 --mood 8 --motivation 7 --date 2026-11-20
        """
        got = journal(ctx).lifestyle.log_ratings(
            parse_date(date), {"focus": focus, "energy": energy, "mood": mood, "motivation": motivation}
        )
        console.print("Ratings saved: " + ", ".join(f"{k} {v:g}" for k, v in got.items()) + ".")

    @log_app.command("stress-event")
    def log_stress_event(
        ctx: typer.Context,
        intensity: Annotated[int, typer.Argument(help="1-10")],
        note: Annotated[str, typer.Option(help="what happened")] = "",
        at: Annotated[str | None, typer.Option(help="HH:MM (with --date) or ISO 8601")] = None,
        date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    ) -> None:
        """Log an acute stress event with its intensity (1-10).

        Example: norepi log stress-event 7 --note "deadline" --date 2026-11-20 --at 15:30
        """
        event = StressEvent(when(at or "12:00" if date else at, date, "at"), intensity, note)
        journal(ctx).lifestyle.log_stress_event(event)
        console.print(f"Logged stress event, intensity {intensity}.")

    @log_app.command("heart")
    def log_heart(
        ctx: typer.Context,
        resting_hr: Annotated[float | None, typer.Option("--resting-hr", help="bpm")] = None,
        max_hr: Annotated[float | None, typer.Option("--max-hr", help="bpm (default 208 - 0.7 x age)")] = None,
        sleep_need_h: Annotated[float | None, typer.Option("--sleep-need-h", help="hours (default 8)")] = None,
        since: Annotated[str | None, typer.Option(help="effective date (default today)")] = None,
    ) -> None:
        """Set resting and maximal heart rate and nightly sleep need (used for intensity and sleep debt).

        Example: norepi log heart --resting-hr 58 --max-hr 186 --sleep-need-h 7.5
        """
        hp = journal(ctx).lifestyle.set_heart_profile(
            resting_hr, max_hr, sleep_need_h, parse_date(since, "since") if since else None
        )
        console.print(
            f"Heart profile saved: resting {hp.resting_hr_bpm:g} bpm, max "
            f"{'from age' if hp.max_hr_bpm is None else f'{hp.max_hr_bpm:g} bpm'}, "
            f"sleep need {hp.sleep_need_h:g} h."
        )

    @stress_app.command("pss10")
    def pss10(
        ctx: typer.Context,
        answers: Annotated[str | None, typer.Option(help="ten answers 0-4, comma-separated")] = None,
        date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    ) -> None:
        """Take the Perceived Stress Scale (PSS-10, Cohen 1983): interactively, or all answers at once.

        Example: norepi stress pss10 --answers 2,3,1,3,2,1,2,3,1,2
        """
        if answers is None:
            console.print(f"Answer each question: {PSS10_SCALE}.")
            values = []
            for i, q in enumerate(PSS10_ITEMS, 1):
                answer = typer.prompt(f"{i}. {q}", type=int)
                while not 0 <= answer <= 4:
                    answer = typer.prompt("Please answer 0-4", type=int)
                values.append(answer)
        else:
            values = parse_answers(answers)
        result = journal(ctx).lifestyle.log_pss10(values, parse_date(date))
        console.print(f"PSS-10 total {result.total} of 40: {result.band} perceived stress.")

    @app.command("week")
    def week(
        ctx: typer.Context,
        date: Annotated[str | None, typer.Argument(help="first day, YYYY-MM-DD (default 6 days ago)")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
    ) -> None:
        """Summarise 7 days: exercise minutes per band vs guideline, resistance days, sleep, practices.

        Example: norepi week 2026-11-14 --json
        """
        from norepi.operations.week import week as week_of
        from norepi.web.contract import week_json

        start = parse_date(date) if date else dt.date.today() - dt.timedelta(days=6)
        data = week_json(week_of(journal(ctx), start))
        if as_json:
            _json(data)
            return
        ex, sl = data["exercise"], data["sleep"]
        console.print(f"[bold]Week {data['start']} .. {data['end']}[/]")
        bands = ex["minutes_by_band"]
        console.print(
            f"Exercise: {ex['sessions']} sessions; light {bands['light']:g}, moderate {bands['moderate']:g}, "
            f"vigorous {bands['vigorous']:g}, resistance {bands['resistance']:g} min."
        )
        console.print(
            f"  {ex['moderate_equivalent_min']:g} of 150 moderate-equivalent min "
            f"({ex['guideline_pct']:g} %); "
            f"vigorous {ex['vigorous_min']:g} of 75 min; resistance on {ex['resistance_days']} of 2 days; "
            f"catecholamine load {ex['load_nm_min']:g} nM.min."
        )
        if sl["nights"]:
            console.print(
                f"Sleep: {sl['nights']} nights, average {sl['avg_duration_min'] / 60:.1f} h, debt "
                f"{sl['debt_min'] / 60:.1f} h; social jet lag {sl['social_jet_lag_h']} h; SRI {sl['sri']}."
            )
        else:
            console.print("Sleep: no nights logged.")
        if data["practice_min"]:
            console.print("Practices: " + ", ".join(f"{k} {v:g} min" for k, v in data["practice_min"].items()))
