"""The NE model's equations (compiled with numba) and its two solvers' kernels.

States (index: name, unit)::

    0 gut_phe_umol      Phe in the gut, not yet absorbed (umol)
    1 gut_tyr_umol      Tyr in the gut (umol)
    2 phe_p_umol_per_l  plasma phenylalanine
    3 tyr_p_umol_per_l  plasma tyrosine
    4 tyr_n_umol_per_l  neuronal tyrosine                 (per neuron volume v_n_l)
    5 dopa_umol_per_l   L-DOPA
    6 da_c_umol_per_l   cytosolic dopamine                (fast)
    7 da_v_umol_per_l   vesicular dopamine
    8 ne_v_umol_per_l   vesicular NE: the stores
    9 ne_c_umol_per_l   cytosolic NE                      (fast)
   10 ne_e_umol_per_l   synaptic (released) NE            (very fast)
   11 ne_p_umol_per_l   plasma NE (x1000 = nmol/L)
   12 sleep_debt_h      sleep debt (h)
   13 load             chronic sympathetic load (log drive multiplier, >= 0)
   14 practice_avg     practice minutes per day / 20, averaged over ~7 days

Inputs (constant within each minute)::

    0 phe_in_umol_per_min   1 tyr_in_umol_per_min   2 intensity_hrr (0-1)   3 asleep (0/1)
    4 upright (0-1)         5 circadian (cos of phase, -1..1)               6 stress_intensity (0-10)
    7 practice (0/1)        8 pss10 (0-40)          9 f_th   10 f_aadc   11 f_dbh (cofactor factors 0-1)
   12 ne_infusion_nmol_per_min

The *reference* solver integrates all 15 states (stiff; scipy Radau, tight tolerances); it is the
system written to SBML. The *fast* solver treats the three fast species (6, 9, 10; time constants
below ~2 s) as quasi-steady (closed-form roots of their balance equations) and integrates the other
others with classical RK4 at fixed steps of 2 minutes where the inputs of two successive minutes are
equal, else 1 minute (the fastest remaining time constant, L-DOPA's ~0.8 min, stays inside RK4's
stability region: h*lambda <= 2.6 < 2.78). Plasma NE feeds back on nothing, so it is advanced exactly
minute by minute (exponential decay plus the minute's mean spillover).
"""

from __future__ import annotations

import math

import numba
import numpy as np

from norepi.model.parameters import INDEX

N_STATES = 15
N_IN = 13
STATE_NAMES = (
    "gut_phe_umol",
    "gut_tyr_umol",
    "phe_p_umol_per_l",
    "tyr_p_umol_per_l",
    "tyr_n_umol_per_l",
    "dopa_umol_per_l",
    "da_c_umol_per_l",
    "da_v_umol_per_l",
    "ne_v_umol_per_l",
    "ne_c_umol_per_l",
    "ne_e_umol_per_l",
    "ne_p_umol_per_l",
    "sleep_debt_h",
    "load",
    "practice_avg",
)
INPUT_NAMES = (
    "phe_in_umol_per_min",
    "tyr_in_umol_per_min",
    "intensity_hrr",
    "asleep",
    "upright",
    "circadian",
    "stress_intensity",
    "practice",
    "pss10",
    "f_th",
    "f_aadc",
    "f_dbh",
    "ne_infusion_nmol_per_min",
)
FAST_STATES = (5, 6, 9, 10)
MAX_STEP_MIN = 10
SLOW_STATES = tuple(i for i in range(N_STATES) if i not in FAST_STATES)

