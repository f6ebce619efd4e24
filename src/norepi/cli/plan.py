"""CLI commands of the meal planner: ``norepi plan day|week|show|accept``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from norepi.cli import render
from norepi.cli.context import console, date_option, err_console, journal, parse_date
from norepi.errors import InputError
from norepi.profile import ALLERGENS, DIETS

Diet = Annotated[str | None, typer.Option("--diet", metavar="DIET",
                                          help=f"override the profile's diet: {', '.join(DIETS)}")]
Exclude = Annotated[list[str] | None, typer.Option("--exclude", metavar="ALLERGEN", help="allergen to leave out: "
                                                   f"{', '.join(ALLERGENS)} (repeat; replaces the profile's)")]
Dislike = Annotated[list[str] | None, typer.Option("--dislike", metavar="FOOD", help="words or NDB number of foods "
                                                   "to leave out (repeat)")]
Pin = Annotated[list[str] | None, typer.Option("--pin", metavar="FOOD", help="food that must be in every day: NDB "
                                               "number or description (repeat)")]
Objective = Annotated[str, typer.Option("--objective", metavar="usual|fewest|cost", help="usual (default: closest "
                                        "to your usual foods, then energy), fewest (fewest distinct foods), cost "
                                        "(needs --price)")]
Price = Annotated[list[str] | None, typer.Option("--price", metavar="NDB=PRICE", help="price per 100 g of a food "
                                                 "(repeat), for --objective cost")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON output")]
Start = Annotated[str | None, date_option("the first day", future=True)]
Kcal = Annotated[float | None, typer.Option("--kcal", metavar="KCAL", help="energy goal, kcal a day (default: "
                                            "your estimate)")]
MaxUses = Annotated[int, typer.Option("--max-uses", min=1, max=7, metavar="1-7",
                                      help="most days a food appears a week")]
NoJournal = Annotated[bool, typer.Option("--no-journal", help="do not weight foods by how often you log them")]
Strict = Annotated[bool, typer.Option("--strict", help="fail (exit 1) instead of bending targets")]


def _prices(items: list[str] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items or ():
        ndb, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[ndb.strip().zfill(5)] = float(value)
        except ValueError:
            raise InputError(f"{item!r} is not NDB=price", field="price") from None
    return out


def _plan(ctx: typer.Context, days: int, date: str | None, diet: str | None, exclude: list[str] | None,
          dislike: list[str] | None, pin: list[str] | None, objective: str, price: list[str] | None,
          kcal: float | None, max_uses: int, no_journal: bool, strict: bool, as_json: bool) -> None:
    from norepi.operations.plan_record import plan_json
    from norepi.operations.plans import plan_and_save
    from norepi.planning.plan import PlanRequest

    request = PlanRequest(start=parse_date(date, future=True), days=days, objective=objective, diet=diet,
                          exclusions=tuple(exclude) if exclude is not None else None, dislikes=tuple(dislike or ()),
                          prices=_prices(price), max_uses_per_week=max_uses, energy_kcal=kcal, strict=strict)
    saved = plan_and_save(journal(ctx), request, tuple(pin or ()), use_journal=not no_journal)
    data = plan_json(saved.plan, saved.id)
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_plan(data)


def _print_plan(plan: dict[str, Any]) -> None:
    import datetime as dt

    today = dt.date.today().isoformat()
    for day in plan["days"]:
        ahead = " (planned ahead)" if day["date"] > today else ""
        table = render.table(f"Plan {plan.get('id') or ''} for {day['date']}{ahead}", "meal", "portion", "food",
                             "grams", right=("grams",))
        for meal in sorted(day["meals"], key=lambda m: m["time"]):
            for i, item in enumerate(meal["items"]):
                table.add_row(f"{meal['name']} {meal['time']}" if i == 0 else "", escape(item["portion"]),
                              escape(item["description"]), render.num(item["grams"]))
        console.print(table)
        console.print("  Day's total / target: " + ", ".join(
            f"{render.label(k)} {render.num(v)}/{render.amount(day['targets'][k]['rda'], k)}"
            for k, v in day["totals"].items()))
        if day.get("status") == "time limit":
            gap = day.get("gap_pct")
            console.print("  [dim]best plan found in the time allowed"
                          + (f", within {gap:.1f} % of the best possible" if gap is not None else "") + "[/]")
    if len(plan["days"]) > 1:
        console.print("[bold]Shopping list[/] (as bought: dry or raw weights)")
        for item in plan["shopping_list"]:
            grams = f"{render.num(item['grams'])} g"
            amount = grams if item["portion"] == grams else f"{escape(item['portion'])} ({grams})"
            console.print(f"  {amount} {escape(item['description'])}")
    for r in plan["relaxed"]:
        err_console.print(f"[yellow]could not meet[/] on {r['date']}: {escape(r['message'])}")
    for note in plan["notes"]:
        console.print(f"[dim]{escape(note)}[/]")
    if plan.get("id"):
        console.print(f"Saved as plan {plan['id']}; log it with `norepi plan accept {plan['id']}`.")


def register(app: typer.Typer) -> None:
    """Attach ``norepi plan ...`` to the root app."""
    from norepi.cli.shell import group as _typer

    plan_app = _typer("Meal plans that reach your targets with realistic portions (MILP, HiGHS).\n\n"
                      "Example: norepi plan week --diet vegetarian --json")
    app.add_typer(plan_app, name="plan")

    @plan_app.command("day")
    def plan_day(ctx: typer.Context, date: Start = None, diet: Diet = None, exclude: Exclude = None,
                 dislike: Dislike = None, pin: Pin = None, objective: Objective = "usual", price: Price = None,
                 kcal: Kcal = None, no_journal: NoJournal = False, strict: Strict = False,
                 as_json: AsJson = False) -> None:
        """Plan one day: breakfast, lunch, dinner and snacks reaching every target; the plan is saved.

        Example: norepi plan day --diet vegan --exclude peanuts --dislike tofu --pin oats --json
        """
        _plan(ctx, 1, date, diet, exclude, dislike, pin, objective, price, kcal, 3, no_journal, strict, as_json)

    @plan_app.command("week")
    def plan_week(ctx: typer.Context, date: Start = None, days: Annotated[int, typer.Option(
                      "--days", min=2, max=28, metavar="2-28", help="number of days")] = 7,
                  diet: Diet = None, exclude: Exclude = None, dislike: Dislike = None, pin: Pin = None,
                  objective: Objective = "usual", price: Price = None, kcal: Kcal = None, max_uses: MaxUses = 3,
                  no_journal: NoJournal = False, strict: Strict = False, as_json: AsJson = False) -> None:
        """Plan several days with variety (a food at most --max-uses days a week) and a shopping list.

        Example: norepi plan week --date 2026-11-23 --max-uses 2 --json
        """
        _plan(ctx, days, date, diet, exclude, dislike, pin, objective, price, kcal, max_uses, no_journal, strict,
              as_json)

    @plan_app.command("show")
    def plan_show(ctx: typer.Context, plan_id: Annotated[int | None, typer.Argument(
                      help="plan id (default: the newest)")] = None, as_json: AsJson = False) -> None:
        """Show a saved plan.

        Example: norepi plan show 3 --json
        """
        saved = journal(ctx).plans.get(plan_id)
        if as_json:
            print(json.dumps({**saved.plan, "accepted_at": saved.accepted_at.isoformat() if saved.accepted_at
                              else None}, indent=2, ensure_ascii=False))
            return
        _print_plan(dict(saved.plan))

    @plan_app.command("accept")
    def plan_accept(ctx: typer.Context, plan_id: Annotated[int | None, typer.Argument(
                        help="plan id (default: the newest)")] = None,
                    date: Annotated[str | None, date_option("log the plan's first day on this date",
                                                            "as planned")] = None,
                    day: Annotated[int | None, typer.Option("--day", min=1, metavar="N", help="log only this day "
                                                            "of the plan (1 = first)")] = None) -> None:
        """Log a saved plan's foods into the journal (source "plan"); accepting again replaces them.

        Example: norepi plan accept 3 --date 2026-11-24 --day 1
        """
        from norepi.operations.plans import accept_plan, saved_plan

        j = journal(ctx)
        pid, plan, _ = saved_plan(j, plan_id)
        if day is not None and day > len(plan.days):
            raise InputError(f"plan {pid} has {len(plan.days)} day(s)", field="day")
        logged = accept_plan(j, pid, parse_date(date) if date else None, None if day is None else day - 1)
        dates = sorted({e.date for e in logged})
        console.print(f"Logged {len(logged)} foods from plan {pid} on "
                      + ", ".join(d.isoformat() for d in dates) + ".")
