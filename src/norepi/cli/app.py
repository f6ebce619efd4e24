"""The ``norepi`` command line: thin shells over the library (parse, call, render)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Annotated

import platformdirs
import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from typer.core import TyperGroup

from norepi.cli import render
from norepi.cli.context import console, err_console, journal, parse_date, parse_range, parse_time
from norepi.errors import NorepiError
from norepi.foods.releases import SR28_SHA256, SR28_URL
from norepi.nutrition.nutrients import BY_KEY
from norepi.nutrition.targets import energy_band_kcal, life_stage_group
from norepi.profile import ACTIVITIES, ALLERGENS, DIETS, LIFE_STAGES, Profile


class NorepiGroup(TyperGroup):
    """Turns library errors into one line on stderr and exit code 1."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except NorepiError as exc:
            err_console.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None


def _typer(help_text: str) -> typer.Typer:
    return typer.Typer(
        help=help_text, cls=NorepiGroup, no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False
    )


app = _typer(
    "norepi: raise and keep norepinephrine in a healthy range by natural means.\n\n"
    "Education and self-tracking, not medical advice."
)
foods_app = _typer("The USDA food database: import, download, search, show.")
profile_app = _typer("Your profile (sex, age, weight, height, diet): targets follow from it.")
log_app = _typer("Log what you ate, exercise, sleep, practices, stress events and ratings.")
app.add_typer(foods_app, name="foods")
app.add_typer(profile_app, name="profile")
app.add_typer(log_app, name="log")


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", envvar="NOREPI_DB", help="SQLite file (or database URL) of the journal.")
    ] = None,
) -> None:
    ctx.obj = {"db": db}


