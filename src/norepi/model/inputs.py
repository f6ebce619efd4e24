"""Typed days (``DaySummary``) -> the model's per-minute input series; what the model assumes where nothing was
logged; the scenario builders of what-if. Pure functions: no database, no printing.

Documented defaults and assumptions:

* **food**: a day with ``food is None`` (nothing logged: intake unknown, never zero) gets the person's *usual
  intake*, the median of their logged days in the range (each amount separately), and is marked assumed; when no
  day in the range has food, the reference diet (80 g protein, cofactors at 100 % of the day's targets) is used
  and marked assumed. Timed servings are eaten over ``meal_minutes`` at their time; untimed servings and assumed
  intake are split 25/35/40 % over 07:30, 12:30 and 19:00. A serving without Phe/Tyr values uses its protein x
  ``phe_tyr_g_per_g_protein`` (Phe share ``phe_share``); one with neither adds nothing (its day is a lower bound).
* **sleep**: a day whose night (a non-nap period ending that day) was not recorded gets the person's *usual
  night* (median bed and wake clock times of the recorded nights; 23:00-07:00 when none was recorded) and is marked
  assumed. The evening after the last day uses the usual bedtime. Time in bed but not asleep counts as lying awake;
  a period with a measured time asleep and no stages is taken as awake first, asleep for the measured time up to
  the wake time.
* **exercise**: the sessions logged (none = no exercise); intensity is the fraction of VO2max minute by minute from
  ``lifestyle.exercise`` (``vo2max_fractions``: heart rate, RPE or METs with fitness from HRmax and resting HR).
  Exercising minutes are awake and upright.
* **stress**: the day's PSS-10 (the latest taken on or before it); the population mean ``pss_ref`` when none was
  ever taken (stated in the notes). Acute events last ``stress_event_min``.
* **awake, not exercising, not in bed**: upright ``awake_upright_default`` of the time.
* **circadian phase**: cosine peaking at ``circadian_peak_h``, held constant within each clock hour.
* **dates**: the range from the first to the last day; a date missing in between counts as a day with nothing
  logged.

Every record is placed on its own wall clock (its local time), as ``lifestyle.sleep.asleep_grid`` does.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from norepi.days.summary import DaySummary, StressDay
from norepi.errors import DataMissing, InputError
from norepi.lifestyle.exercise import ExerciseSession, HeartProfile, SessionFacts, session_facts, vo2max_fractions
from norepi.lifestyle.sleep import SleepPeriod
from norepi.lifestyle.stress import Practice, Pss10Result
from norepi.model.core import MIN_PER_DAY, N_IN, U
from norepi.model.parameters import PHE_G_PER_MOL, TYR_G_PER_MOL, Parameters
from norepi.nutrition.analysis import FoodDay, FoodItem, analyze_food
from norepi.nutrition.nutrients import KEYS
from norepi.nutrition.targets import Target, targets_for
from norepi.profile import Profile
from norepi.vocab import PracticeKind

DEFAULT_BED = dt.time(23, 0)
DEFAULT_WAKE = dt.time(7, 0)
DEFAULT_MEALS: tuple[tuple[dt.time, float], ...] = (
    (dt.time(7, 30), 0.25),
    (dt.time(12, 30), 0.35),
    (dt.time(19, 0), 0.40),
)
REFERENCE_PROTEIN_G = 80.0
MAX_DAYS = 3660
REFERENCE_PROFILE = Profile(sex="male", age_years=30, weight_kg=70.0, height_cm=175.0)
COFACTOR_KEYS: dict[U, str] = {U.CU_RDA: "copper_mg", U.B6_RDA: "vitamin_b6_mg", U.FOLATE_RDA: "folate_dfe_ug"}
UTC = dt.UTC
INPUT_BOUNDS: dict[U, tuple[float, float]] = {
    U.PHE_IN: (0.0, 1e5),
    U.TYR_IN: (0.0, 1e5),
    U.VO2: (0.0, 1.2),
    U.ASLEEP: (0.0, 1.0),
    U.UPRIGHT: (0.0, 1.0),
    U.CIRCADIAN: (-1.0, 1.0),
    U.STRESS: (0.0, 10.0),
    U.PRACTICE: (0.0, 1.0),
    U.PSS10: (0.0, 40.0),
    U.VITC_MG: (0.0, 1e5),
    U.CU_RDA: (0.0, 1e3),
    U.B6_RDA: (0.0, 1e3),
    U.FOLATE_RDA: (0.0, 1e3),
    U.NE_INFUSION: (0.0, 1e4),
}


class NothingLogged(DataMissing):
    """No day of the range has anything the model reads; ``what_to_log`` names what would let it run."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last
        self.what_to_log = ("food", "sleep", "exercise")
        super().__init__(
            f"nothing logged from {first} to {last}: the model needs at least one day with food, sleep or exercise "
            "logged, and shows no numbers without them"
        )


