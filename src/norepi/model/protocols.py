"""The published protocols, simulated as the studies ran them, each from the periodic steady state of its own
baseline: the healthy reference day (8 h sleep 23:00-07:00, three meals of 80 g protein in all, cofactors at the
RDA, PSS-10 13, no exercise) repeated until periodic, the same state a person's run starts from for their own usual
day. Lab segments replace the reference day from their clock time: the subject lies, sits or stands as the study
says, eats nothing but the study's dose, and exercises at the stated fraction of VO2max.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from norepi.lifestyle.exercise import DEFAULT_MET_MAX, activity, pct_vo2max_from_hrr
from norepi.model.core import MIN_PER_DAY, D, S, U
from norepi.model.inputs import (
    ModelInputs,
    inputs_from_days,
    inputs_from_prepared,
    prepare_days,
    reference_days,
    with_sleep_hours,
    with_tyrosine,
)
from norepi.model.parameters import TYR_G_PER_MOL, Parameters
from norepi.model.solver import Trajectory, periodic_state, simulate

BODY_KG = 70.0
Segment = tuple[int, dict[str, float]]


@lru_cache(maxsize=32)
def _reference_day_cached(pkey: bytes) -> bytes:
    params = Parameters(np.frombuffer(pkey, dtype=float).copy())
    inp = inputs_from_days(reference_days(2, params=params), params)
    assert inp.baseline is not None
    return np.ascontiguousarray(inp.baseline).tobytes()


def reference_day_u(params: Parameters) -> np.ndarray:
    """The healthy reference day's 1440 input rows for ``params``."""
    return np.frombuffer(_reference_day_cached(params.key()), dtype=float).reshape(MIN_PER_DAY, -1).copy()


def start_state(params: Parameters) -> np.ndarray:
    """Midnight state of the reference day's periodic steady state: where every protocol starts."""
    return periodic_state(params, reference_day_u(params))


def lab_inputs(
    clock_start_min: int,
    segments: Sequence[Segment],
    params: Parameters,
    fasting: bool = False,
) -> tuple[ModelInputs, int]:
    """The protocol day from midnight: the reference day until ``clock_start_min``, then the lab segments
    (minutes, settings: upright, vo2, asleep, stress, practice, infusion_nmol_per_min, tyr_mg eaten in the first
    minute). ``fasting``: nothing eaten since midnight. Returns the inputs and the protocol's first minute."""
    day = reference_day_u(params)
    total = sum(m for m, _ in segments)
    end = clock_start_min + total
    n_days = math.ceil(end / MIN_PER_DAY)
    u = np.concatenate([day] * n_days)[:end].copy()
    if fasting:
        u[:clock_start_min, U.PHE_IN] = 0.0
        u[:clock_start_min, U.TYR_IN] = 0.0
    i = clock_start_min
    for m, s in segments:
        sl = slice(i, i + m)
        u[sl, U.PHE_IN] = 0.0
        u[sl, U.TYR_IN] = 0.0
        u[sl, U.ASLEEP] = s.get("asleep", 0.0)
        u[sl, U.UPRIGHT] = s.get("upright", 0.0)
        u[sl, U.VO2] = s.get("vo2", 0.0)
        u[sl, U.STRESS] = s.get("stress", 0.0)
        u[sl, U.PRACTICE] = s.get("practice", 0.0)
        u[sl, U.NE_INFUSION] = s.get("infusion_nmol_per_min", 0.0)
        if s.get("tyr_mg"):
            u[i, U.TYR_IN] = s["tyr_mg"] / TYR_G_PER_MOL * 1000.0
        i += m
    start = dt.datetime(2025, 1, 1)
    return ModelInputs(start, u, name="protocol"), clock_start_min


def lab(
    params: Parameters, clock_start_min: int, segments: Sequence[Segment], fasting: bool = False, record: bool = False
) -> tuple[np.ndarray, Trajectory]:
    """Plasma NE (nmol/L) at minutes 0..T of the protocol (0 = its start) and the trajectory."""
    inp, t0 = lab_inputs(clock_start_min, segments, params, fasting)
    tr = simulate(inp, params, start_state(params), record=record)
    return tr.ne_plasma_nmol_per_l[t0:], tr


def days_run(params: Parameters, days: list, record: bool = False, edit=None) -> Trajectory:  # noqa: ANN001
    """Whole days (typed) from the reference start state; ``edit(u)`` may change the input array first."""
    inp = inputs_from_prepared(prepare_days(days, params), params, "protocol")
    if edit is not None:
        edit(inp.u)
    return simulate(inp, params, start_state(params), record=record)


