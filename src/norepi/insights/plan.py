"""Today's plan: three to six concrete actions, each traced to its lever, the rule that made it and the measured
reason.

Pure: ``daily_plan(days, today, gap_foods)`` reads typed days (``DaySummary``, the ``PLAN_HISTORY_DAYS`` up to and
including ``today``) and the gap foods per nutrient key (``nutrition.gap_foods.GapFood``, for the keys
``gap_nutrients`` names); the caller only fetches and renders.

Advice fits what is known: a rule speaks only from what was logged (no "no vigorous session in 13 days" when no
exercise was ever logged, no HIIT for someone whose log shows no vigorous session), and a journal with almost
nothing logged gets "log a few days first".

Safety rules: no food or supplement advice that would go above an upper limit (UL); no HIIT the day after two
hard sessions, after a night under 5 h asleep, or on a day the person's own recovery markers are well below
their usual range (``recovery_markers``); supplements only with their UL and interaction warnings; nothing the
person already did today is suggested again.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from norepi.days.summary import DaySummary
from norepi.insights.associations import MIN_PAIRED_DAYS
from norepi.insights.series import COFACTORS, PRECURSOR, PSS10_VALID_DAYS, night_asleep_h
from norepi.lifestyle.ratings import DEFAULT_SCALES, RatingScale
from norepi.lifestyle.sleep import SleepPeriod, midpoint_h, sleep_regularity
from norepi.nutrition.analysis import SUPPLEMENT_ONLY_UL as ANALYSIS_UL_EXEMPT
from norepi.nutrition.gap_foods import GapFood
from norepi.nutrition.nutrients import BY_KEY
from norepi.vocab import HARD_CLASSES, VIGOROUS_CLASSES, ActivityClass, ObservationKind, PracticeKind

PLAN_HISTORY_DAYS = 60  # days up to and including today the plan reads (the recovery baseline needs 60)
MIN_ACTIONS, MAX_ACTIONS = 3, 6
WINDOW_DAYS = 7
MIN_KNOWN_DAYS = 3  # days of the last 7 with anything logged before the plan suggests more than logging
FOOD_GAP_PCT = 90.0  # 7-day mean coverage below this -> a food action
SUPPLEMENT_GAP_PCT = 50.0  # below this (and food alone unlikely to close it) -> a supplement note
MIN_FOOD_DAYS = 3  # logged food days in the window before the 7-day coverage is used
MAX_GAP_NUTRIENTS = 3
VIGOROUS_GAP_DAYS = 3  # days without vigorous/HIIT before HIIT is suggested
RESISTANCE_GAP_DAYS = 4
SHORT_NIGHT_H = 5.0  # hours asleep
SRI_TARGET = 80.0  # SRI below this is irregular (Phillips 2017: ~80 is typical of regular sleepers)
DRIFT_LIMIT_H = 0.5
SHORT_SLEEP_H = 7.0  # adults: 7 h or more a night (Watson NF et al. Sleep 2015;38:843, AASM/SRS consensus)
SLEEP_OPPORTUNITY_H = 8.0  # time in bed for ~7 h asleep at a typical sleep efficiency of ~85-90 %
PSS10_ACT = 14  # "moderate" band starts at 14
# Recovery markers (``recovery_markers``): today's value is "well below usual" when it is worse than the mean of the
# person's previous RECOVERY_BASELINE_DAYS days by more than one SD, the rule of HRV-guided training (Kiviniemi AM
# et al. Eur J Appl Physiol 2007;101:743, doi 10.1007/s00421-007-0552-2: below "10-day mean - SD" -> low intensity
# or rest), with RMSSD on its log scale (Plews DJ et al. Sports Med 2013;43:773, doi 10.1007/s40279-013-0071-8).
# Resting heart rate counts when it is more than one SD above its mean (a raised morning HR marks incomplete
# recovery: Buchheit M. Front Physiol 2014;5:73), and the device's own recovery/readiness score when it is more
# than one SD below its mean, the same rule (norepi's choice).
RECOVERY_BASELINE_DAYS = 60
RECOVERY_MIN_DAYS = 10  # Kiviniemi 2007 used a 10-day reference
RECOVERY_SD = 1.0
RECOVERY_KINDS: tuple[ObservationKind, ...] = (ObservationKind.HRV_RMSSD_MS, ObservationKind.RESTING_HR_BPM,
                                              ObservationKind.RECOVERY_SCORE_PCT, ObservationKind.READINESS_SCORE)
FOOD_UL_EXEMPT = ANALYSIS_UL_EXEMPT | {"folate_dfe_ug"}  # magnesium: supplements only; folate: folic acid only


class ActionLever(StrEnum):
    """The lever an action pulls."""

    EXERCISE = "exercise"
    SLEEP = "sleep"
    STRESS = "stress"
    FOOD = "food"
    SUPPLEMENT = "supplement"
    TRACKING = "tracking"


ReasonValue = float | int | str | bool | None


@dataclass(frozen=True)
class Action:
    """One concrete action: the lever it pulls, the rule that made it (a stable name, docs/insights.md lists them
    with their ``reasons`` keys), the sentence, and the measured numbers behind it (units in the keys)."""

    lever: ActionLever
    rule: str
    text: str
    reasons: Mapping[str, ReasonValue]


@dataclass(frozen=True)
class SupplementFacts:
    """Tolerable upper intake (adults, NIH ODS / IOM DRI; 0 = none set), what it applies to, and the warnings."""

    ul: float
    ul_note: str
    warning: str


SUPPLEMENTS: dict[str, SupplementFacts] = {
    "magnesium_mg": SupplementFacts(350.0, "from supplements", "can cause diarrhoea; separate by 2 h from "
                                    "tetracycline/quinolone antibiotics and bisphosphonates; ask first with kidney "
                                    "disease"),
    "iron_mg": SupplementFacts(45.0, "food + supplements", "only after a blood test (ferritin): excess iron harms; "
                               "take 4 h apart from levothyroxine, levodopa and antacids"),
    "vitamin_b6_mg": SupplementFacts(100.0, "food + supplements", "long use above the UL causes nerve damage; "
                                     "interacts with levodopa (without carbidopa)"),
    "copper_mg": SupplementFacts(10.0, "food + supplements", "high zinc supplements lower copper; do not supplement "
                                 "with Wilson's disease"),
    "vitamin_c_mg": SupplementFacts(2000.0, "food + supplements", "above the UL: diarrhoea; raises iron absorption "
                                    "(caution with haemochromatosis)"),
    "folate_dfe_ug": SupplementFacts(1000.0, "folic acid from supplements/fortified foods", "can mask vitamin B12 "
                                     "deficiency; interacts with methotrexate and some antiepileptics"),
    "phe_tyr_mg": SupplementFacts(0.0, "no UL set", "do not take tyrosine or phenylalanine with MAO inhibitors "
                                  "(hypertensive crisis), levodopa or thyroid hormone; not with phenylketonuria; food "
                                  "sources are preferred"),
}
PRACTICE_TEXT: dict[PracticeKind, str] = {
    PracticeKind.SLOW_BREATHING: "10 minutes slow breathing (about 6 breaths a minute) after work",
    PracticeKind.MEDITATION: "10 minutes seated meditation this evening",
    PracticeKind.NATURE: "20 minutes walking outdoors in a park or green space",
}


def _label(key: str) -> str:
    label = BY_KEY[key].label
    return label[0].lower() + label[1:]


class _Days:
    """The days by date, and the questions every rule asks of them."""

    def __init__(self, days: Sequence[DaySummary], today: dt.date) -> None:
        self.by_date = {d.date: d for d in days if d.date <= today}
        self.today = today

    def get(self, date: dt.date) -> DaySummary | None:
        return self.by_date.get(date)

    def back(self, n: int, include_today: bool) -> list[DaySummary]:
        """The days present among the ``n`` days before today (and today), oldest first."""
        end = self.today if include_today else self.today - dt.timedelta(days=1)
        dates = [end - dt.timedelta(days=i) for i in range(n - 1, -1, -1)]
        return [self.by_date[d] for d in dates if d in self.by_date]

    @property
    def today_day(self) -> DaySummary | None:
        return self.by_date.get(self.today)


def _anything(d: DaySummary) -> bool:
    return bool(d.food is not None or d.exercise or d.sleep or d.practices or d.ratings or d.observations
                or (d.stress is not None and d.stress.events))


# ---- food -----------------------------------------------------------------------------------------------

def nutrient_coverage_7d(days: Sequence[DaySummary], today: dt.date) -> tuple[dict[str, float], int]:
    """Mean % of target over the logged food days of the 7 days before today, and how many days were logged."""
    return _coverage(_Days(days, today))


def _coverage(ds: _Days) -> tuple[dict[str, float], int]:
    food_days = [d.food for d in ds.back(WINDOW_DAYS, include_today=False) if d.food is not None]
    out: dict[str, float] = {}
    for key in (PRECURSOR, *COFACTORS):
        vals = [v for f in food_days if (v := f.coverage_pct[key] if key in f.coverage_pct else None) is not None]
        if vals:
            out[key] = statistics.fmean(vals)
    return out, len(food_days)


def _over_ul_recently(ds: _Days) -> set[str]:
    return {o.key for d in ds.back(WINDOW_DAYS, include_today=True) if d.food is not None for o in d.food.over_ul}


def _gaps(ds: _Days) -> tuple[list[str], dict[str, float], int]:
    coverage, n_days = _coverage(ds)
    if n_days < MIN_FOOD_DAYS:
        return [], coverage, n_days
    today = ds.today_day
    today_cov = today.food.coverage_pct if today is not None and today.food is not None else {}
    recent_over = _over_ul_recently(ds)
    at_target = {k for k, v in today_cov.items() if v is not None and v >= 100.0}
    gaps = sorted((k for k, v in coverage.items() if v < FOOD_GAP_PCT and k not in recent_over | at_target),
                  key=lambda k: coverage[k])
    return gaps, coverage, n_days


def gap_nutrients(days: Sequence[DaySummary], today: dt.date, limit: int = MAX_GAP_NUTRIENTS) -> list[str]:
    """The nutrient keys (worst first, at most ``limit``) the plan wants gap foods for: under 90 % of target over
    the logged food days (>= 3) of the last 7, not over an upper limit this week, not at target today."""
    return _gaps(_Days(days, today))[0][:limit]


def food_actions(days: Sequence[DaySummary], today: dt.date, gap_foods: Mapping[str, Sequence[GapFood]],
                 limit: int = 2) -> list[Action]:
    """Up to ``limit`` foods for the nutrients furthest below target over 7 days; a food that helps two gaps is
    preferred and cites both, then one whose portion gives at most twice the gap, then the given order. Skips
    nutrients already at target today, foods already eaten today, and any portion that would take today's
    intake above the UL (where the UL applies to food)."""
    return _food_actions(_Days(days, today), gap_foods, limit)


def _food_actions(ds: _Days, gap_foods: Mapping[str, Sequence[GapFood]], limit: int = 2) -> list[Action]:
    gaps, coverage, n_days = _gaps(ds)
    if not gaps:
        return []
    today = ds.today_day
    today_food = today.food if today is not None else None
    eaten = {item.food_id for item in today_food.items} if today_food is not None else set()
    targets = today.targets if today is not None else next(
        (d.targets for d in sorted(ds.by_date.values(), key=lambda d: d.date, reverse=True)), {})
    actions: list[Action] = []
    used: set[str] = set()
    for key in gaps:
        if len(actions) >= limit or key in used:
            continue
        best: tuple[tuple[int, int, int], GapFood, list[str]] | None = None
        gap_pct = 100.0 - coverage[key]
        ul = targets[key].ul if key in targets else None
        so_far = today_food.totals[key] if today_food is not None and key in today_food.totals else 0.0
        for rank, food in enumerate(gap_foods[key] if key in gap_foods else ()):
            if food.ndb_no in eaten:
                continue
            if ul is not None and key not in FOOD_UL_EXEMPT and so_far + food.per_portion > ul:
                continue
            helps = [k for k in gaps if k != key and k not in used
                     and any(f.ndb_no == food.ndb_no for f in (gap_foods[k] if k in gap_foods else ()))]
            # more gaps helped first, then a portion that does not overshoot the gap more than twice, then the
            # given ranking
            score = (-len(helps), int(food.per_portion_pct > 2.0 * gap_pct), rank)
            if best is None or score < best[0]:
                best = (score, food, helps)
        if best is None:
            continue
        _, food, helps = best
        cited = [key, *helps]
        used.update(cited)
        reason_text = "; ".join(f"{_label(k)} at {coverage[k]:.0f}% of target over 7 days" for k in cited)
        portion = food.portion or f"{food.portion_g:.0f} g"
        amount = f"{portion} ({food.portion_g:.0f} g)" if food.portion else portion
        reasons: dict[str, ReasonValue] = {f"{k}_coverage_7d_pct": round(coverage[k], 1) for k in cited}
        reasons.update({"food_days_logged_7d": n_days, "ndb_no": food.ndb_no,
                        f"{key}_per_portion": round(food.per_portion, 2),
                        f"{key}_per_portion_pct": round(food.per_portion_pct, 1)})
        actions.append(Action(ActionLever.FOOD, "gap_food", f"Eat {amount} {food.description} ({reason_text})",
                              reasons))
    return actions


def _supplement_action(ds: _Days) -> Action | None:
    coverage, n_days = _coverage(ds)
    if n_days < MIN_FOOD_DAYS:
        return None
    recent_over = _over_ul_recently(ds)
    low = sorted((k for k, v in coverage.items() if v < SUPPLEMENT_GAP_PCT and k not in recent_over),
                 key=lambda k: coverage[k])
    if not low:
        return None
    key = low[0]
    facts = SUPPLEMENTS[key]
    ul_text = f"upper limit {facts.ul:g} {BY_KEY[key].unit}/day ({facts.ul_note})" if facts.ul else facts.ul_note
    text = (f"Food first for {_label(key)} ({coverage[key]:.0f}% of target over 7 days); if you consider a "
            f"supplement, stay under the {ul_text} and mind: {facts.warning}. Ask your doctor or pharmacist.")
    return Action(ActionLever.SUPPLEMENT, "food_first", text, {
        f"{key}_coverage_7d_pct": round(coverage[key], 1), f"{key}_ul": facts.ul or None, "warning": facts.warning})


# ---- recovery markers -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecoveryMarker:
    """Today's value of one recovery marker against the person's usual range: the mean and SD of the previous
    ``RECOVERY_BASELINE_DAYS`` days (``n_days`` values; RMSSD on its log scale, shown back in ms), the
    ``threshold`` past which today counts as well below usual, and whether it is."""

    kind: ObservationKind
    today: float
    usual_mean: float
    usual_sd: float
    n_days: int
    threshold: float
    well_below_usual: bool

    @property
    def text(self) -> str:
        """ "heart rate variability (RMSSD) 32 ms this morning, under 38 ms (your usual 45 ms minus 1 SD)"."""
        unit = self.kind.unit
        worse = "over" if self.kind is ObservationKind.RESTING_HR_BPM else "under"
        sign = "plus" if self.kind is ObservationKind.RESTING_HR_BPM else "minus"
        return (f"{self.kind.display} {self.today:.0f} {unit} today, {worse} {self.threshold:.0f} {unit} (your "
                f"usual {self.usual_mean:.0f} {unit} {sign} {RECOVERY_SD:g} SD, {self.n_days} days)")


def recovery_markers(days: Sequence[DaySummary], today: dt.date) -> list[RecoveryMarker]:
    """Today's recovery markers (HRV RMSSD, resting heart rate, the device's recovery and readiness scores), each
    against the person's own previous 60 days (at least 10 values); a marker not observed today is left out."""
    return _recovery(_Days(days, today))