@dataclass(frozen=True)
class Assumption:
    """A part of a day the model did not have and filled in: ``part`` ("food" or "sleep") and why, in words."""

    part: str
    reason: str


@dataclass
class ModelInputs:
    """Per-minute inputs: ``u[i, U.X]`` is input X during minute i after ``start`` (naive local midnight of the
    first day). ``assumed[d]`` lists what was filled in on day d; ``baseline`` is the 1440-minute usual day whose
    periodic steady state starts the run (None for protocols that give their own start)."""

    start: dt.datetime
    u: np.ndarray
    dates: tuple[dt.date, ...] = ()
    assumed: tuple[tuple[Assumption, ...], ...] = ()
    notes: tuple[str, ...] = ()
    name: str = "scenario"
    baseline: np.ndarray | None = None

    @property
    def minutes(self) -> int:
        return int(self.u.shape[0])

    def column(self, which: U) -> np.ndarray:
        """Input ``which`` at every minute."""
        return self.u[:, which]

    def head(self, minutes: int) -> ModelInputs:
        """The first ``minutes`` of this series."""
        return replace(self, u=self.u[:minutes].copy())


# ----------------------------------------------------------------------------------------------- food amounts
def _amount(item: FoodItem, key: str) -> float | None:
    v = item.amounts[key] if key in item.amounts else None
    return None if v is None else float(v)


def item_phe_tyr_mg(item: FoodItem, params: Parameters) -> tuple[float, float]:
    """(Phe, Tyr) in mg of a serving: its own values, else the sum split by ``phe_share``, else its protein x
    ``phe_tyr_g_per_g_protein``; (0, 0) when it gives none of them."""
    phe, tyr = _amount(item, "phenylalanine_mg"), _amount(item, "tyrosine_mg")
    if phe is not None and tyr is not None:
        return phe, tyr
    share = params["phe_share"]
    pt = _amount(item, "phe_tyr_mg")
    if pt is None:
        protein = _amount(item, "protein_g")
        if protein is None:
            return (phe or 0.0, tyr or 0.0)
        pt = protein * params["phe_tyr_g_per_g_protein"] * 1000.0
    return pt * share, pt * (1.0 - share)


def _rda(targets: Mapping[str, Target], key: str, day: dt.date) -> float:
    t = targets.get(key)
    if t is None or not t.rda or t.rda <= 0:
        raise InputError(f"{day}: the day's targets have no RDA for {key}", field=f"targets.{key}")
    return float(t.rda)


@dataclass(frozen=True)
class Intake:
    """One day's intake as the model reads it: Phe and Tyr (mg), vitamin C (mg) and the other cofactors as
    fractions of the day's RDA."""

    phe_mg: float
    tyr_mg: float
    vitc_mg: float
    cofactor_rda: Mapping[U, float]


def intake_of(day: DaySummary, params: Parameters) -> Intake:
    """The intake of a day with food logged."""
    if day.food is None:
        raise InputError(f"{day.date}: no food logged", field="food")
    phe = tyr = 0.0
    for item in day.food.items:
        a, b = item_phe_tyr_mg(item, params)
        phe, tyr = phe + a, tyr + b
    totals = day.food.totals
    cof = {k: float(totals[key]) / _rda(day.targets, key, day.date) for k, key in COFACTOR_KEYS.items()}
    return Intake(phe, tyr, float(totals["vitamin_c_mg"]), cof)