# parameter indices as module constants (numba freezes them)
P_VAA = INDEX["v_aa_l"]
P_KA = INDEX["ka_per_min"]
P_FABS = INDEX["f_abs"]
P_VTAT = INDEX["vmax_tat_umol_per_l_min"]
P_KTAT = INDEX["km_tat_umol_per_l"]
P_VPAH = INDEX["vmax_pah_umol_per_l_min"]
P_KPAH = INDEX["km_pah_umol_per_l"]
P_KPHEO = INDEX["k_phe_other_per_min"]
P_APHE = INDEX["a_phe_umol_per_l_min"]
P_ATYR = INDEX["a_tyr_umol_per_l_min"]
P_VIN = INDEX["vmax_tyr_in_umol_per_l_min"]
P_KIN = INDEX["km_tyr_in_umol_per_l"]
P_KOUT = INDEX["k_tyr_out_per_min"]
P_VTH = INDEX["vmax_th_umol_per_l_min"]
P_KTHT = INDEX["km_th_tyr_umol_per_l"]
P_KTHB = INDEX["km_th_bh4_umol_per_l"]
P_KITYR = INDEX["ki_th_tyr_umol_per_l"]
P_KICAT = INDEX["ki_th_cat_umol_per_l"]
P_BH4 = INDEX["bh4_umol_per_l"]
P_AUTO = INDEX["th_autoreceptor_factor"]
P_VAADC = INDEX["vmax_aadc_umol_per_l_min"]
P_KAADC = INDEX["km_aadc_umol_per_l"]
P_VVMAT = INDEX["vmax_vmat_umol_per_l_min"]
P_KVMAT = INDEX["km_vmat_umol_per_l"]
P_KMAODA = INDEX["k_mao_da_per_min"]
P_KDBH = INDEX["km_dbh_umol_per_l"]
P_VDBH = INDEX["vmax_dbh_umol_per_l_min"]
P_KLEAK = INDEX["k_leak_per_min"]
P_KNET = INDEX["km_net_umol_per_l"]
P_VNET = INDEX["vmax_net_umol_per_l_min"]
P_VN = INDEX["v_n_l"]
P_KREL = INDEX["k_rel_per_min"]
P_KSP = INDEX["k_spill_per_min"]
P_KCOMT = INDEX["k_comt_per_min"]
P_KMAONE = INDEX["k_mao_ne_per_min"]
P_CL = INDEX["cl_ne_l_per_min"]
P_THALF = INDEX["t_half_ne_min"]
P_GUP = INDEX["g_upright"]
P_GSLEEP = INDEX["g_sleep"]
P_ACIRC = INDEX["a_circadian"]
P_EXAMP = INDEX["ex_amp"]
P_EXTH = INDEX["ex_threshold"]
P_EXPOW = INDEX["ex_power"]
P_STRESS = INDEX["stress_gain"]
P_PRACT = INDEX["practice_acute"]
P_PSSREF = INDEX["pss_ref"]
P_KPSS = INDEX["k_pss"]
P_KDEBT = INDEX["k_debt"]
P_DEBT50 = INDEX["debt_half_h"]
P_RPRACT = INDEX["r_practice"]
P_TAUL = INDEX["tau_load_min"]
P_TAUP = INDEX["tau_practice_min"]
P_KIND = INDEX["k_th_induction"]

LN2 = math.log(2.0)
FM = True  # fastmath for the compiled kernels (reference vs SBML agreement is checked to 1e-6 anyway)


@numba.njit(cache=True)
def exercise_factor(intensity_hrr: float, p: np.ndarray) -> float:
    """Exercise drive multiplier; intensity as fraction of HR reserve (~ %VO2 reserve, Swain 1997)."""
    if intensity_hrr <= 0.0:
        return 1.0
    x = 0.1 + 0.9 * intensity_hrr  # %VO2max from %VO2R with VO2rest/VO2max = 0.1
    over = x - p[P_EXTH]
    if over <= 0.0:
        return 1.0
    return 1.0 + p[P_EXAMP] * (over / (1.0 - p[P_EXTH])) ** p[P_EXPOW]


