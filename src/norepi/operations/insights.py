"""Today's plan, the n-of-1 associations and experiments, from a person's journal."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from norepi.days import summarize
from norepi.errors import DataMissing, InputError
from norepi.insights.associations import InsightsReport, find_associations
from norepi.insights.experiments import LEVERS, ExperimentPlan, ExperimentResult, analyse, draw_schedule
from norepi.insights.plan import PLAN_HISTORY_DAYS, Action, daily_plan, gap_nutrients
from norepi.journal.experiments import StoredExperiment
from norepi.journal.journal import Journal
from norepi.nutrition.gap_foods import GapFood
from norepi.operations.gaps import gap_foods

INSIGHT_DAYS = 90  # the default range of `norepi insights`
GAP_FOODS_PER_NUTRIENT = 8


@dataclass(frozen=True)
class TodayPlan:
    """The actions for ``date``, each with its lever and the measured reason."""

    date: dt.date
    actions: tuple[Action, ...]


def today_plan(journal: Journal, on: dt.date) -> TodayPlan:
    """Three to six actions for ``on`` from the days before it (and the foods that close its nutrient gaps)."""
    days = summarize(journal, on - dt.timedelta(days=PLAN_HISTORY_DAYS - 1), on)
    profile = journal.profile(on)
    foods: dict[str, list[GapFood]] = {}
    for key in gap_nutrients(days, on):
        try:
            foods[key] = gap_foods(journal, key, profile, GAP_FOODS_PER_NUTRIENT)
        except DataMissing:
            break  # no food database: plan without food suggestions
    actions = daily_plan(days, on, foods, rating_scales=journal.lifestyle.rating_scales())
    return TodayPlan(on, tuple(actions))


def insights(journal: Journal, start: dt.date, end: dt.date, seed: int = 0) -> InsightsReport:
    """Associations between the person's levers and their ratings and observations over ``start`` .. ``end``."""
    return find_associations(summarize(journal, start, end), seed=seed)


def _plan(e: StoredExperiment) -> ExperimentPlan:
    return ExperimentPlan(e.lever, e.action, e.outcome, e.start, e.phase_days, e.schedule)


def start_experiment(journal: Journal, lever: str, action: str, outcome: str, start: dt.date, phase_days: int = 7,
                     phases: int = 4, seed: int | None = None) -> tuple[StoredExperiment, ExperimentPlan]:
    """Store a new experiment with a randomly drawn balanced schedule of with (A) / without (B) phases."""
    if lever not in LEVERS:
        raise InputError(f"{lever!r} is not one of {', '.join(LEVERS)}", field="lever")
    names = journal.lifestyle.rating_scales()
    if outcome not in names:
        raise InputError(f"{outcome!r} is not one of your ratings: {', '.join(names)}", field="outcome")
    if not 3 <= phase_days <= 28:
        raise InputError(f"a phase of {phase_days} days is outside 3-28 days", field="phase_days")
    if phases < 2 or phases % 2 or phases > 12:
        raise InputError(f"{phases} phases: use an even number from 2 to 12", field="phases")
    if seed is not None and not 0 <= seed < 2**31:
        raise InputError(f"seed {seed} is outside 0-{2**31 - 1}", field="seed")
    seed = secrets.randbelow(2**31) if seed is None else seed
    stored = journal.experiments.save(lever, action or lever.replace("_", " "), outcome, start, phase_days,
                                      draw_schedule(phases, seed), seed)
    return stored, _plan(stored)


def experiment(journal: Journal, experiment_id: int | None = None) -> tuple[StoredExperiment, ExperimentPlan]:
    """An experiment by id, or the newest."""
    stored = journal.experiments.get(experiment_id)
    return stored, _plan(stored)


def analyse_experiment(journal: Journal, experiment_id: int | None = None,
                       today: dt.date | None = None) -> tuple[StoredExperiment, ExperimentResult]:
    """Compare the outcome with vs without over the experiment's days up to ``today``."""
    stored, plan = experiment(journal, experiment_id)
    today = today or dt.date.today()
    end = min(plan.end, max(today, plan.start))
    return stored, analyse(plan, summarize(journal, plan.start, end), today)