def _usual_food_day(intake: Intake, targets: Mapping[str, Target], label: str, day: dt.date) -> FoodDay:
    amounts: dict[str, float | None] = dict.fromkeys(KEYS, 0.0)
    amounts["phenylalanine_mg"] = intake.phe_mg
    amounts["tyrosine_mg"] = intake.tyr_mg
    amounts["phe_tyr_mg"] = intake.phe_mg + intake.tyr_mg
    amounts["vitamin_c_mg"] = intake.vitc_mg
    for k, key in COFACTOR_KEYS.items():
        amounts[key] = intake.cofactor_rda[k] * _rda(targets, key, day)
    item = FoodItem(None, None, "", label, None, "", amounts, source="assumed")
    return analyze_food((item,), targets)


def reference_intake(params: Parameters, vitc_rda_mg: float = 90.0) -> Intake:
    """The reference diet: 80 g protein, cofactors at 100 % of the RDA."""
    pt = REFERENCE_PROTEIN_G * params["phe_tyr_g_per_g_protein"] * 1000.0
    share = params["phe_share"]
    return Intake(pt * share, pt * (1 - share), vitc_rda_mg, dict.fromkeys(COFACTOR_KEYS, 1.0))


# ----------------------------------------------------------------------------------------------- sleep
def _clock_min(t: dt.datetime | dt.time) -> float:
    return t.hour * 60.0 + t.minute + t.second / 60.0


def _median_clock(values: Sequence[float], pivot: float) -> float:
    """Median of clock minutes on a circle cut at ``pivot`` (bedtimes cut at noon, wake times at midnight)."""
    shifted = [(v - pivot) % MIN_PER_DAY for v in values]
    return (statistics.median(shifted) + pivot) % MIN_PER_DAY


@dataclass(frozen=True)
class UsualDay:
    """The person's usual day in the range: intake (None when no food was logged anywhere), bed and wake clock
    times (minutes after midnight), and how many logged days each rests on."""

    intake: Intake | None
    food_days: int
    bed_min: float
    wake_min: float
    nights: int
    tz: dt.tzinfo


def usual_day(days: Sequence[DaySummary], params: Parameters) -> UsualDay:
    """Medians of the logged food days (each amount separately) and of the recorded nights' bed and wake times."""
    intakes = [intake_of(d, params) for d in days if d.food is not None]
    intake = None
    if intakes:
        med = statistics.median
        intake = Intake(
            med(i.phe_mg for i in intakes),
            med(i.tyr_mg for i in intakes),
            med(i.vitc_mg for i in intakes),
            {k: med(i.cofactor_rda[k] for i in intakes) for k in COFACTOR_KEYS},
        )
    nights = [d.main_sleep for d in days if d.main_sleep is not None]
    tz: dt.tzinfo = UTC
    if nights:
        p0 = nights[0]
        tz = p0.wake.tzinfo or UTC
        bed = _median_clock([_clock_min(p.bed.astimezone(p.wake.tzinfo)) for p in nights], 12 * 60)
        wake = _median_clock([_clock_min(p.wake) for p in nights], 0)
    else:
        bed, wake = _clock_min(DEFAULT_BED), _clock_min(DEFAULT_WAKE)
    return UsualDay(intake, len(intakes), bed, wake, len(nights), tz)


def _hhmm(minutes: float) -> str:
    m = int(round(minutes)) % MIN_PER_DAY
    return f"{m // 60:02d}:{m % 60:02d}"


def _night_ending(day: dt.date, usual: UsualDay) -> SleepPeriod:
    wake = dt.datetime.combine(day, dt.time(), usual.tz) + dt.timedelta(minutes=usual.wake_min)
    bed_day = day if usual.bed_min < usual.wake_min else day - dt.timedelta(days=1)
    bed = dt.datetime.combine(bed_day, dt.time(), usual.tz) + dt.timedelta(minutes=usual.bed_min)
    return SleepPeriod(bed, wake, source="assumed")