def reference_run(
    params: Parameters,
    n_days: int,
    edit=None,
    record: bool = False,
    y0: np.ndarray | None = None,  # noqa: ANN001
) -> Trajectory:
    """``n_days`` reference days (the reference day's inputs repeated) from the reference start state; ``edit(u)``
    may change the inputs first."""
    u = np.tile(reference_day_u(params), (n_days, 1))
    if edit is not None:
        edit(u)
    y = start_state(params) if y0 is None else y0
    return simulate(ModelInputs(dt.datetime(2025, 1, 1), u, name="protocol"), params, y, record=record)


def hrr_to_vo2(hrr: float) -> float:
    """Fraction of VO2max for a fraction of HR reserve (lifestyle.exercise, Swain 1997)."""
    return pct_vo2max_from_hrr(hrr)


# ------------------------------------------------------------------------------------------- the protocols
SEATED = {"upright": 1.0}  # seated on the ergometer or standing: upright (the fitted posture ratio)


def supine_ne(p: Parameters) -> float:
    """09:00, 30 min lying awake: plasma NE at the end (nmol/L)."""
    return float(lab(p, 9 * 60, [(30, {})])[0][-1])


def standing_ratio(p: Parameters) -> float:
    """09:00, 30 min supine then 10 min standing: NE(standing)/NE(supine)."""
    ne = lab(p, 9 * 60, [(30, {}), (10, {"upright": 1.0})])[0]
    return float(ne[-1] / ne[30])


def standing_rise_pct(p: Parameters) -> float:
    """The same as :func:`standing_ratio`, as a rise (%)."""
    return 100.0 * (standing_ratio(p) - 1.0)


def tilt_rise_pg_ml(p: Parameters) -> float:
    """30 min supine, then 30 degree head-up tilt for 10 min (upright fraction sin 30 deg = 0.5 [U]): rise pg/mL."""
    ne = lab(p, 9 * 60, [(30, {}), (10, {"upright": 0.5})])[0]
    return float((ne[-1] - ne[30]) * 169.18)


def stand_after_night_pct(p: Parameters) -> float:
    """Night in bed 23:00-08:00, lying awake to 08:30, then standing 10 min (Dodt 1997): rise over the last lying
    minute (%)."""
    ne = lab(p, 7 * 60, [(60, {"asleep": 1.0}), (30, {}), (10, {"upright": 1.0})], fasting=True)[0]
    return float(100.0 * (ne[-1] / ne[90] - 1.0))


def tyrosine_load(p: Parameters, mg_per_kg: float) -> np.ndarray:
    """Overnight fast, oral L-tyrosine (mg/kg, 70 kg) at 08:00, seated or lying 8 h: plasma Tyr (uM) per minute."""
    _, tr = lab(p, 8 * 60, [(480, {"tyr_mg": mg_per_kg * BODY_KG, "upright": 0.5})], fasting=True, record=True)
    return tr.tyr_plasma_umol_per_l[8 * 60 :]


def tyr_2h(p: Parameters, mg_per_kg: float) -> float:
    return float(tyrosine_load(p, mg_per_kg)[120])


def tyr_tmax(p: Parameters) -> float:
    """Time of the plasma Tyr peak after 100 mg/kg (min; parabolic interpolation around the highest minute)."""
    x = tyrosine_load(p, 100.0)
    i = int(np.argmax(x))
    if 0 < i < len(x) - 1:
        a, b, c = x[i - 1], x[i], x[i + 1]
        den = a - 2 * b + c
        return float(i + (0.5 * (a - c) / den if den != 0 else 0.0))
    return float(i)


def tyr_dose_order(p: Parameters) -> float:
    """2-h plasma Tyr after 100, 150 and 200 mg/kg: the smallest step between successive doses (uM; > 0 when the
    rise grows with the dose)."""
    v = [tyr_2h(p, d) for d in (100.0, 150.0, 200.0)]
    return float(min(v[1] - v[0], v[2] - v[1]))


def exercise_delta(p: Parameters, vo2: float, minutes: int = 5) -> float:
    """09:00, 20 min seated on the ergometer, then ``minutes`` of cycling at ``vo2`` (fraction of VO2max): NE rise
    (nmol/L) at the end."""
    ne = lab(p, 9 * 60, [(20, SEATED), (minutes, {"upright": 1.0, "vo2": vo2})])[0]
    return float(ne[-1] - ne[20])


