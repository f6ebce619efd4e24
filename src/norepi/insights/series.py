"""Typed days (``DaySummary``) -> aligned daily lever and outcome series on one calendar, NaN where unknown.

Missing is never zero: a day without food entries has no nutrition values; exercise and practice minutes are 0
only between the first and the last day that has any such record (the person was tracking), NaN outside; time
asleep is NaN on nights not recorded; a PSS-10 counts for 28 days after it was taken (it asks about "the last
month"); a rating or an observation not given is NaN.

Outcomes are every rating present in the days, each on its own scale (``RatingScale``: range and which end is
better), never re-scaled, and the daily physiological observations (resting heart rate, HRV, the device's own
scores), which are levers as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from norepi.days.summary import DaySummary
from norepi.errors import InputError
from norepi.insights.stats import FloatArray
from norepi.lifestyle.ratings import RatingScale
from norepi.lifestyle.sleep import SleepPeriod, rolling_sri
from norepi.nutrition.nutrients import BY_KEY
from norepi.vocab import ActivityClass, DefaultRating, IntensityBand, ObservationKind

PRECURSOR = "phe_tyr_mg"
COFACTORS: tuple[str, ...] = ("iron_mg", "vitamin_b6_mg", "copper_mg", "vitamin_c_mg", "folate_dfe_ug",
                              "magnesium_mg")
# lever name (units in the name) -> nutrient key of FoodDay.coverage_pct
COVERAGE_LEVERS: dict[str, str] = {
    "phe_tyr_coverage_pct": PRECURSOR,
    "iron_coverage_pct": "iron_mg",
    "vitamin_b6_coverage_pct": "vitamin_b6_mg",
    "copper_coverage_pct": "copper_mg",
    "vitamin_c_coverage_pct": "vitamin_c_mg",
    "folate_coverage_pct": "folate_dfe_ug",
    "magnesium_coverage_pct": "magnesium_mg",
}
PSS10_VALID_DAYS = 28
# The default ratings (vocab.DefaultRating); a report's outcomes are the ratings present in the days.
OUTCOMES: tuple[str, ...] = tuple(DefaultRating)
# Which end of an observation is the better one: a lower resting heart rate and a higher vagal HRV mark better
# recovery (Buchheit M. Front Physiol 2014;5:73, doi 10.3389/fphys.2014.00073); the devices' recovery and
# readiness scores are higher-is-better and Garmin's stress score lower-is-better by their makers' definitions.
OBSERVATION_HIGHER_IS_BETTER: dict[ObservationKind, bool] = {
    ObservationKind.RESTING_HR_BPM: False,
    ObservationKind.HRV_RMSSD_MS: True,
    ObservationKind.RECOVERY_SCORE_PCT: True,
    ObservationKind.READINESS_SCORE: True,
    ObservationKind.STRESS_SCORE: False,
    ObservationKind.SLEEP_SCORE: True,  # Whoop sleep performance, Oura sleep score: the device's own 0-100
}


class VariableKind(StrEnum):
    """What a lever or outcome measures."""

    FOOD = "food"
    EXERCISE = "exercise"
    SLEEP = "sleep"
    PRACTICE = "practice"
    STRESS = "stress"
    OBSERVATION = "observation"
    RATING = "rating"


@dataclass(frozen=True)
class Variable:
    """A lever or an outcome: ``name`` (units in it), ``label`` in plain words with the unit, what it measures,
    which end is better (outcomes; None when neither), and the person's scale for a rating."""

    name: str
    label: str
    kind: VariableKind
    higher_is_better: bool | None = None
    scale: RatingScale | None = None
    more_phrase: str = ""

    @property
    def more(self) -> str:
        """ "more time asleep (h)", "a resistance session": what a higher value is, for a sentence."""
        return self.more_phrase or f"more {self.label}"

    @property
    def direction(self) -> str:
        """ "higher is better", "lower is better" or "" (no better end)."""
        if self.higher_is_better is None:
            return ""
        return "higher is better" if self.higher_is_better else "lower is better"

    @property
    def described(self) -> str:
        """The label with its scale and direction: "tiredness (0-5, lower is better)"."""
        if self.scale is not None:
            return f"{self.label} ({self.scale.range_text})"
        return f"{self.label} ({self.direction})" if self.direction else self.label


def _nutrient_label(key: str) -> str:
    label = BY_KEY[key].label
    return label[0].lower() + label[1:]


