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
def foods_import(ctx: typer.Context, path: Annotated[Path, typer.Argument(help="SR ASCII folder")]) -> None:
    """Import a USDA SR28 / SR Legacy ASCII folder (FOOD_DES, NUT_DATA, ...); re-importing is a no-op.

    Example: norepi foods import ../shared/data/usda-sr28
    """
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("importing", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        result = journal(ctx).import_foods(path, progress)
    if result.unchanged:
        console.print(f"{result.release} is already imported ({result.foods:,} foods): nothing changed.")
    else:
        console.print(
            f"Imported {result.release}: {result.foods:,} foods, {result.nutrient_rows:,} nutrient "
            f"values, {result.portions:,} household portions."
        )


@foods_app.command("download")
def foods_download(
    ctx: typer.Context,
    url: Annotated[str, typer.Option(help="Release archive URL")] = SR28_URL,
    dest: Annotated[Path | None, typer.Option(help="Folder to unpack into")] = None,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the SR28 checksums (other releases)")] = False,
) -> None:
    """Download the official USDA SR28 release, check its SHA-256 checksums, and import it.

    Example: norepi foods download
    """
    from norepi.foods.download import fetch_sr28

    folder = dest or platformdirs.user_data_path("norepi", appauthor=False) / "usda-sr28"
    with Progress(
        TextColumn("downloading"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("download", total=None)
        fetch_sr28(
            folder,
            url,
            lambda done, total: bar.update(task, completed=done, total=total),
            expected=None if no_verify else SR28_SHA256,
        )
    foods_import(ctx, folder)


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
    food: Annotated[str, typer.Argument(help='NDB number, description, or a phrase like "2 large eggs"')],
    amount: Annotated[str | None, typer.Argument(help="150g, 5 oz, 1 cup, 2 large ...")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    time: Annotated[str | None, typer.Option(help="HH:MM")] = None,
) -> None:
    """Log a food you ate, by phrase or by food and amount.

    Example: norepi log food "2 large eggs" --date 2026-11-20 --time 08:00
    Example: norepi log food 01123 150g --date 2026-11-20
    """
    entry = journal(ctx).log_food(food, amount, parse_date(date), parse_time(time))
    console.print(
        f"Logged #{entry.id}: {entry.grams:,.1f} g {escape(entry.description)} [{entry.ndb_no}] "
        f"on {entry.date}{' ' + entry.time.strftime('%H:%M') if entry.time else ''}."
    )


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