def exercise_pct(p: Parameters, vo2: float) -> float:
    ne = lab(p, 9 * 60, [(20, SEATED), (5, {"upright": 1.0, "vo2": vo2})])[0]
    return float(100.0 * (ne[-1] / ne[20] - 1.0))


def max_cycling(p: Parameters) -> float:
    """Incremental test: 2-min stages at 25/50/75/100 % VO2max; NE at the end (nmol/L)."""
    seg = [(20, SEATED)] + [(2, {"upright": 1.0, "vo2": x}) for x in (0.25, 0.5, 0.75, 1.0)]
    return float(lab(p, 9 * 60, seg)[0][-1])


def max_fold(p: Parameters) -> float:
    """NE at maximal cycling over NE seated before."""
    seg = [(20, SEATED)] + [(2, {"upright": 1.0, "vo2": x}) for x in (0.25, 0.5, 0.75, 1.0)]
    ne = lab(p, 9 * 60, seg)[0]
    return float(ne[-1] / ne[20])


def steady_80(p: Parameters) -> float:
    """10 min at ~80 % HRmax (HR 158 bpm with HRrest 60 and HRmax 190: 0.775 of HR reserve): NE at the end."""
    return float(lab(p, 9 * 60, [(20, SEATED), (10, {"upright": 1.0, "vo2": hrr_to_vo2(0.775)})])[0][-1])


def steady_ne(p: Parameters, vo2: float, minutes: int = 10) -> float:
    return float(lab(p, 9 * 60, [(20, SEATED), (minutes, {"upright": 1.0, "vo2": vo2})])[0][-1])


def slope_ratio(p: Parameters) -> float:
    """Steady (10-min) NE at 50, 75 and 100 % VO2max: slope 75-100 % over slope 50-75 % (> 1: steeper above)."""
    a, b, c = (steady_ne(p, x) for x in (0.5, 0.75, 1.0))
    return float((c - b) / max(b - a, 1e-12))


def ne_breakpoint(p: Parameters) -> float:
    """Incremental cycling, 3-min stages 20-100 % VO2max by 10 %: NE at the end of each stage; the break of a
    two-line fit (the stage at which the residual sum of squares is least), in % VO2max."""
    xs = np.arange(0.2, 1.0001, 0.1)
    seg = [(20, SEATED)] + [(3, {"upright": 1.0, "vo2": float(x)}) for x in xs]
    ne = lab(p, 9 * 60, seg)[0]
    ys = np.array([ne[20 + 3 * (k + 1)] for k in range(len(xs))])
    best, best_x = math.inf, math.nan
    for k in range(2, len(xs) - 2):
        r = 0.0
        for sl in (slice(0, k + 1), slice(k, len(xs))):
            c = np.polyfit(xs[sl], ys[sl], 1)
            r += float(np.sum((np.polyval(c, xs[sl]) - ys[sl]) ** 2))
        if r < best:
            best, best_x = r, float(xs[k])
    return 100.0 * best_x


def drift_30(p: Parameters) -> float:
    """20 min seated, then 30 min cycling at 65 % VO2max: NE rise (nmol/L) at 30 min."""
    return exercise_delta(p, 0.65, 30)


def _half_time(ne: np.ndarray, t0: int, t1: int, baseline: float = 0.0) -> float:
    t = np.arange(t0, t1 + 1)
    slope = np.polyfit(t, np.log(np.maximum(ne[t0 : t1 + 1] - baseline, 1e-12)), 1)[0]
    return float(math.log(2.0) / -slope)


def post_exercise_half_time(p: Parameters) -> float:
    """10 min strenuous cycling (0.9 HR reserve), then seated rest: log-linear half-time over 1-11 min after the
    end of the NE excess over the pre-exercise level (Hagberg 1979)."""
    seg = [(20, SEATED), (10, {"upright": 1.0, "vo2": hrr_to_vo2(0.9)}), (15, SEATED)]
    ne = lab(p, 9 * 60, seg)[0]
    return _half_time(ne, 31, 41, baseline=float(ne[20]))


