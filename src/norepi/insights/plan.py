"""Today's plan: three to six concrete actions, each traced to its lever and the measured reason.

Pure: ``daily_plan(days, today, gap_foods)`` reads day dicts (``norepi day --json``, the last two weeks up to and
including ``today``) and the journal's gap foods per nutrient; the CLI only fetches and renders.

Safety rules: no food or supplement advice that would go above an upper limit (UL); no HIIT the day after two
hard sessions or after a night under 5 h; supplements only with their UL and interaction warnings; nothing the
person already did today is suggested again.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from norepi.insights.series import (
    COFACTORS,
    HARD_CLASSES,
    PRECURSOR,
    PSS10_VALID_DAYS,
    VIGOROUS_CLASSES,
    has_food,
    rolling_sri,
    sleep_hours,
)

MIN_ACTIONS, MAX_ACTIONS = 3, 6
WINDOW_DAYS = 7
FOOD_GAP_PCT = 90.0  # 7-day mean coverage below this -> a food action
SUPPLEMENT_GAP_PCT = 50.0  # below this (and food alone unlikely to close it) -> a supplement note
MIN_FOOD_DAYS = 3  # logged food days in the window before the 7-day coverage is used
VIGOROUS_GAP_DAYS = 3  # days without vigorous/HIIT before HIIT is suggested
RESISTANCE_GAP_DAYS = 4
SHORT_NIGHT_H = 5.0
SRI_TARGET = 80.0  # SRI below this is irregular (Phillips 2017: ~80 is typical of regular sleepers)
DRIFT_LIMIT_H = 0.5
SHORT_SLEEP_H = 7.0
PSS10_ACT = 14  # "moderate" band starts at 14
LABELS = {"phe_tyr_mg": "phenylalanine+tyrosine", "iron_mg": "iron", "vitamin_b6_mg": "vitamin B6",
          "copper_mg": "copper", "vitamin_c_mg": "vitamin C", "folate_dfe_ug": "folate", "magnesium_mg": "magnesium"}
UNITS = {"phe_tyr_mg": "mg", "iron_mg": "mg", "vitamin_b6_mg": "mg", "copper_mg": "mg", "vitamin_c_mg": "mg",
         "folate_dfe_ug": "µg", "magnesium_mg": "mg"}
FOOD_UL_EXEMPT = frozenset({"magnesium_mg", "folate_dfe_ug"})  # their ULs are for supplements / folic acid only
# Supplement facts: UL (adults, NIH ODS / IOM DRI), the form it applies to, interaction warnings.
SUPPLEMENTS: dict[str, dict[str, str | float]] = {
    "magnesium_mg": {"ul": 350.0, "ul_note": "from supplements", "warning":
                     "can cause diarrhoea; separate by 2 h from tetracycline/quinolone antibiotics and "
                     "bisphosphonates; ask first with kidney disease"},
    "iron_mg": {"ul": 45.0, "ul_note": "food + supplements", "warning":
                "only after a blood test (ferritin): excess iron harms; take 4 h apart from levothyroxine, "
                "levodopa and antacids"},
    "vitamin_b6_mg": {"ul": 100.0, "ul_note": "food + supplements", "warning":
                      "long use above the UL causes nerve damage; interacts with levodopa (without carbidopa)"},
    "copper_mg": {"ul": 10.0, "ul_note": "food + supplements", "warning":
                  "high zinc supplements lower copper; do not supplement with Wilson's disease"},
    "vitamin_c_mg": {"ul": 2000.0, "ul_note": "food + supplements", "warning":
                     "above the UL: diarrhoea; raises iron absorption (caution with haemochromatosis)"},
    "folate_dfe_ug": {"ul": 1000.0, "ul_note": "folic acid from supplements/fortified foods", "warning":
                      "can mask vitamin B12 deficiency; interacts with methotrexate and some antiepileptics"},
    "phe_tyr_mg": {"ul": 0.0, "ul_note": "no UL set", "warning":
                   "do not take tyrosine or phenylalanine with MAO inhibitors (hypertensive crisis), levodopa or "
                   "thyroid hormone; not with phenylketonuria; food sources are preferred"},
}
PRACTICE_TEXT = {"slow_breathing": "10 minutes slow breathing (about 6 breaths a minute) after work",
                 "meditation": "10 minutes seated meditation this evening",
                 "nature": "20 minutes walking outdoors in a park or green space"}


@dataclass(frozen=True)
class Action:
    """One concrete action: the lever it pulls, the sentence, and the measured numbers behind it."""

    lever: str  # "food" | "exercise" | "sleep" | "stress" | "supplement" | "tracking"
    text: str
    reasons: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"lever": self.lever, "text": self.text, "reasons": self.reasons}


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


def _by_date(days: Sequence[Mapping[str, Any]]) -> dict[dt.date, Mapping[str, Any]]:
    return {dt.date.fromisoformat(str(d["date"])): d for d in days}


def _window(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date, n: int,
            include_today: bool) -> list[tuple[dt.date, Mapping[str, Any]]]:
    end = today if include_today else today - dt.timedelta(days=1)
    dates = [end - dt.timedelta(days=i) for i in range(n)]
    return [(d, by_date[d]) for d in sorted(dates) if d in by_date]


# ---- food -----------------------------------------------------------------------------------------------

def nutrient_coverage_7d(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> tuple[dict[str, float], int]:
    """Mean % of target over the logged food days of the 7 days before today, and how many days were logged."""
    food_days = [d for _, d in _window(by_date, today, WINDOW_DAYS, include_today=False) if has_food(d)]
    out: dict[str, float] = {}
    for key in (PRECURSOR, *COFACTORS):
        vals = [float(v) for d in food_days if (v := (d.get("coverage_pct") or {}).get(key)) is not None]
        if vals:
            out[key] = float(np.mean(vals))
    return out, len(food_days)


def _ul(day: Mapping[str, Any], key: str) -> float | None:
    t = (day.get("targets") or {}).get(key) or {}
    ul = t.get("ul") if isinstance(t, Mapping) else None
    return float(ul) if ul else None


def _over_ul_recently(window: Sequence[tuple[dt.date, Mapping[str, Any]]]) -> set[str]:
    keys: set[str] = set()
    for _, d in window:
        for o in d.get("over_ul") or []:
            k = o.get("key") if isinstance(o, Mapping) else o
            if k:
                keys.add(str(k))
    return keys


def food_actions(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date,
                 gap_foods: Mapping[str, Sequence[Any]], limit: int = 2) -> list[Action]:
    """Up to ``limit`` foods for the nutrients furthest below target over 7 days; a food that helps two gaps is
    preferred and cites both, then one whose portion gives at most twice the gap, then the given order. Skips
    nutrients already at target today, foods already eaten today, and any portion that would take today's
    intake above the UL (where the UL applies to food)."""
    coverage, n_days = nutrient_coverage_7d(by_date, today)
    if n_days < MIN_FOOD_DAYS:
        return []
    today_day = by_date.get(today, {})
    today_cov = today_day.get("coverage_pct") or {} if has_food(today_day) else {}
    today_tot = today_day.get("totals") or {} if has_food(today_day) else {}
    eaten = {str(e.get("ndb_no")) for e in today_day.get("entries") or []}
    recent_over = _over_ul_recently(_window(by_date, today, WINDOW_DAYS, include_today=True))
    gaps = sorted((k for k, v in coverage.items() if v < FOOD_GAP_PCT and k not in recent_over
                   and (today_cov.get(k) or 0.0) < 100.0), key=lambda k: coverage[k])
    ref_day = today_day if today_day.get("targets") else next((d for _, d in sorted(by_date.items(), reverse=True)
                                                               if d.get("targets")), {})
    actions: list[Action] = []
    used: set[str] = set()
    for key in gaps:
        if len(actions) >= limit or key in used:
            continue
        best: tuple[tuple[int, int, int], Any, list[str]] | None = None
        gap_pct = 100.0 - coverage[key]
        for rank, food in enumerate(gap_foods.get(key) or []):
            ndb = str(_get(food, "ndb_no"))
            if ndb in eaten:
                continue
            ul = _ul(ref_day, key)
            if ul is not None and key not in FOOD_UL_EXEMPT and \
                    float(today_tot.get(key) or 0.0) + float(_get(food, "per_portion", 0.0)) > ul:
                continue
            helps = [k for k in gaps if k != key and k not in used
                     and any(str(_get(f, "ndb_no")) == ndb for f in gap_foods.get(k) or [])]
            # more gaps helped first, then a portion that does not overshoot the gap more than twice, then the
            # journal's own ranking
            overshoot = int(float(_get(food, "per_portion_pct", 0.0)) > 2.0 * gap_pct)
            score = (-len(helps), overshoot, rank)
            if best is None or score < best[0]:
                best = (score, food, helps)
        if best is None:
            continue
        _, food, helps = best
        cited = [key, *helps]
        used.update(cited)
        reason_text = "; ".join(f"{LABELS[k]} at {coverage[k]:.0f}% of target over 7 days" for k in cited)
        portion = _get(food, "portion") or f"{float(_get(food, 'portion_g', 0.0)):.0f} g"
        grams = float(_get(food, "portion_g", 0.0) or 0.0)
        amount = f"{portion} ({grams:.0f} g)" if grams else str(portion)
        reasons: dict[str, Any] = {f"{k}_coverage_7d_pct": round(coverage[k], 1) for k in cited}
        reasons.update({"food_days_logged_7d": n_days, "ndb_no": str(_get(food, "ndb_no")),
                        f"{key}_per_portion": round(float(_get(food, "per_portion", 0.0)), 2),
                        f"{key}_per_portion_pct": round(float(_get(food, "per_portion_pct", 0.0)), 1)})
        actions.append(Action("food", f"Eat {amount} {_get(food, 'description')} ({reason_text})", reasons))
    return actions


def supplement_action(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> Action | None:
    """A supplement note for the nutrient furthest below ``SUPPLEMENT_GAP_PCT`` over 7 days, always with its UL
    and interaction warnings; never for a nutrient over its UL recently."""
    coverage, n_days = nutrient_coverage_7d(by_date, today)
    if n_days < MIN_FOOD_DAYS:
        return None
    recent_over = _over_ul_recently(_window(by_date, today, WINDOW_DAYS, include_today=True))
    low = sorted((k for k, v in coverage.items() if v < SUPPLEMENT_GAP_PCT and k not in recent_over),
                 key=lambda k: coverage[k])
    if not low:
        return None
    key = low[0]
    facts = SUPPLEMENTS[key]
    ul = float(facts["ul"])
    ul_text = f"upper limit {ul:g} {UNITS[key]}/day ({facts['ul_note']})" if ul else str(facts["ul_note"])
    text = (f"Food first for {LABELS[key]} ({coverage[key]:.0f}% of target over 7 days); if you consider a "
            f"supplement, stay under the {ul_text} and mind: {facts['warning']}. Ask your doctor or pharmacist.")
    return Action("supplement", text, {f"{key}_coverage_7d_pct": round(coverage[key], 1),
                                       f"{key}_ul": ul or None, "warning": facts["warning"]})


# ---- exercise -----------------------------------------------------------------------------------------

def _sessions(day: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in day.get("exercise") or [] if isinstance(s, Mapping)]


def exercise_action(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> Action | None:
    """HIIT when no vigorous session for ``VIGOROUS_GAP_DAYS`` days, else resistance when none for
    ``RESISTANCE_GAP_DAYS`` days; an easy session instead when the last two days held two hard sessions or last
    night was under 5 h. Nothing when a hard session is already logged today."""
    today_s = _sessions(by_date.get(today, {}))
    if any(s.get("intensity") in HARD_CLASSES for s in today_s):
        return None
    history = sorted(by_date)
    span = (today - history[0]).days if history else 0
    if span == 0:
        return None  # no history to measure against

    def days_since(classes: frozenset[str]) -> int | None:
        for back in range(1, span + 1):
            d = by_date.get(today - dt.timedelta(days=back), {})
            if any(s.get("intensity") in classes for s in _sessions(d)):
                return back
        return None

    hard_recent = sum(1 for back in (1, 2) for s in _sessions(by_date.get(today - dt.timedelta(days=back), {}))
                      if s.get("intensity") in HARD_CLASSES)
    night_h = sleep_hours(by_date.get(today, {}))
    since_vig = days_since(VIGOROUS_CLASSES)
    since_res = days_since(frozenset({"resistance"}))
    reasons: dict[str, Any] = {"days_since_vigorous": since_vig, "days_since_resistance": since_res,
                               "hard_sessions_last_2_days": hard_recent,
                               "last_night_sleep_h": None if np.isnan(night_h) else round(night_h, 1)}
    if hard_recent >= 2:
        return Action("exercise", f"Easy day: 30 min brisk walk or mobility, no HIIT ({hard_recent} hard sessions "
                      "in the last 2 days; recovery lets the next hard session count)", reasons)
    if not np.isnan(night_h) and night_h < SHORT_NIGHT_H:
        return Action("exercise", f"Easy 20-30 min walk today, no HIIT (last night {night_h:.1f} h of sleep, "
                      f"under {SHORT_NIGHT_H:g} h)", reasons)
    if since_vig is None or since_vig >= VIGOROUS_GAP_DAYS:
        why = f"no vigorous session in {since_vig} days" if since_vig else f"no vigorous session logged in {span} days"
        return Action("exercise", f"HIIT 4x4 min today (4 min hard at ~90% max heart rate, 3 min easy): {why}",
                      reasons)
    if since_res is None or since_res >= RESISTANCE_GAP_DAYS:
        why = (f"no resistance session in {since_res} days" if since_res
               else f"no resistance session logged in {span} days")
        return Action("exercise", f"Resistance training today: 3 sets of 8-12 reps of squats, push-ups and rows "
                      f"({why})", reasons)
    return None


# ---- sleep ------------------------------------------------------------------------------------------------

def _night(day: Mapping[str, Any]) -> tuple[dt.datetime, dt.datetime] | None:
    nights = day.get("sleep") or []
    spans = []
    for n in nights:
        try:
            a = dt.datetime.fromisoformat(str(n.get("start"))).replace(tzinfo=None)
            b = dt.datetime.fromisoformat(str(n.get("end"))).replace(tzinfo=None)
        except ValueError:
            continue
        spans.append((a, b))
    return max(spans, key=lambda s: s[1] - s[0]) if spans else None


def _clock_h(t: dt.datetime, night_of: dt.date) -> float:
    """Hours relative to midnight starting ``night_of`` (23:30 the evening before -> -0.5)."""
    return (t - dt.datetime.combine(night_of, dt.time())).total_seconds() / 3600.0


def _fmt_clock(h: float) -> str:
    minutes = round(h * 60 / 15) * 15 % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def sleep_action(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> Action | None:
    """A bedtime for tonight when the week's sleep is irregular (SRI < 80 or midpoint drifting > 0.5 h) or
    short (< 7 h average); the bedtime is 8 h before the median wake time (or the median bedtime if earlier)."""
    nights = []
    for back in range(WINDOW_DAYS):
        d = today - dt.timedelta(days=back)
        span = _night(by_date.get(d, {}))
        if span:
            nights.append((d, span))
    if len(nights) < 3:
        return None
    nights.sort()
    mids = [_clock_h(a + (b - a) / 2, d) for d, (a, b) in nights]
    durations = [(b - a).total_seconds() / 3600 for _, (a, b) in nights]
    beds = [_clock_h(a, d) for d, (a, _) in nights]
    wakes = [_clock_h(b, d) for d, (_, b) in nights]
    drift = float(np.mean(mids[-3:]) - np.mean(mids[:-3])) if len(mids) >= 5 else 0.0
    dates = [today - dt.timedelta(days=i) for i in range(WINDOW_DAYS + 1, -1, -1)]
    sri_series = rolling_sri(dates, by_date)
    sri = next((float(v) for v in sri_series[::-1] if not np.isnan(v)), None)
    avg_h = float(np.mean(durations))
    irregular = (sri is not None and sri < SRI_TARGET) or abs(drift) > DRIFT_LIMIT_H
    short = avg_h < SHORT_SLEEP_H
    if not (irregular or short):
        return None
    bed = min(statistics.median(wakes) - 8.0, statistics.median(beds))
    parts = []
    if sri is not None and sri < SRI_TARGET:
        parts.append(f"sleep regularity index {sri:.0f} this week")
    if abs(drift) > DRIFT_LIMIT_H:
        parts.append(f"midpoint drifting {drift:+.1f} h")
    if short:
        parts.append(f"{avg_h:.1f} h average over {len(nights)} nights")
    reasons = {"sri_7d": None if sri is None else round(sri, 1), "midpoint_drift_h": round(drift, 2),
               "avg_sleep_h": round(avg_h, 2), "nights_logged": len(nights),
               "median_wake": _fmt_clock(statistics.median(wakes))}
    return Action("sleep", f"Lights out by {_fmt_clock(bed)} tonight: {', '.join(parts)}", reasons)


# ---- stress -----------------------------------------------------------------------------------------------

def stress_action(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> Action | None:
    """A practice not yet done today when the latest PSS-10 (within 28 days) is moderate or high, or an acute
    stress event (intensity >= 6) is logged today."""
    day = by_date.get(today) or (by_date[max(by_date)] if by_date else {})
    stress = day.get("stress") or {}
    pss = stress.get("pss10")
    taken = stress.get("pss10_date")
    if pss is not None and taken:
        try:
            if (today - dt.date.fromisoformat(str(taken))).days > PSS10_VALID_DAYS:
                pss = None
        except ValueError:
            pass
    events = [e for e in (by_date.get(today, {}).get("stress") or {}).get("events") or []
              if isinstance(e, Mapping) and (e.get("intensity") or 0) >= 6]
    if (pss is None or pss < PSS10_ACT) and not events:
        return None
    done = {p.get("kind") for p in by_date.get(today, {}).get("practices") or [] if isinstance(p, Mapping)}
    done |= {"slow_breathing" for k in list(done) if k == "breathing"}
    kind = next((k for k in ("slow_breathing", "meditation", "nature") if k not in done), None)
    if kind is None:
        return None
    reasons: dict[str, Any] = {"pss10": pss, "pss10_band": stress.get("band"), "pss10_date": taken,
                               "stress_events_today": len(events), "practices_done_today": sorted(done)}
    why = []
    if pss is not None and pss >= PSS10_ACT:
        why.append(f"PSS-10 = {pss} ({stress.get('band') or 'moderate'})")
    if events:
        why.append(f"stress event today, intensity {max(e.get('intensity') or 0 for e in events)}")
    return Action("stress", f"{PRACTICE_TEXT[kind][0].upper()}{PRACTICE_TEXT[kind][1:]}: {'; '.join(why)}", reasons)


# ---- tracking fill-ins ------------------------------------------------------------------------------------

def tracking_actions(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> list[Action]:
    """Logging actions with their counts (used to reach three actions; they feed the insights)."""
    window = [by_date.get(today - dt.timedelta(days=i), {}) for i in range(1, WINDOW_DAYS + 1)]
    out: list[Action] = []
    today_day = by_date.get(today, {})
    rated = sum(1 for d in window if d.get("ratings"))
    if not today_day.get("ratings"):
        out.append(Action("tracking", f"Rate focus, energy, mood and motivation tonight (1-10): rated {rated} of the "
                          "last 7 days; insights need 21 rated days", {"rated_days_7d": rated}))
    food = sum(1 for d in window if has_food(d))
    if not has_food(today_day):
        out.append(Action("tracking", f"Log today's meals: {food} of the last 7 days logged", {"food_days_7d": food}))
    if not today_day.get("sleep"):
        nights = sum(1 for d in window if d.get("sleep"))
        out.append(Action("tracking", f"Log last night's sleep: {nights} of the last 7 nights logged",
                          {"nights_logged_7d": nights}))
    return out


def maintenance_actions(by_date: Mapping[dt.date, Mapping[str, Any]], today: dt.date) -> list[Action]:
    """Keep-going actions when a lever is on track (used only to reach three actions)."""
    out: list[Action] = []
    today_day = by_date.get(today, {})
    if not _sessions(today_day):
        week = [s for i in range(1, WINDOW_DAYS + 1) for s in _sessions(by_date.get(today - dt.timedelta(days=i), {}))]
        hard = sum(1 for s in week if s.get("intensity") in HARD_CLASSES)
        out.append(Action("exercise", f"30 min moderate activity today (brisk walk or easy cycle): {hard} hard "
                          "session(s) in the last 7 days, keep a mix", {"hard_sessions_7d": hard}))
    nights = [(d, sp) for i in range(WINDOW_DAYS)
              if (sp := _night(by_date.get(d := today - dt.timedelta(days=i), {})))]
    if len(nights) >= 3:
        beds = [_clock_h(a, d) for d, (a, _) in nights]
        avg = float(np.mean([(b - a).total_seconds() / 3600 for _, (a, b) in nights]))
        out.append(Action("sleep", f"Keep lights out around {_fmt_clock(statistics.median(beds))}: {avg:.1f} h "
                          f"average over {len(nights)} nights", {"avg_sleep_h": round(avg, 2),
                                                                  "nights_logged": len(nights)}))
    return out


def daily_plan(days: Sequence[Mapping[str, Any]], today: dt.date,
               gap_foods: Mapping[str, Sequence[Any]]) -> list[Action]:
    """Three to six actions for ``today`` from the day dicts (the two weeks up to today) and gap foods per
    nutrient key (``Journal.gap_foods``: objects or dicts with ndb_no, description, portion, portion_g,
    per_portion, per_portion_pct). Order: exercise, sleep, stress, food, supplement; then logging and
    keep-going actions until there are three (fewer only when nothing at all is logged or left to do)."""
    by_date = _by_date(days)
    actions: list[Action] = []
    for make in (exercise_action, sleep_action, stress_action):
        a = make(by_date, today)
        if a is not None:
            actions.append(a)
    actions.extend(food_actions(by_date, today, gap_foods))
    supp = supplement_action(by_date, today)
    if supp is not None:
        actions.append(supp)
    levers = {a.lever for a in actions}
    for extra in (*tracking_actions(by_date, today), *maintenance_actions(by_date, today)):
        if len(actions) >= MIN_ACTIONS:
            break
        if extra.lever not in levers or extra.lever == "tracking":
            actions.append(extra)
            levers.add(extra.lever)
    return actions[:MAX_ACTIONS]
