"""Day JSON dicts (``norepi day --json``) -> aligned daily lever and outcome series, NaN where missing.

Missing is never zero: a day without food entries has no nutrition values; exercise and practice minutes are 0
only between the first and the last day that has any such record (the person was tracking), NaN outside;
sleep is NaN on nights not logged; a PSS-10 counts for 28 days after it was taken (it asks about "the last
month"); a rating not given is NaN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from norepi.insights.stats import FloatArray

COFACTORS: tuple[str, ...] = ("iron_mg", "vitamin_b6_mg", "copper_mg", "vitamin_c_mg", "folate_dfe_ug",
                              "magnesium_mg")
PRECURSOR = "phe_tyr_mg"
# lever name (units in the name) -> nutrient key of coverage_pct
COVERAGE_LEVERS: dict[str, str] = {
    "phe_tyr_coverage_pct": PRECURSOR,
    "iron_coverage_pct": "iron_mg",
    "vitamin_b6_coverage_pct": "vitamin_b6_mg",
    "copper_coverage_pct": "copper_mg",
    "vitamin_c_coverage_pct": "vitamin_c_mg",
    "folate_coverage_pct": "folate_dfe_ug",
    "magnesium_coverage_pct": "magnesium_mg",
}
LIFESTYLE_LEVERS: tuple[str, ...] = ("vigorous_min", "resistance_day", "sleep_duration_h", "sleep_regularity_sri",
                                     "practice_min", "pss10_score")
LEVERS: tuple[str, ...] = (*COVERAGE_LEVERS, *LIFESTYLE_LEVERS)
OUTCOMES: tuple[str, ...] = ("focus", "energy", "mood", "motivation")  # self-ratings 1-10
LEVER_LABELS: dict[str, str] = {
    "phe_tyr_coverage_pct": "phenylalanine+tyrosine, % of target",
    "iron_coverage_pct": "iron, % of target",
    "vitamin_b6_coverage_pct": "vitamin B6, % of target",
    "copper_coverage_pct": "copper, % of target",
    "vitamin_c_coverage_pct": "vitamin C, % of target",
    "folate_coverage_pct": "folate, % of target",
    "magnesium_coverage_pct": "magnesium, % of target",
    "vigorous_min": "vigorous exercise, min",
    "resistance_day": "resistance session (1 = yes)",
    "sleep_duration_h": "sleep, h",
    "sleep_regularity_sri": "Sleep Regularity Index (7 days)",
    "practice_min": "meditation / breathing / nature, min",
    "pss10_score": "PSS-10 (0-40)",
}
PSS10_VALID_DAYS = 28
SRI_WINDOW_DAYS = 7
SRI_MIN_PAIRS = 4  # of the 6 consecutive-day pairs in a 7-day window
VIGOROUS_CLASSES = frozenset({"vigorous", "hiit"})
HARD_CLASSES = frozenset({"vigorous", "hiit", "resistance"})


@dataclass(frozen=True)
class DaySeries:
    """Daily series on one calendar (``dates``, consecutive), NaN = missing."""

    dates: tuple[dt.date, ...]
    levers: dict[str, FloatArray] = field(default_factory=dict)
    outcomes: dict[str, FloatArray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.dates)


def _num(v: Any) -> float:
    if v is None or isinstance(v, bool):
        return float("nan")
    try:
        f = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return f if np.isfinite(f) else float("nan")


def _parse_time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def has_food(day: Mapping[str, Any]) -> bool:
    """Whether the day has any food entries (otherwise its nutrition is missing, not zero)."""
    return bool(day.get("entries"))


def session_minutes(session: Mapping[str, Any]) -> tuple[float, float]:
    """(vigorous min, total min) of one exercise session: vigorous minutes by heart-rate band when the journal
    gives ``minutes_by_band``, else the whole session when its class is vigorous or HIIT."""
    total = _num(session.get("duration_min"))
    total = 0.0 if np.isnan(total) else total
    bands = session.get("minutes_by_band")
    if isinstance(bands, Mapping) and bands:
        vig = _num(bands.get("vigorous", 0.0))
        return (0.0 if np.isnan(vig) else vig), total
    return (total if session.get("intensity") in VIGOROUS_CLASSES else 0.0), total


def practice_minutes(p: Mapping[str, Any]) -> float:
    v = _num(p.get("duration_min", p.get("minutes")))
    return 0.0 if np.isnan(v) else v


def sleep_hours(day: Mapping[str, Any]) -> float:
    """Hours asleep in the night ending on the day (NaN when none logged)."""
    nights = day.get("sleep") or []
    if not nights:
        return float("nan")
    mins = [_num(n.get("duration_min")) for n in nights]
    mins = [m for m in mins if not np.isnan(m)]
    return sum(mins) / 60.0 if mins else float("nan")


def _calendar(days: Sequence[Mapping[str, Any]]) -> tuple[tuple[dt.date, ...], dict[dt.date, Mapping[str, Any]]]:
    by_date = {dt.date.fromisoformat(str(d["date"])): d for d in days}
    if not by_date:
        return (), {}
    first, last = min(by_date), max(by_date)
    dates = tuple(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return dates, by_date


def _tracked_span(dates: Sequence[dt.date], present: Sequence[bool]) -> FloatArray:
    """1.0 between the first and last True (inclusive), NaN elsewhere."""
    flags = np.asarray(present, dtype=bool)
    out = np.full(len(dates), np.nan)
    if flags.any():
        idx = np.flatnonzero(flags)
        out[idx[0]:idx[-1] + 1] = 1.0
    return out


def asleep_grid(dates: Sequence[dt.date], by_date: Mapping[dt.date, Mapping[str, Any]],
                epoch_min: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Days x epochs asleep grid from local midnight (the clock of each record), and a per-day flag whether
    the day is fully known (the nights ending on the day and on the next day are both logged)."""
    per_day = 24 * 60 // epoch_min
    n = len(dates)
    grid = np.zeros((n + 1) * per_day, dtype=bool)
    logged = np.zeros(n + 1, dtype=bool)
    origin = dt.datetime.combine(dates[0], dt.time()) if dates else dt.datetime.min
    for i, d in enumerate(dates):
        for night in by_date.get(d, {}).get("sleep") or []:
            a, b = _parse_time(night.get("start")), _parse_time(night.get("end"))
            if a is None or b is None or b <= a:
                continue
            logged[i] = True
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)  # local wall clock of the record
            i0 = max(0, int(np.ceil((a - origin).total_seconds() / 60 / epoch_min)))
            i1 = min(grid.size, int(np.ceil((b - origin).total_seconds() / 60 / epoch_min)))
            if i1 > i0:
                grid[i0:i1] = True
    known = logged[:n] & logged[1:n + 1]
    return grid[: n * per_day].reshape(n, per_day), known


