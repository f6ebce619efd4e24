"""CLI of the insights: ``norepi today``, ``norepi insights``, ``norepi experiment start|status|analyse|stop``.

Thin shells: fetch day JSON from the journal, call the pure functions in ``norepi.insights``, render.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from norepi.cli.context import console, day_summaries, err_console, journal, parse_date, parse_range
from norepi.errors import NorepiError

AsJson = Annotated[bool, typer.Option("--json", help="JSON output")]
PLAN_HISTORY_DAYS = 14
INSIGHT_DAYS = 90


def _fmt(v: float | None, digits: int = 2) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def today_plan(ctx: typer.Context, on: dt.date) -> list[dict[str, Any]]:
    """The plan for ``on`` as JSON dicts (fetches two weeks of days and the gap foods it needs)."""
    from norepi.insights.plan import FOOD_GAP_PCT, daily_plan, nutrient_coverage_7d

    days = day_summaries(ctx, on - dt.timedelta(days=PLAN_HISTORY_DAYS - 1), on)
    by_date = {dt.date.fromisoformat(d["date"]): d for d in days}
    coverage, _ = nutrient_coverage_7d(by_date, on)
    gap_foods: dict[str, list[Any]] = {}
    j = journal(ctx)
    for key, pct in sorted(coverage.items(), key=lambda kv: kv[1]):
        if pct >= FOOD_GAP_PCT or len(gap_foods) >= 3:
            continue
        try:
            gap_foods[key] = j.gap_foods(key, limit=8)
        except NorepiError:
            break  # no profile or no food database: plan without food suggestions
    return [a.as_dict() for a in daily_plan(days, on, gap_foods)]


def _insights_table(report: dict[str, Any]) -> Table:
    table = Table(title=f"Findings {report['start']} .. {report['end']} (FDR q <= {report['method']['fdr_q']:g})",
                  title_justify="left")
    for col in ("lever", "rating", "when", "r [95% interval]", "q", "paired days", "slope"):
        table.add_column(col)
    from norepi.insights.associations import LAG_LABELS

    for f in report["findings"]:
        table.add_row(escape(f["lever_label"]), f["outcome"], LAG_LABELS[f["lag"]],
                      f"{f['r']:+.2f} [{f['ci_low']:+.2f}, {f['ci_high']:+.2f}]", f"{f['q_value']:.3f}",
                      f"{f['n_pairs']} ({f['missing_days']} missing)", f"{_fmt(f['slope_per_unit'], 3)}/unit")
    return table


def _experiment_table(result: dict[str, Any]) -> Table:
    table = Table(title=f"Experiment: {escape(result['action'])} (schedule {result['schedule']}, "
                  f"{result['phase_days']}-day phases)", title_justify="left")
    for col in ("rating", "with - without", "95% interval", "p (exact)", "rated days per phase"):
        table.add_column(col)
    for r in result["results"]:
        name = f"[bold]{r['outcome']}[/]" if r["primary"] else r["outcome"]
        if r["status"] != "analysed":
            table.add_row(name, "–", "–", "–", " ".join(map(str, r["rated_days_per_phase"])))
            continue
        table.add_row(name, f"{r['difference']:+.2f}", f"[{r['ci_low']:+.2f}, {r['ci_high']:+.2f}]",
                      f"{r['p_value']:.3f}", " ".join(map(str, r["rated_days_per_phase"])))
    return table


def register(app: typer.Typer) -> None:
    """Attach ``norepi today``, ``norepi insights`` and ``norepi experiment ...`` to the root app."""
    from norepi.cli.app import NorepiGroup

    @app.command("today")
    def today(ctx: typer.Context, date: Annotated[str | None, typer.Option(
                  "--date", help="the day to plan, YYYY-MM-DD (default today)")] = None,
              as_json: AsJson = False) -> None:
        """Three to six actions for today, each with the lever and the measured reason.

        Example: norepi today --json
        """
        on = parse_date(date)
        actions = today_plan(ctx, on)
        if as_json:
            print(json.dumps({"date": on.isoformat(), "actions": actions}, indent=2, ensure_ascii=False))
            return
        table = Table(title=f"Today {on.isoformat()}", title_justify="left")
        table.add_column("#")
        table.add_column("lever")
        table.add_column("action")
        for i, a in enumerate(actions, 1):
            table.add_row(str(i), a["lever"], escape(a["text"]))
        console.print(table)
        console.print("[dim]Education and self-tracking, not medical advice.[/]")

    @app.command("insights")
    def insights(ctx: typer.Context, dates: Annotated[str | None, typer.Argument(
                     help="START..END (default: the last 90 days)")] = None,
                 seed: Annotated[int, typer.Option("--seed", help="random seed of the permutations")] = 0,
                 as_json: AsJson = False) -> None:
        """Associations between your levers and your ratings (same day, next day, 7-day mean), with
        autocorrelation-aware intervals and false-discovery control. Association, not causation.

        Example: norepi insights 2026-09-01..2026-11-30 --json
        """
        from norepi.insights.associations import run_insights

        if dates:
            start, end = parse_range(dates)
        else:
            end = dt.date.today()
            start = end - dt.timedelta(days=INSIGHT_DAYS - 1)
        report = run_insights(day_summaries(ctx, start, end), seed=seed).as_dict()
        if as_json:
            print(json.dumps(report, indent=2, ensure_ascii=False))
            return
        if report["findings"]:
            console.print(_insights_table(report))
        else:
            console.print(f"No findings {report['start']} .. {report['end']}.")
        console.print(f"{report['n_tests']} tests run, {report['n_insufficient']} not run (fewer than "
                      f"{report['method']['min_paired_days']} paired days, or no variation).")
        console.print(f"[dim]{escape(report['caveat'])}[/]")

    exp_app = typer.Typer(help="n-of-1 experiments: a randomised ABAB schedule of with / without phases.",
                          cls=NorepiGroup, no_args_is_help=True, rich_markup_mode="rich",
                          pretty_exceptions_enable=False)
    app.add_typer(exp_app, name="experiment")

    @exp_app.command("start")
    def exp_start(ctx: typer.Context,
                  lever: Annotated[str, typer.Argument(help="slow_breathing, meditation, nature, hiit, resistance or "
                                                       "vigorous")],
                  action: Annotated[str, typer.Option("--action", help="what you do on 'with' days")] = "",
                  outcome: Annotated[str, typer.Option("--outcome", help="primary rating: focus, energy, mood, "
                                                       "motivation")] = "mood",
                  start: Annotated[str | None, typer.Option("--start", help="first day (default today)")] = None,
                  phase_days: Annotated[int, typer.Option("--phase-days", help="days per phase")] = 7,
                  phases: Annotated[int, typer.Option("--phases", help="number of phases (even)")] = 4,
                  seed: Annotated[int | None, typer.Option("--seed", help="seed of the schedule draw")] = None,
                  as_json: AsJson = False) -> None:
        """Start an experiment: phases of --phase-days with and without the action, in random balanced order.

        Example: norepi experiment start slow_breathing --action "10 min slow breathing after work" --phases 8
        """
        from norepi.insights.experiment_store import start_experiment

        eid, plan = start_experiment(journal(ctx), lever, action, outcome, parse_date(start, "start"), phase_days,
                                     phases, seed)
        out = {"id": eid, "lever": plan.lever, "action": plan.action, "outcome": plan.outcome,
               "schedule": plan.schedule, "phases": plan.phases()}
        if as_json:
            print(json.dumps(out, indent=2, ensure_ascii=False))
            return
        console.print(f"Experiment {eid}: {escape(plan.action)}; rate {plan.outcome} every evening.")
        for p in plan.phases():
            console.print(f"  phase {p['phase']}: {p['start']} .. {p['end']}  "
                          f"{'WITH' if p['with_action'] else 'without'}")

    @exp_app.command("status")
    def exp_status(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                       help="experiment id (default: the newest)")] = None,
                   date: Annotated[str | None, typer.Option("--date", help="day to ask about")] = None,
                   as_json: AsJson = False) -> None:
        """Where the experiment stands today and what to do (with or without).

        Example: norepi experiment status --json
        """
        from norepi.insights.experiment_store import experiment

        eid, plan, stopped = experiment(journal(ctx), experiment_id)
        st = {"id": eid, **plan.status(parse_date(date)), "schedule": plan.schedule,
              "stopped_at": stopped.isoformat() if stopped else None}
        if stopped:
            st.update({"state": "stopped", "phase": None, "arm": None, "do_today": None, "day_of_phase": None})
        if as_json:
            print(json.dumps(st, indent=2, ensure_ascii=False))
            return
        if st["state"] != "running":
            console.print(f"Experiment {eid} is {st['state']} ({plan.start} .. {plan.end}).")
            return
        console.print(f"Experiment {eid}, phase {st['phase']} of {len(plan.schedule)} (day {st['day_of_phase']}): "
                      f"{escape(st['do_today'])}.")

    @exp_app.command("analyse")
    def exp_analyse(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                        help="experiment id (default: the newest)")] = None, as_json: AsJson = False) -> None:
        """Compare ratings with vs without (exact randomisation test over the phases).

        Example: norepi experiment analyse 1 --json
        """
        from norepi.insights.experiment_store import experiment
        from norepi.insights.experiments import analyse

        eid, plan, _ = experiment(journal(ctx), experiment_id)
        today = dt.date.today()
        end = min(plan.end, max(today, plan.start))
        result = {"id": eid, **analyse(plan, day_summaries(ctx, plan.start, end), today)}
        if as_json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return
        console.print(_experiment_table(result))
        adh = result["adherence"]
        console.print(f"Adherence: with {adh['A']['adhered_days']}/{adh['A']['days']} days, without "
                      f"{adh['B']['adhered_days']}/{adh['B']['days']} days. Smallest possible p: "
                      f"{result['min_p_value']:.3f}.")
        console.print(f"[dim]{escape(result['caveat'])}[/]")

    @exp_app.command("stop")
    def exp_stop(ctx: typer.Context, experiment_id: Annotated[int | None, typer.Argument(
                     help="experiment id (default: the newest)")] = None) -> None:
        """Mark an experiment stopped (its data stays for analysis).

        Example: norepi experiment stop 1
        """
        from norepi.insights.experiment_store import stop_experiment

        eid = stop_experiment(journal(ctx), experiment_id)
        err_console.print(f"Experiment {eid} stopped.")