def _recovery(ds: _Days) -> list[RecoveryMarker]:
    today = ds.today_day
    if today is None:
        return []
    history = ds.back(RECOVERY_BASELINE_DAYS, include_today=False)
    out = []
    for kind in RECOVERY_KINDS:
        now = today.observation(kind)
        values = [v for d in history if (v := d.observation(kind)) is not None]
        if now is None or len(values) < RECOVERY_MIN_DAYS:
            continue
        log = kind is ObservationKind.HRV_RMSSD_MS
        xs = [math.log(v) for v in values] if log else values
        mean, sd = statistics.fmean(xs), statistics.stdev(xs)
        if kind is ObservationKind.RESTING_HR_BPM:
            threshold = mean + RECOVERY_SD * sd
            low = now > threshold
        else:
            threshold = mean - RECOVERY_SD * sd
            low = (math.log(now) if log else now) < threshold
        if log:
            out.append(RecoveryMarker(kind, now, math.exp(mean), math.exp(mean) * sd, len(values),
                                      math.exp(threshold), low))
        else:
            out.append(RecoveryMarker(kind, now, mean, sd, len(values), threshold, low))
    return out


# ---- exercise -----------------------------------------------------------------------------------------

def _exercise_action(ds: _Days) -> Action | None:
    today = ds.today_day
    if today is not None and any(s.activity_class in HARD_CLASSES for s in today.exercise):
        return None
    history = ds.back(PLAN_HISTORY_DAYS, include_today=False)
    logged = [d for d in history if d.exercise]
    if not logged:
        return None  # nothing known about this person's exercise: the tracking action asks for it

    def days_since(classes: frozenset[ActivityClass]) -> int | None:
        hits = [d.date for d in logged if any(s.activity_class in classes for s in d.exercise)]
        return (ds.today - max(hits)).days if hits else None

    log_days = (ds.today - logged[0].date).days
    hard_recent = sum(1 for d in ds.back(2, include_today=False) for s in d.exercise
                      if s.activity_class in HARD_CLASSES)
    night_h = night_asleep_h(today) if today is not None else float("nan")
    since_vig = days_since(VIGOROUS_CLASSES)
    since_res = days_since(frozenset({ActivityClass.RESISTANCE}))
    markers = _recovery(ds)
    low = [m for m in markers if m.well_below_usual]
    reasons: dict[str, ReasonValue] = {
        "days_since_vigorous": since_vig, "days_since_resistance": since_res, "exercise_log_days": log_days,
        "hard_sessions_last_2_days": hard_recent,
        "last_night_asleep_h": None if math.isnan(night_h) else round(night_h, 1),
        "recovery_markers_low": len(low), "recovery_markers_today": len(markers)}
    for m in markers:
        reasons[f"{m.kind.value}_today"] = round(m.today, 1)
        reasons[f"{m.kind.value}_threshold"] = round(m.threshold, 1)
    ex = ActionLever.EXERCISE
    if low:
        why = "; ".join(m.text for m in low)
        return Action(ex, "easy_low_recovery", f"Easy day: 20-30 min walk or mobility, no HIIT ({why}: below your "
                      "usual range)", reasons)
    if hard_recent >= 2:
        return Action(ex, "easy_after_hard", f"Easy day: 30 min brisk walk or mobility, no HIIT ({hard_recent} hard "
                      "sessions in the last 2 days; recovery lets the next hard session count)", reasons)
    if not math.isnan(night_h) and night_h < SHORT_NIGHT_H:
        return Action(ex, "easy_short_night", f"Easy 20-30 min walk today, no HIIT (last night {night_h:.1f} h "
                      f"asleep, under {SHORT_NIGHT_H:g} h)", reasons)
    if since_vig is not None and since_vig >= VIGOROUS_GAP_DAYS:
        return Action(ex, "hiit", "HIIT 4x4 min today (4 min hard at ~90% of your maximum heart rate, 3 min easy): "
                      f"no vigorous session in {since_vig} days", reasons)
    if since_vig is None:
        return Action(ex, "moderate", "30-40 min moderate activity today (brisk walk or easy cycle), with a few "
                      f"1-minute faster stretches if they feel good: your exercise log of {log_days} days shows no "
                      "vigorous session yet", reasons)
    if since_res is None or since_res >= RESISTANCE_GAP_DAYS:
        why = (f"no resistance session in {since_res} days" if since_res is not None
               else f"no resistance session in your exercise log of {log_days} days")
        return Action(ex, "resistance", "Resistance training today: 3 sets of 8-12 reps of squats, push-ups and rows "
                      f"({why})", reasons)
    return None


