"""CLI of the insights: ``norepi today``, ``norepi insights``, ``norepi experiment start|status|analyse|stop``.

Thin shells: parse, one call into ``norepi.operations.insights``, render.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

import typer
from rich.markup import escape

from norepi.cli import render
from norepi.cli.context import console, date_help, date_option, err_console, journal, parse_date, parse_range
from norepi.cli.render import print_json

AsJson = Annotated[bool, typer.Option("--json", help="JSON output")]


def _report_json(report: Any) -> dict[str, Any]:
    """The insights report as JSON: every test, the findings, the strongest associations with their sentence."""
    def test(t: Any) -> dict[str, Any]:
        return {**dataclasses.asdict(t), "better": t.better, "sentence": t.sentence(report.method.fdr_q)}

    data = dataclasses.asdict(report)
    data.update(tests=[test(t) for t in report.tests], findings=[test(t) for t in report.findings],
                strongest=[test(t) for t in report.strongest], n_tests=report.n_tests,
                n_insufficient=report.n_insufficient)
    return data


def _findings_table(report: Any) -> Any:
    table = render.table(f"Findings {report.start} .. {report.end} (q at most {report.method.fdr_q:g})",
                         "what goes with what", "r [interval]", "q", "paired days", right=("q", "paired days"))
    for t in report.findings:
        table.add_row(escape(t.sentence(report.method.fdr_q)), f"{t.r:+.2f} [{t.ci_low:+.2f}, {t.ci_high:+.2f}]",
                      f"{t.q_value:.3f}", f"{t.n_pairs} ({t.missing_days} missing)")
    return table


def register(app: typer.Typer) -> None:
    """Attach ``norepi today``, ``norepi insights`` and ``norepi experiment ...`` to the root app."""
    from norepi.cli.shell import group as _typer

    @app.command("today")
    def today(ctx: typer.Context, date: Annotated[str | None, date_option("the day to plan", future=True)] = None,
              as_json: AsJson = False) -> None:
        """Three to six actions for today, each with the lever and the measured reason.

        Example: norepi today --json
        """
        from norepi.operations.insights import today_plan

        plan = today_plan(journal(ctx), parse_date(date, future=True))
        if as_json:
            print_json({"date": plan.date, "actions": plan.actions})
            return
        title = f"Today {plan.date.isoformat()}" if plan.date <= dt.date.today() else \
            f"Plan for {plan.date.isoformat()} (a day ahead: planned, nothing logged yet)"
        table = render.table(title, "#", "about", "action")
        for i, a in enumerate(plan.actions, 1):
            table.add_row(str(i), str(a.lever), escape(a.text))
        console.print(table)
        console.print("[dim]Education and self-tracking, not medical advice.[/]")

    @app.command("insights")
    def insights(ctx: typer.Context, dates: Annotated[str | None, typer.Argument(
                     metavar="START..END", help="a range of dates; each: " + date_help("a day", "the last 90 days"))]
                 = None,
                 seed: Annotated[int, typer.Option("--seed", metavar="INTEGER", min=0, max=2**32 - 1,
                                                   help="random seed of the permutations")] = 0,
                 as_json: AsJson = False) -> None:
        """Associations between your levers and your ratings (same day, next day, 7-day mean), over the days that
        have both, with autocorrelation-aware intervals and false-discovery control. Association, not causation.

        Example: norepi insights 2026-09-01..2026-11-30 --json
        """
        from norepi.operations.insights import INSIGHT_DAYS
        from norepi.operations.insights import insights as run

        if dates:
            start, end = parse_range(dates)
        else:
            end = dt.date.today()
            start = end - dt.timedelta(days=INSIGHT_DAYS - 1)
        report = run(journal(ctx), start, end, seed)
        if as_json:
            print_json(_report_json(report))
            return
        readiness = report.readiness
        if not readiness.tests_run:
            console.print(f"Insights {start} .. {end}: {escape(readiness.message)}")
            console.print(f"[dim]{escape(report.caveat)}[/]")
            return
        if report.findings:
            console.print(_findings_table(report))
        else:
            console.print(f"No association established {start} .. {end} (q at most {report.method.fdr_q:g})"
                          + (". The strongest seen:" if report.strongest else "."))
            for t in report.strongest:
                console.print(f"  {escape(t.sentence(report.method.fdr_q))}")
        console.print(escape(readiness.message))
        render.explain(console, "r", "interval", "q", "paired days")
        console.print(f"[dim]{escape(report.caveat)}[/]")

    exp_app = _typer("n-of-1 experiments: a randomised ABAB schedule of with / without phases.\n\n"
                     "Example: norepi experiment start slow_breathing --outcome mood --phases 4")
    app.add_typer(exp_app, name="experiment")

    @exp_app.command("start")
    def exp_start(ctx: typer.Context,
                  lever: Annotated[str, typer.Argument(help="slow_breathing, meditation, nature, hiit, resistance or "
                                                       "vigorous")],
                  action: Annotated[str, typer.Option("--action", help="what you do on 'with' days")] = "",
                  outcome: Annotated[str, typer.Option("--outcome", help="primary rating: focus, energy, mood, "
                                                       "motivation or one you defined")] = "mood",
                  start: Annotated[str | None, date_option("the first day", future=True, name="--start")] = None,
                  phase_days: Annotated[int, typer.Option("--phase-days", metavar="3-28", help="days per phase, "
                                                          "3-28")] = 7,
                  phases: Annotated[int, typer.Option("--phases", metavar="2-12", help="number of phases, even, "
                                                      "2-12")] = 4,
                  seed: Annotated[int | None, typer.Option("--seed", metavar="INTEGER", min=0, max=2**31 - 1,
                                                           help="seed of the schedule draw (default: random)")]
                  = None,
                  as_json: AsJson = False) -> None:
        """Start an experiment: phases of --phase-days with and without the action, in random balanced order.

        Example: norepi experiment start slow_breathing --action "10 min slow breathing after work" --phases 8
        """
        from norepi.operations.insights import start_experiment

        stored, plan = start_experiment(journal(ctx), lever, action, outcome, parse_date(start, "start", future=True),
                                        phase_days, phases, seed)
        if as_json:
            print_json({"id": stored.id, **dataclasses.asdict(plan), "phases": plan.phases()})
            return
        console.print(f"Experiment {stored.id}: {escape(plan.action)}; rate {plan.outcome} every evening.")
        for p in plan.phases():
            console.print(f"  phase {p.number}: {p.start} .. {p.end}  {'WITH' if p.with_action else 'without'}")

    @exp_app.command("status")
    def exp_status(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                       help="experiment id (default: the newest)")] = None,
                   date: Annotated[str | None, date_option("the day to ask about", future=True)] = None,
                   as_json: AsJson = False) -> None:
        """Where the experiment stands today and what to do (with or without).

        Example: norepi experiment status --json
        """
        from norepi.operations.insights import experiment

        stored, plan = experiment(journal(ctx), experiment_id)
        st = plan.status(parse_date(date, future=True))
        state = "stopped" if stored.stopped_at else st.state
        if as_json:
            print_json({"id": stored.id, **dataclasses.asdict(st), "state": state, "schedule": plan.schedule,
                        "stopped_at": stored.stopped_at})
            return
        if state != "running":
            console.print(f"Experiment {stored.id} is {state} ({plan.start} .. {plan.end}).")
            return
        console.print(f"Experiment {stored.id}, phase {st.phase} of {len(plan.schedule)} (day {st.day_of_phase}): "
                      f"{escape(st.do_today or '')}.")

    @exp_app.command("analyse")
    def exp_analyse(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                        help="experiment id (default: the newest)")] = None, as_json: AsJson = False) -> None:
        """Compare ratings with vs without (exact randomisation test over the phases).

        Example: norepi experiment analyse 1 --json
        """
        from norepi.operations.insights import analyse_experiment

        stored, result = analyse_experiment(journal(ctx), experiment_id)
        if as_json:
            print_json({"id": stored.id, **dataclasses.asdict(result),
                        "results": [{**dataclasses.asdict(r), "better": r.better} for r in result.results]})
            return
        table = render.table(f"Experiment: {escape(result.plan.action)} (schedule {result.plan.schedule}, "
                             f"{result.plan.phase_days}-day phases)", "rating", "with - without", "interval",
                             "p (exact)", "rated days a phase", right=("with - without", "p (exact)"))
        for r in result.results:
            name = f"[bold]{escape(r.outcome.label)}[/]" if r.primary else escape(r.outcome.label)
            per_phase = " ".join(map(str, r.rated_days_per_phase))
            if r.status != "analysed" or r.difference is None:
                table.add_row(name, "–", "–", "–", per_phase)
                continue
            table.add_row(name, f"{r.difference:+.2f}", f"[{r.ci_low:+.2f}, {r.ci_high:+.2f}]", f"{r.p_value:.3f}",
                          per_phase)
        console.print(table)
        a, b = result.adherence["A"], result.adherence["B"]
        console.print(f"Adherence: with {a.adhered_days}/{a.days} days, without {b.adhered_days}/{b.days} days. "
                      f"Smallest possible p: {result.min_p_value:.3f}.")
        console.print("[dim]with - without: how much higher the rating was on 'with' days; interval: the range the "
                      "true difference most likely lies in (95 %); p: the chance of a difference this large if the "
                      "action did nothing.[/]")
        console.print(f"[dim]{escape(result.caveat)}[/]")

    @exp_app.command("stop")
    def exp_stop(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                     help="experiment id (default: the newest)")] = None) -> None:
        """Mark an experiment stopped (its data stays for analysis).

        Example: norepi experiment stop 1
        """
        stored = journal(ctx).experiments.stop(experiment_id)
        err_console.print(f"Experiment {stored.id} stopped.")