def recovery_tau_s(p: Parameters) -> float:
    """5 min at 65 % VO2max then seated: exponential time constant (s) of the NE excess after a 1-min lag, fitted
    over minutes 1-6 after the end (Orizio/Perini 1988)."""
    seg = [(20, SEATED), (5, {"upright": 1.0, "vo2": 0.65}), (10, SEATED)]
    ne = lab(p, 9 * 60, seg)[0]
    return 60.0 * _half_time(ne, 26, 31, baseline=float(ne[20])) / math.log(2.0)


def back_to_baseline_pct(p: Parameters) -> float:
    """The incremental maximal test, then 30 min seated: NE excess over the pre-exercise level at 30 min (%)."""
    seg = [(20, SEATED)] + [(2, {"upright": 1.0, "vo2": x}) for x in (0.25, 0.5, 0.75, 1.0)] + [(30, SEATED)]
    ne = lab(p, 9 * 60, seg)[0]
    return float(100.0 * (ne[-1] / ne[20] - 1.0))


def infusion_half_time(p: Parameters) -> float:
    """NE infusion 5 ug/min (29.6 nmol/min) for 60 min supine, then stop; half-time of the excess over baseline
    during 1-10 min after (Silverberg 1978)."""
    ne = lab(p, 9 * 60, [(30, {}), (60, {"infusion_nmol_per_min": 29.55}), (15, {})])[0]
    return _half_time(ne, 91, 100, baseline=float(ne[30]))


def infusion_clearance(p: Parameters) -> float:
    """Clearance (L/min) = infusion rate / steady rise of plasma NE."""
    ne = lab(p, 9 * 60, [(30, {}), (60, {"infusion_nmol_per_min": 29.55})])[0]
    return float(29.55 / (ne[-1] - ne[30]))


def spillover_nmol_min(p: Parameters) -> float:
    """Resting (30 min supine) NE appearance in plasma = plasma NE x clearance (nmol/min)."""
    return supine_ne(p) * p["cl_ne_l_per_min"]


def reference_profile(p: Parameters) -> np.ndarray:
    """Plasma NE (nmol/L) over one reference day at its periodic steady state (minutes 1..1440)."""
    u = reference_day_u(p)
    tr = simulate(ModelInputs(dt.datetime(2025, 1, 1), u, name="reference day"), p, start_state(p))
    return tr.ne_plasma_nmol_per_l[1:]


def circadian_mean(p: Parameters) -> float:
    return float(reference_profile(p).mean())


def relative_amplitude(p: Parameters) -> float:
    """Cosinor (24-h first harmonic) amplitude over the mean of the reference day's plasma NE."""
    x = reference_profile(p)
    t = (np.arange(len(x)) + 0.5) / MIN_PER_DAY * 2 * np.pi
    a, b = 2 * np.mean(x * np.cos(t)), 2 * np.mean(x * np.sin(t))
    return float(math.hypot(a, b) / x.mean())


def circadian_trough_h(p: Parameters) -> float:
    """Clock time of the trough of the 60-min smoothed profile (hours; evening as negative, 23:00 -> -1)."""
    ne = reference_profile(p)
    k = np.ones(60) / 60
    sm = np.convolve(np.concatenate([ne[-30:], ne, ne[:29]]), k, mode="valid")
    h = float(np.argmin(sm) / 60.0)
    return h - 24.0 if h >= 14.0 else h


def awake_over_asleep(p: Parameters) -> float:
    """Reference day: mean NE awake (07:00-23:00) over mean NE asleep."""
    ne = reference_profile(p)
    return float(ne[7 * 60 : 23 * 60].mean() / np.concatenate([ne[: 7 * 60], ne[23 * 60 :]]).mean())


def sleep_onset_ratio(p: Parameters) -> float:
    """Reference day: mean NE in the first hour asleep (23:00-24:00) over the hour before bed."""
    ne = reference_profile(p)
    return float(ne[23 * 60 :].mean() / ne[22 * 60 : 23 * 60].mean())


def asleep_over_supine_awake(p: Parameters) -> float:
    """Mean NE asleep (01:00-05:00 of the reference night) over NE after 30 min lying awake at 09:00."""
    return float(reference_profile(p)[60 : 5 * 60].mean() / supine_ne(p))


def recumbency_ratio(p: Parameters) -> float:
    """NE lying just after a night of 8 h in bed (07:00-07:15, awake) over NE after 30 min lying mid-morning."""
    ne_morning = lab(p, 7 * 60, [(15, {})], fasting=True)[0][-1]
    ne_mid = lab(p, 10 * 60, [(30, {})])[0][-1]
    return float(ne_morning / ne_mid)


