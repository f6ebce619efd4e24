"""``norepi model``: simulate the journal, what-if scenarios, SBML export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer

from norepi.cli import context
from norepi.cli.context import parse_range
from norepi.errors import NorepiError

app = typer.Typer(
    help="The NE model: simulate your journal, ask what-if questions, export SBML. "
    "Educational, population-average parameters; not a diagnosis.",
    no_args_is_help=True,
)


def _fail(err: NorepiError) -> None:
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(code=1)


def _table(rows: list[dict], cols: list[tuple[str, str]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title)
    for _, head in cols:
        t.add_column(head, justify="right")
    for r in rows:
        t.add_row(*[(f"{r[k]:.3g}" if isinstance(r[k], float) else str(r[k])) for k, _ in cols])
    Console(width=160).print(t)


def _load_days(ctx: typer.Context, start: date, end: date) -> list[dict]:
    """The journal's day summaries (the day JSON) from ``start`` to ``end``."""
    return context.day_summaries(ctx, start, end)


@app.command("run")
def run(
    ctx: typer.Context,
    date_range: str = typer.Argument(..., metavar="START..END", help="dates YYYY-MM-DD..YYYY-MM-DD"),  # noqa: B008
    as_json: bool = typer.Option(False, "--json", help="print JSON"),  # noqa: B008
    plot: Path | None = typer.Option(None, "--plot", help="write a PNG plot to this file"),  # noqa: B008
) -> None:
    """Simulate the journal's days: store %, mean and peak plasma NE, release capacity per day.

    Example: norepi model run 2025-01-01..2025-01-31 --plot ne.png
    """
    from norepi.model.daily import DISCLAIMER, indices, plot_run, simulate_days

    try:
        start, end = parse_range(date_range)
        days = _load_days(ctx, start, end)
        tr, u, first = simulate_days(days)
        idx = indices(tr, u, first, tr.params)
        if plot is not None:
            plot_run(tr, idx, plot)
    except NorepiError as err:
        _fail(err)
        return
    if as_json:
        typer.echo(json.dumps({"disclaimer": DISCLAIMER, "days": [d.as_dict() for d in idx]}, indent=2))
        return
    typer.echo(DISCLAIMER)
    _table(
        [d.as_dict() for d in idx],
        [
            ("date", "date"),
            ("store_pct", "store %"),
            ("ne_mean_nmol_per_l", "mean NE nM"),
            ("ne_mean_pg_per_ml", "mean pg/mL"),
            ("ne_peak_nmol_per_l", "peak NE nM"),
            ("ne_peak_pg_per_ml", "peak pg/mL"),
            ("release_capacity_pct", "release cap. %"),
        ],
        "norepi model run",
    )


@app.command("whatif")
def whatif_cmd(
    ctx: typer.Context,
    days: int = typer.Option(7, "--days", help="number of days to simulate"),  # noqa: B008
    sleep_hours: float | None = typer.Option(None, "--sleep-hours", help="hours of sleep every night"),  # noqa: B008
    add: list[str] = typer.Option([], "--add", help="e.g. 'hiit 20min daily', 'meditation 15min'"),  # noqa: B008
    tyrosine_mg: float | None = typer.Option(None, "--tyrosine-mg", help="L-tyrosine supplement, mg/day"),  # noqa: B008
    pss10: int | None = typer.Option(None, "--pss", help="chronic stress, PSS-10 score 0-40"),  # noqa: B008
    plot: Path | None = typer.Option(None, "--plot", help="write a PNG plot to this file"),  # noqa: B008
    as_json: bool = typer.Option(False, "--json", help="print JSON"),  # noqa: B008
    journal: str | None = typer.Option(  # noqa: B008
        None, "--journal", metavar="START..END", help="use these journal days as the baseline"
    ),
) -> None:
    """Run a what-if scenario beside a baseline (healthy reference days, or your journal days with
    --journal) and compare day by day.

    Example: norepi model whatif --sleep-hours 5 --days 7 --plot sleep.png
    """
    from norepi.model.daily import DISCLAIMER, plot_whatif, whatif

    try:
        base_days = None
        if journal is not None:
            start, end = parse_range(journal)
            base_days = _load_days(ctx, start, end)
        res = whatif(
            base_days, n_days=days, sleep_hours=sleep_hours, add=list(add), tyrosine_mg=tyrosine_mg, pss10=pss10
        )
        if plot is not None:
            plot_whatif(res, plot)
    except NorepiError as err:
        _fail(err)
        return
    rows = []
    for b, s in zip(res.baseline, res.scenario, strict=True):
        rows.append(
            {
                "date": b.date,
                "store_b": b.store_pct,
                "store_s": s.store_pct,
                "mean_b": b.ne_mean_nmol_per_l,
                "mean_s": s.ne_mean_nmol_per_l,
                "peak_b": b.ne_peak_nmol_per_l,
                "peak_s": s.ne_peak_nmol_per_l,
                "cap_b": b.release_capacity_pct,
                "cap_s": s.release_capacity_pct,
            }
        )
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "disclaimer": DISCLAIMER,
                    "scenario": res.description,
                    "baseline": [d.as_dict() for d in res.baseline],
                    "whatif": [d.as_dict() for d in res.scenario],
                },
                indent=2,
            )
        )
        return
    typer.echo(DISCLAIMER)
    _table(
        rows,
        [
            ("date", "date"),
            ("store_b", "store % base"),
            ("store_s", "store % what-if"),
            ("mean_b", "mean NE nM base"),
            ("mean_s", "mean NE nM what-if"),
            ("peak_b", "peak nM base"),
            ("peak_s", "peak nM what-if"),
            ("cap_b", "release cap % base"),
            ("cap_s", "release cap % what-if"),
        ],
        f"what if: {res.description}",
    )


@app.command("export-sbml")
def export_sbml_cmd(
    file: Path = typer.Argument(..., help="SBML file to write"),  # noqa: B008
    days: int = typer.Option(2, "--days", help="days of the fixed input scenario"),  # noqa: B008
) -> None:
    """Write the model with a fixed input scenario as SBML Level 3 (checked with libSBML).

    Example: norepi model export-sbml ne_model.xml
    """
    from norepi.model.sbml import default_export_scenario, export_sbml

    try:
        if not 1 <= days <= 31:
            from norepi.errors import InputError

            raise InputError("days must be 1-31", field="days")
        path = export_sbml(file, default_export_scenario(days))
    except NorepiError as err:
        _fail(err)
        return
    typer.echo(f"wrote {path}")


@app.command("parameters")
def parameters_cmd(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """List every model parameter with value, unit, kind and source.

    Example: norepi model parameters --json
    """
    from norepi.model.parameters import parameter_table_rows

    rows = parameter_table_rows()
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    _table(
        rows,
        [("name", "name"), ("value", "value"), ("unit", "unit"), ("kind", "kind"), ("source", "source")],
        "model parameters",
    )
