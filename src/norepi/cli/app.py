"""The ``norepi`` command line: thin shells over the library (parse, call, render)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from norepi.cli import render
from norepi.cli.context import (
    console,
    date_help,
    date_option,
    err_console,
    journal,
    on_interrupt,
    parse_date,
    parse_range,
    parse_time,
)
from norepi.cli.shell import NorepiGroup, NorepiTyper, group
from norepi.errors import AmbiguousFood
from norepi.profile import ACTIVITIES, ALLERGENS, DIETS, LIFE_STAGES

if TYPE_CHECKING:
    from norepi.days.summary import DaySummary

__all__ = ["NorepiGroup", "app", "main"]

AsJson = Annotated[bool, typer.Option("--json", help="JSON output")]


def _typer(help_text: str) -> NorepiTyper:
    """A command group with the shared error handler (kept for the lever modules that call it)."""
    return group(help_text)


app = group(
    "norepi: raise and keep norepinephrine in a healthy range by natural means.\n\n"
    "Education and self-tracking, not medical advice.\n\n"
    "Example: norepi log food \"2 large eggs\" --time 08:00, then: norepi day"
)
foods_app = group("The USDA food database: import, download, search, show.\n\n"
                  "Example: norepi foods search \"rolled oats\"")
profile_app = group("Your profile (sex, age, weight, height, diet): targets follow from it.\n\n"
                    "Example: norepi profile set --sex female --age 34 --weight-kg 62 --height-cm 168")
log_app = group("Log what you ate, exercise, sleep, practices, stress events and ratings.\n\n"
                "Example: norepi log practice meditation 15 --start 21:00")
app.add_typer(foods_app, name="foods")
app.add_typer(profile_app, name="profile")
app.add_typer(log_app, name="log")


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", envvar="NOREPI_DB", metavar="FILE",
                                 help="SQLite file (or database URL) of the journal; may stand anywhere on the line.")
    ] = None,
) -> None:
    ctx.obj = {"db": db}


def _json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# ---- foods ---------------------------------------------------------------------------------------
@foods_app.command("import")
def foods_import(ctx: typer.Context, path: Annotated[Path, typer.Argument(
        metavar="PATH", help="a USDA SR ASCII folder, a FoodData Central CSV release (.zip or folder) or an Open "
             "Food Facts "
             "export (.csv/.tsv, .parquet, .jsonl)")]) -> None:
    """Import food data: USDA SR28 / SR Legacy, FoodData Central (Foundation, SR Legacy, FNDDS, Branded), Open Food
    Facts; one transaction per release, and importing it again changes nothing.

    Example: norepi foods import ../shared/data/usda-sr28
    Example: norepi foods import FoodData_Central_foundation_food_csv_2025-04-24.zip
    """
    from rich.progress import BarColumn, Progress, TextColumn

    from norepi.operations.foods import import_food_data

    on_interrupt("the food import was not finished, so none of it was saved; the database is as it was.")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}"),
        console=err_console.real(),
        transient=True, disable=not err_console.is_terminal,
    ) as bar:
        task = bar.add_task("importing", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        result = import_food_data(journal(ctx), path, progress)
    on_interrupt(None)
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
    dataset: Annotated[str, typer.Option("--dataset", metavar="NAME", help="sr28 (default), foundation, sr-legacy, "
                                         "fndds or branded (FoodData Central)")] = "sr28",
    url: Annotated[str | None, typer.Option(metavar="URL",
                                            help="release archive URL (default: the official one)")] = None,
    dest: Annotated[Path | None, typer.Option(metavar="FOLDER", help="folder to download into (default: norepi's "
                                              "data folder)")] = None,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="skip the SR28 checksums (other SR releases)")] = False,
) -> None:
    """Download an official release (SR28 with its SHA-256 checksums; FoodData Central with every file's CRC
    checked) and import it.

    Example: norepi foods download
    Example: norepi foods download --dataset foundation
    """
    import platformdirs
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from norepi.foods.download import fetch_fdc, fetch_sr28
    from norepi.foods.releases import SR28_SHA256, SR28_URL

    base = dest or platformdirs.user_data_path("norepi", appauthor=False)
    on_interrupt(f"the download was not finished; nothing was imported (a partial file may be left in {base}).")
    with Progress(
        TextColumn("downloading"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console.real(),
        transient=True, disable=not err_console.is_terminal,
    ) as bar:
        task = bar.add_task("download", total=None)

        def shown(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        if dataset == "sr28":
            target = base / "usda-sr28" if dest is None else dest
            fetch_sr28(target, url or SR28_URL, shown, expected=None if no_verify else SR28_SHA256)
        else:
            target = fetch_fdc(dataset, base / "fdc", url, shown)
    on_interrupt(None)
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
    query: Annotated[str, typer.Argument(help="words of the food's description, e.g. \"rolled oats\"")],
    limit: Annotated[int, typer.Option(min=1, max=100, help="how many foods to list")] = 10,
    as_json: AsJson = False,
) -> None:
    """Search foods by description; typos and word order are tolerated.

    Example: norepi foods search "chicken breast" --limit 5
    """
    hits = journal(ctx).search_foods(query, limit)
    if as_json:
        _json([{"ndb_no": h.ndb_no, "description": h.description, "group": h.group} for h in hits])
        return
    if not hits:
        console.print(f"No food matches {escape(repr(query))}. Try fewer or more general words (\"oats\" rather "
                      "than \"organic rolled oats\"), or check the spelling.")
        return
    table = render.table(f"Foods matching {escape(repr(query))}", "NDB", "description", "group")
    for h in hits:
        table.add_row(h.ndb_no, escape(h.description), escape(h.group))
    console.print(table)
    console.print("[dim]Show one with: norepi foods show NDB; log it with: norepi log food NDB AMOUNT.[/]")


@foods_app.command("show")
def foods_show(
    ctx: typer.Context,
    ndb_no: Annotated[str, typer.Argument(metavar="FOOD", help="NDB number (01123) or words of the description "
                                          "(\"egg whole raw\")")],
    as_json: AsJson = False,
) -> None:
    """Show one food: group, household portions and the tracked nutrients per 100 g.

    Example: norepi foods show 01123
    Example: norepi foods show "egg whole raw"
    """
    j = journal(ctx)
    try:
        info = j.resolve_food(ndb_no)
    except AmbiguousFood as exc:
        err_console.print(f"[red]error:[/] {escape(repr(exc.query))} matches several foods; show one by its number:")
        for ndb, desc in exc.choices:
            err_console.print(f"  {ndb}  {escape(desc)}", highlight=False)
        raise typer.Exit(1) from None
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
    console.print(f"[bold]{info.ndb_no} {escape(info.description)}[/] ({escape(info.group)})")
    if info.portions:
        console.print("Portions: " + escape(", ".join(f"{render.num(p.amount)} {p.description} = "
                                                      f"{render.num(p.grams)} g" for p in info.portions)))
    table = render.table("Per 100 g", "nutrient", "amount", right=("amount",))
    for key, value in per100.items():
        table.add_row(render.label(key), "unknown" if value is None else render.amount(value, key))
    console.print(table)


# ---- profile -------------------------------------------------------------------------------------
@profile_app.command("set")
def profile_set(
    ctx: typer.Context,
    sex: Annotated[str, typer.Option(metavar="female|male", help="female or male")],
    age: Annotated[int, typer.Option(metavar="YEARS", help="age in years, 1-120")],
    weight_kg: Annotated[float, typer.Option(metavar="KG", help="weight in kg")],
    height_cm: Annotated[float, typer.Option(metavar="CM", help="height in cm")],
    activity: Annotated[str, typer.Option(metavar="LEVEL", help=", ".join(ACTIVITIES))] = "light",
    life_stage: Annotated[str, typer.Option(metavar="STAGE", help=", ".join(LIFE_STAGES))] = "none",
    trimester: Annotated[int | None, typer.Option("--trimester", metavar="1-3", help="1-3, when pregnant")] = None,
    diet: Annotated[str, typer.Option(metavar="DIET", help=", ".join(DIETS))] = "omnivore",
    exclude: Annotated[list[str] | None, typer.Option(metavar="ALLERGEN", help=", ".join(ALLERGENS) +
                                                      " (repeat the option for several)")] = None,
    since: Annotated[str | None, date_option("the day it takes effect", name="--since")] = None,
) -> None:
    """Set your profile; earlier versions are kept (weight changes over time).

    Example: norepi profile set --sex female --age 34 --weight-kg 62 --height-cm 168
    """
    from norepi.nutrition.targets import energy_band_kcal, life_stage_group
    from norepi.profile import Profile

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
    console.print(f"Profile saved (DRI group {life_stage_group(profile)}); energy {render.num(low)}-"
                  f"{render.num(high)} kcal a day.")


def _profile_line(p) -> str:  # type: ignore[no-untyped-def]
    stage = {"pregnant": "pregnant" + (f", trimester {p.pregnancy_trimester}" if p.pregnancy_trimester else ""),
             "lactating": "breastfeeding"}.get(p.life_stage, "")
    parts = [p.sex, f"{p.age_years} years", f"{render.num(p.weight_kg)} kg", f"{render.num(p.height_cm)} cm",
             f"{p.activity.replace('_', ' ')} activity", p.diet]
    if stage:
        parts.append(stage)
    if p.exclusions:
        parts.append("without " + ", ".join(e.replace("_", " ") for e in p.exclusions))
    return ", ".join(parts)


@profile_app.command("show")
def profile_show(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Show the profile history and today's targets.

    Example: norepi profile show --json
    """
    j = journal(ctx)
    versions = j.profile_history()
    history = [
        {"effective_on": d.isoformat(), **dataclasses.asdict(p), "exclusions": list(p.exclusions)}
        for d, p in versions
    ]
    targets = {k: {"rda": t.rda, "ul": t.ul, "source": t.source, "note": t.note} for k, t in j.targets().items()}
    if as_json:
        _json({"history": history, "targets": targets})
        return
    console.print("[bold]Your profile[/]")
    for d, p in versions:
        console.print(f"  from {d}: {escape(_profile_line(p))}")
    table = render.table("Daily targets today", "nutrient", "target", "upper limit", "source",
                         right=("target", "upper limit"))
    for key, t in j.targets().items():
        table.add_row(render.label(key), render.amount(t.rda, key), "" if t.ul is None else render.amount(t.ul, key),
                      escape(t.source + (f"; {t.note}" if t.note else "")))
    console.print(table)
    render.explain(console, "upper limit")