# ---- sleep ------------------------------------------------------------------------------------------------

def _clock_h(t: dt.datetime, p: SleepPeriod) -> float:
    """Hours of ``t`` on the wake time's clock relative to midnight starting the wake date (23:30 -> -0.5)."""
    local = t.astimezone(p.wake.tzinfo).replace(tzinfo=None)
    return (local - dt.datetime.combine(p.night_of, dt.time())).total_seconds() / 3600.0


def _fmt_clock(h: float) -> str:
    minutes = round(h * 60 / 15) * 15 % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _nights(ds: _Days) -> list[SleepPeriod]:
    return [p for d in ds.back(WINDOW_DAYS, include_today=True) if (p := d.main_sleep) is not None]


def _sleep_action(ds: _Days) -> Action | None:
    nights = _nights(ds)
    if len(nights) < 3:
        return None
    mids = [midpoint_h(p) for p in nights]
    asleep = [night_asleep_h(ds.by_date[p.night_of]) for p in nights]
    beds = [_clock_h(p.bed, p) for p in nights]
    wakes = [_clock_h(p.wake, p) for p in nights]
    drift = statistics.fmean(mids[-3:]) - statistics.fmean(mids[:-3]) if len(mids) >= 5 else 0.0
    periods = [p for d in ds.back(WINDOW_DAYS + 1, include_today=True) for p in d.sleep]
    sri = sleep_regularity(periods, ds.today - dt.timedelta(days=WINDOW_DAYS - 1))
    avg_h = statistics.fmean(asleep)
    irregular = (sri is not None and sri < SRI_TARGET) or abs(drift) > DRIFT_LIMIT_H
    short = avg_h < SHORT_SLEEP_H
    if not (irregular or short):
        return None
    bed = min(statistics.median(wakes) - SLEEP_OPPORTUNITY_H, statistics.median(beds))
    parts = []
    if sri is not None and sri < SRI_TARGET:
        parts.append(f"sleep regularity index {sri:.0f} this week (regular sleepers are around {SRI_TARGET:.0f})")
    if abs(drift) > DRIFT_LIMIT_H:
        parts.append(f"the middle of your sleep moved {drift:+.1f} h over the last 3 nights")
    if short:
        parts.append(f"{avg_h:.1f} h asleep on average over {len(nights)} nights")
    reasons: dict[str, ReasonValue] = {
        "sri_7d": None if sri is None else round(sri, 1), "midpoint_drift_h": round(drift, 2),
        "avg_asleep_h": round(avg_h, 2), "nights_logged": len(nights),
        "median_wake": _fmt_clock(statistics.median(wakes))}
    return Action(ActionLever.SLEEP, "bedtime", f"Lights out by {_fmt_clock(bed)} tonight: {', '.join(parts)}",
                  reasons)


