"""Build the typed days of a date range from a person's journal, in a handful of queries for the whole range.

One query per kind of record for the range (profile history, food entries, imported servings, food-day flags,
heart profiles, exercise, sleep, practices, stress events, PSS-10, rating scales and values, observations), then
pure assembly per date; food values per 100 g come from the food store's cache.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from norepi.days.summary import DaySummary, StressDay
from norepi.errors import DataMissing, InputError
from norepi.journal.journal import Journal
from norepi.journal.profiles import NO_PROFILE, profile_on
from norepi.lifestyle.exercise import session_facts
from norepi.lifestyle.observations import Observation
from norepi.lifestyle.sleep import SOURCE_PREFERENCE, SleepPeriod, resolve_overlaps
from norepi.lifestyle.stress import Pss10Result
from norepi.nutrition.analysis import (
    FoodItem,
    NutrientAmounts,
    amounts_matrix,
    analyze_food,
    folic_acid_ug,
    per_gram_row,
    serving_amounts,
)
from norepi.nutrition.nutrients import KEYS, USDA_NUMBERS
from norepi.nutrition.targets import Target, targets_for
from norepi.profile import Profile
from norepi.vocab import ObservationKind

MAX_RANGE_DAYS = 3660  # ten years
# A session's facts depend only on the session and the heart profile (both frozen values): computed once per
# process (the minute-by-minute intensity of a year of sessions costs more than reading them).
facts_of = functools.lru_cache(maxsize=20_000)(session_facts)


def summarize(journal: Journal, start: dt.date, end: dt.date) -> list[DaySummary]:
    """The ``DaySummary`` of every date from ``start`` to ``end`` inclusive (see days/summary.py). DataMissing when
    the person has no profile yet (targets follow from it)."""
    with _collector_paused():
        return _summarize(journal, start, end)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a range is built: the tens of thousands of small acyclic values
    of a year would otherwise trigger full collections over every object of the process (the food index, caches)
    and double the time; they are freed by reference counting as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _summarize(journal: Journal, start: dt.date, end: dt.date) -> list[DaySummary]:
    if end < start:
        raise InputError(f"range ends ({end}) before it starts ({start})", field="dates")
    n_days = (end - start).days + 1
    if n_days > MAX_RANGE_DAYS:
        raise InputError(f"{n_days} days is more than {MAX_RANGE_DAYS} (ten years)", field="dates")
    history = journal.profiles.history()
    if not history:
        raise DataMissing(NO_PROFILE)
    dates = [start + dt.timedelta(days=i) for i in range(n_days)]
    profiles = {d: profile_on(history, d) for d in dates}
    targets = _targets(profiles)
    food = _food_items(journal, start, end)
    complete = journal.imports.food_day_status(start, end)
    life = journal.lifestyle
    hearts = life.heart_profiles(start, end, {d: float(p.age_years) for d, p in profiles.items()})
    sessions: dict[dt.date, list] = defaultdict(list)  # type: ignore[type-arg]
    for s in life.sessions(start, end):
        sessions[s.start.date()].append(facts_of(s, hearts[s.start.date()]))
    periods: dict[dt.date, list[SleepPeriod]] = defaultdict(list)
    for p in life.sleep_periods(start, end):
        periods[p.night_of].append(p)
    practices: dict[dt.date, list] = defaultdict(list)  # type: ignore[type-arg]
    for pr in life.practices(start, end):
        practices[pr.start.date()].append(pr)
    events: dict[dt.date, list] = defaultdict(list)  # type: ignore[type-arg]
    for ev in life.stress_events(start, end):
        events[ev.at.date()].append(ev)
    pss = life.pss10_results(end)
    ratings = life.ratings(start, end)
    observations = _observations(life.observations(start, end))
    out = []
    pss_i, latest = 0, None
    for d in dates:
        while pss_i < len(pss) and pss[pss_i].taken_on <= d:
            latest = pss[pss_i]
            pss_i += 1
        night, notes = _one_record_per_night(periods.get(d, []))
        items, matrix, guessed = food.get(d, ((), None, None))
        out.append(DaySummary(
            date=d,
            targets=targets[d],
            food=analyze_food(items, targets[d], complete.get(d), matrix, guessed) if items else None,
            exercise=tuple(sessions.get(d, ())),
            sleep=tuple(night),
            practices=tuple(practices.get(d, ())),
            stress=_stress(latest, events.get(d, ())),
            ratings=ratings.get(d, {}),
            observations=observations.get(d, {}),
            notes=tuple(notes),
        ))
    return out


def summarize_day(journal: Journal, date: dt.date) -> DaySummary:
    """The ``DaySummary`` of one date."""
    return summarize(journal, date, date)[0]


def _targets(profiles: dict[dt.date, Profile]) -> dict[dt.date, dict[str, Target]]:
    cache: dict[Profile, dict[str, Target]] = {}
    out = {}
    for d, p in profiles.items():
        if p not in cache:
            cache[p] = targets_for(p)
        out[d] = cache[p]
    return out


def _food_items(journal: Journal, start: dt.date,
                end: dt.date) -> dict[dt.date, tuple[list[FoodItem], np.ndarray, np.ndarray]]:
    """Each date's servings with their amounts (and the same as a servings x KEYS array): food-log entries, and
    servings imported from a food app (the app's own values win; a serving that matched no food counts with the
    values the app gave)."""
    entries = journal.food_log.entries(start, end)
    served = journal.imports.servings(start, end)
    if not entries and not served:
        return {}
    foods = sorted({e.ndb_no for e in entries})
    values = journal.foods.per_100g(foods, USDA_NUMBERS)
    guesses = journal.foods.estimates_per_100g(foods)
    measured = np.array([per_gram_row(values[f]) for f in foods], dtype=float).reshape(len(foods), len(KEYS))
    per_gram = np.array([per_gram_row({**guesses[f], **values[f]}) for f in foods],
                        dtype=float).reshape(len(foods), len(KEYS))
    guessed = np.isnan(measured) & ~np.isnan(per_gram)  # amounts from estimates: apart, never mixed silently
    guessed_keys = [tuple(k for k, g in zip(KEYS, row, strict=True) if g) for row in guessed.tolist()]
    where = {f: i for i, f in enumerate(foods)}
    folic_per_g = {f: folic_acid_ug(values[f], 1.0) for f in foods}
    given = {s.entry_id: s for s in served if s.entry_id is not None}
    unmatched = [s for s in served if s.entry_id is None]
    matrix = np.empty((len(entries) + len(unmatched), len(KEYS)))
    estimated = np.zeros(matrix.shape, dtype=bool)
    if entries:
        which = np.array([where[e.ndb_no] for e in entries])
        matrix[: len(entries)] = amounts_matrix(per_gram, which, np.array([e.grams for e in entries], dtype=float))
        estimated[: len(entries)] = guessed[which]
    for row, s in enumerate(unmatched, start=len(entries)):
        matrix[row] = [np.nan if v is None else v for v in serving_amounts({}, 0.0, s.amounts).values()]
    rows: dict[dt.date, list[tuple[FoodItem, int]]] = defaultdict(list)
    for row, (eid, day, time, ndb, desc, grams, text, source) in enumerate(entries):
        app = given.get(eid) if given else None
        if app is not None:  # the app's own values of this serving, and Phe + Tyr from them
            matrix[row] = [np.nan if v is None else v for v in
                           serving_amounts(values[ndb], grams, app.amounts).values()]
            estimated[row] = False
        guess = () if app is not None else guessed_keys[where[ndb]]
        rows[day].append((FoodItem(eid, time, ndb, desc, grams, text, NutrientAmounts(matrix, row),
                                   folic_per_g[ndb] * grams, source, app is not None and _is_supplement(app.category),
                                   guess), row))
    for row, s in enumerate(unmatched, start=len(entries)):
        rows[s.date].append((FoodItem(None, s.time, "", f"{s.name} (imported, no food matched)", None, s.amount,
                                      NutrientAmounts(matrix, row), 0.0, "cronometer",
                                      _is_supplement(s.category)), row))
    out = {}
    for d, pairs in rows.items():
        if unmatched:
            pairs.sort(key=lambda p: (p[0].time is not None, p[0].time or dt.time()))
        picked = [p[1] for p in pairs]
        out[d] = ([p[0] for p in pairs], matrix[picked], estimated[picked])
    return out


def _is_supplement(category: str) -> bool:
    return category.strip().lower() in {"supplement", "supplements"}


def _one_record_per_night(periods: Sequence[SleepPeriod]) -> tuple[list[SleepPeriod], list[str]]:
    kept, aside = resolve_overlaps(periods)
    notes = [f"sleep {p.bed:%H:%M}-{p.wake:%H:%M} from {p.source} set aside: the same sleep as "
             f"{w.bed:%H:%M}-{w.wake:%H:%M} from {w.source}" for p, w in aside]
    return kept, notes


def _stress(latest: Pss10Result | None, events: Iterable) -> StressDay | None:  # type: ignore[type-arg]
    evs = tuple(events)
    return StressDay(latest, evs) if latest is not None or evs else None


def _observations(rows: Sequence[Observation]) -> dict[dt.date, dict[ObservationKind, Observation]]:
    """One observation per date and kind: of several sources, the most preferred (as for sleep)."""
    rank = {s: i for i, s in enumerate(SOURCE_PREFERENCE)}
    out: dict[dt.date, dict[ObservationKind, Observation]] = defaultdict(dict)
    for o in rows:
        current = out[o.date].get(o.kind)
        if current is None or rank.get(o.source, len(rank)) < rank.get(current.source, len(rank)):
            out[o.date][o.kind] = o
    return out