BEHAVIOUR_LEVERS: tuple[Variable, ...] = (
    *(Variable(name, f"{_nutrient_label(key)} (% of target)", VariableKind.FOOD)
      for name, key in COVERAGE_LEVERS.items()),
    Variable("vigorous_min", "vigorous exercise (min)", VariableKind.EXERCISE),
    Variable("resistance_day", "resistance session (1 = yes)", VariableKind.EXERCISE,
             more_phrase="a resistance session"),
    Variable("time_asleep_h", "time asleep (h)", VariableKind.SLEEP),
    Variable("sleep_regularity_sri", "sleep regularity (SRI of 7 days, -100 to 100)", VariableKind.SLEEP,
             more_phrase="more regular sleep (a higher SRI over 7 days)"),
    Variable("practice_min", "meditation, slow breathing or nature (min)", VariableKind.PRACTICE),
    Variable("pss10_score", "perceived stress (PSS-10, 0-40)", VariableKind.STRESS,
             more_phrase="a higher perceived stress score (PSS-10, 0-40)"),
)
LEVERS: tuple[str, ...] = tuple(v.name for v in BEHAVIOUR_LEVERS)


def observation_variable(kind: ObservationKind) -> Variable:
    """The variable of a daily observation, named by its kind (units in the name)."""
    label = f"{kind.display} ({kind.unit})"
    return Variable(kind.value, label, VariableKind.OBSERVATION, OBSERVATION_HIGHER_IS_BETTER[kind],
                    more_phrase=f"a higher {label}")


def rating_variable(scale: RatingScale) -> Variable:
    """The variable of a rating, on the person's own scale."""
    return Variable(scale.name, scale.label, VariableKind.RATING, scale.higher_is_better, scale)


@dataclass(frozen=True)
class DaySeries:
    """Daily series on one calendar (``dates``, consecutive), NaN = unknown. ``levers`` and ``outcomes`` map a
    variable's name to its values (observations are in both); ``variables`` describe them; ``off_scale_days``
    counts, per rating, the days left out because they were rated on an earlier definition of its scale."""

    dates: tuple[dt.date, ...]
    levers: Mapping[str, FloatArray]
    outcomes: Mapping[str, FloatArray]
    lever_variables: Mapping[str, Variable]
    outcome_variables: Mapping[str, Variable]
    pss10_questionnaires: int = 0
    off_scale_days: Mapping[str, int] | None = None

    def __len__(self) -> int:
        return len(self.dates)