@numba.njit(cache=True)
def drive(u: np.ndarray, p: np.ndarray) -> float:
    """Sympathetic firing drive from the inputs (1 = supine, awake, rest), without chronic load."""
    asleep = u[3]
    posture = asleep * p[P_GSLEEP] + (1.0 - asleep) * (1.0 + (p[P_GUP] - 1.0) * u[4])
    return (
        posture
        * exercise_factor(u[2], p)
        * (1.0 + p[P_STRESS] * u[6])
        * (1.0 - p[P_PRACT] * u[7])
        * (1.0 + p[P_ACIRC] * u[5])
    )


@numba.njit(cache=True)
def load_target(u: np.ndarray, debt: float, practice_avg: float, p: np.ndarray) -> float:
    pss_excess = u[8] - p[P_PSSREF]
    if pss_excess < 0.0:
        pss_excess = 0.0
    d = debt if debt > 0.0 else 0.0
    raw = p[P_KPSS] * pss_excess / (40.0 - p[P_PSSREF]) + p[P_KDEBT] * d / (d + p[P_DEBT50])
    pa = practice_avg if practice_avg > 0.0 else 0.0
    return raw / (1.0 + p[P_RPRACT] * pa)


@numba.njit(cache=True)
def th_flux(tyr_n: float, catechols: float, f_th: float, load: float, p: np.ndarray) -> float:
    bh4 = p[P_BH4]
    k = p[P_KTHT]
    return (
        f_th
        * (1.0 + p[P_KIND] * load)
        * p[P_AUTO]
        * 0.56
        / (1.0 + tyr_n / p[P_KITYR])
        * p[P_VTH]
        * tyr_n
        * bh4
        / (tyr_n * bh4 + k * bh4 + k * p[P_KTHB] * (1.0 + catechols / p[P_KICAT]))
    )


@numba.njit(cache=True, fastmath=FM)
def fluxes_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, f: np.ndarray, drive_u: float) -> None:
    """All reaction rates into ``f`` (length 26) given ``drive_u`` = drive(u). Neuron rates in uM/min
    per neuron volume."""
    fire = drive_u * math.exp(y[13])
    ka = p[P_KA]
    f[0] = ka * y[0]  # Phe absorption (umol/min)
    f[1] = ka * y[1]  # Tyr absorption (umol/min)
    f[2] = p[P_VPAH] * y[2] / (p[P_KPAH] + y[2])  # PAH (uM/min in v_aa)
    f[3] = p[P_VTAT] * y[3] / (p[P_KTAT] + y[3])  # TAT
    f[4] = p[P_VIN] * y[3] / (p[P_KIN] + y[3])  # neuronal Tyr uptake
    f[5] = p[P_KOUT] * y[4]  # neuronal Tyr efflux/catabolism
    f[6] = th_flux(y[4], y[6] + y[9], u[9], y[13], p)  # TH
    f[7] = u[10] * p[P_VAADC] * y[5] / (p[P_KAADC] + y[5])  # AADC
    f[8] = p[P_VVMAT] * y[6] / (p[P_KVMAT] + y[6])  # VMAT DA
    f[9] = p[P_KMAODA] * y[6]  # MAO DA
    f[10] = u[11] * p[P_VDBH] * y[7] / (p[P_KDBH] + y[7])  # DBH
    f[11] = p[P_KLEAK] * y[7]  # DA leak
    f[12] = fire * p[P_KREL] * y[7]  # DA release
    f[13] = p[P_VVMAT] * y[9] / (p[P_KVMAT] + y[9])  # VMAT NE
    f[14] = p[P_KLEAK] * y[8]  # NE leak
    f[15] = fire * p[P_KREL] * y[8]  # NE release
    f[16] = p[P_KMAONE] * y[9]  # MAO NE
    f[17] = p[P_VNET] * y[10] / (p[P_KNET] + y[10])  # NET re-uptake
    f[18] = p[P_KSP] * y[10]  # spillover to plasma (per neuron volume)
    f[19] = p[P_KCOMT] * y[10]  # extraneuronal removal
    f[20] = (LN2 / p[P_THALF]) * y[11]  # plasma NE clearance (uM/min)
    f[21] = p[P_KPHEO] * y[2]  # other Phe disposal
    f[22] = fire
    f[23] = 0.0
    f[24] = 0.0
    f[25] = 0.0