# ---- log -----------------------------------------------------------------------------------------
@log_app.command("food")
def log_food(
    ctx: typer.Context,
    food: Annotated[str, typer.Argument(help='a phrase ("1 cup milk", "chicken breast 150g"), a food name or NDB '
                                        "number (then the amount), or with --barcode the amount")],
    amount: Annotated[str | None, typer.Argument(
        help="150 g, 5 oz, 1 cup, 2 large ...; a bare number is grams")] = None,
    date: Annotated[str | None, date_option("the day you ate it")] = None,
    time: Annotated[str | None, typer.Option(metavar="HH:MM", help="the time you ate it, e.g. 08:30")] = None,
    barcode: Annotated[str | None, typer.Option("--barcode", metavar="CODE",
                                                help="a packaged food's barcode (EAN/UPC)")] = None,
    pick: Annotated[str | None, typer.Option("--pick", metavar="ID", help="the food id you meant (one of the "
                                             "alternatives "
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
                  f" [dim](#{entry.id}, {entry.ndb_no})[/]", highlight=False)
    if item.alternatives:
        console.print("[dim]Not what you meant? " + "; ".join(f"{escape(h.description)} [{h.food_id}]"
                                                             for h in item.alternatives)
                      + " - log again with --pick ID (remembered).[/]")


# ---- analysis ------------------------------------------------------------------------------------
@app.command("day")
def day(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Argument(metavar="DATE", help=date_help("the day"))] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (the day contract)")] = False,
) -> None:
    """Analyse one day: what you ate, totals, % of your targets, upper limits, unknown values.

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
    dates: Annotated[str, typer.Argument(metavar="START..END", help="a range of dates (or one date); each: "
                                         f"{date_help('a day', 'today-6..today')}")] = "today-6..today",
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


def _lifestyle_line(summary: DaySummary) -> str | None:
    parts = []
    if summary.time_asleep_min is not None:
        parts.append(f"slept {summary.time_asleep_min / 60:.1f} h")
    for e in summary.exercise:
        parts.append(f"{escape(e.activity.replace('_', ' '))} {e.duration_min:.0f} min")
    for p in summary.practices:
        parts.append(f"{p.kind.display} {p.duration_min:.0f} min")
    if summary.ratings:
        parts.append("rated " + ", ".join(f"{escape(r.scale.label)} {r.value:g}" for r in summary.ratings.values()))
    return "; ".join(parts) if parts else None


def _print_day(summary: DaySummary) -> None:
    food = summary.food
    lifestyle = _lifestyle_line(summary)
    if food is None:
        console.print(f"No food logged on {summary.date}: intake unknown (not zero). Log what you ate with "
                      "norepi log food, e.g. norepi log food \"2 large eggs\" --time 08:00.")
        if lifestyle:
            console.print(f"Also on {summary.date}: {lifestyle}.")
        return
    console.print(render.eaten_table(summary))
    console.print(render.day_table(summary))
    for o in food.over_ul:
        console.print(f"[red]Over the upper limit[/]: {escape(render.label(o.key))} ({escape(o.compared)}) "
                      f"{render.amount(o.amount, o.key)}, limit {render.amount(o.ul, o.key)}")
    for inc in food.incomplete:
        console.print(
            f"[yellow]Unknown[/] in {escape(inc.description)} [{inc.food_id}]: "
            f"{escape(', '.join(render.label(k) for k in inc.missing))} (the totals shown are at least these)"
        )
    if lifestyle:
        console.print(f"Also on {summary.date}: {lifestyle}.")
    render.explain(console, "shortfall", *(("at least",) if food.lower_bound else ()))


@app.command("gaps")
def gaps(
    ctx: typer.Context,
    dates: Annotated[str, typer.Argument(metavar="START..END", help="a range of dates (or one date); each: "
                                         f"{date_help('a day', 'today-6..today')}")] = "today-6..today",
    foods_per_gap: Annotated[int, typer.Option("--foods", min=1, max=20,
                                               help="how many foods to suggest for each shortfall")] = 5,
    as_json: AsJson = False,
) -> None:
    """Targets that fall short on average over logged days, and foods that close each gap.

    Example: norepi gaps 2026-11-14..2026-11-20 --foods 3
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
        console.print("Nothing to average yet: log what you eat (norepi log food) for a few days.")
        return
    table = render.table("Average a day against your targets", "nutrient", "average", "target", "coverage",
                         right=("average", "target"))
    for key, avg in report.average.items():
        pct = report.coverage_pct[key]
        table.add_row(render.label(key), render.amount(avg, key), render.amount(report.targets[key], key),
                      f"{render.bar(pct)} {pct:.0f}%" if pct is not None else "")
    console.print(table)
    for key, foods in suggestions.items():
        if foods:
            console.print(render.gap_table(key, foods))
        else:
            console.print(f"{render.label(key)}: no further food in your diet closes this gap (the ones above "
                          "already help).")
    if not suggestions:
        console.print("Every target is met on average: no gap to close.")
    render.explain(console, "shortfall")


@app.command("demo")
def demo(
    ctx: typer.Context,
    food_data: Annotated[
        Path | None, typer.Option(metavar="FOLDER", help="USDA SR ASCII folder to import if the database has none")
    ] = None,
) -> None:
    """Load the sample profile and two-week journal (ending today) and show today's analysis.

    Example: norepi --db demo.sqlite demo --food-data ../shared/data/usda-sr28
    """
    from norepi.errors import DataMissing

    j = journal(ctx)
    if j.food_release() is None:
        if food_data is None:
            raise DataMissing("no food database yet: give --food-data FOLDER or run `norepi foods download`")
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
    """Console-script entry point: the app, and a last line of defence that turns anything escaping it (a
    failure while the command line is being built) into one line."""
    try:
        app()
    except Exception as exc:  # the group's handler covers every command; this only catches what precedes it
        if os.environ.get("NOREPI_DEBUG"):
            raise
        err_console.print(f"error: unexpected {type(exc).__name__}: {exc} - a bug in norepi; please report it "
                          "(NOREPI_DEBUG=1 shows where)", soft_wrap=True, markup=False)
        raise SystemExit(1) from None