# ----------------------------------------------------------------------------------------------- preparation
@dataclass(frozen=True)
class PreparedDays:
    """Days made whole for the model: a day per date of the range, food and night filled in where they were not
    logged (``assumed[d]`` says what and why), the usual day, and run-level notes."""

    days: tuple[DaySummary, ...]
    assumed: tuple[tuple[Assumption, ...], ...]
    usual: UsualDay
    notes: tuple[str, ...] = ()
    next_night: SleepPeriod | None = None


def _has_data(d: DaySummary) -> bool:
    stress = d.stress is not None and (
        bool(d.stress.events) or (d.stress.pss10 is not None and d.stress.pss10.taken_on == d.date)
    )
    return d.food is not None or bool(d.sleep) or bool(d.exercise) or bool(d.practices) or stress


def prepare_days(days: Sequence[DaySummary], params: Parameters | None = None) -> PreparedDays:
    """Sort and check the days, fill the dates missing inside the range, fill food and sleep that were not logged
    (see module doc). NothingLogged when no day has food, sleep, exercise, practice or stress logged."""
    params = params or Parameters.default()
    if not days:
        raise InputError("no days given", field="days")
    for i, d in enumerate(days):
        if not isinstance(d, DaySummary):
            raise InputError(f"item {i} is a {type(d).__name__}, not a DaySummary", field="days")
    ordered = sorted(days, key=lambda d: d.date)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.date == b.date:
            raise InputError(f"date {a.date} given twice", field="date")
    first, last = ordered[0].date, ordered[-1].date
    n_days = (last - first).days + 1
    if n_days > MAX_DAYS:
        raise InputError(f"{n_days} days is more than 10 years", field="days")
    if not any(_has_data(d) for d in ordered):
        raise NothingLogged(first, last)
    by_date = {d.date: d for d in ordered}
    full: list[DaySummary] = []
    targets = ordered[0].targets
    for k in range(n_days):
        date = first + dt.timedelta(days=k)
        given = by_date.get(date)
        d = given if given is not None else DaySummary(date=date, targets=targets)
        targets = d.targets
        full.append(d)
    usual = usual_day(full, params)
    notes: list[str] = []
    assumed: list[tuple[Assumption, ...]] = []
    out: list[DaySummary] = []
    for d in full:
        parts: list[Assumption] = []
        food = d.food
        if food is None:
            if usual.intake is not None:
                intake = usual.intake
                reason = f"no food logged: your usual intake (median of {usual.food_days} logged days) was used"
            else:
                intake = reference_intake(params, _rda(d.targets, "vitamin_c_mg", d.date))
                reason = (
                    "no food logged in the whole range: the reference diet (80 g protein, nutrients at 100 % "
                    "of your targets) was used"
                )
            food = _usual_food_day(intake, d.targets, "assumed intake", d.date)
            parts.append(Assumption("food", reason))
        sleep = d.sleep
        if d.main_sleep is None:
            night = _night_ending(d.date, usual)
            sleep = (*sleep, night)
            if usual.nights:
                reason = (
                    f"night not recorded: your usual sleep ({_hhmm(usual.bed_min)}-{_hhmm(usual.wake_min)}, "
                    f"median of {usual.nights} nights) was used"
                )
            else:
                reason = "no sleep recorded in the range: 23:00-07:00 was assumed"
            parts.append(Assumption("sleep", reason))
        out.append(replace(d, food=food, sleep=tuple(sleep)))
        assumed.append(tuple(parts))
    if not any(d.stress is not None and d.stress.pss10 is not None for d in full):
        notes.append(f"no PSS-10 taken: the population mean {params['pss_ref']:g} was assumed for chronic stress")
    n_food = sum(1 for a in assumed if any(x.part == "food" for x in a))
    if n_food:
        notes.append(f"{n_food} of {n_days} days had no food logged; their intake was assumed (marked per day)")
    n_sleep = sum(1 for a in assumed if any(x.part == "sleep" for x in a))
    if n_sleep:
        notes.append(f"{n_sleep} of {n_days} nights were not recorded; their sleep was assumed (marked per day)")
    next_night = _night_ending(last + dt.timedelta(days=1), usual)
    return PreparedDays(tuple(out), tuple(assumed), usual, tuple(notes), next_night)


