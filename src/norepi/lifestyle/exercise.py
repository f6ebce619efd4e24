"""Exercise: activity catalogue (METs), intensity per minute, session class, catecholamine load.

Intensity is expressed as a fraction of heart-rate reserve (%HRR, Karvonen), which tracks %VO2 reserve
(Swain & Leutholtz, MSSE 1997;29:410). Sources for every number are next to it; the full write-up is in
``docs/lifestyle.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from norepi.errors import InputError
from norepi.vocab import ActivityClass, IntensityBand

# ---- activity catalogue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """One catalogue activity: MET value and its Compendium of Physical Activities code."""

    key: str
    label: str
    met: float
    compendium_code: str
    kind: str  # "aerobic", "hiit" or "resistance"
    source: str


_C2011 = "Ainsworth BE et al. 2011 Compendium, MSSE 2011;43:1575"
_C2024 = "Herrmann SD et al. 2024 Adult Compendium, J Sport Health Sci 2024;13:6"
_MEM = "2011 Compendium code as cited from memory in physiology-facts §9 [U]: verify at pacompendium.com"

ACTIVITIES: dict[str, Activity] = {
    a.key: a
    for a in (
        Activity("walk", "walking, 3.0 mph", 3.5, "17190", "aerobic", _C2024),
        Activity("walk_brisk", "walking, 4.0 mph", 5.0, "17220", "aerobic", _C2024),
        Activity("jog", "jogging, general", 7.0, "12020", "aerobic", _C2024),
        Activity("run", "running, 6 mph (10 min/mile)", 9.8, "12050", "aerobic", _C2024),
        Activity("run_fast", "running, 7 mph", 11.0, "12080", "aerobic", _C2024),
        Activity("cycle", "bicycling, 12-13.9 mph, moderate", 8.0, "01030", "aerobic", _C2024),
        Activity("cycle_easy", "bicycling, <10 mph, leisure", 4.0, "01010", "aerobic", _C2024),
        Activity("cycle_stationary", "bicycling, stationary, general", 6.8, "01200", "aerobic", _C2024),
        Activity("resistance", "resistance training, multiple exercises, 8-15 reps", 3.5, "02054", "resistance", _MEM),
        Activity("squats", "resistance training, squats", 5.0, "02052", "resistance", _MEM),
        Activity("power_lifting", "power lifting or body building, vigorous", 6.0, "02050", "resistance", _MEM),
        Activity("circuit", "circuit training, kettlebells, minimal rest, vigorous", 8.0, "02040", "hiit", _MEM),
        Activity("hiit", "high-intensity interval training (circuit code 02040)", 8.0, "02040", "hiit", _MEM),
        Activity("yoga", "yoga, Hatha", 2.5, "02150", "aerobic", _MEM),
        Activity("yoga_power", "yoga, Power", 4.0, "02160", "aerobic", _MEM),
    )
}

# FIT / Apple Health sport names mapped to catalogue keys (anything else becomes "other").
ALIASES: dict[str, str] = {
    "walking": "walk",
    "running": "run",
    "cycling": "cycle",
    "biking": "cycle",
    "training": "resistance",
    "strength_training": "resistance",
    "traditionalstrengthtraining": "resistance",
    "functionalstrengthtraining": "resistance",
    "highintensityintervaltraining": "hiit",
    "crosstraining": "circuit",
    "fitness_equipment": "cycle_stationary",
    "indoor_cycling": "cycle_stationary",
    "hiking": "walk_brisk",
    "yoga": "yoga",
    "generic": "other",
    "other": "other",
}

DEFAULT_MET = 4.0  # "other": a moderate default (ACSM moderate band 3.0-5.9 MET) [U]


def activity_key(name: str) -> str:
    """The catalogue key for a free-form activity name ("Running", "HKWorkoutActivityTypeRunning")."""
    n = name.strip().lower().replace("hkworkoutactivitytype", "").replace(" ", "_").replace("-", "_")
    if n in ACTIVITIES:
        return n
    return ALIASES.get(n, ALIASES.get(n.replace("_", ""), "other"))


def named_activity(name: str, custom: bool = False) -> str:
    """The activity a person names, as stored: the catalogue key of a catalogue activity or an alias
    ("Running" -> "run"), else ``name`` itself when ``custom`` says it is their own (counted at ``DEFAULT_MET``).
    InputError (field "activity") for an empty name or an unknown one not marked custom."""
    text = " ".join(name.split())
    if not text:
        raise InputError("give the activity, e.g. run or walk (or a name of your own, marked custom)",
                         field="activity")
    key = activity_key(text)
    if key != "other" or text.lower() in ("other", "generic"):
        return key
    if custom:
        return text
    raise InputError(f"{text!r} is not in the catalogue ({', '.join(ACTIVITIES)}); say it is your own activity "
                     f"(custom) to log it, counted as moderate ({DEFAULT_MET:g} MET)", field="activity")


def activity(key: str) -> Activity:
    """The catalogue entry for ``key``; unknown keys become a generic moderate activity."""
    return ACTIVITIES.get(key) or Activity(key, key, DEFAULT_MET, "", "aerobic", "default [U]")


# ---- heart rate -------------------------------------------------------------------------------------

HR_MIN_BPM = 25.0  # below any plausible waking human heart rate: a sensor error
HR_MAX_BPM = 250.0  # above any recorded adult maximum: a sensor error
DEFAULT_RESTING_HR_BPM = 70.0  # a typical adult resting heart rate when none is known [U]
DEFAULT_MET_MAX = 10.0  # assumed VO2max (MET) when intensity comes from METs and HRmax is unknown: 35 mL/kg/min [U]
ML_O2_PER_KG_MIN_PER_MET = 3.5  # 1 MET (Compendium convention, Ainsworth 2011)
# Heart Rate Ratio Method: VO2max (mL/kg/min) = 15.3 x HRmax / HRrest (Uth N, Sorensen H, Overgaard K, Pedersen PK.
# Eur J Appl Physiol 2004;91:111-115; trained men 21-51 y, SEE ~ 0.8 MET) [cit?]
UTH_FACTOR_ML_KG_MIN = 15.3


def hr_max_tanaka(age_years: float) -> float:
    """Predicted maximal heart rate, bpm: 208 - 0.7 x age (Tanaka, Monahan & Seals, JACC 2001;37:153)."""
    return 208.0 - 0.7 * age_years


def check_hr(value: float | None, field_name: str = "hr_bpm") -> float | None:
    """``value`` if it is a plausible heart rate (25-250 bpm), else InputError."""
    if value is None:
        return None
    if not (isinstance(value, int | float) and math.isfinite(value)) or not HR_MIN_BPM <= value <= HR_MAX_BPM:
        raise InputError(f"heart rate {value!r} bpm is outside {HR_MIN_BPM:g}-{HR_MAX_BPM:g} bpm", field=field_name)
    return float(value)


@dataclass(frozen=True)
class HeartProfile:
    """Resting and maximal heart rate (bpm) used for %HRR, and the nightly sleep need (h)."""

    resting_hr_bpm: float = DEFAULT_RESTING_HR_BPM
    max_hr_bpm: float | None = None
    sleep_need_h: float = 8.0

    def __post_init__(self) -> None:
        check_hr(self.resting_hr_bpm, "resting_hr_bpm")
        check_hr(self.max_hr_bpm, "max_hr_bpm")
        if self.max_hr_bpm is not None and self.max_hr_bpm <= self.resting_hr_bpm:
            raise InputError("maximal heart rate must exceed resting heart rate", field="max_hr_bpm")
        if not 3.0 <= self.sleep_need_h <= 14.0:
            raise InputError(f"{self.sleep_need_h:g} h is outside 3-14 h", field="sleep_need_h")

    def with_age(self, age_years: float | None) -> HeartProfile:
        """This profile with HRmax predicted from age (Tanaka) when it is not known."""
        if self.max_hr_bpm is not None or age_years is None:
            return self
        return HeartProfile(self.resting_hr_bpm, hr_max_tanaka(age_years), self.sleep_need_h)


def pct_hrr(hr_bpm: float, resting_hr_bpm: float, max_hr_bpm: float) -> float:
    """Fraction of heart-rate reserve (Karvonen): (HR - HRrest) / (HRmax - HRrest), clipped to 0..1.2."""
    return min(1.2, max(0.0, (hr_bpm - resting_hr_bpm) / (max_hr_bpm - resting_hr_bpm)))


def pct_vo2max_from_hrr(frac_hrr: float) -> float:
    """Fraction of VO2max from fraction of HRR, cycle ergometry: %HRR = 1.12 %VO2max - 11.6
    (Swain & Leutholtz, MSSE 1997;29:410), inverted; clipped to 0..1.2."""
    return min(1.2, max(0.0, (frac_hrr * 100.0 + 11.6) / 1.12 / 100.0))


def hrr_from_rpe(rpe_cr10: float) -> float:
    """Fraction of HRR from Borg CR10: 10 % HRR per point. Anchors: on a 0-10 effort scale moderate
    is 5-6 and vigorous starts at 7-8 (Physical Activity Guidelines for Americans 2008), matching ACSM's
    40-59 % / 60-89 % HRR bands (Garber CE et al. MSSE 2011;43:1334)."""
    return min(1.0, max(0.0, rpe_cr10 / 10.0))


def met_max(heart: HeartProfile) -> float:
    """Maximal aerobic capacity in METs: from HRmax / HRrest by the Heart Rate Ratio Method (Uth 2004) when HRmax
    is known (given or predicted from age), else ``DEFAULT_MET_MAX``."""
    if heart.max_hr_bpm is None:
        return DEFAULT_MET_MAX
    vo2max = UTH_FACTOR_ML_KG_MIN * heart.max_hr_bpm / heart.resting_hr_bpm
    return max(2.0, vo2max / ML_O2_PER_KG_MIN_PER_MET)


def hrr_from_met(met: float, met_max: float = DEFAULT_MET_MAX) -> float:
    """Fraction of VO2 reserve, taken as fraction of HRR (Swain 1997: %HRR = %VO2R), from METs:
    (MET - 1) / (METmax - 1), clipped to 0..1."""
    return min(1.0, max(0.0, (met - 1.0) / (met_max - 1.0)))


# ---- NE vs intensity ----------------------------------------------------------------------------------

# (fraction of VO2max, rise of plasma NE above rest in nmol/L). Sources, physiology-facts §2a:
NE_CURVE: tuple[tuple[float, float, str], ...] = (
    (0.00, 0.00, "rest"),
    (0.22, 0.00, "Orizio C et al. EJAP 1988;57:644: no rise at ~21-23 % VO2max"),
    (0.45, 1.23, "doi 10.1007/BF02332222: +207.7 pg/mL (+1.23 nM) at 43-45 % VO2max"),
    (0.65, 3.08, "doi 10.1007/BF02332222: +521.3 pg/mL (+3.08 nM) at 65 % VO2max"),
    (1.00, 7.20, "Rowland TW et al. IJSM 1996;17:22: 8.2 nM at max cycling, less ~1.0 nM rest (Peronnet 1981)"),
)
# Supramaximal / interval work: Wingate 30 s NA peak 11.09 nM in untrained men (Jacob C et al.
# EJAP 2004;91:35), less ~1.0 nM rest.
NE_SUPRAMAXIMAL_NM = 10.1
# Resistance sets to failure: NA 10.8 nM (men) after knee extension to failure (Pullinen T et al.
# EJAP 1999;80:125), less ~1.0 nM rest; averaged over a session with a work:rest duty of 0.5 [U].
NE_RESISTANCE_SET_NM = 9.8
RESISTANCE_DUTY = 0.5  # model choice [U]: NE half-time ~2.8 min (Hagberg 1979) bridges the rests
RESISTANCE_DEFAULT_EFFORT = 0.7  # effort (RPE/10) assumed when no RPE is given [U]
HIIT_HRMAX_FRACTION = 0.85  # "repeated intervals above ~85 % HRmax"
HIIT_RECOVERY_FRACTION = 0.80  # an interval ends when HR falls below 80 % HRmax (hysteresis)


def ne_rise_nm(frac_vo2max: float) -> float:
    """Modelled rise of plasma NE above rest (nmol/L) at a steady fraction of VO2max: piecewise linear
    through ``NE_CURVE`` (flat to ~22 %, slow to ~45-50 %, steep above), extrapolated above 100 %."""
    x = max(0.0, frac_vo2max)
    pts = NE_CURVE
    for (x0, y0, _), (x1, y1, _) in zip(pts, pts[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    (x0, y0, _), (x1, y1, _) = pts[-2], pts[-1]
    return y1 + (y1 - y0) / (x1 - x0) * (x - x1)


# ---- sessions -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseSession:
    """One exercise session. ``start`` is timezone-aware; ``hr_stream`` holds (seconds from start, bpm)."""

    activity: str
    start: dt.datetime
    duration_min: float
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    hr_stream: tuple[tuple[float, float], ...] = field(default=())
    rpe_cr10: float | None = None
    avg_power_w: float | None = None
    source: str = "manual"
    record_id: int | None = None

    def __post_init__(self) -> None:
        validate_session(self)


def validate_session(s: ExerciseSession) -> None:
    """InputError naming the field when a session value is impossible."""
    if not isinstance(s.activity, str) or not s.activity.strip():
        raise InputError("an exercise session needs an activity (e.g. run, walk, or a name of your own)",
                         field="activity")
    if s.start.tzinfo is None:
        raise InputError("start time needs a UTC offset", field="start")
    if not (math.isfinite(s.duration_min) and 0 < s.duration_min <= 24 * 60):
        raise InputError(f"{s.duration_min:g} min: a session lasts more than 0 and at most 1440 min (24 h)",
                         field="duration_min")
    check_hr(s.avg_hr_bpm, "avg_hr_bpm")
    check_hr(s.max_hr_bpm, "max_hr_bpm")
    if s.avg_hr_bpm is not None and s.max_hr_bpm is not None and s.avg_hr_bpm > s.max_hr_bpm:
        raise InputError(f"average heart rate {s.avg_hr_bpm:g} bpm is above the maximum {s.max_hr_bpm:g} bpm: the "
                         "average of a session cannot exceed its maximum", field="avg_hr_bpm")
    for i, (t, bpm) in enumerate(s.hr_stream):
        check_hr(bpm, f"hr_stream[{i}]")
        if t < 0:
            raise InputError(f"sample {i} is {t:g} s before the start", field="hr_stream")
    if s.rpe_cr10 is not None and not 0 <= s.rpe_cr10 <= 10:
        raise InputError(f"RPE {s.rpe_cr10:g} is outside Borg CR10 0-10", field="rpe_cr10")
    if s.avg_power_w is not None and not 0 <= s.avg_power_w <= 3000:
        raise InputError(f"power {s.avg_power_w:g} W is outside 0-3000 W", field="avg_power_w")


@dataclass(frozen=True)
class Intensity:
    """Per-minute intensity of a session: fraction of HRR per minute, how it was obtained, the last
    minute's weight (a partial minute), and per-minute mean HR when known."""

    frac_hrr: tuple[float, ...]
    source: str  # "hr", "rpe" or "met"
    last_minute_weight: float
    hr_bpm: tuple[float, ...] = ()

    def weights(self) -> list[float]:
        n = len(self.frac_hrr)
        return [1.0] * (n - 1) + [self.last_minute_weight] if n else []