def rolling_sri(dates: Sequence[dt.date], by_date: Mapping[dt.date, Mapping[str, Any]],
                window_days: int = SRI_WINDOW_DAYS, min_pairs: int = SRI_MIN_PAIRS) -> FloatArray:
    """Sleep Regularity Index over the ``window_days`` ending each day: -100 + 200 x the share of epochs in the
    same state (asleep/awake) 24 h apart, over consecutive known day pairs (Phillips AJK et al. Sci Rep
    2017;7:3216); NaN with fewer than ``min_pairs`` known pairs."""
    n = len(dates)
    out = np.full(n, np.nan)
    if n < 2:
        return out
    grid, known = asleep_grid(dates, by_date)
    same = (grid[1:] == grid[:-1]).mean(axis=1)  # pair (d-1, d) at index d-1
    pair_ok = known[1:] & known[:-1]
    for t in range(1, n):
        lo = max(0, t - (window_days - 1))
        ok = pair_ok[lo:t]
        if ok.sum() >= min_pairs:
            out[t] = -100.0 + 200.0 * float(same[lo:t][ok].mean())
    return out


def rolling_mean(x: FloatArray, window_days: int = 7, min_present: int = 4) -> FloatArray:
    """Mean of the ``window_days`` days ending each day over the days present; NaN with < ``min_present``."""
    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    csum = np.concatenate(([0.0], np.cumsum(np.where(present, x, 0.0))))
    ccount = np.concatenate(([0], np.cumsum(present)))
    hi = np.arange(1, x.size + 1)
    lo = np.maximum(0, hi - window_days)
    count = ccount[hi] - ccount[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (csum[hi] - csum[lo]) / count
    return np.where(count >= min_present, mean, np.nan)


def build_series(days: Sequence[Mapping[str, Any]]) -> DaySeries:
    """Aligned lever and outcome series from day dicts (any order; calendar gaps become NaN days)."""
    dates, by_date = _calendar(days)
    n = len(dates)
    levers: dict[str, FloatArray] = {k: np.full(n, np.nan) for k in LEVERS}
    outcomes: dict[str, FloatArray] = {k: np.full(n, np.nan) for k in OUTCOMES}
    ex_present, pr_present = [], []
    vig, res, prac = np.zeros(n), np.zeros(n), np.zeros(n)
    for i, d in enumerate(dates):
        day = by_date.get(d, {})
        if has_food(day):
            cov = day.get("coverage_pct") or {}
            for lever, key in COVERAGE_LEVERS.items():
                levers[lever][i] = _num(cov.get(key))
        sessions = day.get("exercise") or []
        ex_present.append(bool(sessions))
        for s in sessions:
            vig[i] += session_minutes(s)[0]
            if s.get("intensity") == "resistance" or s.get("type") == "resistance":
                res[i] = 1.0
        practices = day.get("practices") or []
        pr_present.append(bool(practices))
        prac[i] = sum(practice_minutes(p) for p in practices)
        levers["sleep_duration_h"][i] = sleep_hours(day)
        stress = day.get("stress") or {}
        score = _num(stress.get("pss10"))
        taken = stress.get("pss10_date")
        if not np.isnan(score) and taken:
            try:
                age = (d - dt.date.fromisoformat(str(taken))).days
            except ValueError:
                age = 0
            score = score if 0 <= age <= PSS10_VALID_DAYS else float("nan")
        levers["pss10_score"][i] = score
        ratings = day.get("ratings") or {}
        for k in OUTCOMES:
            v = _num(ratings.get(k))
            outcomes[k][i] = v if 1.0 <= v <= 10.0 else float("nan")
    ex_span, pr_span = _tracked_span(dates, ex_present), _tracked_span(dates, pr_present)
    levers["vigorous_min"] = vig * ex_span
    levers["resistance_day"] = res * ex_span
    levers["practice_min"] = prac * pr_span
    levers["sleep_regularity_sri"] = rolling_sri(dates, by_date)
    return DaySeries(dates, levers, outcomes)


def pss10_tests(days: Sequence[Mapping[str, Any]]) -> int:
    """Number of distinct PSS-10 questionnaires seen in the days."""
    seen = {(d.get("stress") or {}).get("pss10_date") for d in days}
    return len({s for s in seen if s})