def _json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# ---- foods ---------------------------------------------------------------------------------------
@foods_app.command("import")
def foods_import(ctx: typer.Context, path: Annotated[Path, typer.Argument(
        help="a USDA SR ASCII folder, a FoodData Central CSV release (.zip or folder) or an Open Food Facts "
             "export (.csv/.tsv, .parquet, .jsonl)")]) -> None:
    """Import food data: USDA SR28 / SR Legacy, FoodData Central (Foundation, SR Legacy, FNDDS, Branded), Open Food
    Facts; one transaction per release, and importing it again changes nothing.

    Example: norepi foods import ../shared/data/usda-sr28
    Example: norepi foods import FoodData_Central_foundation_food_csv_2025-04-24.zip
    """
    from norepi.operations.foods import import_food_data

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("importing", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        result = import_food_data(journal(ctx), path, progress)
    if result.unchanged:
        console.print(f"{result.source} {result.release} is already imported ({result.foods:,} foods): "
                      "nothing changed.")
    else:
        console.print(f"Imported {result.source} {result.release}: {result.foods:,} foods.")
    for note in result.notes:
        console.print(f"[dim]{escape(note)}[/]")
    if result.attribution:
        console.print(f"[dim]{escape(result.attribution)}[/]")


@foods_app.command("download")
def foods_download(
    ctx: typer.Context,
    dataset: Annotated[str, typer.Option("--dataset", help="sr28 (default), foundation, sr-legacy, fndds or "
                                         "branded (FoodData Central)")] = "sr28",
    url: Annotated[str | None, typer.Option(help="release archive URL (default: the official one)")] = None,
    dest: Annotated[Path | None, typer.Option(help="folder to download into")] = None,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="skip the SR28 checksums (other SR releases)")] = False,
) -> None:
    """Download an official release (SR28 with its SHA-256 checksums; FoodData Central with every file's CRC
    checked) and import it.

    Example: norepi foods download
    Example: norepi foods download --dataset foundation
    """
    from norepi.foods.download import fetch_fdc, fetch_sr28

    base = dest or platformdirs.user_data_path("norepi", appauthor=False)
    with Progress(
        TextColumn("downloading"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("download", total=None)

        def shown(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        if dataset == "sr28":
            target = base / "usda-sr28" if dest is None else dest
            fetch_sr28(target, url or SR28_URL, shown, expected=None if no_verify else SR28_SHA256)
        else:
            target = fetch_fdc(dataset, base / "fdc", url, shown)
    foods_import(ctx, target)


@foods_app.command("barcode")
def foods_barcode(ctx: typer.Context, code: Annotated[str, typer.Argument(help="EAN-13, UPC-A, GTIN-14 ...")],
                  as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False) -> None:
    """Look a packaged food up by its barcode (from Open Food Facts or FDC Branded foods you imported).

    Example: norepi foods barcode 0000236555909
    """
    from norepi.operations.foods import food_by_barcode

    record = food_by_barcode(journal(ctx), code)
    if as_json:
        _json({"food_id": record.food_id, "description": record.description, "brand": record.brand,
               "barcode": record.barcode, "licence": record.licence,
               "portions": [{"amount": p.amount, "description": p.description, "grams": p.grams}
                            for p in record.portions]})
        return
    brand = f" ({escape(record.brand)})" if record.brand else ""
    console.print(f"[bold]{escape(record.description)}[/]{brand} [{record.food_id}]")
    for p in record.portions:
        console.print(f"  {p.amount:g} {escape(p.description)} = {p.grams:g} g")
    if record.licence == "ODbL-1.0":
        from norepi.foods.off import ODBL_ATTRIBUTION

        console.print(f"[dim]{escape(ODBL_ATTRIBUTION)}[/]")


@foods_app.command("search")
def foods_search(
    ctx: typer.Context,
    query: str,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Search foods by description; typos and word order are tolerated.

    Example: norepi foods search "chicken breast" --limit 5
    """
    hits = journal(ctx).search_foods(query, limit)
    if as_json:
        _json([{"ndb_no": h.ndb_no, "description": h.description, "group": h.group} for h in hits])
        return
    table = render.Table(title=f"Foods matching {query!r}", title_justify="left")
    for col in ("NDB", "description", "group"):
        table.add_column(col)
    for h in hits:
        table.add_row(h.ndb_no, h.description, h.group)
    console.print(table)


@foods_app.command("show")
def foods_show(
    ctx: typer.Context, ndb_no: str, as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False
) -> None:
    """Show one food: group, household portions and the tracked nutrients per 100 g.

    Example: norepi foods show 01123
    """
    j = journal(ctx)
    info = j.food(ndb_no.zfill(5))
    from norepi.nutrition.analysis import serving_amounts
    from norepi.nutrition.nutrients import USDA_NUMBERS

    per100 = serving_amounts(j.foods.per_100g([info.ndb_no], USDA_NUMBERS)[info.ndb_no], 100.0)
    data = {
        "ndb_no": info.ndb_no,
        "description": info.description,
        "group": info.group,
        "portions": [{"amount": p.amount, "description": p.description, "grams": p.grams} for p in info.portions],
        "per_100g": per100,
    }
    if as_json:
        _json(data)
        return
    console.print(f"[bold]{info.ndb_no} {escape(info.description)}[/] ({info.group})")
    console.print("Portions: " + ", ".join(f"{p.amount:g} {p.description} = {p.grams:g} g" for p in info.portions))
    for key, value in per100.items():
        console.print(
            f"  {BY_KEY[key].label}: "
            + ("unknown" if value is None else f"{value:,.2f} {render.unit_of(key)}")
            + " per 100 g"
        )


# ---- profile -------------------------------------------------------------------------------------
@profile_app.command("set")
def profile_set(
    ctx: typer.Context,
    sex: Annotated[str, typer.Option(help="female or male")],
    age: Annotated[int, typer.Option(help="years")],
    weight_kg: Annotated[float, typer.Option(help="kg")],
    height_cm: Annotated[float, typer.Option(help="cm")],
    activity: Annotated[str, typer.Option(help=", ".join(ACTIVITIES))] = "light",
    life_stage: Annotated[str, typer.Option(help=", ".join(LIFE_STAGES))] = "none",
    trimester: Annotated[int | None, typer.Option("--trimester", help="1-3, when pregnant")] = None,
    diet: Annotated[str, typer.Option(help=", ".join(DIETS))] = "omnivore",
    exclude: Annotated[list[str] | None, typer.Option(help=", ".join(ALLERGENS))] = None,
    since: Annotated[str | None, typer.Option(help="effective date (default today)")] = None,
) -> None:
    """Set your profile; earlier versions are kept (weight changes over time).

    Example: norepi profile set --sex female --age 34 --weight-kg 62 --height-cm 168
    """
    profile = Profile.of(
        sex=sex,
        age_years=age,
        weight_kg=weight_kg,
        height_cm=height_cm,
        activity=activity,
        life_stage=life_stage,
        diet=diet,
        exclusions=exclude or (),
        pregnancy_trimester=trimester,
    )
    journal(ctx).set_profile(profile, parse_date(since, "since") if since else None)
    low, high = energy_band_kcal(profile)
    console.print(f"Profile saved ({life_stage_group(profile)}); energy {low:,.0f}-{high:,.0f} kcal/day.")


@profile_app.command("show")
def profile_show(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False
) -> None:
    """Show the profile history and today's targets.

    Example: norepi profile show --json
    """
    j = journal(ctx)
    history = [
        {"effective_on": d.isoformat(), **dataclasses.asdict(p), "exclusions": list(p.exclusions)}
        for d, p in j.profile_history()
    ]
    targets = {k: {"rda": t.rda, "ul": t.ul, "source": t.source, "note": t.note} for k, t in j.targets().items()}
    if as_json:
        _json({"history": history, "targets": targets})
        return
    for row in history:
        console.print(row)
    for key, t in targets.items():
        ul = f", UL {t['ul']:g}" if t["ul"] is not None else ""
        console.print(f"  {BY_KEY[key].label}: {t['rda']:g} {render.unit_of(key)}{ul} ({t['source']}) {t['note']}")


# ---- log -----------------------------------------------------------------------------------------
@log_app.command("food")
def log_food(
    ctx: typer.Context,
    food: Annotated[str, typer.Argument(help='a phrase ("1 cup milk", "chicken breast 150g"), a food name or NDB '
                                        "number (then the amount), or with --barcode the amount")],
    amount: Annotated[str | None, typer.Argument(
        help="150 g, 5 oz, 1 cup, 2 large ...; a bare number is grams")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD, today, yesterday or today-N (default today)")] = None,
    time: Annotated[str | None, typer.Option(help="HH:MM")] = None,
    barcode: Annotated[str | None, typer.Option("--barcode", help="a packaged food's barcode (EAN/UPC)")] = None,
    pick: Annotated[str | None, typer.Option("--pick", help="the food id you meant (one of the alternatives "
                                             "shown); remembered for these words")] = None,
) -> None:
    """Log a food you ate as you would say it; norepi says what it understood and two alternatives.

    Example: norepi log food "1 cup of milk" --time 08:00
    Example: norepi log food "chicken breast 150g" --date yesterday
    Example: norepi log food --barcode 0000236555909 "2 slices"
    """
    j = journal(ctx)
    on, at = parse_date(date), parse_time(time)
    if barcode is not None:
        from norepi.operations.foods import log_barcode

        entry, item = log_barcode(j, barcode, food if amount is None else amount, on, at)
    else:
        if pick is not None:
            from norepi.foods.phrases import parse_phrase

            words = parse_phrase(food).food if amount is None else food
            j.food_log.choose(words, pick)
        item = j.food_log.understand(food, amount, on, at)
        entry = j.food_log.log_resolved(item)
    console.print(f"{escape(item.message)} on {entry.date}{' ' + entry.time.strftime('%H:%M') if entry.time else ''}"
                  f" [dim](#{entry.id}, {entry.ndb_no})[/]")
    if item.alternatives:
        console.print("[dim]Not what you meant? " + "; ".join(f"{escape(h.description)} [{h.food_id}]"
                                                             for h in item.alternatives)
                      + " - log again with --pick ID (remembered).[/]")


# ---- analysis ------------------------------------------------------------------------------------
@app.command("day")
def day(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Argument(help="YYYY-MM-DD (default today)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (the day contract)")] = False,
) -> None:
    """Analyse one day: totals, % of your targets, upper limits, unknown values.

    Example: norepi day 2026-11-20 --json
    """
    from norepi.days import summarize_day

    summary = summarize_day(journal(ctx), parse_date(date))
    if as_json:
        from norepi.web.contract import day_out

        print(day_out(summary).model_dump_json(indent=2))
        return
    _print_day(summary)


@app.command("days")
def days(
    ctx: typer.Context,
    dates: Annotated[str, typer.Argument(help="START..END or one date")] = "today-6..today",
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object a line (the day contract)")] = False,
) -> None:
    """The days of a range: a line each, or with --json one JSON object a line (as `norepi day --json`).

    Example: norepi days 2026-11-01..2026-11-30 --json
    """
    from norepi.days import summarize

    start, end = parse_range(dates)
    summaries = summarize(journal(ctx), start, end)
    if as_json:
        from norepi.web.contract import day_out

        for summary in summaries:
            print(day_out(summary).model_dump_json())
        return
    console.print(render.days_table(summaries))


def _print_day(summary) -> None:  # type: ignore[no-untyped-def]
    food = summary.food
    if food is None:
        console.print(f"No food logged on {summary.date}: intake unknown (not zero).")
        return
    console.print(render.day_table(summary))
    for o in food.over_ul:
        console.print(f"[red]Upper limit exceeded[/]: {BY_KEY[o.key].label} ({o.compared}) {o.amount:g} > {o.ul:g}")
    for inc in food.incomplete:
        console.print(
            f"[yellow]Unknown[/] in {escape(inc.description)} [{inc.food_id}]: "
            f"{', '.join(inc.missing)} (totals of these are lower bounds)"
        )


@app.command("gaps")
def gaps(
    ctx: typer.Context,
    dates: Annotated[str, typer.Argument(help="START..END or one date")] = "today-6..today",
    foods_per_gap: Annotated[int, typer.Option("--foods", min=1, max=20)] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Targets that fall short on average over logged days, and foods that close each gap.

    Example: norepi gaps 2026-11-14..2026-11-20
    """
    from norepi.operations.gaps import gaps as gaps_report

    start, end = parse_range(dates)
    result = gaps_report(journal(ctx), start, end, foods_per_gap)
    report, suggestions = result.coverage, result.foods
    if as_json:
        _json({**dataclasses.asdict(report), "foods": {k: [dataclasses.asdict(f) for f in v]
                                                        for k, v in suggestions.items()}})
        return
    console.print(f"{report.days_logged} of {report.days} days logged from {start} to {end}.")
    if not report.days_logged:
        return
    table = render.Table(title="Average coverage of your targets", title_justify="left")
    for col in ("nutrient", "average per day", "target", "coverage"):
        table.add_column(col)
    for key, avg in report.average.items():
        pct = report.coverage_pct[key]
        table.add_row(
            BY_KEY[key].label,
            f"{avg:,.1f} {render.unit_of(key)}",
            f"{report.targets[key]:,.1f}",
            f"{render.bar(pct)} {pct:.0f}%" if pct is not None else "",
        )
    console.print(table)
    for key, foods in suggestions.items():
        console.print(render.gap_table(key, foods))


@app.command("demo")
def demo(
    ctx: typer.Context,
    food_data: Annotated[
        Path | None, typer.Option(help="USDA SR ASCII folder to import if the database has none")
    ] = None,
) -> None:
    """Load the sample profile and two-week journal (ending today) and show today's analysis.

    Example: norepi --db demo.sqlite demo --food-data ../shared/data/usda-sr28
    """
    j = journal(ctx)
    if j.food_release() is None:
        if food_data is None:
            raise typer.BadParameter("no food database yet: give --food-data or run `norepi foods download`")
        foods_import(ctx, food_data)
    from norepi.days import summarize_day
    from norepi.journal.sample import load_sample

    entries = load_sample(j)
    console.print(f"Loaded the sample journal: {len(entries)} food entries over two weeks.")
    _print_day(summarize_day(j, entries[-1].date))


def _register_levers() -> None:
    """Attach the command groups of each lever package present (lifestyle, plan, web, insights, model)."""
    import importlib
    import importlib.util

    for name in ("lifestyle", "data", "plan", "web", "insights", "model"):
        if importlib.util.find_spec(f"norepi.cli.{name}") is None:
            continue
        module = importlib.import_module(f"norepi.cli.{name}")
        if name == "lifestyle":
            module.register(app, log_app)
        else:
            module.register(app)


_register_levers()


def main() -> None:
    """Console-script entry point."""
    if not os.isatty(1):  # piped output: wide enough that tables do not wrap into unreadable columns
        os.environ.setdefault("COLUMNS", "120")
    app()
