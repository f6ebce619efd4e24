"""Turn journal days (``DaySummary`` dicts) into the model's per-minute input series, and build
what-if scenarios. Pure functions: no database, no printing.

Documented defaults (used when a key is absent, empty or null):

* sleep: 23:00-07:00 every night;
* exercise: none; intensity from ``intensity`` (fraction of HR reserve), else from ``avg_hr`` with
  HRrest 60 and HRmax 190 bpm (Karvonen), else from the type (``EXERCISE_INTENSITY``); start 18:00;
  HIIT is modelled as alternating minutes at 0.95 and 0.5 of HR reserve;
* meals: timed entries eaten over 15 min at their time; untimed entries and days with totals but no
  entries split 25/35/40 % over 07:30, 12:30 and 19:00; Phe:Tyr split 0.55:0.45 unless given;
  Phe+Tyr = 8.5 % of protein when only protein is known; a day with no food data at all gets the
  reference diet (80 g protein) and is listed in ``ModelInputs.notes``;
* PSS-10: carried forward from the last day that has one, else 13 (population mean);
* cofactors: % RDA averaged over the last 7 days; missing coverage counts as 100 %;
* awake, not exercising: upright 75 % of the time (parameter ``awake_upright_default``);
* circadian phase: cosine peaking at 12:00, held constant within each clock hour;
* missing dates between the first and last day: filled with the reference day.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from norepi.errors import InputError
from norepi.model.core import INPUT_NAMES, N_IN
from norepi.model.parameters import PHE_G_PER_MOL, TABLE, TYR_G_PER_MOL

MIN_PER_DAY = 1440
DEFAULT_SLEEP = ("23:00", "07:00")
DEFAULT_MEALS = (("07:30", 0.25), ("12:30", 0.35), ("19:00", 0.40))
PHE_FRACTION_OF_PHE_TYR = 0.55
PHE_TYR_FRACTION_OF_PROTEIN = 0.085
REFERENCE_PROTEIN_G = 80.0
HR_REST_DEFAULT = 60.0
HR_MAX_DEFAULT = 190.0
# fraction of HR reserve for the lifestyle classes (ACSM bands: moderate 40-59 %, vigorous 60-89 % HRR)
PRACTICE_ALIASES = {"slow_breathing": "breathing"}  # the lifestyle package's practice names
CLASS_INTENSITY = {"light": 0.35, "moderate": 0.5, "vigorous": 0.75, "hiit": 0.9, "resistance": 0.6}
EXERCISE_INTENSITY = {
    "walk": 0.35,
    "walking": 0.35,
    "run": 0.7,
    "running": 0.7,
    "jog": 0.6,
    "cycle": 0.6,
    "cycling": 0.6,
    "bike": 0.6,
    "swim": 0.6,
    "swimming": 0.6,
    "strength": 0.5,
    "resistance": 0.5,
    "weights": 0.5,
    "yoga": 0.25,
    "hiit": 0.85,
    "rowing": 0.65,
    "hike": 0.45,
    "hiking": 0.45,
}
NUTRIENTS_COF = ("iron_mg", "folate_dfe_ug", "vitamin_b6_mg", "magnesium_mg", "copper_mg", "vitamin_c_mg")


@dataclass
class ModelInputs:
    """Per-minute inputs. ``u[i, j]`` is input ``INPUT_NAMES[j]`` during minute i after ``start``."""

    start: datetime
    u: np.ndarray
    notes: list[str] = field(default_factory=list)
    name: str = "scenario"

    @property
    def minutes(self) -> int:
        return int(self.u.shape[0])

    def column(self, name: str) -> np.ndarray:
        return self.u[:, INPUT_NAMES.index(name)]


def cofactor_factor(coverage_fraction: float, f_min: float, steepness: float | None = None) -> float:
    """Vmax multiplier for an enzyme from cofactor coverage (fraction of RDA, >= 0).

    f(r) = min(1, f_min + (1 - f_min) (1 - exp(-k r)) / (1 - exp(-k))), k = ``cof_steepness`` (5):
    f(0) = f_min, f(1) = 1, concave, never above 1 (surplus does not speed the step)."""
    k = TABLE["cof_steepness"].value if steepness is None else steepness
    r = max(0.0, float(coverage_fraction))
    val = f_min + (1.0 - f_min) * (1.0 - math.exp(-k * r)) / (1.0 - math.exp(-k))
    return min(1.0, val)


def _hhmm(value: str, fld: str) -> int:
    try:
        h, m = value.strip().split(":")[:2]
        hh, mm = int(h), int(m)
    except (ValueError, AttributeError) as exc:
        raise InputError(f"time {value!r} is not HH:MM", field=fld) from exc
    if not (0 <= hh <= 24 and 0 <= mm < 60) or hh * 60 + mm > MIN_PER_DAY:
        raise InputError(f"time {value!r} outside 00:00-24:00", field=fld)
    return hh * 60 + mm


def _minute_of(value: str | None, day0: datetime, day_index: int, fld: str, default_min: int) -> int:
    """Minute since the start of the series for a time given as ISO8601 or HH:MM (on that day)."""
    if value is None or value == "":
        return day_index * MIN_PER_DAY + default_min
    if isinstance(value, str) and len(value) <= 5 and ":" in value:
        return day_index * MIN_PER_DAY + _hhmm(value, fld)
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"time {value!r} is not ISO 8601 or HH:MM", field=fld) from exc
    if dt.tzinfo is not None:
        dt = dt.replace(tzinfo=None)
    return int(round((dt - day0).total_seconds() / 60.0))


def _num(value, fld: str, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{value!r} is not a number", field=fld) from exc
    if not math.isfinite(x) or x < lo or x > hi:
        raise InputError(f"{x:g} outside the physiological range {lo:g}-{hi:g}", field=fld)
    return x


def reference_day(day: date | str) -> dict:
    """A healthy reference day: 8 h sleep 23:00-07:00, 80 g protein in 3 meals, RDA cofactors,
    PSS 13, no exercise, no practice."""
    d = day.isoformat() if isinstance(day, date) else str(day)
    pt = REFERENCE_PROTEIN_G * PHE_TYR_FRACTION_OF_PHE_TYR_MG()
    return {
        "date": d,
        "totals": {
            "protein_g": REFERENCE_PROTEIN_G,
            "phe_tyr_mg": pt,
            "phenylalanine_mg": pt * PHE_FRACTION_OF_PHE_TYR,
            "tyrosine_mg": pt * (1 - PHE_FRACTION_OF_PHE_TYR),
        },
        "coverage_pct": {k: 100.0 for k in NUTRIENTS_COF},
        "entries": [],
        "exercise": [],
        "sleep": [],
        "practices": [],
        "stress": {"pss10": None, "events": []},
    }


def PHE_TYR_FRACTION_OF_PHE_TYR_MG() -> float:  # noqa: N802 - mg Phe+Tyr per g protein
    return PHE_TYR_FRACTION_OF_PROTEIN * 1000.0


def _parse_date(day: dict, i: int) -> date:
    try:
        return date.fromisoformat(str(day["date"]))
    except (KeyError, ValueError) as exc:
        raise InputError(f"day {i} has no valid 'date' (YYYY-MM-DD)", field="date") from exc


def inputs_from_days(days: list[dict], awake_upright: float | None = None, name: str = "journal") -> ModelInputs:
    """Per-minute model inputs for consecutive journal days (``DaySummary`` dicts); see module doc."""
    if not days:
        raise InputError("no days given", field="days")
    dated = sorted(((_parse_date(d, i), d) for i, d in enumerate(days)), key=lambda t: t[0])
    first, last = dated[0][0], dated[-1][0]
    n_days = (last - first).days + 1
    if n_days > 3660:
        raise InputError(f"{n_days} days is more than 10 years", field="days")
    by_date: dict[date, dict] = {}
    for d, day in dated:
        if d in by_date:
            raise InputError(f"date {d} given twice", field="date")
        by_date[d] = day
    notes: list[str] = []
    ordered: list[dict] = []
    for k in range(n_days):
        d = first + timedelta(days=k)
        if d in by_date:
            ordered.append(by_date[d])
        else:
            ordered.append(reference_day(d))
            notes.append(f"{d}: no journal day, reference day used")
    up = TABLE["awake_upright_default"].value if awake_upright is None else awake_upright
    n = n_days * MIN_PER_DAY
    u = np.zeros((n, N_IN))
    asleep = np.zeros(n, dtype=bool)
    ex = np.zeros(n)
    day0 = datetime.combine(first, datetime.min.time())
    pss_last = TABLE["pss_ref"].value
    cov_hist: list[dict[str, float]] = []
    window = int(TABLE["cof_window_days"].value)
    for k, day in enumerate(ordered):
        base = k * MIN_PER_DAY
        # --- sleep
        sleeps = day.get("sleep") or []
        if not sleeps:
            s, e = (_hhmm(x, "sleep") for x in DEFAULT_SLEEP)
            asleep[base : base + e] = True
            asleep[base + s : base + MIN_PER_DAY] = True
        for j, sl in enumerate(sleeps):
            fld = f"sleep[{j}]"
            if sl.get("duration_min") is not None:
                _num(sl["duration_min"], f"{fld}.duration_min", 0, MIN_PER_DAY)
            a = _minute_of(sl.get("start"), day0, k, f"{fld}.start", 23 * 60)
            b = _minute_of(sl.get("end"), day0, k, f"{fld}.end", -1)
            if sl.get("end") in (None, "") and sl.get("duration_min") is not None:
                b = a + int(round(float(sl["duration_min"])))
            if b < a:
                b += MIN_PER_DAY
            if b - a > MIN_PER_DAY:
                raise InputError(f"sleep of {(b - a) / 60:.1f} h is longer than a day", field=f"{fld}")
            asleep[max(0, a) : max(0, min(n, b))] = True
        # --- exercise
        for j, x in enumerate(day.get("exercise") or []):
            fld = f"exercise[{j}]"
            dur = _num(x.get("duration_min", 0), f"{fld}.duration_min", 0, MIN_PER_DAY)
            kind = str(x.get("type") or "").lower()
            if x.get("avg_hr") is not None:
                _num(x["avg_hr"], f"{fld}.avg_hr", 25, 230)
            if x.get("max_hr") is not None:
                _num(x["max_hr"], f"{fld}.max_hr", 25, 240)
            # the day JSON gives the class in "intensity" (moderate/vigorous/hiit/...) and the mean fraction
            # of heart-rate reserve in "hrr_fraction"; a bare number in "intensity" is a fraction too
            label = x.get("intensity")
            given = x.get("hrr_fraction") if isinstance(label, str) else label
            if given is not None:
                inten = _num(given, f"{fld}.hrr_fraction" if isinstance(label, str) else f"{fld}.intensity", 0, 1)
            elif isinstance(label, str) and label.lower() in CLASS_INTENSITY:
                inten = CLASS_INTENSITY[label.lower()]
            elif x.get("avg_hr") is not None:
                inten = min(1.0, max(0.0, (float(x["avg_hr"]) - HR_REST_DEFAULT) / (HR_MAX_DEFAULT - HR_REST_DEFAULT)))
            else:
                inten = EXERCISE_INTENSITY.get(kind, 0.5)
            a = _minute_of(x.get("start"), day0, k, f"{fld}.start", 18 * 60)
            m = int(round(dur))
            for t in range(m):
                i = a + t
                if 0 <= i < n:
                    val = inten
                    if kind == "hiit" and given is None:
                        val = 0.95 if t % 2 == 0 else 0.5
                    ex[i] = max(ex[i], val)
        # --- meals
        totals = day.get("totals") or {}
        entries = day.get("entries") or []
        for key in ("protein_g", "phe_tyr_mg", "phenylalanine_mg", "tyrosine_mg"):
            if totals.get(key) is not None:
                _num(totals[key], f"totals.{key}", 0, 1e6)
        t_phe, t_tyr = totals.get("phenylalanine_mg"), totals.get("tyrosine_mg")
        phe_frac = PHE_FRACTION_OF_PHE_TYR
        if t_phe is not None and t_tyr is not None and float(t_phe) + float(t_tyr) > 0:
            phe_frac = float(t_phe) / (float(t_phe) + float(t_tyr))
        doses: list[tuple[int, float, float]] = []  # (minute, phe mg, tyr mg)
        untimed_phe = untimed_tyr = 0.0
        for j, entry in enumerate(entries):
            fld = f"entries[{j}]"
            # the day JSON nests an entry's amounts under "nutrients"; flat keys are accepted too
            ent = {**entry, **(entry.get("nutrients") or {})}
            if ent.get("phenylalanine_mg") is not None or ent.get("tyrosine_mg") is not None:
                phe = _num(ent.get("phenylalanine_mg") or 0, f"{fld}.phenylalanine_mg", 0, 1e5)
                tyr = _num(ent.get("tyrosine_mg") or 0, f"{fld}.tyrosine_mg", 0, 1e5)
            elif ent.get("phe_tyr_mg") is not None:
                pt = _num(ent["phe_tyr_mg"], f"{fld}.phe_tyr_mg", 0, 1e5)
                phe, tyr = pt * phe_frac, pt * (1 - phe_frac)
            elif ent.get("protein_g") is not None:
                pt = _num(ent["protein_g"], f"{fld}.protein_g", 0, 1e4) * PHE_TYR_FRACTION_OF_PHE_TYR_MG()
                phe, tyr = pt * phe_frac, pt * (1 - phe_frac)
            else:
                continue
            if ent.get("time"):
                doses.append((_minute_of(ent["time"], day0, k, f"{fld}.time", 0), phe, tyr))
            else:
                untimed_phe += phe
                untimed_tyr += tyr
        if not entries:
            if t_phe is not None and t_tyr is not None:
                untimed_phe, untimed_tyr = float(t_phe), float(t_tyr)
            elif totals.get("phe_tyr_mg") is not None:
                pt = float(totals["phe_tyr_mg"])
                untimed_phe, untimed_tyr = pt * phe_frac, pt * (1 - phe_frac)
            elif totals.get("protein_g") is not None:
                pt = float(totals["protein_g"]) * PHE_TYR_FRACTION_OF_PHE_TYR_MG()
                untimed_phe, untimed_tyr = pt * phe_frac, pt * (1 - phe_frac)
            else:
                pt = REFERENCE_PROTEIN_G * PHE_TYR_FRACTION_OF_PHE_TYR_MG()
                untimed_phe, untimed_tyr = pt * phe_frac, pt * (1 - phe_frac)
                notes.append(f"{day.get('date')}: no food data, reference diet used")
        if untimed_phe + untimed_tyr > 0:
            for hhmm, frac in DEFAULT_MEALS:
                doses.append((base + _hhmm(hhmm, "meal"), untimed_phe * frac, untimed_tyr * frac))
        span = int(TABLE["meal_minutes"].value)
        for minute, phe, tyr in doses:
            a, b = max(0, minute), min(n, minute + span)
            if b > a:
                u[a:b, 0] += phe / PHE_G_PER_MOL * 1000.0 / span
                u[a:b, 1] += tyr / TYR_G_PER_MOL * 1000.0 / span
        # --- stress
        stress = day.get("stress") or {}
        if stress.get("pss10") is not None:
            pss_last = _num(stress["pss10"], "stress.pss10", 0, 40)
        u[base : base + MIN_PER_DAY, 8] = pss_last
        for j, ev in enumerate(stress.get("events") or []):
            fld = f"stress.events[{j}]"
            inten = _num(ev.get("intensity", 5), f"{fld}.intensity", 1, 10)
            dur = _num(ev.get("duration_min", 10), f"{fld}.duration_min", 0, MIN_PER_DAY)
            a = _minute_of(ev.get("time"), day0, k, f"{fld}.time", 12 * 60)
            a0, b0 = max(0, a), min(n, a + int(round(dur)))
            if b0 > a0:
                u[a0:b0, 6] = np.maximum(u[a0:b0, 6], inten)
        # --- practices
        t_prac = base + 7 * 60 + 30
        for j, pr in enumerate(day.get("practices") or []):
            fld = f"practices[{j}]"
            # the day JSON gives "duration_min" and an ISO "start"; "minutes" and "time" are accepted too
            mins_key = "duration_min" if pr.get("duration_min") is not None else "minutes"
            mins = int(round(_num(pr.get(mins_key, 0), f"{fld}.{mins_key}", 0, MIN_PER_DAY)))
            kind = PRACTICE_ALIASES.get(str(pr.get("kind") or "meditation"), str(pr.get("kind")))
            if kind not in ("meditation", "breathing", "nature"):
                raise InputError(f"unknown practice {kind!r}", field=f"{fld}.kind")
            when = pr.get("start") or pr.get("time")
            a = _minute_of(when, day0, k, f"{fld}.start", t_prac - base) if when else t_prac
            u[max(0, a) : min(n, a + mins), 7] = 1.0
            t_prac = a + mins
        # --- cofactors (rolling mean of coverage)
        cov = day.get("coverage_pct") or {}
        today: dict[str, float] = {}
        for key in NUTRIENTS_COF:
            v = cov.get(key)
            today[key] = 100.0 if v is None else _num(v, f"coverage_pct.{key}", 0, 1e5)
        cov_hist.append(today)
        win = cov_hist[-window:]
        r = {key: float(np.mean([c[key] for c in win])) / 100.0 for key in NUTRIENTS_COF}
        f_th = cofactor_factor(r["iron_mg"], TABLE["cof_min_th"].value) * cofactor_factor(
            r["folate_dfe_ug"], TABLE["cof_min_folate"].value
        )
        f_aadc = cofactor_factor(r["vitamin_b6_mg"], TABLE["cof_min_aadc"].value) * cofactor_factor(
            r["magnesium_mg"], TABLE["cof_min_mg"].value
        )
        f_dbh = cofactor_factor(r["copper_mg"], TABLE["cof_min_cu"].value) * cofactor_factor(
            r["vitamin_c_mg"], TABLE["cof_min_vitc"].value
        )
        u[base : base + MIN_PER_DAY, 9] = f_th
        u[base : base + MIN_PER_DAY, 10] = f_aadc
        u[base : base + MIN_PER_DAY, 11] = f_dbh
    # --- assemble sleep, posture, exercise, circadian
    u[:, 3] = asleep.astype(float)
    u[:, 2] = np.where(asleep, 0.0, ex)
    u[:, 4] = np.where(asleep, 0.0, np.where(ex > 0, 1.0, up))
    u[:, 5] = circadian_column(n)
    u[:, 6] = np.where(asleep, 0.0, u[:, 6])
    u[:, 7] = np.where(asleep, 0.0, u[:, 7])
    return ModelInputs(start=day0, u=u, notes=notes, name=name)


def circadian_column(n_minutes: int, start_minute_of_day: int = 0) -> np.ndarray:
    """cos(2 pi (hour + 0.5 - 12)/24) held constant within each clock hour."""
    peak = TABLE["circadian_peak_h"].value
    minute = (np.arange(n_minutes) + start_minute_of_day) % MIN_PER_DAY
    hour = minute // 60
    return np.cos(2.0 * np.pi * (hour + 0.5 - peak) / 24.0)


def validate_inputs(inputs: ModelInputs) -> None:
    """Refuse inputs outside physiology (InputError naming the column)."""
    u = inputs.u
    if u.ndim != 2 or u.shape[1] != N_IN:
        raise InputError(f"inputs must have {N_IN} columns", field="inputs")
    bounds = {
        0: (0, 1e5),
        1: (0, 1e5),
        2: (0, 1),
        3: (0, 1),
        4: (0, 1),
        5: (-1, 1),
        6: (0, 10),
        7: (0, 1),
        8: (0, 40),
        9: (0, 1),
        10: (0, 1),
        11: (0, 1),
        12: (0, 1e4),
    }
    if u.size == 0:
        return
    if not np.isfinite(u).all():
        bad = int(np.nonzero(~np.isfinite(u).all(axis=0))[0][0])
        raise InputError("non-finite value", field=INPUT_NAMES[bad])
    lo_v, hi_v = u.min(axis=0), u.max(axis=0)
    for j, (lo, hi) in bounds.items():
        if lo_v[j] < lo or hi_v[j] > hi:
            raise InputError(f"values outside {lo}-{hi}", field=INPUT_NAMES[j])


# ---------------------------------------------------------------- scenario builders (on day dicts)
def scenario_sleep_hours(days: list[dict], hours: float, wake: str = "07:00") -> list[dict]:
    """Copy of ``days`` with every night's sleep replaced by ``hours`` ending at ``wake``."""
    hrs = _num(hours, "sleep_hours", 0, 24)
    out = copy.deepcopy(days)
    w = _hhmm(wake, "wake")
    for day in out:
        d = date.fromisoformat(str(day["date"]))
        end = datetime.combine(d, datetime.min.time()) + timedelta(minutes=w)
        start = end - timedelta(minutes=int(round(hrs * 60)))
        nxt_end = end + timedelta(days=1)
        nxt_start = nxt_end - timedelta(minutes=int(round(hrs * 60)))
        day["sleep"] = [{"start": start.isoformat(), "end": end.isoformat(), "duration_min": hrs * 60}]
        if nxt_start.date() == d:  # the next night's sleep that starts this evening
            day["sleep"].append(
                {
                    "start": nxt_start.isoformat(),
                    "end": datetime.combine(d, datetime.max.time()).replace(microsecond=0).isoformat(),
                    "duration_min": None,
                }
            )
    return out