def _minute_hr(stream: Sequence[tuple[float, float]], n_min: int) -> list[float] | None:
    sums = [0.0] * n_min
    counts = [0] * n_min
    for t, bpm in stream:
        i = int(t // 60)
        if i < n_min:
            sums[i] += bpm
            counts[i] += 1
    known = [(i, sums[i] / counts[i]) for i in range(n_min) if counts[i]]
    if not known:
        return None
    out: list[float] = []
    k = 0
    for i in range(n_min):  # gaps: linear interpolation between known minutes, held at the ends
        while k + 1 < len(known) and known[k + 1][0] <= i:
            k += 1
        i0, v0 = known[k]
        if i <= i0 or k + 1 >= len(known):
            out.append(v0)
        else:
            i1, v1 = known[k + 1]
            out.append(v0 + (v1 - v0) * (i - i0) / (i1 - i0))
    return out


def minute_intensity(s: ExerciseSession, heart: HeartProfile) -> Intensity:
    """Fraction of HRR for every minute: from the HR stream, else average HR, else RPE, else the
    catalogue MET (needs HRmax for HR-based intensity; without it HR is ignored)."""
    n = max(1, math.ceil(s.duration_min - 1e-9))
    last = s.duration_min - (n - 1)
    hr_max = heart.max_hr_bpm
    if hr_max is not None:
        minutes = _minute_hr(s.hr_stream, n) if s.hr_stream else None
        if minutes is None and s.avg_hr_bpm is not None:
            minutes = [s.avg_hr_bpm] * n
        if minutes is not None:
            return Intensity(
                tuple(pct_hrr(h, heart.resting_hr_bpm, hr_max) for h in minutes), "hr", last, tuple(minutes)
            )
    if s.rpe_cr10 is not None:
        return Intensity((hrr_from_rpe(s.rpe_cr10),) * n, "rpe", last)
    return Intensity((hrr_from_met(activity(s.activity).met, met_max(heart)),) * n, "met", last)


def minute_vo2max(s: ExerciseSession, heart: HeartProfile) -> tuple[float, ...]:
    """Fraction of VO2max for every minute of a session (0..1.2): from heart rate or RPE through %HRR (Swain &
    Leutholtz 1997, cycle ergometry), from the catalogue MET as MET / METmax (``met_max``: fitness from HRmax and
    resting HR where known). The one intensity the NE model reads."""
    it = minute_intensity(s, heart)
    if it.source == "met":
        return (min(1.2, activity(s.activity).met / met_max(heart)),) * len(it.frac_hrr)
    return tuple(pct_vo2max_from_hrr(f) for f in it.frac_hrr)


def band_of(frac_hrr: float) -> IntensityBand:
    """ACSM band from fraction of HRR (Garber CE et al. MSSE 2011;43:1334): light < 40 %, moderate
    40-59 %, vigorous >= 60 % (near-maximal >= 90 % counted as vigorous)."""
    if frac_hrr >= 0.60:
        return IntensityBand.VIGOROUS
    if frac_hrr >= 0.40:
        return IntensityBand.MODERATE
    return IntensityBand.LIGHT


def band_of_met(met: float) -> IntensityBand:
    """Absolute band from METs (CDC/ACSM): light < 3.0, moderate 3.0-5.9, vigorous >= 6.0."""
    return IntensityBand.VIGOROUS if met >= 6.0 else IntensityBand.MODERATE if met >= 3.0 else IntensityBand.LIGHT


def count_intervals(s: ExerciseSession, hr_max_bpm: float) -> int:
    """Number of work intervals: runs of HR at or above 85 % HRmax that end when HR falls below 80 %."""
    if not s.hr_stream:
        return 0
    high, low = HIIT_HRMAX_FRACTION * hr_max_bpm, HIIT_RECOVERY_FRACTION * hr_max_bpm
    count, inside = 0, False
    for _, bpm in sorted(s.hr_stream):
        if not inside and bpm >= high:
            count, inside = count + 1, True
        elif inside and bpm < low:
            inside = False
    return count


def classify(s: ExerciseSession, heart: HeartProfile, it: Intensity | None = None) -> ActivityClass:
    """Session class: "resistance", "hiit" (>= 2 intervals above 85 % HRmax, or a HIIT activity without
    HR), "vigorous", "moderate" or "light" (ACSM band of the mean intensity)."""
    act = activity(s.activity)
    if act.kind == "resistance":
        return ActivityClass.RESISTANCE
    if heart.max_hr_bpm is not None and s.hr_stream:
        if count_intervals(s, heart.max_hr_bpm) >= 2:
            return ActivityClass.HIIT
    elif act.kind == "hiit":
        return ActivityClass.HIIT
    it = it or minute_intensity(s, heart)
    if it.source == "met":
        return ActivityClass(band_of_met(act.met))
    w = it.weights()
    return ActivityClass(band_of(sum(f * wi for f, wi in zip(it.frac_hrr, w, strict=True)) / sum(w)))


def catecholamine_load(s: ExerciseSession, heart: HeartProfile, it: Intensity | None = None,
                       cls: ActivityClass | None = None) -> float:
    """Catecholamine load index, nmol/L x min: the area under the modelled rise of plasma NE above rest
    over the session. Each minute contributes ``ne_rise_nm`` at its %VO2max (from %HRR via Swain 1997);
    minutes above 85 % HRmax in a HIIT session count as supramaximal work (``NE_SUPRAMAXIMAL_NM``);
    resistance sessions use ``NE_RESISTANCE_SET_NM`` x effort (RPE/10) x duty. A model input, not a
    measured concentration."""
    it = it or minute_intensity(s, heart)
    cls = cls or classify(s, heart, it)
    w = it.weights()
    if cls == ActivityClass.RESISTANCE:
        effort = s.rpe_cr10 / 10.0 if s.rpe_cr10 is not None else RESISTANCE_DEFAULT_EFFORT
        per_min = NE_RESISTANCE_SET_NM * effort * RESISTANCE_DUTY
        # with measured HR, a minute counts at least its aerobic value; RPE here rates the sets, not the minute
        aerobic = [ne_rise_nm(pct_vo2max_from_hrr(f)) if it.source == "hr" else 0.0 for f in it.frac_hrr]
        return sum(max(per_min, a) * wi for a, wi in zip(aerobic, w, strict=True))
    total = 0.0
    hiit_hr = HIIT_HRMAX_FRACTION * heart.max_hr_bpm if heart.max_hr_bpm is not None else None
    rises: dict[float, float] = {}  # minutes at the same intensity share their rise
    for i, (f, wi) in enumerate(zip(it.frac_hrr, w, strict=True)):
        rise = rises.get(f)
        if rise is None:
            rise = rises[f] = ne_rise_nm(pct_vo2max_from_hrr(f))
        if cls == ActivityClass.HIIT:
            supra = (it.hr_bpm and hiit_hr is not None and it.hr_bpm[i] >= hiit_hr) or it.source != "hr"
            if supra:
                # without HR, a HIIT session is taken as half work, half recovery [U]
                rise = max(rise, NE_SUPRAMAXIMAL_NM if it.source == "hr" else 0.5 * NE_SUPRAMAXIMAL_NM + 0.5 * rise)
        total += rise * wi
    return total


@dataclass(frozen=True)
class SessionFacts:
    """A session as the day shows it and the model reads it: class, load (nmol/L x min), minutes per band, and
    the fraction of heart-rate reserve minute by minute (``minute_hrr``, from ``minute_intensity``; how it was
    obtained in ``intensity_source``: "hr", "rpe" or "met")."""

    start: dt.datetime
    activity: str
    duration_min: float
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    activity_class: ActivityClass
    load_nm_min: float
    minutes_by_band: dict[IntensityBand, float]
    hrr_fraction: float | None = None  # mean fraction of heart-rate reserve (from HR or RPE), else None
    minute_hrr: tuple[float, ...] = ()
    intensity_source: str = "met"
    rpe_cr10: float | None = None
    source: str = "manual"
    record_id: int | None = None
    minute_vo2max: tuple[float, ...] = ()  # fraction of VO2max minute by minute (``minute_vo2max``)


def vo2max_fractions(f: SessionFacts) -> tuple[float, ...]:
    """Fraction of VO2max for each minute of a session as the day carries it: ``minute_vo2max`` when present, else
    ``minute_hrr`` or the mean ``hrr_fraction`` through %HRR (Swain 1997), else the catalogue MET over the default
    METmax."""
    n = max(1, math.ceil(f.duration_min - 1e-9))
    if f.minute_vo2max:
        return f.minute_vo2max
    if f.minute_hrr:
        return tuple(pct_vo2max_from_hrr(x) for x in f.minute_hrr)
    if f.hrr_fraction is not None:
        return (pct_vo2max_from_hrr(f.hrr_fraction),) * n
    return (min(1.2, activity(f.activity).met / DEFAULT_MET_MAX),) * n


def session_facts(s: ExerciseSession, heart: HeartProfile) -> SessionFacts:
    """Class, load and minutes per band (light/moderate/vigorous, or all "resistance") of a session."""
    it = minute_intensity(s, heart)
    cls = classify(s, heart, it)
    bands: dict[IntensityBand, float] = dict.fromkeys(IntensityBand, 0.0)
    hrr_fraction = None
    if cls == ActivityClass.RESISTANCE:
        bands[IntensityBand.RESISTANCE] = s.duration_min
    elif it.source == "met":
        bands[band_of_met(activity(s.activity).met)] += s.duration_min
    else:
        weights = it.weights()
        for f, wi in zip(it.frac_hrr, weights, strict=True):
            bands[band_of(f)] += wi
        if weights and sum(weights) > 0:
            hrr_fraction = sum(f * wi for f, wi in zip(it.frac_hrr, weights, strict=True)) / sum(weights)
    avg = s.avg_hr_bpm
    if avg is None and s.hr_stream:
        avg = sum(b for _, b in s.hr_stream) / len(s.hr_stream)
    mx = s.max_hr_bpm if s.max_hr_bpm is not None else (max(b for _, b in s.hr_stream) if s.hr_stream else None)
    return SessionFacts(
        s.start,
        s.activity,
        s.duration_min,
        avg,
        mx,
        cls,
        catecholamine_load(s, heart, it, cls),
        bands,
        hrr_fraction,
        it.frac_hrr,
        it.source,
        s.rpe_cr10,
        s.source,
        s.record_id,
        minute_vo2max(s, heart),
    )


# ---- week -----------------------------------------------------------------------------------------------

GUIDELINE_MODERATE_MIN = 150.0  # WHO 2020 (Bull FC et al. BJSM 2020;54:1451) / PAGA 2018 per week
GUIDELINE_VIGOROUS_MIN = 75.0  # or this much vigorous; 1 vigorous min = 2 moderate min
GUIDELINE_RESISTANCE_DAYS = 2  # muscle-strengthening on >= 2 days a week (same sources)


@dataclass(frozen=True)
class ExerciseWeek:
    """A week's exercise: minutes per band, moderate-equivalent minutes (moderate + 2 x vigorous),
    guideline fraction met, resistance days, total catecholamine load (nmol/L x min)."""

    minutes_by_band: dict[IntensityBand, float]
    vigorous_min: float
    moderate_equivalent_min: float
    guideline_fraction: float
    resistance_days: int
    sessions: int
    load_nm_min: float


def exercise_week(facts: Iterable[SessionFacts]) -> ExerciseWeek:
    """Sum sessions (already chosen for the week) into an ``ExerciseWeek``."""
    bands: dict[IntensityBand, float] = dict.fromkeys(IntensityBand, 0.0)
    days: set[dt.date] = set()
    load, n = 0.0, 0
    for f in facts:
        n += 1
        load += f.load_nm_min
        for k, v in f.minutes_by_band.items():
            bands[k] += v
        if f.activity_class == ActivityClass.RESISTANCE:
            days.add(f.start.date())
    equiv = bands[IntensityBand.MODERATE] + 2.0 * bands[IntensityBand.VIGOROUS]
    vigorous = bands[IntensityBand.VIGOROUS]
    return ExerciseWeek(bands, vigorous, equiv, equiv / GUIDELINE_MODERATE_MIN, len(days), n, load)