def _calendar(days: Sequence[DaySummary]) -> tuple[tuple[dt.date, ...], list[DaySummary | None]]:
    by_date: dict[dt.date, DaySummary] = {}
    for d in days:
        if d.date in by_date:
            raise InputError(f"{d.date.isoformat()} appears twice in the days", field="days")
        by_date[d.date] = d
    if not by_date:
        return (), []
    first, last = min(by_date), max(by_date)
    dates = tuple(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return dates, [by_date.get(d) for d in dates]


def _tracked_span(present: NDArray[np.bool_]) -> FloatArray:
    """1.0 between the first and last True (inclusive), NaN elsewhere."""
    flags = np.asarray(present, dtype=bool)
    out = np.full(flags.size, np.nan)
    if flags.any():
        idx = np.flatnonzero(flags)
        out[idx[0]:idx[-1] + 1] = 1.0
    return out


def vigorous_minutes(day: DaySummary) -> float:
    """Minutes in the vigorous band (ACSM, from ``SessionFacts.minutes_by_band``) of the day's sessions."""
    total = 0.0
    for s in day.exercise:
        for band, minutes in s.minutes_by_band.items():
            if band == IntensityBand.VIGOROUS:
                total += minutes
    return total


def night_asleep_h(day: DaySummary) -> float:
    """Hours asleep (``SleepPeriod.time_asleep_min``, not time in bed) in the night periods ending on the day,
    naps left out; NaN when no night was recorded."""
    nights = [p.time_asleep_min for p in day.sleep if not p.nap]
    return sum(nights) / 60.0 if nights else float("nan")


def pss10_on(day: DaySummary) -> float:
    """The PSS-10 total in effect on the day (taken at most 28 days before), NaN when none."""
    pss = day.stress.pss10 if day.stress is not None else None
    if pss is None or not 0 <= (day.date - pss.taken_on).days <= PSS10_VALID_DAYS:
        return float("nan")
    return float(pss.total)


def _rating_scales(days: Sequence[DaySummary | None]) -> dict[str, RatingScale]:
    """The scale of each rating name as last used (days in calendar order)."""
    scales: dict[str, RatingScale] = {}
    for d in days:
        if d is not None:
            for name, rating in d.ratings.items():
                scales[name] = rating.scale
    return scales


def build_series(days: Sequence[DaySummary]) -> DaySeries:
    """Aligned lever and outcome series from typed days (any order; calendar gaps become unknown days)."""
    dates, cal = _calendar(days)
    n = len(dates)
    nan = np.full(n, np.nan)
    levers: dict[str, FloatArray] = {v.name: nan.copy() for v in BEHAVIOUR_LEVERS}
    vig, res, prac = np.zeros(n), np.zeros(n), np.zeros(n)
    ex_present, pr_present = np.zeros(n, bool), np.zeros(n, bool)
    periods: list[SleepPeriod] = []
    kinds = sorted({k for d in cal if d is not None for k in d.observations}, key=list(ObservationKind).index)
    obs = {k: nan.copy() for k in kinds}
    scales = _rating_scales(cal)
    ratings = {name: nan.copy() for name in scales}
    off_scale = dict.fromkeys(scales, 0)
    questionnaires: set[dt.date] = set()
    for i, d in enumerate(cal):
        if d is None:
            continue
        if d.food is not None:
            for lever, key in COVERAGE_LEVERS.items():
                value = d.food.coverage_pct[key] if key in d.food.coverage_pct else None
                if value is not None:
                    levers[lever][i] = value
        if d.exercise:
            ex_present[i] = True
            vig[i] = vigorous_minutes(d)
            res[i] = float(any(s.activity_class == ActivityClass.RESISTANCE for s in d.exercise))
        if d.practices:
            pr_present[i] = True
            prac[i] = sum(p.duration_min for p in d.practices)
        periods.extend(d.sleep)
        levers["time_asleep_h"][i] = night_asleep_h(d)
        levers["pss10_score"][i] = pss10_on(d)
        if d.stress is not None and d.stress.pss10 is not None:
            questionnaires.add(d.stress.pss10.taken_on)
        for kind, o in d.observations.items():
            obs[kind][i] = o.value
        for name, rating in d.ratings.items():
            if rating.scale == scales[name]:
                ratings[name][i] = rating.value
            else:
                off_scale[name] += 1
    levers["vigorous_min"] = vig * _tracked_span(ex_present)
    levers["resistance_day"] = res * _tracked_span(ex_present)
    levers["practice_min"] = prac * _tracked_span(pr_present)
    if n:
        sri = rolling_sri(periods, dates[-1], n)
        levers["sleep_regularity_sri"] = np.array([np.nan if v is None else v for v in sri], dtype=float)
    lever_vars = {v.name: v for v in BEHAVIOUR_LEVERS}
    outcome_vars: dict[str, Variable] = {}
    outcomes: dict[str, FloatArray] = {}
    for name, scale in scales.items():
        outcome_vars[name] = rating_variable(scale)
        outcomes[name] = ratings[name]
    for kind in kinds:
        var = observation_variable(kind)
        lever_vars[var.name] = var
        levers[var.name] = obs[kind]
        if var.name not in outcome_vars:  # a rating a person named like an observation keeps its name
            outcome_vars[var.name] = var
            outcomes[var.name] = obs[kind]
    return DaySeries(dates, levers, outcomes, lever_vars, outcome_vars, len(questionnaires),
                     {k: v for k, v in off_scale.items() if v})


def rolling_mean(x: FloatArray, window_days: int = 7, min_present: int = 4) -> FloatArray:
    """Mean of the ``window_days`` days ending each day over the days present; NaN with < ``min_present``, and
    after the last day present (a mean there would only repeat old days, and would depend on where the range
    ends)."""
    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    csum = np.concatenate(([0.0], np.cumsum(np.where(present, x, 0.0))))
    ccount = np.concatenate(([0], np.cumsum(present)))
    hi = np.arange(1, x.size + 1)
    lo = np.maximum(0, hi - window_days)
    count = ccount[hi] - ccount[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (csum[hi] - csum[lo]) / count
    out = np.where(count >= min_present, mean, np.nan)
    if present.any():
        out[np.flatnonzero(present)[-1] + 1:] = np.nan
    return out