# ----------------------------------------------------------------------------------------------- the series
def circadian_column(n_minutes: int, start_minute_of_day: int = 0, peak_h: float = 12.0) -> np.ndarray:
    """cos(2 pi (hour + 0.5 - peak)/24) held constant within each clock hour."""
    minute = (np.arange(n_minutes) + start_minute_of_day) % MIN_PER_DAY
    hour = minute // 60
    return np.cos(2.0 * np.pi * (hour + 0.5 - peak_h) / 24.0)


def _minute(t: dt.datetime, origin: dt.datetime) -> int:
    """Minutes from ``origin`` (naive local midnight) to ``t`` on its own wall clock."""
    local = t.replace(tzinfo=None) if t.tzinfo is not None else t
    return int(math.floor((local - origin).total_seconds() / 60.0 + 1e-9))


def _mark(arr: np.ndarray, a: int, b: int, value: float) -> None:
    lo, hi = max(0, a), min(len(arr), b)
    if hi > lo:
        arr[lo:hi] = value


def _sleep_spans(p: SleepPeriod) -> list[tuple[dt.datetime, dt.datetime]]:
    if p.asleep_basis == "measured" and not p.stages:
        assert p.asleep_min is not None
        return [(p.wake - dt.timedelta(minutes=p.asleep_min), p.wake)]
    return p.asleep_spans()


def build_series(
    days: Sequence[DaySummary], params: Parameters, next_night: SleepPeriod | None = None
) -> tuple[np.ndarray, dt.datetime]:
    """The (minutes x inputs) array of consecutive whole days (food and night present; see ``prepare_days``)."""
    first = days[0].date
    origin = dt.datetime.combine(first, dt.time())
    n = len(days) * MIN_PER_DAY
    u = np.zeros((n, N_IN))
    asleep = np.zeros(n, dtype=bool)
    in_bed = np.zeros(n, dtype=bool)
    vo2 = np.zeros(n)
    span = int(round(params["meal_minutes"]))
    ev_min = int(round(params["stress_event_min"]))
    pss_last = params["pss_ref"]
    periods: list[SleepPeriod] = [p for d in days for p in d.sleep]
    if next_night is not None:
        periods.append(next_night)
    for p in periods:
        _mark_bool(in_bed, _minute(p.bed, origin), _minute(p.wake, origin))
        for s, e in _sleep_spans(p):
            _mark_bool(asleep, _minute(s, origin), _minute(e, origin))
    for k, day in enumerate(days):
        base = k * MIN_PER_DAY
        sl = slice(base, base + MIN_PER_DAY)
        # --- food
        if day.food is None:
            raise InputError(f"{day.date}: food missing (prepare the days first)", field="food")
        intake = intake_of(day, params)
        doses: list[tuple[int, float, float]] = []
        untimed_phe = untimed_tyr = 0.0
        for item in day.food.items:
            phe, tyr = item_phe_tyr_mg(item, params)
            if item.time is not None:
                doses.append((base + int(_clock_min(item.time)), phe, tyr))
            else:
                untimed_phe, untimed_tyr = untimed_phe + phe, untimed_tyr + tyr
        if untimed_phe + untimed_tyr > 0:
            for t, frac in DEFAULT_MEALS:
                doses.append((base + int(_clock_min(t)), untimed_phe * frac, untimed_tyr * frac))
        for minute, phe, tyr in doses:
            a, b = max(0, minute), min(n, minute + span)
            if b > a:
                u[a:b, U.PHE_IN] += phe / PHE_G_PER_MOL * 1000.0 / span
                u[a:b, U.TYR_IN] += tyr / TYR_G_PER_MOL * 1000.0 / span
        u[sl, U.VITC_MG] = intake.vitc_mg
        for col, frac in intake.cofactor_rda.items():
            u[sl, col] = frac
        # --- exercise
        for j, x in enumerate(day.exercise):
            if not isinstance(x, SessionFacts):
                raise InputError(f"{day.date}: exercise[{j}] is not a SessionFacts", field=f"exercise[{j}]")
            a = _minute(x.start, origin)
            for q, frac in enumerate(vo2max_fractions(x)):
                i = a + q
                if 0 <= i < n:
                    vo2[i] = max(vo2[i], frac)
        # --- stress
        stress = day.stress
        if stress is not None and stress.pss10 is not None:
            pss_last = float(stress.pss10.total)
        u[sl, U.PSS10] = pss_last
        for ev in stress.events if stress is not None else ():
            a = _minute(ev.at, origin)
            lo, hi = max(0, a), min(n, a + ev_min)
            if hi > lo:
                u[lo:hi, U.STRESS] = np.maximum(u[lo:hi, U.STRESS], float(ev.intensity))
        # --- practices
        for pr in day.practices:
            a = _minute(pr.start, origin)
            _mark(u[:, U.PRACTICE], a, a + int(round(pr.duration_min)), 1.0)
    exercising = vo2 > 0
    asleep &= ~exercising
    in_bed &= ~exercising
    up = params["awake_upright_default"]
    u[:, U.ASLEEP] = asleep
    u[:, U.VO2] = vo2
    u[:, U.UPRIGHT] = np.where(exercising, 1.0, np.where(in_bed | asleep, 0.0, up))
    u[:, U.CIRCADIAN] = circadian_column(n, 0, params["circadian_peak_h"])
    u[:, U.STRESS] = np.where(asleep, 0.0, u[:, U.STRESS])
    u[:, U.PRACTICE] = np.where(asleep, 0.0, u[:, U.PRACTICE])
    return u, origin