def scenario_add_exercise(
    days: list[dict], kind: str = "hiit", minutes: float = 20, start: str = "18:00", intensity: float | None = None
) -> list[dict]:
    """Copy of ``days`` with an exercise bout added every day."""
    mins = _num(minutes, "minutes", 0, MIN_PER_DAY)
    out = copy.deepcopy(days)
    for day in out:
        ex = list(day.get("exercise") or [])
        ex.append({"start": f"{day['date']}T{start}:00", "type": kind, "duration_min": mins, "intensity": intensity})
        day["exercise"] = ex
    return out


def scenario_tyrosine_supplement(days: list[dict], mg: float, time: str = "08:00") -> list[dict]:
    """Copy of ``days`` with an L-tyrosine supplement of ``mg`` taken every day at ``time``."""
    dose = _num(mg, "tyrosine_mg", 0, 20000)
    out = copy.deepcopy(days)
    for day in out:
        ents = list(day.get("entries") or [])
        if not ents:  # keep the diet that the totals describe
            base = inputs_diet_entries(day)
            ents.extend(base)
        ents.append(
            {"time": time, "description": "L-tyrosine supplement", "tyrosine_mg": dose, "phenylalanine_mg": 0.0}
        )
        day["entries"] = ents
    return out


def scenario_pss(days: list[dict], pss10: int) -> list[dict]:
    """Copy of ``days`` with the PSS-10 score set on every day."""
    v = _num(pss10, "pss10", 0, 40)
    out = copy.deepcopy(days)
    for day in out:
        st = dict(day.get("stress") or {})
        st["pss10"] = v
        day["stress"] = st
    return out