@numba.njit(cache=True)
def fluxes(y: np.ndarray, u: np.ndarray, p: np.ndarray, f: np.ndarray) -> None:
    """All reaction rates into ``f`` (length 26). Neuron rates in uM/min per neuron volume."""
    fluxes_fire(y, u, p, f, drive(u, p))


@numba.njit(cache=True)
def rhs_full(y: np.ndarray, u: np.ndarray, p: np.ndarray, dy: np.ndarray, f: np.ndarray) -> None:
    """Right-hand side of the full 15-state ODE (time in minutes)."""
    rhs_fire(y, u, p, dy, f, drive(u, p))


@numba.njit(cache=True, fastmath=FM)
def rhs_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, dy: np.ndarray, f: np.ndarray, drive_u: float) -> None:
    fluxes_fire(y, u, p, f, drive_u)
    vaa = p[P_VAA]
    vn = p[P_VN]
    r = vn / vaa
    vne = p[P_CL] * p[P_THALF] / LN2
    dy[0] = u[0] - f[0]
    dy[1] = u[1] - f[1]
    dy[2] = p[P_FABS] * f[0] / vaa + p[P_APHE] - f[2] - f[21]
    dy[3] = p[P_FABS] * f[1] / vaa + p[P_ATYR] + f[2] - f[3] - r * (f[4] - f[5])
    dy[4] = f[4] - f[5] - f[6]
    dy[5] = f[6] - f[7]
    dy[6] = f[7] + f[11] - f[8] - f[9]
    dy[7] = f[8] - f[10] - f[11] - f[12]
    dy[8] = f[13] + f[10] - f[14] - f[15]
    dy[9] = f[14] + f[17] - f[13] - f[16]
    dy[10] = f[15] - f[17] - f[18] - f[19]
    dy[11] = (vn * f[18] + 1e-3 * u[12]) / vne - f[20]
    asleep = u[3]
    d = y[12]
    dy[12] = (1.0 - asleep) * (0.5 / 60.0) - asleep * (1.0 / 60.0) * d / (d + 0.5)
    dy[13] = (load_target(u, y[12], y[14], p) - y[13]) / p[P_TAUL]
    dy[14] = (u[7] * 72.0 - y[14]) / p[P_TAUP]


@numba.njit(cache=True)
def _qss_root(inflow: float, vmax: float, km: float, k: float) -> float:
    """Positive root c of vmax*c/(km+c) + k*c = inflow."""
    if inflow <= 0.0:
        return 0.0
    if k <= 0.0:
        return km * inflow / (vmax - inflow) if inflow < vmax else 1e12
    b = k * km + vmax - inflow
    disc = math.sqrt(b * b + 4.0 * k * inflow * km)
    if b >= 0.0:
        return 2.0 * inflow * km / (b + disc)
    return (disc - b) / (2.0 * k)


@numba.njit(cache=True)
def quasi_steady(y: np.ndarray, u: np.ndarray, p: np.ndarray) -> None:
    """Set the fast species (6, 9, 10) of ``y`` to their quasi-steady values."""
    quasi_steady_fire(y, u, p, drive(u, p))


@numba.njit(cache=True, fastmath=FM)
def quasi_steady_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, drive_u: float) -> None:
    fire = drive_u * math.exp(y[13])
    rel = fire * p[P_KREL] * y[8]
    y[10] = _qss_root(rel, p[P_VNET], p[P_KNET], p[P_KSP] + p[P_KCOMT])
    net = p[P_VNET] * y[10] / (p[P_KNET] + y[10])
    y[9] = _qss_root(p[P_KLEAK] * y[8] + net, p[P_VVMAT], p[P_KVMAT], p[P_KMAONE])
    # L-DOPA: AADC flux = TH flux (TH evaluated with the previous cytosolic DA: the catechol
    # feedback, Ki 110 uM vs ~0.05 uM of catechols, is too weak for the lag to matter)
    th = th_flux(y[4], y[6] + y[9], u[9], y[13], p)
    vaadc = u[10] * p[P_VAADC]
    y[5] = p[P_KAADC] * th / (vaadc - th) if th < 0.999 * vaadc else 999.0 * p[P_KAADC]
    aadc = vaadc * y[5] / (p[P_KAADC] + y[5])
    y[6] = _qss_root(aadc + p[P_KLEAK] * y[7], p[P_VVMAT], p[P_KVMAT], p[P_KMAODA])