def _mark_bool(arr: np.ndarray, a: int, b: int) -> None:
    lo, hi = max(0, a), min(len(arr), b)
    if hi > lo:
        arr[lo:hi] = True


def baseline_day(prepared: PreparedDays, params: Parameters) -> np.ndarray:
    """The 1440-minute usual day whose periodic steady state starts a run: usual intake, usual night and bedtime,
    the first day's PSS-10, no exercise, practice or acute stress."""
    first = prepared.days[0]
    intake = prepared.usual.intake or reference_intake(params, _rda(first.targets, "vitamin_c_mg", first.date))
    date = first.date - dt.timedelta(days=1)
    pss = first.stress.pss10 if first.stress is not None else None
    day = DaySummary(
        date=date,
        targets=first.targets,
        food=_usual_food_day(intake, first.targets, "usual intake", date),
        sleep=(_night_ending(date, prepared.usual),),
        stress=StressDay(pss) if pss is not None else None,
    )
    u, _ = build_series([day], params, _night_ending(first.date, prepared.usual))
    return u


def inputs_from_prepared(
    prepared: PreparedDays, params: Parameters | None = None, name: str = "journal"
) -> ModelInputs:
    """The per-minute inputs of prepared days, with the usual day that starts them."""
    params = params or Parameters.default()
    u, origin = build_series(prepared.days, params, prepared.next_night)
    return ModelInputs(
        start=origin,
        u=u,
        dates=tuple(d.date for d in prepared.days),
        assumed=prepared.assumed,
        notes=prepared.notes,
        name=name,
        baseline=baseline_day(prepared, params),
    )


def inputs_from_days(
    days: Sequence[DaySummary], params: Parameters | None = None, name: str = "journal"
) -> ModelInputs:
    """Per-minute model inputs for a person's days (see module doc for what is assumed where nothing was logged)."""
    params = params or Parameters.default()
    return inputs_from_prepared(prepare_days(days, params), params, name)


def validate_inputs(inputs: ModelInputs) -> None:
    """Refuse inputs outside physiology (InputError naming the input)."""
    u = inputs.u
    if u.ndim != 2 or u.shape[1] != N_IN:
        raise InputError(f"inputs must have {N_IN} columns", field="inputs")
    if u.size == 0:
        return
    finite = np.isfinite(u).all(axis=0)
    if not finite.all():
        raise InputError("non-finite value", field=U(int(np.nonzero(~finite)[0][0])).name.lower())
    lo_v, hi_v = u.min(axis=0), u.max(axis=0)
    for col, (lo, hi) in INPUT_BOUNDS.items():
        if lo_v[col] < lo or hi_v[col] > hi:
            raise InputError(f"values outside {lo:g}-{hi:g}", field=col.name.lower())