# ---- stress -----------------------------------------------------------------------------------------------

def _stress_action(ds: _Days) -> Action | None:
    day = ds.today_day
    if day is None and ds.by_date:
        day = ds.by_date[max(ds.by_date)]
    if day is None:
        return None
    pss = day.stress.pss10 if day.stress is not None else None
    if pss is not None and not 0 <= (ds.today - pss.taken_on).days <= PSS10_VALID_DAYS:
        pss = None  # it asks about the last month
    events = [e for e in (ds.today_day.stress.events if ds.today_day is not None and ds.today_day.stress else ())
              if e.intensity >= 6]
    if (pss is None or pss.total < PSS10_ACT) and not events:
        return None
    done = {p.kind for p in ds.today_day.practices} if ds.today_day is not None else set()
    kind = next((k for k in (PracticeKind.SLOW_BREATHING, PracticeKind.MEDITATION, PracticeKind.NATURE)
                 if k not in done), None)
    if kind is None:
        return None
    reasons: dict[str, ReasonValue] = {
        "pss10": pss.total if pss else None, "pss10_band": pss.band if pss else None,
        "pss10_date": pss.taken_on.isoformat() if pss else None, "stress_events_today": len(events),
        "practices_done_today": ", ".join(sorted(k.value for k in done))}
    why = []
    if pss is not None and pss.total >= PSS10_ACT:
        why.append(f"PSS-10 = {pss.total} ({pss.band})")
    if events:
        why.append(f"stress event today, intensity {max(e.intensity for e in events)}")
    text = PRACTICE_TEXT[kind]
    return Action(ActionLever.STRESS, "practice", f"{text[0].upper()}{text[1:]}: {'; '.join(why)}", reasons)