def scenario_practice(days: list[dict], kind: str, minutes: float) -> list[dict]:
    """Copy of ``days`` with a daily practice (meditation, breathing, nature) of ``minutes``."""
    mins = _num(minutes, "practice_minutes", 0, MIN_PER_DAY)
    out = copy.deepcopy(days)
    for day in out:
        pr = list(day.get("practices") or [])
        pr.append({"kind": kind, "minutes": mins})
        day["practices"] = pr
    return out


def inputs_diet_entries(day: dict) -> list[dict]:
    """The untimed diet of a day with totals only, as timed entries at the default meal times."""
    totals = day.get("totals") or {}
    if totals.get("phenylalanine_mg") is not None and totals.get("tyrosine_mg") is not None:
        phe, tyr = float(totals["phenylalanine_mg"]), float(totals["tyrosine_mg"])
    else:
        pt = totals.get("phe_tyr_mg")
        if pt is None:
            pt = float(totals.get("protein_g") or REFERENCE_PROTEIN_G) * PHE_TYR_FRACTION_OF_PHE_TYR_MG()
        phe, tyr = float(pt) * PHE_FRACTION_OF_PHE_TYR, float(pt) * (1 - PHE_FRACTION_OF_PHE_TYR)
    return [
        {"time": t, "phenylalanine_mg": phe * f, "tyrosine_mg": tyr * f, "description": "diet"}
        for t, f in DEFAULT_MEALS
    ]


def reference_days(n_days: int, first: date = date(2025, 1, 1)) -> list[dict]:
    """``n_days`` consecutive reference days."""
    return [reference_day(first + timedelta(days=k)) for k in range(n_days)]