def awakening_ratio(p: Parameters) -> float:
    """Kept awake (usual posture) 03:00-06:00 instead of asleep: mean NE over those hours vs asleep (Irwin 1999)."""
    awake, _ = lab(p, 0, [(3 * 60, {"asleep": 1.0}), (3 * 60, {"upright": p["awake_upright_default"]})], fasting=True)
    asleep, _ = lab(p, 0, [(6 * 60, {"asleep": 1.0})], fasting=True)
    return float(awake[3 * 60 :].mean() / asleep[3 * 60 :].mean())


def speech_ratio(p: Parameters) -> float:
    """Standing, 20 min rest then 10 min public speech (stress 8/10): NE(end)/NE(before)."""
    ne = lab(p, 10 * 60, [(20, {"upright": 1.0}), (10, {"upright": 1.0, "stress": 8.0})])[0]
    return float(ne[-1] / ne[20])


def arithmetic_pct(p: Parameters) -> float:
    """Seated 20 min, 15 min mental arithmetic (stress 4/10), 15 min after: mean NE over the 30 min from the start
    vs before (+%)."""
    ne = lab(p, 10 * 60, [(20, SEATED), (15, {"upright": 1.0, "stress": 4.0}), (15, SEATED)])[0]
    return float(100.0 * (ne[21:51].mean() / ne[20] - 1.0))


def stroop_during_pct(p: Parameters) -> float:
    """Seated, 20 min rest then 15 min Stroop task (stress 4/10): mean NE during the task vs before (+%)."""
    ne = lab(p, 10 * 60, [(20, SEATED), (15, {"upright": 1.0, "stress": 4.0})])[0]
    return float(100.0 * (ne[21:36].mean() / ne[20] - 1.0))


def arithmetic_flux_rise(p: Parameters) -> float:
    """During mental arithmetic: the smaller of the relative rises of NE re-uptake and of spillover (both rise in
    Eisenhofer 1991 when it is > 0)."""
    _, base = lab(p, 10 * 60, [(20, SEATED)], record=True)
    _, task = lab(p, 10 * 60, [(20, SEATED), (10, {"upright": 1.0, "stress": 4.0})], record=True)
    from norepi.model.core import P_KNET, P_KSP, P_VNET

    def fl(tr: Trajectory) -> tuple[float, float]:
        e = tr.state(S.NE_E)[-1]
        v = tr.params.values
        return v[P_VNET] * e / (v[P_KNET] + e), v[P_KSP] * e

    (n0, s0), (n1, s1) = fl(base), fl(task)
    return float(min(n1 / n0, s1 / s0) - 1.0)


def sleep_restriction_pct(p: Parameters) -> float:
    """5 nights of 4.5 h (02:30-07:00) vs 8 h: mean plasma NE lying awake 10:00-16:00 (from 09:30) on the day after
    the 5th night, as Dettoni 2012 measured supine daytime NE (+%)."""
    base = reference_days(5, params=p)
    short = with_sleep_hours(base, 4.5)

    def run(days: list) -> float:
        def lie(u: np.ndarray) -> None:
            d = 4 * MIN_PER_DAY
            sl = slice(d + 9 * 60 + 30, d + 16 * 60)
            u[sl, U.UPRIGHT] = 0.0
            u[sl, U.ASLEEP] = 0.0

        tr = days_run(p, days, edit=lie)
        d = 4 * MIN_PER_DAY
        return float(tr.ne_p_umol_per_l[d + 10 * 60 : d + 16 * 60].mean())

    return 100.0 * (run(short) / run(base) - 1.0)


def total_deprivation_pct(p: Parameters) -> float:
    """One night without sleep (awake, usual posture) vs a normal night: NE after 30 min lying at 09:00 the next
    morning (+%; Kato 2000)."""
    base = reference_days(2, params=p)

    def run(days: list, awake_night: bool) -> float:
        def lie(u: np.ndarray) -> None:
            d = MIN_PER_DAY
            if awake_night:
                u[: d + 7 * 60, U.ASLEEP] = np.where(np.arange(d + 7 * 60) >= 23 * 60, 0.0, u[: d + 7 * 60, U.ASLEEP])
                sl = slice(23 * 60, d + 7 * 60)
                u[sl, U.UPRIGHT] = p["awake_upright_default"]
            sl = slice(d + 9 * 60, d + 9 * 60 + 30)
            u[sl, U.UPRIGHT] = 0.0

        tr = days_run(p, days, edit=lie)
        return float(tr.ne_p_umol_per_l[MIN_PER_DAY + 9 * 60 + 29])

    return 100.0 * (run(base, True) / run(base, False) - 1.0)