# ----------------------------------------------------------------------------------------------- reference days
def reference_targets() -> dict[str, Target]:
    """The targets of the reference adult (male, 30 y, 70 kg, 175 cm)."""
    return targets_for(REFERENCE_PROFILE)


def reference_day(
    date: dt.date,
    params: Parameters | None = None,
    targets: Mapping[str, Target] | None = None,
) -> DaySummary:
    """A healthy reference day: 8 h sleep 23:00-07:00 (night ending this day), 80 g protein in 3 meals at 07:30,
    12:30 and 19:00, cofactors at 100 % of the targets, no exercise, no practice, no PSS-10."""
    params = params or Parameters.default()
    targets = dict(targets or reference_targets())
    intake = reference_intake(params, _rda(targets, "vitamin_c_mg", date))
    items = []
    for t, frac in DEFAULT_MEALS:
        amounts: dict[str, float | None] = dict.fromkeys(KEYS, 0.0)
        amounts["phenylalanine_mg"] = intake.phe_mg * frac
        amounts["tyrosine_mg"] = intake.tyr_mg * frac
        amounts["phe_tyr_mg"] = (intake.phe_mg + intake.tyr_mg) * frac
        amounts["protein_g"] = REFERENCE_PROTEIN_G * frac
        amounts["vitamin_c_mg"] = intake.vitc_mg * frac
        for key in COFACTOR_KEYS.values():
            amounts[key] = _rda(targets, key, date) * frac
        items.append(FoodItem(None, t, "", "reference meal", None, "", amounts, source="reference"))
    bed = dt.datetime.combine(date - dt.timedelta(days=1), DEFAULT_BED, UTC)
    wake = dt.datetime.combine(date, DEFAULT_WAKE, UTC)
    return DaySummary(
        date=date,
        targets=targets,
        food=analyze_food(tuple(items), targets),
        sleep=(SleepPeriod(bed, wake, source="reference"),),
    )


def reference_days(
    n_days: int,
    first: dt.date = dt.date(2025, 1, 1),
    params: Parameters | None = None,
) -> list[DaySummary]:
    """``n_days`` consecutive reference days."""
    if not 1 <= n_days <= MAX_DAYS:
        raise InputError(f"days must be 1-{MAX_DAYS}", field="days")
    targets = reference_targets()
    return [reference_day(first + dt.timedelta(days=k), params, targets) for k in range(n_days)]


# ----------------------------------------------------------------------------------------------- scenarios
def _tz_of(day: DaySummary) -> dt.tzinfo:
    night = day.main_sleep
    return (night.wake.tzinfo if night is not None else None) or UTC


