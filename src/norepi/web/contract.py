"""The JSON of a day: what ``GET /api/v1/days/{date}`` returns and ``norepi day --json`` prints (one contract).

Keys as documented in the README; a part that was not logged is ``null`` or empty, never zeros: a day without
food entries has ``food_logged: false`` and ``totals``/``coverage_pct`` ``null``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from norepi.days.summary import DaySummary
from norepi.days.week import WeekSummary
from norepi.lifestyle.exercise import (
    GUIDELINE_MODERATE_MIN,
    GUIDELINE_RESISTANCE_DAYS,
    GUIDELINE_VIGOROUS_MIN,
    SessionFacts,
)
from norepi.lifestyle.sleep import SleepPeriod
from norepi.nutrition.analysis import FoodItem


def _iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def _round(v: float | None, digits: int) -> float | None:
    return None if v is None else round(v, digits)


class TargetOut(BaseModel):
    rda: float
    ul: float | None
    source: str = ""
    note: str = ""


class EntryOut(BaseModel):
    id: int | None
    time: str | None = Field(description="HH:MM")
    ndb_no: str = Field(description='"" for an imported serving that matched no food')
    description: str
    grams: float | None
    portion: str
    source: str
    supplement: bool = False
    estimated: list[str] = Field(default_factory=list, description="keys whose amount is an estimate, not measured")
    nutrients: dict[str, float | None]


class IncompleteOut(BaseModel):
    ndb_no: str
    description: str
    missing: list[str]


class OverLimitOut(BaseModel):
    key: str
    amount: float
    ul: float
    compared: str


class ExerciseOut(BaseModel):
    id: int | None
    start: str
    type: str = Field(description="the activity")
    duration_min: float
    avg_hr: int | None
    max_hr: int | None
    intensity: str = Field(description="light, moderate, vigorous, hiit or resistance")
    hrr_fraction: float | None
    load: float = Field(description="catecholamine load index, nmol/L x min")
    minutes_by_band: dict[str, float]
    source: str


class SleepOut(BaseModel):
    id: int | None
    start: str
    end: str
    duration_min: float = Field(description="time asleep, min")
    in_bed_min: float
    asleep_basis: str = Field(description='"measured", "stages" or "in bed"')
    stages_min: dict[str, float] = Field(description="minutes per sleep stage, when the source gave them")
    nap: bool
    source: str


class PracticeOut(BaseModel):
    id: int | None
    kind: str
    start: str
    duration_min: float


class StressEventOut(BaseModel):
    id: int | None
    at: str
    intensity: int
    note: str


class StressOut(BaseModel):
    pss10: int | None
    band: str | None
    pss10_date: str | None
    events: list[StressEventOut]


class DayOut(BaseModel):
    """One day (``DaySummary``) as JSON."""

    date: dt.date
    food_logged: bool
    food_complete: bool | None = Field(description="a source's own completeness flag, else null")
    totals: dict[str, float] | None
    targets: dict[str, TargetOut]
    coverage_pct: dict[str, float | None] | None
    lower_bound: list[str]
    estimated: dict[str, float] = Field(description="the part of each total that is an estimate (key units)")
    shortfalls: list[str]
    over_ul: list[OverLimitOut]
    incomplete: list[IncompleteOut]
    entries: list[EntryOut]
    exercise: list[ExerciseOut]
    sleep: list[SleepOut]
    practices: list[PracticeOut]
    stress: StressOut | dict[str, Any]
    ratings: dict[str, float]
    observations: dict[str, float]
    notes: list[str]


def _entry(i: FoodItem) -> EntryOut:
    return EntryOut(id=i.entry_id, time=i.time.strftime("%H:%M") if i.time else None, ndb_no=i.food_id,
                    description=i.description, grams=_round(i.grams, 1), portion=i.amount_text, source=i.source,
                    supplement=i.supplement, estimated=list(i.estimated),
                    nutrients={k: _round(v, 3) for k, v in i.amounts.items()})


def _exercise(f: SessionFacts) -> ExerciseOut:
    return ExerciseOut(id=f.record_id, start=_iso(f.start), type=f.activity, duration_min=round(f.duration_min, 1),
                       avg_hr=None if f.avg_hr_bpm is None else round(f.avg_hr_bpm),
                       max_hr=None if f.max_hr_bpm is None else round(f.max_hr_bpm),
                       intensity=str(f.activity_class), hrr_fraction=_round(f.hrr_fraction, 3),
                       load=round(f.load_nm_min, 1),
                       minutes_by_band={str(k): round(v, 1) for k, v in f.minutes_by_band.items() if v},
                       source=f.source)


def _sleep(p: SleepPeriod) -> SleepOut:
    return SleepOut(id=p.record_id, start=_iso(p.bed), end=_iso(p.wake), duration_min=round(p.time_asleep_min, 1),
                    in_bed_min=round(p.in_bed_min, 1), asleep_basis=p.asleep_basis,
                    stages_min={str(k): round(v, 1) for k, v in p.minutes_by_stage.items()}, nap=p.nap,
                    source=p.source)


def day_out(d: DaySummary) -> DayOut:
    """The JSON model of a day."""
    food = d.food
    stress: StressOut | dict[str, Any] = {}
    if d.stress is not None:
        pss = d.stress.pss10
        stress = StressOut(pss10=pss.total if pss else None, band=pss.band if pss else None,
                           pss10_date=pss.taken_on.isoformat() if pss else None,
                           events=[StressEventOut(id=e.record_id, at=_iso(e.at), intensity=e.intensity, note=e.note)
                                   for e in d.stress.events])
    return DayOut(
        date=d.date,
        food_logged=food is not None,
        food_complete=food.complete if food else None,
        totals={k: round(v, 2) for k, v in food.totals.items()} if food else None,
        targets={k: TargetOut(rda=t.rda, ul=t.ul, source=t.source, note=t.note) for k, t in d.targets.items()},
        coverage_pct={k: _round(v, 1) for k, v in food.coverage_pct.items()} if food else None,
        lower_bound=list(food.lower_bound) if food else [],
        estimated={k: round(v, 2) for k, v in food.estimated.items()} if food else {},
        shortfalls=list(food.shortfalls) if food else [],
        over_ul=[OverLimitOut(key=o.key, amount=round(o.amount, 2), ul=o.ul, compared=o.compared)
                 for o in food.over_ul] if food else [],
        incomplete=[IncompleteOut(ndb_no=i.food_id, description=i.description, missing=list(i.missing))
                    for i in food.incomplete] if food else [],
        entries=[_entry(i) for i in food.items] if food else [],
        exercise=[_exercise(f) for f in d.exercise],
        sleep=[_sleep(p) for p in d.sleep],
        practices=[PracticeOut(id=p.record_id, kind=str(p.kind), start=_iso(p.start),
                               duration_min=round(p.duration_min, 1)) for p in d.practices],
        stress=stress,
        ratings={name: r.value for name, r in d.ratings.items()},
        observations={str(k): o.value for k, o in d.observations.items()},
        notes=list(d.notes),
    )


def week_json(w: WeekSummary) -> dict[str, Any]:
    """The JSON of a week (``norepi week --json``, the Trends page): keys as documented."""
    ex, sl = w.exercise, w.sleep
    r = lambda v: None if v is None else round(v, 1)  # noqa: E731
    return {
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "exercise": {
            "minutes_by_band": {str(k): round(v, 1) for k, v in ex.minutes_by_band.items()},
            "vigorous_min": round(ex.vigorous_min, 1),
            "vigorous_guideline_min": GUIDELINE_VIGOROUS_MIN,
            "moderate_equivalent_min": round(ex.moderate_equivalent_min, 1),
            "moderate_guideline_min": GUIDELINE_MODERATE_MIN,
            "guideline_pct": round(100 * ex.guideline_fraction, 1),
            "resistance_days": ex.resistance_days,
            "resistance_guideline_days": GUIDELINE_RESISTANCE_DAYS,
            "sessions": ex.sessions,
            "load_nm_min": round(ex.load_nm_min, 1),
        },
        "sleep": {
            "nights": sl.nights,
            "avg_duration_min": r(sl.avg_duration_min),
            "need_min": sl.need_min,
            "debt_min": r(sl.debt_min),
            "social_jet_lag_h": r(sl.social_jet_lag_h),
            "sri": r(sl.sri),
        },
        "practice_min": {str(k): round(v, 1) for k, v in w.practice_min.items()},
    }