def tyrosine_baseline_pct(p: Parameters) -> float:
    """2 g L-tyrosine daily at 08:00 for 3 days at baseline: 24-h mean plasma NE change on day 3 (+%)."""
    base = reference_days(3, params=p)
    a = days_run(p, base).daily[-1, D.NE_MEAN]
    b = days_run(p, with_tyrosine(base, 2000)).daily[-1, D.NE_MEAN]
    return float(100.0 * (b / a - 1.0))


def reference_tyr_range(p: Parameters) -> tuple[float, float]:
    """Lowest and highest plasma Tyr (uM) over the reference day."""
    u = reference_day_u(p)
    tr = simulate(ModelInputs(dt.datetime(2025, 1, 1), u), p, start_state(p), record=True)
    y = tr.state(S.TYR_P)
    return float(y.min()), float(y.max())


def tyr_within_reference(p: Parameters) -> float:
    """The reference day's plasma Tyr excursion beyond the 30-120 uM reference interval (uM; 0 = within)."""
    lo, hi = reference_tyr_range(p)
    return max(0.0, 30.0 - lo, hi - 120.0)


def menkes_da_ne_fold(p: Parameters) -> float:
    """No copper reaching DBH for 14 days (the Menkes transport defect: pool and supply at 0): vesicular DA/NE at
    the end relative to the same days with copper."""
    out = []
    for no_cu in (False, True):
        y0 = start_state(p)

        def edit(u: np.ndarray, no_cu: bool = no_cu) -> None:
            if no_cu:
                u[:, U.CU_RDA] = 0.0

        if no_cu:
            y0[S.POOL_CU] = 0.0
        tr = reference_run(p, 14, edit, y0=y0)
        out.append(tr.y_end[S.DA_V] / tr.y_end[S.NE_V])
    return float(out[1] / out[0])


def copper_depletion_pool_pct(p: Parameters) -> float:
    """Turnlund 1997/1998: 24 days at 0.66 then 42 days at 0.38 mg copper/day (RDA 0.9 mg): the copper pool at the
    end (% of full)."""

    def edit(u: np.ndarray) -> None:
        u[: 24 * MIN_PER_DAY, U.CU_RDA] = 0.66 / 0.9
        u[24 * MIN_PER_DAY :, U.CU_RDA] = 0.38 / 0.9

    return float(100.0 * reference_run(p, 66, edit).y_end[S.POOL_CU])


def vitc_days_to_scurvy(p: Parameters) -> float:
    """Vitamin C-free diet from a saturated pool: days until the pool is below 300 mg (first signs of scurvy,
    Baker 1969); the day found from the pool at each midnight, interpolated."""
    y = start_state(p)
    day = reference_day_u(p)
    day[:, U.VITC_MG] = 0.0
    prev = y[S.POOL_VITC] * p["vitc_pool_max_mg"]
    for k in range(1, 366):
        tr = simulate(ModelInputs(dt.datetime(2025, 1, 1), day, name="protocol"), p, y)
        y = tr.y_end
        now = y[S.POOL_VITC] * p["vitc_pool_max_mg"]
        if now < 300.0:
            return float(k - 1 + (prev - 300.0) / (prev - now))
        prev = now
    return math.inf


def folate_pool_90d_pct(p: Parameters) -> float:
    """Folate-free diet (~5 ug/day, Herbert 1962) for 90 days: tissue folate pool at the end (% of full)."""

    def edit(u: np.ndarray) -> None:
        u[:, U.FOLATE_RDA] = 5.0 / 400.0

    return float(100.0 * reference_run(p, 90, edit).y_end[S.POOL_FOLATE])


def hiit_rise_pct(p: Parameters) -> float:
    """20 min of interval work (catalogue HIIT, 8 MET, default METmax 10: 80 % VO2max) after 20 min seated: mean NE
    over the last 5 min vs before (+%; Trapp 2007 direction)."""
    vo2 = activity("hiit").met / DEFAULT_MET_MAX
    ne = lab(p, 9 * 60, [(20, SEATED), (20, {"upright": 1.0, "vo2": vo2})])[0]
    return float(100.0 * (ne[-5:].mean() / ne[20] - 1.0))
