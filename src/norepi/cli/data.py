"""CLI of a person's files and definitions: ``norepi import``, ``norepi export``, ``norepi rating``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from norepi.cli.context import console, err_console, journal, on_interrupt
from norepi.errors import InputError, MappingNeeded
from norepi.importers import KINDS


def _mapping(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, target = item.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise InputError(f"{item!r} is not KEY=TARGET (e.g. \"Tiredness=rating:tiredness\")", field="map")
        out[key.strip()] = target.strip()
    return out


def _needed(kind: str, paths: list[Path], exc: MappingNeeded) -> None:
    """What the file needs from the person, and the command that gives it."""
    err_console.print(f"[yellow]{escape(str(exc))}[/]")
    err_console.print("Say what each one is with --map KEY=TARGET (remembered for the next import). Suggested:")
    for column in exc.columns:
        pair = f"{column}={exc.suggestions.get(column, 'ignore')}"
        err_console.print(f"  --map {escape(repr(pair))}")
    err_console.print(f"then: norepi import {kind} {' '.join(escape(str(p)) for p in paths)} --map ...")


def register(app: typer.Typer) -> None:
    """Attach ``norepi import``, ``norepi export`` and ``norepi rating ...`` to the root app."""
    from norepi.cli.shell import group

    @app.command("import")
    def import_(
        ctx: typer.Context,
        kind: Annotated[str, typer.Argument(metavar="SOURCE", help=f"the source: {', '.join(KINDS)}, or norepi "
                                            "(an export of norepi)")],
        paths: Annotated[list[Path], typer.Argument(metavar="FILE...", help="files, folders or zips of that "
                                                    "source's export")],
        map_: Annotated[list[str] | None, typer.Option(
            "--map", metavar="KEY=TARGET", help="what a column, habit or mood is: KEY=TARGET, TARGET one of "
                          "rating:<name>[:<value>], practice:<kind>[:<minutes>], observation:<kind>, food_complete, "
                          "ignore (repeat the option for several)")] = None,
    ) -> None:
        """Import the files you have: each file whole or not at all, and again adds nothing.

        Example: norepi import whoop ~/Downloads/my_whoop_data_2026_11_30
        Example: norepi import loop Loop.zip --map "Tiredness=rating:tiredness" --map "Meditation=practice:meditation"
        Example: norepi import norepi norepi-export-2026-11-30.zip
        """
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        from norepi.operations.imports import import_export, import_files

        j = journal(ctx)
        if kind == "norepi":
            if len(paths) != 1:
                raise InputError("an export is one .zip file", field="paths")
            on_interrupt(f"{paths[0]} was not imported: nothing of it was saved.")
            result = import_export(j, paths[0])
            console.print(f"Imported {result.total:,} rows from {escape(str(paths[0]))}.")
            return
        with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                      console=err_console.real(), transient=True, disable=not err_console.is_terminal) as bar:
            started: list[Path] = []

            def progress_for(path: Path):  # type: ignore[no-untyped-def]
                before = ", ".join(p.name for p in started)
                on_interrupt(f"{path.name} was not imported (nothing of it was saved)"
                             + (f"; imported before it: {before}." if before else "."))
                started.append(path)
                task = bar.add_task(escape(path.name), total=None)
                return lambda done, total: bar.update(task, completed=done, total=total)

            try:
                results = import_files(j, kind, paths, _mapping(map_), progress_for)
            except MappingNeeded as exc:
                bar.stop()
                _needed(kind, paths, exc)
                raise typer.Exit(1) from None
        for r in results:
            if r.unchanged:
                console.print(f"{escape(str(r.path))} was imported before: nothing changed.")
                continue
            added = ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in r.added.items()) or "nothing new"
            linked = ""
            if r.linked_foods or r.unlinked_foods:
                linked = (f" ({r.linked_foods} servings linked to a food, {r.unlinked_foods} kept with the app's "
                          "values only)")
            console.print(f"Imported {escape(str(r.path))}: {added}{linked}.")

    @app.command("export")
    def export(ctx: typer.Context, path: Annotated[Path | None, typer.Argument(
            metavar="FILE", help="the .zip to write (default norepi-export-<today>.zip here)")] = None) -> None:
        """Export everything you own: a zip of JSON lines per table, and CSV files a spreadsheet opens.

        Example: norepi export my-norepi.zip
        """
        from norepi.operations.imports import export_everything

        if path is not None and path.suffix.lower() != ".zip":
            raise InputError(f"{path.name}: an export is a zip archive; give a file name ending in .zip", field="path")
        if path is not None and not path.parent.is_dir():
            raise InputError(f"{path.parent}: no such folder for the export", field="path")
        on_interrupt("the export was not finished: the file may be incomplete, delete it and export again.")
        result = export_everything(journal(ctx), path)
        console.print(f"Wrote {result.total:,} rows to {escape(str(result.path))} "
                      f"(read it back with `norepi import norepi {escape(str(result.path))}`).")

    recipe_app = group("Your recipes: ingredient phrases and servings; then log \"1 serving <name>\".\n\n"
                        "Example: norepi recipe add chili chili.txt")
    app.add_typer(recipe_app, name="recipe")

    @recipe_app.command("add")
    def recipe_add(ctx: typer.Context, name: Annotated[str, typer.Argument(help="what you will call it")],
                   path: Annotated[Path, typer.Argument(help="a text file: one ingredient phrase a line, and "
                                                        "'serves 4'")]) -> None:
        """Add a recipe of your own from its ingredient list (only you see it).

        Example: norepi recipe add chili chili.txt   (then: norepi log food "1 serving chili")
        """
        from norepi.operations.foods import add_recipe

        added = add_recipe(journal(ctx), name, path)
        console.print(f"Recipe {escape(added.food.description)}: {added.serving_grams:,.0f} g a serving "
                      f"[{added.food.food_id}].")
        for line, phrase, why in added.unknown:
            err_console.print(f"[yellow]line {line} not counted[/]: {escape(phrase)} ({escape(why)})")
        if added.incomplete:
            console.print(f"[dim]Some ingredients lack {', '.join(added.incomplete)}: those totals are lower "
                          "bounds.[/]")

    rating_app = group("Your ratings: the four defaults (focus, energy, mood, motivation: 1-10) and your own.\n\n"
                        "Example: norepi rating define tiredness --scale 0-5 --lower-is-better")
    app.add_typer(rating_app, name="rating")

    @rating_app.command("define")
    def rating_define(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(help="lower-case words joined by _, e.g. tiredness")],
        scale: Annotated[str, typer.Option("--scale", metavar="LOW-HIGH", help="e.g. 0-5 or 1-10")] = "1-10",
        lower_is_better: Annotated[bool, typer.Option("--lower-is-better", help="a lower value is better")] = False,
        label: Annotated[str | None, typer.Option("--label", metavar="TEXT",
                                                  help="what to show (default: the name)")] = None,
        question: Annotated[str, typer.Option("--question", metavar="TEXT", help="the question you answer")] = "",
    ) -> None:
        """Define a rating of your own (or change one): its scale, which end is better, the question.

        Example: norepi rating define tiredness --scale 0-5 --lower-is-better --question "How tired were you?"
        """
        import re

        from norepi.lifestyle.ratings import RatingScale

        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(?:-|to|\.\.)\s*(-?\d+(?:\.\d+)?)\s*", scale)
        if m is None:
            raise InputError(f"{scale!r} is not LOW-HIGH, e.g. 0-5 or 1-10", field="scale")
        lo, hi = float(m.group(1)), float(m.group(2))
        defined = journal(ctx).lifestyle.define_rating(
            RatingScale(name, label or name.replace("_", " "), lo, hi, not lower_is_better, question))
        console.print(f"Rating {defined.name}: {defined.range_text}.")

    @rating_app.command("list")
    def rating_list(ctx: typer.Context) -> None:
        """Your ratings with their scales.

        Example: norepi rating list
        """
        for scale in journal(ctx).lifestyle.rating_scales().values():
            console.print(f"{scale.name}: {scale.range_text}" + (f" - {escape(scale.question)}" if scale.question
                                                                 else ""))