# ---- tracking and keep-going ------------------------------------------------------------------------------

def _scale_text(scales: Sequence[RatingScale]) -> str:
    parts = [f"{s.label} ({s.range_text})" for s in scales]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _tracking_actions(ds: _Days, scales: Sequence[RatingScale]) -> list[Action]:
    """Logging actions with their counts, "log a few days first" leading in a journal that knows almost nothing."""
    window = ds.back(WINDOW_DAYS, include_today=False)
    history = ds.back(PLAN_HISTORY_DAYS, include_today=True)
    today = ds.today_day
    tr = ActionLever.TRACKING
    out: list[Action] = []
    known = sum(1 for d in ds.back(WINDOW_DAYS, include_today=True) if _anything(d))
    if known < MIN_KNOWN_DAYS:
        out.append(Action(tr, "log_first", "Log a few days first: what you eat, how you slept, your exercise and a "
                          f"rating of your day ({known} of the last {WINDOW_DAYS} days have anything logged; "
                          f"suggestions start once {MIN_KNOWN_DAYS} have)", {"days_logged_7d": known,
                                                                         "days_needed": MIN_KNOWN_DAYS}))
    rated_total = sum(1 for d in history if d.ratings)
    if today is None or not today.ratings:
        rated = sum(1 for d in window if d.ratings)
        more = max(0, MIN_PAIRED_DAYS - rated_total)
        need = (f"insights need {more} more rated days" if more else "enough rated days for insights")
        out.append(Action(tr, "rate_day", f"Rate {_scale_text(scales)} tonight: rated {rated} of the last "
                          f"{WINDOW_DAYS} days; {need}", {"rated_days_7d": rated, "rated_days": rated_total,
                                                          "rated_days_needed": more}))
    if today is None or today.food is None:
        food = sum(1 for d in window if d.food is not None)
        out.append(Action(tr, "log_meals", f"Log today's meals: {food} of the last {WINDOW_DAYS} days logged",
                          {"food_days_7d": food}))
    if today is None or not today.sleep:
        nights = sum(1 for d in window if d.sleep)
        out.append(Action(tr, "log_sleep", f"Log last night's sleep: {nights} of the last {WINDOW_DAYS} nights "
                          "logged", {"nights_logged_7d": nights}))
    if not any(d.exercise for d in history):
        since = "so far" if not any(_anything(d) for d in history) else f"in the last {len(history)} days"
        out.append(Action(tr, "log_exercise", f"Log your exercise, a walk included: none logged {since}, so no "
                          "intensity is suggested yet", {"exercise_days": 0}))
    return out


