"""Synthetic day dicts in the journal's day-JSON shape, for insights tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from scipy.signal import lfilter

from norepi.insights.series import COVERAGE_LEVERS

COVERAGE_KEYS = tuple(COVERAGE_LEVERS.values())


def day(date: dt.date, *, coverage: dict[str, float] | None = None, exercise: list[dict[str, Any]] | None = None,
        sleep_h: float | None = None, bed: str = "23:00", practices: list[dict[str, Any]] | None = None,
        pss10: int | None = None, pss10_date: dt.date | None = None, ratings: dict[str, int] | None = None,
        totals: dict[str, float] | None = None, ul: dict[str, float | None] | None = None) -> dict[str, Any]:
    """One day dict; ``coverage`` given -> one food entry so nutrition counts as logged."""
    out: dict[str, Any] = {"date": date.isoformat(), "totals": totals or {}, "targets": {}, "coverage_pct": {},
                           "lower_bound": [], "shortfalls": [], "over_ul": [], "incomplete": [], "entries": [],
                           "exercise": exercise or [], "sleep": [], "practices": practices or [], "stress": {},
                           "ratings": ratings or {}}
    if coverage is not None:
        out["coverage_pct"] = dict(coverage)
        out["entries"] = [{"id": 1, "time": "08:00", "ndb_no": "01123", "description": "Egg", "grams": 50.0,
                           "portion": "1 large", "nutrients": {}}]
        out["shortfalls"] = sorted((k for k, v in coverage.items() if v < 100), key=lambda k: coverage[k])
        for k in coverage:
            out["targets"][k] = {"rda": 100.0, "ul": (ul or {}).get(k), "source": "test", "note": ""}
    if sleep_h is not None:
        hh, mm = map(int, bed.split(":"))
        start = dt.datetime.combine(date - dt.timedelta(days=1), dt.time(hh, mm)) if hh >= 12 else \
            dt.datetime.combine(date, dt.time(hh, mm))
        end = start + dt.timedelta(hours=sleep_h)
        out["sleep"] = [{"start": start.isoformat() + "+01:00", "end": end.isoformat() + "+01:00",
                         "duration_min": round(sleep_h * 60, 1)}]
    if pss10 is not None:
        out["stress"] = {"pss10": pss10, "band": "moderate", "pss10_date": (pss10_date or date).isoformat(),
                         "events": []}
    return out


def journal(n_days: int, seed: int, *, planted: tuple[str, str, float] | None = None,
            last: dt.date = dt.date(2026, 11, 24), missing: float = 0.1) -> list[dict[str, Any]]:
    """``n_days`` days with every lever and rating tracked as AR(1) (phi 0.5) noise, ~``missing`` of days
    without food and without ratings; ``planted`` = ("sleep", "focus", r) makes focus follow sleep hours on the
    same day with innovation correlation r."""
    rng = np.random.default_rng(seed)

    def ar(n: int) -> np.ndarray:
        return lfilter([1.0], [1.0, -0.5], rng.standard_normal(n + 30))[30:]

    first = last - dt.timedelta(days=n_days - 1)
    cov = {k: 80 + 20 * ar(n_days) for k in COVERAGE_KEYS}
    sleep = ar(n_days)
    ratings = {k: ar(n_days) for k in ("focus", "energy", "mood", "motivation")}
    if planted is not None:
        _, outcome, r = planted
        ratings[outcome] = r / np.sqrt(1 - r * r) * sleep + ratings[outcome]
    vig = np.clip(20 + 15 * ar(n_days), 0, None)
    days = []
    for i in range(n_days):
        d = first + dt.timedelta(days=i)
        food = rng.random() > missing
        rated = rng.random() > missing
        ex = [{"start": f"{d.isoformat()}T18:00:00+01:00", "type": "run", "duration_min": 40.0,
               "intensity": "vigorous", "minutes_by_band": {"vigorous": round(float(vig[i]), 1)}}]
        if i % 3 == 0:
            ex.append({"start": f"{d.isoformat()}T07:00:00+01:00", "type": "resistance", "duration_min": 30.0,
                       "intensity": "resistance"})
        days.append(day(
            d, coverage={k: float(v[i]) for k, v in cov.items()} if food else None, exercise=ex,
            sleep_h=float(np.clip(7.5 + 0.7 * sleep[i], 3, 11)),
            bed="23:00" if i % 2 else "23:40",
            practices=[{"kind": "meditation", "start": f"{d.isoformat()}T07:30:00+01:00",
                        "duration_min": float(rng.integers(5, 30))}],
            pss10=int(14 + (i // 10) % 5), pss10_date=first + dt.timedelta(days=10 * (i // 10)),
            ratings={k: int(np.clip(round(6 + 1.5 * v[i]), 1, 10)) for k, v in ratings.items()} if rated else {},
        ))
    return days