@numba.njit(cache=True, fastmath=FM)
def _rhs_slow(y: np.ndarray, u: np.ndarray, p: np.ndarray, dy: np.ndarray, f: np.ndarray, dr: float) -> None:
    quasi_steady_fire(y, u, p, dr)
    rhs_fire(y, u, p, dy, f, dr)
    dy[5] = 0.0
    dy[6] = 0.0
    dy[9] = 0.0
    dy[10] = 0.0


@numba.njit(cache=True, fastmath=FM)
def _rk4_step(y: np.ndarray, u: np.ndarray, p: np.ndarray, h: float, k1, k2, k3, k4, yt, f) -> None:
    n = y.shape[0]
    dr = drive(u, p)
    _rhs_slow(y, u, p, k1, f, dr)
    for i in range(n):
        yt[i] = y[i] + 0.5 * h * k1[i]
    _rhs_slow(yt, u, p, k2, f, dr)
    for i in range(n):
        yt[i] = y[i] + 0.5 * h * k2[i]
    _rhs_slow(yt, u, p, k3, f, dr)
    for i in range(n):
        yt[i] = y[i] + h * k3[i]
    _rhs_slow(yt, u, p, k4, f, dr)
    for i in range(n):
        y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
        if y[i] < 0.0 and i != 13:
            y[i] = 0.0
    quasi_steady_fire(y, u, p, dr)


@numba.njit(cache=True, fastmath=FM)
def _rows_equal(U: np.ndarray, i: int) -> bool:
    for j in range(U.shape[1]):
        if U[i, j] != U[i + 1, j]:
            return False
    return True


@numba.njit(cache=True, fastmath=FM)
def _advance(y, U, i, p, k1, k2, k3, k4, yt, ys, f, ne_p_min, rel_min) -> int:
    """Advance ``y`` from minute i by one RK4 step over the run of minutes (at most MAX_STEP_MIN) whose
    inputs equal those of minute i. Plasma NE (state 11, which feeds back on nothing) is advanced exactly, minute by
    minute, with the spillover averaged over each minute (synaptic NE interpolated linearly).
    Writes plasma NE at the end of each minute into ``ne_p_min`` and NE release during each minute
    into ``rel_min``; returns the number of minutes advanced."""
    n = U.shape[0]
    m = 1
    while m < MAX_STEP_MIN and i + m < n and _rows_equal(U, i + m - 1):
        m += 1
    u = U[i]
    quasi_steady(y, u, p)  # fast species jump to the new inputs at once
    for j in range(N_STATES):
        ys[j] = y[j]
    ne_p = y[11]
    _rk4_step(y, u, p, float(m), k1, k2, k3, k4, yt, f)
    kel = LN2 / p[P_THALF]
    vne = p[P_CL] * p[P_THALF] / LN2
    e_dec = math.exp(-kel)
    dr = drive(u, p)
    for q in range(m):
        a = (q + 0.5) / m
        ne_e = ys[10] + a * (y[10] - ys[10])
        src = (p[P_VN] * p[P_KSP] * ne_e + 1e-3 * u[12]) / vne
        ne_p = ne_p * e_dec + src / kel * (1.0 - e_dec)
        ne_p_min[q] = ne_p
        lo = ys[13] + a * (y[13] - ys[13])
        nv = ys[8] + a * (y[8] - ys[8])
        rel_min[q] = dr * math.exp(lo) * p[P_KREL] * nv
    y[11] = ne_p
    return m