def _keep_going_actions(ds: _Days) -> list[Action]:
    """Keep-going actions for a lever on track, from what is logged (used only to reach three actions)."""
    out: list[Action] = []
    today = ds.today_day
    week = ds.back(WINDOW_DAYS, include_today=False)
    if any(d.exercise for d in ds.back(PLAN_HISTORY_DAYS, include_today=False)) and not (today and today.exercise):
        hard = sum(1 for d in week for s in d.exercise if s.activity_class in HARD_CLASSES)
        out.append(Action(ActionLever.EXERCISE, "keep_moving", "30 min moderate activity today (brisk walk or easy "
                          f"cycle): {hard} hard session(s) in the last {WINDOW_DAYS} days, keep a mix",
                          {"hard_sessions_7d": hard}))
    nights = _nights(ds)
    if len(nights) >= 3:
        beds = [_clock_h(p.bed, p) for p in nights]
        avg = statistics.fmean(night_asleep_h(ds.by_date[p.night_of]) for p in nights)
        out.append(Action(ActionLever.SLEEP, "keep_bedtime", f"Keep lights out around "
                          f"{_fmt_clock(statistics.median(beds))}: {avg:.1f} h asleep on average over {len(nights)} "
                          "nights", {"avg_asleep_h": round(avg, 2), "nights_logged": len(nights)}))
    return out


