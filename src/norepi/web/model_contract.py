"""The JSON of the model's results: what ``GET /api/v1/model`` returns and ``norepi model run|whatif --json``
prints (kept apart from the day contract: the model loads numba)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from norepi.model.api import DayResult, Difference, ModelRun, WhatIfResult
from norepi.model.ensemble import FailedMember
from norepi.model.uncertainty import Interval


def model_plain(obj: object) -> object:
    """The model's results (``ModelRun``, ``WhatIfResult``) as JSON values: dates as ISO strings, intervals as
    dicts with the rounded figures and their text (``norepi model run --json``, ``GET /api/v1/model``)."""
    if isinstance(obj, Interval):
        v, lo, hi = obj.rounded()
        return {"value": v, "low": lo, "high": hi, "unit": obj.unit, "text": obj.text()}
    if isinstance(obj, Difference):
        return {"index": obj.index, "pct": model_plain(obj.pct), "distinguishable": obj.distinguishable,
                "text": obj.text}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, DayResult):
        return {
            "date": obj.date.isoformat(),
            "ne_mean_nmol_per_l": model_plain(obj.ne_mean_nmol_per_l),
            "ne_mean_pg_per_ml": model_plain(obj.ne_mean_pg_per_ml),
            "ne_peak_nmol_per_l": model_plain(obj.ne_peak_nmol_per_l),
            "store_pct": model_plain(obj.store_pct),
            "release_capacity_pct": model_plain(obj.release_capacity_pct),
            "tyr_mean_umol_per_l": model_plain(obj.tyr_mean_umol_per_l),
            "assumed": [{"part": a.part, "reason": a.reason} for a in obj.assumed],
        }
    if isinstance(obj, FailedMember):
        return {"index": obj.index, "reason": obj.reason, "parameters": dict(obj.parameters)}
    if isinstance(obj, ModelRun):
        return {
            "disclaimer": obj.disclaimer,
            "limits": obj.limits,
            "start_state": obj.start_state,
            "parameter_sets": obj.members,
            "failed": [model_plain(f) for f in obj.failed],
            "notes": list(obj.notes),
            "days": [model_plain(d) for d in obj.days],
        }
    if isinstance(obj, WhatIfResult):
        return {
            "disclaimer": obj.disclaimer,
            "scenario": obj.description,
            "verdict": obj.verdict,
            "period": [model_plain(d) for d in obj.period],
            "per_day": [
                {"date": d.isoformat(), "differences": [model_plain(x) for x in diffs]} for d, diffs in obj.per_day
            ],
            "notes": list(obj.notes),
            "baseline": model_plain(obj.baseline),
            "whatif": model_plain(obj.scenario),
        }
    if isinstance(obj, Mapping):
        return {str(k): model_plain(v) for k, v in obj.items()}
    return obj