@numba.njit(cache=True)
def simulate_fast_kernel(y0: np.ndarray, U: np.ndarray, p: np.ndarray, out: np.ndarray, release_out: np.ndarray) -> int:
    """Integrate the inputs ``U`` (one row per minute); ``out[i]`` = state at minute i (len(U)+1 rows;
    rows inside a 2-minute step are linear interpolations, plasma NE is exact per minute);
    ``release_out[i]`` = NE release (uM/min per neuron volume) during minute i. Returns 0 or the
    1-based minute at which a non-finite value appeared."""
    n = U.shape[0]
    y = y0.copy()
    k1 = np.empty(N_STATES)
    k2 = np.empty(N_STATES)
    k3 = np.empty(N_STATES)
    k4 = np.empty(N_STATES)
    yt = np.empty(N_STATES)
    ys = np.empty(N_STATES)
    f = np.empty(26)
    ne_p_min = np.empty(MAX_STEP_MIN)
    rel_min = np.empty(MAX_STEP_MIN)
    quasi_steady(y, U[0], p)
    out[0, :] = y
    i = 0
    while i < n:
        m = _advance(y, U, i, p, k1, k2, k3, k4, yt, ys, f, ne_p_min, rel_min)
        for j in range(N_STATES):
            if not math.isfinite(y[j]):
                return i + 1
        for q in range(1, m):
            a = q / m
            for j in range(N_STATES):
                out[i + q, j] = ys[j] + a * (y[j] - ys[j])
            out[i + q, 11] = ne_p_min[q - 1]
        out[i + m, :] = y
        for q in range(m):
            release_out[i + q] = rel_min[q]
        i += m
    return 0


@numba.njit(cache=True, parallel=True)
def cohort_kernel(Y0: np.ndarray, U: np.ndarray, P: np.ndarray, daily: np.ndarray, status: np.ndarray) -> None:
    """People in parallel (numba prange) on one shared input series (whole days of 1440 minutes).

    ``daily[k, d, :]`` = (mean plasma NE uM, peak plasma NE uM, vesicular NE at end of day uM,
    mean NE release uM/min). ``status[k]`` = 0 or the minute a non-finite value appeared."""
    n_people = P.shape[0]
    n = U.shape[0]
    for k in numba.prange(n_people):
        p = P[k]
        y = Y0[k].copy()
        k1 = np.empty(N_STATES)
        k2 = np.empty(N_STATES)
        k3 = np.empty(N_STATES)
        k4 = np.empty(N_STATES)
        yt = np.empty(N_STATES)
        ys = np.empty(N_STATES)
        f = np.empty(26)
        ne_p_min = np.empty(MAX_STEP_MIN)
        rel_min = np.empty(MAX_STEP_MIN)
        quasi_steady(y, U[0], p)
        status[k] = 0
        s_mean = 0.0
        s_peak = 0.0
        s_rel = 0.0
        i = 0
        while i < n:
            m = _advance(y, U, i, p, k1, k2, k3, k4, yt, ys, f, ne_p_min, rel_min)
            if not math.isfinite(y[11]) or not math.isfinite(y[8]):
                status[k] = i + 1
                break
            for q in range(m):
                s_mean += ne_p_min[q]
                s_rel += rel_min[q]
                if ne_p_min[q] > s_peak:
                    s_peak = ne_p_min[q]
                if (i + q + 1) % 1440 == 0:
                    d = (i + q + 1) // 1440 - 1
                    daily[k, d, 0] = s_mean / 1440.0
                    daily[k, d, 1] = s_peak
                    daily[k, d, 2] = ys[8] + (q + 1.0) / m * (y[8] - ys[8])
                    daily[k, d, 3] = s_rel / 1440.0
                    s_mean = 0.0
                    s_peak = 0.0
                    s_rel = 0.0
            i += m