def _scales(ds: _Days, given: Mapping[str, RatingScale] | None) -> list[RatingScale]:
    if given:
        return list(given.values())
    seen: dict[str, RatingScale] = {}
    for d in sorted(ds.by_date.values(), key=lambda d: d.date):
        for name, r in d.ratings.items():
            seen[name] = r.scale
    return list(seen.values()) or list(DEFAULT_SCALES.values())


def daily_plan(days: Sequence[DaySummary], today: dt.date, gap_foods: Mapping[str, Sequence[GapFood]] | None = None,
               *, rating_scales: Mapping[str, RatingScale] | None = None) -> list[Action]:
    """Three to six actions for ``today`` from the typed days (the ``PLAN_HISTORY_DAYS`` up to today) and the gap
    foods per nutrient key (for the keys ``gap_nutrients`` names; none -> no food suggestion). ``rating_scales``
    are the person's ratings (default: those seen in the days, else the four defaults). Order: "log a few days
    first" when almost nothing is logged, then exercise, sleep, stress, food, supplement; then logging and
    keep-going actions until there are three."""
    ds = _Days(days, today)
    tracking = _tracking_actions(ds, _scales(ds, rating_scales))
    actions = [a for a in tracking if a.rule == "log_first"]
    for make in (_exercise_action, _sleep_action, _stress_action):
        a = make(ds)
        if a is not None:
            actions.append(a)
    actions.extend(_food_actions(ds, gap_foods or {}))
    supp = _supplement_action(ds)
    if supp is not None:
        actions.append(supp)
    levers = {a.lever for a in actions}
    for extra in (*[a for a in tracking if a.rule != "log_first"], *_keep_going_actions(ds)):
        if len(actions) >= MIN_ACTIONS:
            break
        if extra.lever not in levers or extra.lever is ActionLever.TRACKING:
            actions.append(extra)
            levers.add(extra.lever)
    return actions[:MAX_ACTIONS]