def _check(value: float, fld: str, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{value!r} is not a number", field=fld) from exc
    if not math.isfinite(x) or x < lo or x > hi:
        raise InputError(f"{x:g} outside the physiological range {lo:g}-{hi:g}", field=fld)
    return x


def with_sleep_hours(days: Sequence[DaySummary], hours: float, wake: dt.time = DEFAULT_WAKE) -> list[DaySummary]:
    """The days with every night replaced by ``hours`` of sleep ending at ``wake`` (naps kept)."""
    hrs = _check(hours, "sleep_hours", 0.5, 16)
    out = []
    for d in days:
        tz = _tz_of(d)
        end = dt.datetime.combine(d.date, wake, tz)
        night = SleepPeriod(end - dt.timedelta(minutes=round(hrs * 60)), end, source="what-if")
        out.append(replace(d, sleep=(*[p for p in d.sleep if p.nap], night)))
    return out


def with_exercise(
    days: Sequence[DaySummary],
    activity: str,
    minutes: float,
    start: dt.time = dt.time(18, 0),
    heart: HeartProfile | None = None,
) -> list[DaySummary]:
    """The days with a session of ``activity`` (a catalogue key) for ``minutes`` added every day at ``start``; its
    intensity comes from ``lifestyle.exercise`` (the catalogue MET, fitness from ``heart``)."""
    mins = _check(minutes, "minutes", 1, MIN_PER_DAY)
    heart = heart or HeartProfile()
    out = []
    for d in days:
        s = ExerciseSession(activity, dt.datetime.combine(d.date, start, _tz_of(d)), mins, source="what-if")
        out.append(replace(d, exercise=(*d.exercise, session_facts(s, heart))))
    return out


def with_practice(
    days: Sequence[DaySummary], kind: PracticeKind | str, minutes: float, start: dt.time = dt.time(7, 30)
) -> list[DaySummary]:
    """The days with a daily practice (meditation, slow breathing, nature) of ``minutes`` at ``start``."""
    mins = _check(minutes, "practice_minutes", 1, MIN_PER_DAY)
    out = []
    for d in days:
        pr = Practice(PracticeKind(kind), dt.datetime.combine(d.date, start, _tz_of(d)), mins, source="what-if")
        out.append(replace(d, practices=(*d.practices, pr)))
    return out


def with_tyrosine(days: Sequence[DaySummary], mg: float, time: dt.time = dt.time(8, 0)) -> list[DaySummary]:
    """The days with an L-tyrosine supplement of ``mg`` taken every day at ``time`` (days must have food, as
    prepared days do)."""
    dose = _check(mg, "tyrosine_mg", 0, 20000)
    amounts: dict[str, float | None] = dict.fromkeys(KEYS, 0.0)
    amounts["tyrosine_mg"] = dose
    amounts["phe_tyr_mg"] = dose
    supp = FoodItem(None, time, "", "L-tyrosine supplement", None, f"{dose:g} mg", amounts, source="what-if")
    out = []
    for d in days:
        if d.food is None:
            raise InputError(f"{d.date}: no food part (prepare the days first)", field="food")
        out.append(replace(d, food=analyze_food((*d.food.items, supp), d.targets)))
    return out


def with_pss10(days: Sequence[DaySummary], pss10: int) -> list[DaySummary]:
    """The days with a PSS-10 total of ``pss10`` in effect on every day."""
    v = int(_check(pss10, "pss10", 0, 40))
    out = []
    for d in days:
        res = Pss10Result(v, d.date)
        events = d.stress.events if d.stress is not None else ()
        out.append(replace(d, stress=StressDay(res, events)))
    return out


@dataclass(frozen=True)
class Changes:
    """A what-if: nightly sleep hours, sessions added every day (activity key, minutes), practices added every day
    (kind, minutes), an L-tyrosine supplement (mg/day) and a PSS-10 total; None/empty = unchanged."""

    sleep_hours: float | None = None
    exercise: tuple[tuple[str, float], ...] = ()
    practices: tuple[tuple[PracticeKind, float], ...] = ()
    tyrosine_mg: float | None = None
    pss10: int | None = None
    heart: HeartProfile = field(default_factory=HeartProfile)

    @property
    def empty(self) -> bool:
        return (
            self.sleep_hours is None
            and not self.exercise
            and not self.practices
            and self.tyrosine_mg is None
            and self.pss10 is None
        )

    def describe(self) -> str:
        """The change in words ("sleep 5 h a night, hiit 20 min a day")."""
        parts = []
        if self.sleep_hours is not None:
            parts.append(f"sleep {self.sleep_hours:g} h a night")
        parts += [f"{a.replace('_', ' ')} {m:g} min a day" for a, m in self.exercise]
        parts += [f"{PracticeKind(k).display} {m:g} min a day" for k, m in self.practices]
        if self.tyrosine_mg is not None:
            parts.append(f"{self.tyrosine_mg:g} mg L-tyrosine a day")
        if self.pss10 is not None:
            parts.append(f"PSS-10 {self.pss10}")
        return ", ".join(parts) or "no change"

    def apply(self, days: Sequence[DaySummary]) -> list[DaySummary]:
        """The prepared ``days`` changed by this what-if."""
        out = list(days)
        if self.sleep_hours is not None:
            out = with_sleep_hours(out, self.sleep_hours)
        for activity, minutes in self.exercise:
            out = with_exercise(out, activity, minutes, heart=self.heart)
        for kind, minutes in self.practices:
            out = with_practice(out, kind, minutes)
        if self.tyrosine_mg is not None:
            out = with_tyrosine(out, self.tyrosine_mg)
        if self.pss10 is not None:
            out = with_pss10(out, self.pss10)
        return out
