"""``norepi model``: simulate the journal, what-if scenarios, SBML export, the parameter table.

Thin shells over norepi.operations.model and norepi.model; every figure is shown with its interval.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from norepi.cli import render
from norepi.cli.context import console, date_help, err_console, journal, parse_range
from norepi.errors import InputError

AsJson = Annotated[bool, typer.Option("--json", help="JSON output")]
Plot = Annotated[Path | None, typer.Option("--plot", metavar="FILE.png", help="also draw a PNG plot into this "
                                           "file (the folder must exist)")]
RANGE_HELP = "a range of dates; each: " + date_help("a day", "none")


def _check_plot(path: Path | None) -> None:
    if path is None:
        return
    if path.suffix.lower() != ".png":
        raise InputError(f"{path.name}: the plot is written as PNG; give a file name ending in .png", field="plot")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such folder for the plot", field="plot")
    if path.is_dir():
        raise InputError(f"{path}: a folder; give a file name ending in .png", field="plot")


_SHORT = {"mean plasma NE": "mean NE", "peak plasma NE": "peak NE", "release capacity": "release"}


def _compact(i: Any) -> str:
    """A signed difference with its range in few characters: "+1.4 (+0.8/+2.1)"."""
    d = i.decimals
    v, lo, hi = i.rounded()
    return f"{v:+.{d}f} ({lo:+.{d}f}/{hi:+.{d}f})"


def _bare(i: Any) -> str:
    return str(i.text()).removesuffix(f" {i.unit}")


def _days_table(run: Any, title: str) -> Any:
    table = render.table(title, "date", "mean NE, nmol/L", "peak NE, nmol/L", "store, %", "release capacity, %",
                         right=("mean NE, nmol/L", "peak NE, nmol/L", "store, %", "release capacity, %"))
    for d in run.days:
        mark = "*" if d.is_assumed else ""
        table.add_row(d.date.isoformat() + mark, *(_bare(i) for i in (
            d.ne_mean_nmol_per_l, d.ne_peak_nmol_per_l, d.store_pct, d.release_capacity_pct)))
    return table


def _notes(run: Any) -> None:
    assumed = [(d.date, a.reason) for d in run.days for a in d.assumed]
    if assumed:
        console.print("* assumed where nothing was logged:")
        for date, reason in assumed:
            console.print(f"  {date}: {escape(reason)}")
    for note in run.notes:
        console.print(f"[dim]{escape(note)}[/]")
    for f in run.failed:
        err_console.print(f"[yellow]parameter set {f.index} failed[/]: {escape(f.reason)}")
    console.print("[dim]Figures: the median of the parameter sets that fit the published data, with their 5-95 % "
                  "range in brackets. NE: norepinephrine in the blood plasma.[/]")
    render.explain(console, "store", "release capacity")
    console.print(f"[dim]{escape(run.limits)}[/]")
    console.print(f"[dim]{escape(run.disclaimer)}[/]")


def register(app: typer.Typer) -> None:
    """Attach ``norepi model ...`` to the root app."""
    from norepi.cli.shell import group as _typer

    model_app = _typer("The NE model: simulate your journal, ask what-if questions, export SBML. Educational, "
                       "population-average parameters; not a diagnosis.\n\n"
                       "Example: norepi model run today-13..today")
    app.add_typer(model_app, name="model")

    @model_app.command("run")
    def run(ctx: typer.Context,
            dates: Annotated[str, typer.Argument(metavar="START..END", help=RANGE_HELP + ", e.g. today-13..today")],
            as_json: AsJson = False, plot: Plot = None) -> None:
        """Simulate your days: mean and peak plasma NE, store % and release capacity % per day, with intervals.

        Example: norepi model run today-13..today --plot ne.png
        """
        from norepi.errors import DataMissing
        from norepi.operations.model import MAX_DAYS, run_model

        start, end = parse_range(dates)
        if (end - start).days + 1 > MAX_DAYS:
            raise InputError(f"{(end - start).days + 1} days: the model runs at most {MAX_DAYS} days at once",
                             field="dates")
        _check_plot(plot)
        try:
            result = run_model(journal(ctx), start, end, with_central=plot is not None)
        except DataMissing as exc:
            what = getattr(exc, "what_to_log", None)
            err_console.print(f"[yellow]{escape(str(exc))}[/]")
            if what:
                err_console.print(escape(str(what)))
            raise typer.Exit(1) from None
        if plot is not None:
            from norepi.days import summarize
            from norepi.model.plots import plot_run

            plot_run(result, plot, summarize(journal(ctx), start, end))
        if as_json:
            from norepi.web.model_contract import model_plain

            print(json.dumps(model_plain(result), indent=2, ensure_ascii=False))
            return
        console.print(_days_table(result, f"Model {start} .. {end}"))
        _notes(result)

    @model_app.command("whatif")
    def whatif_cmd(
        ctx: typer.Context,
        days: Annotated[int, typer.Option("--days", min=1, max=366, metavar="DAYS",
                                          help="how many usual days to simulate (without --journal)")] = 7,
        sleep_hours: Annotated[float | None, typer.Option("--sleep-hours", metavar="HOURS",
                                                          help="hours of sleep every night")] = None,
        add: Annotated[list[str] | None, typer.Option("--add", metavar="WHAT", help="e.g. 'hiit 20min daily', "
                                                      "'meditation 15min' (repeat the option for several)")] = None,
        tyrosine_mg: Annotated[float | None, typer.Option("--tyrosine-mg", metavar="MG",
                                                          help="L-tyrosine supplement, mg a day")] = None,
        pss10: Annotated[int | None, typer.Option("--pss", metavar="0-40",
                                                  help="chronic stress, PSS-10 score 0-40")] = None,
        plot: Plot = None, as_json: AsJson = False,
        dates: Annotated[str | None, typer.Option("--journal", metavar="START..END",
                                                  help="use these days of your journal as the baseline; "
                                                  + RANGE_HELP)] = None,
    ) -> None:
        """A what-if beside a baseline (healthy reference days, or your days with --journal), day by day.

        Example: norepi model whatif --sleep-hours 5 --days 7 --plot sleep.png
        """
        from norepi.operations.model import MAX_DAYS, whatif_model

        _check_plot(plot)
        span = parse_range(dates, "journal") if dates else None
        if span is not None and (span[1] - span[0]).days + 1 > MAX_DAYS:
            raise InputError(f"{(span[1] - span[0]).days + 1} days: the model runs at most {MAX_DAYS} days at once",
                             field="journal")
        res = whatif_model(journal(ctx), days=span, n_days=days, sleep_hours=sleep_hours, add=tuple(add or ()),
                           tyrosine_mg=tyrosine_mg, pss10=pss10, with_central=plot is not None)
        n = len(res.baseline.days)
        base = f"your days {span[0]} .. {span[1]}" if span else \
            f"a usual {'week' if n == 7 else f'{n}-day stretch'} (healthy reference days)"
        if plot is not None:
            from norepi.model.plots import plot_whatif

            if span is not None:
                from norepi.days import summarize

                marks = summarize(journal(ctx), *span)
            else:
                from norepi.model.inputs import reference_days

                marks = reference_days(n)
            plot_whatif(res, plot, marks, baseline_label=base, hypothetical=span is None)
        if as_json:
            from norepi.web.model_contract import model_plain

            print(json.dumps(model_plain(res), indent=2, ensure_ascii=False))
            return
        console.print(f"[bold]What if: {escape(res.description)}[/] for {n} day{'s' if n != 1 else ''}, beside "
                      f"{escape(base)}; change over the whole period:")
        for d in res.period:
            console.print(f"  {escape(d.text)}")
        heads = [_SHORT.get(d.index, d.index) for d in res.period]
        table = render.table("Day by day: what-if against baseline, % change (range)", "day", *heads, right=heads)
        for k, (date, diffs) in enumerate(res.per_day, 1):
            table.add_row(f"{date:%d %b}" if span else f"day {k}", *(_compact(x.pct) for x in diffs))
        console.print(table)
        for note in res.notes:
            console.print(f"[dim]{escape(note)}[/]")
        console.print("[dim]+4 (+2/+6): the middle of the parameter sets and their 5-95 % range; a range that "
                      "crosses 0 means the model cannot tell a difference.[/]")
        render.explain(console, "store", "release capacity")
        console.print(f"[dim]{escape(res.disclaimer)}[/]")

    @model_app.command("export-sbml")
    def export_sbml_cmd(
        file: Annotated[Path, typer.Argument(metavar="FILE.xml", help="SBML file to write")],
        days: Annotated[int, typer.Option("--days", min=1, max=31, metavar="DAYS",
                                          help="days of the fixed input scenario")] = 2,
    ) -> None:
        """Write the model with a fixed input scenario as SBML Level 3 (checked with libSBML).

        Example: norepi model export-sbml ne_model.xml
        """
        from norepi.model.sbml import default_export_scenario, export_sbml

        if not file.parent.is_dir():
            raise InputError(f"{file.parent}: no such folder", field="file")
        if file.is_dir():
            raise InputError(f"{file}: a folder; give a file name, e.g. ne_model.xml", field="file")
        console.print(f"wrote {export_sbml(file, default_export_scenario(days))}")

    @model_app.command("parameters")
    def parameters_cmd(as_json: AsJson = False) -> None:
        """List every model parameter with value, unit, kind, bounds and source.

        Example: norepi model parameters --json
        """
        from norepi.model.parameters import parameter_table_rows

        rows = parameter_table_rows()
        if as_json:
            print(json.dumps(rows, indent=2, default=str))
            return
        table = render.table("Model parameters", "name", "value", "unit", "kind", "source", right=("value",))
        for r in rows:
            value = r["value"]
            table.add_row(escape(str(r["name"])), render.num(value, 4) if isinstance(value, float) else str(value),
                          escape(str(r["unit"])), escape(str(r["kind"])), escape(str(r["source"])))
        console.print(table)
