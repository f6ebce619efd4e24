"""The NE model's equations (compiled with numba) and the kernels of its solvers.

States, inputs, reaction fluxes and daily outputs are addressed by name through the IntEnums ``S``, ``U``, ``F``
and ``D`` (numba reads IntEnum members as integer constants), never by bare column numbers.

States (``S``; unit in the name, see ``STATE_INFO``): the gut and plasma amino acids, neuronal tyrosine, L-DOPA,
cytosolic and vesicular dopamine, vesicular NE (the stores), cytosolic NE, synaptic NE, plasma NE; sleep debt
(h), chronic sympathetic load (log drive multiplier), practice average, exercise drift (min), and four cofactor
body pools (fractions of the pool at the RDA steady state; vitamin C of the saturated pool).

The *reference* solver integrates every state (stiff; scipy Radau, tight tolerances); it is the system written to
SBML. The *fast* solver treats the four species of ``FAST_STATES`` (L-DOPA, cytosolic DA, cytosolic NE and
synaptic NE: time constants below ~1 min) as quasi-steady (closed-form roots of their balance equations), advances
the seven pathway states of ``PATH_STATES`` with one classical RK4 step per run of minutes with equal inputs (at
most ``MAX_STEP_MIN`` minutes, or the ensemble's ``ENSEMBLE_STEP_MIN``; the fastest pathway rate, neuronal
tyrosine's ~0.03/min, keeps h*lambda inside RK4's stability region), and the slow states that are linear within a
step (drift, practice, load, the pools; sleep debt piecewise) by their exact solutions. Plasma NE feeds back on
nothing, so it is advanced exactly minute by minute (exponential decay plus the minute's mean spillover), and its
daily mean and peak are summed in closed form per step.
"""

from __future__ import annotations

import math
from enum import IntEnum

import numba
import numpy as np

from norepi.model.parameters import INDEX


class S(IntEnum):
    """Model states."""

    GUT_PHE = 0
    GUT_TYR = 1
    PHE_P = 2
    TYR_P = 3
    TYR_N = 4
    DOPA = 5
    DA_C = 6
    DA_V = 7
    NE_V = 8
    NE_C = 9
    NE_E = 10
    NE_P = 11
    SLEEP_DEBT = 12
    LOAD = 13
    PRACTICE = 14
    EX_DRIFT = 15
    POOL_VITC = 16
    POOL_CU = 17
    POOL_B6 = 18
    POOL_FOLATE = 19


class U(IntEnum):
    """Model inputs, constant within each minute."""

    PHE_IN = 0  # umol/min entering the gut
    TYR_IN = 1  # umol/min entering the gut
    VO2 = 2  # exercise intensity, fraction of VO2max (0 = not exercising)
    ASLEEP = 3  # 0/1
    UPRIGHT = 4  # 0-1 (0 = lying)
    CIRCADIAN = 5  # cos of the circadian phase, -1..1
    STRESS = 6  # acute stress intensity 0-10
    PRACTICE = 7  # 0/1
    PSS10 = 8  # 0-40
    VITC_MG = 9  # vitamin C intake of the day, mg/day
    CU_RDA = 10  # copper intake of the day, fraction of the person's RDA
    B6_RDA = 11  # vitamin B6 intake, fraction of RDA
    FOLATE_RDA = 12  # folate intake, fraction of RDA
    NE_INFUSION = 13  # nmol/min into plasma (protocols only)


class F(IntEnum):
    """Reaction fluxes (neuron rates in uM/min per neuron volume, plasma in uM/min per its volume)."""

    PHE_ABS = 0
    TYR_ABS = 1
    PAH = 2
    TAT = 3
    TYR_UPTAKE = 4
    TYR_EFFLUX = 5
    TH = 6
    AADC = 7
    VMAT_DA = 8
    MAO_DA = 9
    DBH = 10
    LEAK_DA = 11
    REL_DA = 12
    VMAT_NE = 13
    LEAK_NE = 14
    REL_NE = 15
    MAO_NE = 16
    NET = 17
    SPILL = 18
    COMT = 19
    CLEAR = 20
    PHE_OTHER = 21
    FIRE = 22


class D(IntEnum):
    """Daily outputs of the kernels (means over the day's 1440 minutes unless named otherwise)."""

    NE_MEAN = 0  # plasma NE, uM
    NE_PEAK = 1  # highest minute, uM
    STORE = 2  # vesicular NE, uM
    DBH = 3  # NE synthesis by DBH, uM/min
    RELEASE = 4  # NE release, uM/min
    TYR = 5  # plasma tyrosine, uM
    LOAD = 6
    DEBT = 7  # sleep debt, h


N_STATES = len(S)
N_IN = len(U)
N_FLUX = len(F)
N_DAILY = len(D)
STATE_INFO: dict[S, tuple[str, str]] = {
    S.GUT_PHE: ("gut_phe_umol", "Phe eaten, not yet absorbed (umol)"),
    S.GUT_TYR: ("gut_tyr_umol", "Tyr eaten, not yet absorbed (umol)"),
    S.PHE_P: ("phe_p_umol_per_l", "plasma phenylalanine"),
    S.TYR_P: ("tyr_p_umol_per_l", "plasma tyrosine"),
    S.TYR_N: ("tyr_n_umol_per_l", "neuronal tyrosine (per neuron volume v_n_l)"),
    S.DOPA: ("dopa_umol_per_l", "L-DOPA (fast)"),
    S.DA_C: ("da_c_umol_per_l", "cytosolic dopamine (fast)"),
    S.DA_V: ("da_v_umol_per_l", "vesicular dopamine"),
    S.NE_V: ("ne_v_umol_per_l", "vesicular NE: the stores"),
    S.NE_C: ("ne_c_umol_per_l", "cytosolic NE (fast)"),
    S.NE_E: ("ne_e_umol_per_l", "synaptic (released) NE (fast)"),
    S.NE_P: ("ne_p_umol_per_l", "plasma NE (x1000 = nmol/L)"),
    S.SLEEP_DEBT: ("sleep_debt_h", "sleep debt relative to need (h)"),
    S.LOAD: ("load", "chronic sympathetic load (log drive multiplier, >= 0)"),
    S.PRACTICE: ("practice_avg", "practice minutes per day / 20, averaged over ~7 days"),
    S.EX_DRIFT: ("ex_drift_min", "sustained-exercise drift (min, saturating)"),
    S.POOL_VITC: ("pool_vitc", "body ascorbate pool, fraction of the saturated pool"),
    S.POOL_CU: ("pool_cu", "body copper available to DBH, fraction of the RDA steady state"),
    S.POOL_B6: ("pool_b6", "tissue vitamin B6 (PLP), fraction of the RDA steady state"),
    S.POOL_FOLATE: ("pool_folate", "tissue folate, fraction of the RDA steady state"),
}
STATE_NAMES: tuple[str, ...] = tuple(STATE_INFO[s][0] for s in S)
INPUT_NAMES: tuple[str, ...] = tuple(u.name.lower() for u in U)
FAST_STATES: tuple[S, ...] = (S.DOPA, S.DA_C, S.NE_C, S.NE_E)
POOLS: tuple[S, ...] = (S.POOL_VITC, S.POOL_CU, S.POOL_B6, S.POOL_FOLATE)
SLOW_STATES: tuple[S, ...] = (S.SLEEP_DEBT, S.LOAD, S.PRACTICE)  # days-long time constants (Aitken-accelerated)
MAX_STEP_MIN = 10
ENSEMBLE_STEP_MIN = 30
EXERCISE_STEP_MIN = 5
MIN_PER_DAY = 1440

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
P_GDRIFT = INDEX["g_drift_per_min"]
P_TDRIFT = INDEX["tau_drift_min"]
P_TDRIFTREC = INDEX["tau_drift_rec_min"]
P_STRESS = INDEX["stress_gain"]
P_PRACT = INDEX["practice_acute"]
P_PSSREF = INDEX["pss_ref"]
P_KPSS = INDEX["k_pss"]
P_KDEBT = INDEX["k_debt"]
P_DEBT50 = INDEX["debt_half_h"]
P_NEED = INDEX["sleep_need_h"]
P_TDEBT = INDEX["tau_debt_day"]
P_DFLOOR = INDEX["debt_floor_h"]
P_RPRACT = INDEX["r_practice"]
P_TAUL = INDEX["tau_load_min"]
P_TAUP = INDEX["tau_practice_min"]
P_KIND = INDEX["k_th_induction"]
P_VCMAX = INDEX["vitc_pool_max_mg"]
P_KVC = INDEX["k_vitc_per_day"]
P_FABSVC = INDEX["f_abs_vitc"]
P_KCU = INDEX["k_cu_per_day"]
P_KB6 = INDEX["k_b6_per_day"]
P_KFOL = INDEX["k_folate_per_day"]
P_STOREMAX = INDEX["cof_store_max"]
P_COFHALF = INDEX["cof_half"]
P_CMFOL = INDEX["cof_min_folate"]
P_CMAADC = INDEX["cof_min_aadc"]
P_CMCU = INDEX["cof_min_cu"]
P_CMVC = INDEX["cof_min_vitc"]

LN2 = math.log(2.0)
FM = True  # fastmath for the compiled kernels (reference vs SBML agreement is checked to 1e-6 anyway)


@numba.njit(cache=True)
def cofactor_factor(pool: float, f_min: float, half: float) -> float:
    """Enzyme Vmax multiplier from a cofactor pool (fraction of the RDA steady state): f_min at an empty pool,
    1 at a full one, hyperbolic in between (half effect at ``half``), never above 1."""
    x = pool if pool > 0.0 else 0.0
    v = f_min + (1.0 - f_min) * x * (1.0 + half) / (x + half)
    return v if v < 1.0 else 1.0


@numba.njit(cache=True)
def enzyme_factors(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    """(TH, AADC, DBH) Vmax multipliers: TH by folate, AADC by vitamin B6 (PLP), DBH by copper x vitamin C."""
    h = p[P_COFHALF]
    f_th = cofactor_factor(y[S.POOL_FOLATE], p[P_CMFOL], h)
    f_aadc = cofactor_factor(y[S.POOL_B6], p[P_CMAADC], h)
    f_dbh = cofactor_factor(y[S.POOL_CU], p[P_CMCU], h) * cofactor_factor(y[S.POOL_VITC], p[P_CMVC], h)
    return f_th, f_aadc, f_dbh


@numba.njit(cache=True)
def exercise_factor(vo2: float, drift: float, p: np.ndarray) -> float:
    """Exercise drive multiplier at ``vo2`` (fraction of VO2max) after ``drift`` minutes of sustained exercise:
    1 up to the threshold, then 1 + ex_amp ((x - x0)/(1 - x0))^ex_power (1 + g_drift drift)."""
    over = vo2 - p[P_EXTH]
    if vo2 <= 0.0 or over <= 0.0:
        return 1.0
    return 1.0 + p[P_EXAMP] * (over / (1.0 - p[P_EXTH])) ** p[P_EXPOW] * (1.0 + p[P_GDRIFT] * drift)


@numba.njit(cache=True)
def base_drive(u: np.ndarray, p: np.ndarray) -> float:
    """Sympathetic drive from posture, sleep, acute stress, practice and the circadian phase (1 = supine, awake,
    rest), without exercise and chronic load."""
    asleep = u[U.ASLEEP]
    posture = asleep * p[P_GSLEEP] + (1.0 - asleep) * (1.0 + (p[P_GUP] - 1.0) * u[U.UPRIGHT])
    return (
        posture
        * (1.0 + p[P_STRESS] * u[U.STRESS])
        * (1.0 - p[P_PRACT] * u[U.PRACTICE])
        * (1.0 + p[P_ACIRC] * u[U.CIRCADIAN])
    )


@numba.njit(cache=True)
def drive(y: np.ndarray, u: np.ndarray, p: np.ndarray) -> float:
    """Sympathetic drive without chronic load (firing = drive x exp(load))."""
    return base_drive(u, p) * exercise_factor(u[U.VO2], y[S.EX_DRIFT], p)


@numba.njit(cache=True)
def load_target(u: np.ndarray, debt: float, practice_avg: float, p: np.ndarray) -> float:
    """The chronic load the state relaxes to: PSS-10 above the population mean and sleep debt, divided by
    (1 + r_practice x practice average)."""
    pss_excess = u[U.PSS10] - p[P_PSSREF]
    if pss_excess < 0.0:
        pss_excess = 0.0
    d = debt if debt > 0.0 else 0.0
    raw = p[P_KPSS] * pss_excess / (40.0 - p[P_PSSREF]) + p[P_KDEBT] * d / (d + p[P_DEBT50])
    pa = practice_avg if practice_avg > 0.0 else 0.0
    return raw / (1.0 + p[P_RPRACT] * pa)


@numba.njit(cache=True)
def pool_rate(x: float, target: float, k_per_day: float, x_max: float) -> float:
    """d(pool)/dt per minute: first-order turnover toward ``target`` (repletion proportional to intake,
    depletion proportional to the pool), the pool not filling beyond ``x_max``."""
    r = k_per_day / MIN_PER_DAY * (target - x)
    if x >= x_max and r > 0.0:
        return 0.0
    return r


@numba.njit(cache=True)
def pool_targets(u: np.ndarray, p: np.ndarray) -> tuple[float, float, float, float]:
    """The pool each day's intake fills toward (vitamin C: absorbed intake / catabolism at a full pool)."""
    vc = p[P_FABSVC] * u[U.VITC_MG] / (p[P_KVC] * p[P_VCMAX])
    return vc, u[U.CU_RDA], u[U.B6_RDA], u[U.FOLATE_RDA]


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
def fluxes_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, f: np.ndarray, drive_y: float) -> None:
    """All reaction rates into ``f`` (indexed by ``F``) given ``drive_y`` = drive(y, u, p)."""
    fire = drive_y * math.exp(y[S.LOAD])
    f_th, f_aadc, f_dbh = enzyme_factors(y, p)
    ka = p[P_KA]
    f[F.PHE_ABS] = ka * y[S.GUT_PHE]  # umol/min
    f[F.TYR_ABS] = ka * y[S.GUT_TYR]
    f[F.PAH] = p[P_VPAH] * y[S.PHE_P] / (p[P_KPAH] + y[S.PHE_P])
    f[F.TAT] = p[P_VTAT] * y[S.TYR_P] / (p[P_KTAT] + y[S.TYR_P])
    f[F.TYR_UPTAKE] = p[P_VIN] * y[S.TYR_P] / (p[P_KIN] + y[S.TYR_P])
    f[F.TYR_EFFLUX] = p[P_KOUT] * y[S.TYR_N]
    f[F.TH] = th_flux(y[S.TYR_N], y[S.DA_C] + y[S.NE_C], f_th, y[S.LOAD], p)
    f[F.AADC] = f_aadc * p[P_VAADC] * y[S.DOPA] / (p[P_KAADC] + y[S.DOPA])
    f[F.VMAT_DA] = p[P_VVMAT] * y[S.DA_C] / (p[P_KVMAT] + y[S.DA_C])
    f[F.MAO_DA] = p[P_KMAODA] * y[S.DA_C]
    f[F.DBH] = f_dbh * p[P_VDBH] * y[S.DA_V] / (p[P_KDBH] + y[S.DA_V])
    f[F.LEAK_DA] = p[P_KLEAK] * y[S.DA_V]
    f[F.REL_DA] = fire * p[P_KREL] * y[S.DA_V]
    f[F.VMAT_NE] = p[P_VVMAT] * y[S.NE_C] / (p[P_KVMAT] + y[S.NE_C])
    f[F.LEAK_NE] = p[P_KLEAK] * y[S.NE_V]
    f[F.REL_NE] = fire * p[P_KREL] * y[S.NE_V]
    f[F.MAO_NE] = p[P_KMAONE] * y[S.NE_C]
    f[F.NET] = p[P_VNET] * y[S.NE_E] / (p[P_KNET] + y[S.NE_E])
    f[F.SPILL] = p[P_KSP] * y[S.NE_E]
    f[F.COMT] = p[P_KCOMT] * y[S.NE_E]
    f[F.CLEAR] = (LN2 / p[P_THALF]) * y[S.NE_P]
    f[F.PHE_OTHER] = p[P_KPHEO] * y[S.PHE_P]
    f[F.FIRE] = fire


@numba.njit(cache=True)
def fluxes(y: np.ndarray, u: np.ndarray, p: np.ndarray, f: np.ndarray) -> None:
    """All reaction rates into ``f`` (indexed by ``F``)."""
    fluxes_fire(y, u, p, f, drive(y, u, p))


@numba.njit(cache=True)
def rhs_full(y: np.ndarray, u: np.ndarray, p: np.ndarray, dy: np.ndarray, f: np.ndarray) -> None:
    """Right-hand side of the full ODE (every state; time in minutes)."""
    rhs_fire(y, u, p, dy, f, drive(y, u, p))


@numba.njit(cache=True, fastmath=FM)
def rhs_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, dy: np.ndarray, f: np.ndarray, drive_y: float) -> None:
    fluxes_fire(y, u, p, f, drive_y)
    vaa = p[P_VAA]
    vn = p[P_VN]
    r = vn / vaa
    vne = p[P_CL] * p[P_THALF] / LN2
    dy[S.GUT_PHE] = u[U.PHE_IN] - f[F.PHE_ABS]
    dy[S.GUT_TYR] = u[U.TYR_IN] - f[F.TYR_ABS]
    dy[S.PHE_P] = p[P_FABS] * f[F.PHE_ABS] / vaa + p[P_APHE] - f[F.PAH] - f[F.PHE_OTHER]
    dy[S.TYR_P] = (
        p[P_FABS] * f[F.TYR_ABS] / vaa + p[P_ATYR] + f[F.PAH] - f[F.TAT] - r * (f[F.TYR_UPTAKE] - f[F.TYR_EFFLUX])
    )
    dy[S.TYR_N] = f[F.TYR_UPTAKE] - f[F.TYR_EFFLUX] - f[F.TH]
    dy[S.DOPA] = f[F.TH] - f[F.AADC]
    dy[S.DA_C] = f[F.AADC] + f[F.LEAK_DA] - f[F.VMAT_DA] - f[F.MAO_DA]
    dy[S.DA_V] = f[F.VMAT_DA] - f[F.DBH] - f[F.LEAK_DA] - f[F.REL_DA]
    dy[S.NE_V] = f[F.VMAT_NE] + f[F.DBH] - f[F.LEAK_NE] - f[F.REL_NE]
    dy[S.NE_C] = f[F.LEAK_NE] + f[F.NET] - f[F.VMAT_NE] - f[F.MAO_NE]
    dy[S.NE_E] = f[F.REL_NE] - f[F.NET] - f[F.SPILL] - f[F.COMT]
    dy[S.NE_P] = (vn * f[F.SPILL] + 1e-3 * u[U.NE_INFUSION]) / vne - f[F.CLEAR]
    asleep = u[U.ASLEEP]
    d = y[S.SLEEP_DEBT]
    if d < 0.0:
        d = 0.0
    need = p[P_NEED]
    dy[S.SLEEP_DEBT] = ((1.0 - asleep) * need / (24.0 - need) - asleep * d / (d + p[P_DFLOOR])) / 60.0 - d / (
        p[P_TDEBT] * MIN_PER_DAY
    )
    dy[S.LOAD] = (load_target(u, y[S.SLEEP_DEBT], y[S.PRACTICE], p) - y[S.LOAD]) / p[P_TAUL]
    dy[S.PRACTICE] = (u[U.PRACTICE] * 72.0 - y[S.PRACTICE]) / p[P_TAUP]
    if u[U.VO2] > p[P_EXTH]:
        dy[S.EX_DRIFT] = 1.0 - y[S.EX_DRIFT] / p[P_TDRIFT]
    else:
        dy[S.EX_DRIFT] = -y[S.EX_DRIFT] / p[P_TDRIFTREC]
    t_vc, t_cu, t_b6, t_fol = pool_targets(u, p)
    smax = p[P_STOREMAX]
    dy[S.POOL_VITC] = pool_rate(y[S.POOL_VITC], t_vc, p[P_KVC], 1.0)
    dy[S.POOL_CU] = pool_rate(y[S.POOL_CU], t_cu, p[P_KCU], smax)
    dy[S.POOL_B6] = pool_rate(y[S.POOL_B6], t_b6, p[P_KB6], smax)
    dy[S.POOL_FOLATE] = pool_rate(y[S.POOL_FOLATE], t_fol, p[P_KFOL], smax)


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
    """Set the fast species (``FAST_STATES``) of ``y`` to their quasi-steady values."""
    quasi_steady_fire(y, u, p, drive(y, u, p))


@numba.njit(cache=True, fastmath=FM)
def quasi_steady_fire(y: np.ndarray, u: np.ndarray, p: np.ndarray, drive_y: float) -> None:
    fire = drive_y * math.exp(y[S.LOAD])
    rel = fire * p[P_KREL] * y[S.NE_V]
    y[S.NE_E] = _qss_root(rel, p[P_VNET], p[P_KNET], p[P_KSP] + p[P_KCOMT])
    net = p[P_VNET] * y[S.NE_E] / (p[P_KNET] + y[S.NE_E])
    y[S.NE_C] = _qss_root(p[P_KLEAK] * y[S.NE_V] + net, p[P_VVMAT], p[P_KVMAT], p[P_KMAONE])
    # L-DOPA: AADC flux = TH flux (TH evaluated with the previous cytosolic DA: the catechol
    # feedback, Ki 110 uM vs ~0.05 uM of catechols, is too weak for the lag to matter)
    f_th, f_aadc, _ = enzyme_factors(y, p)
    th = th_flux(y[S.TYR_N], y[S.DA_C] + y[S.NE_C], f_th, y[S.LOAD], p)
    vaadc = f_aadc * p[P_VAADC]
    y[S.DOPA] = p[P_KAADC] * th / (vaadc - th) if th < 0.999 * vaadc else 999.0 * p[P_KAADC]
    aadc = vaadc * y[S.DOPA] / (p[P_KAADC] + y[S.DOPA])
    y[S.DA_C] = _qss_root(aadc + p[P_KLEAK] * y[S.DA_V], p[P_VVMAT], p[P_KVMAT], p[P_KMAODA])


# ---------------------------------------------------------------------------------------------- fast solver
PATH_STATES: tuple[S, ...] = (S.GUT_PHE, S.GUT_TYR, S.PHE_P, S.TYR_P, S.TYR_N, S.DA_V, S.NE_V)  # RK4
# Every other slow state (debt, load, practice, drift, pools) is linear, or nearly so, within a step of constant
# inputs and is advanced by its exact (exponential) solution; the pathway sees their values at the stage times.


@numba.njit(cache=True, fastmath=FM)
def _path_rhs(
    y: np.ndarray,
    u: np.ndarray,
    p: np.ndarray,
    base: float,
    drift: float,
    load: float,
    f_th: float,
    f_aadc: float,
    f_dbh: float,
    dy: np.ndarray,
) -> float:
    """Quasi-steady fast species into ``y`` and the pathway derivatives into ``dy`` (``PATH_STATES`` only);
    returns the firing rate (drive x exp(load))."""
    fire = base * exercise_factor(u[U.VO2], drift, p) * math.exp(load)
    ne_v = y[S.NE_V]
    da_v = y[S.DA_V]
    tyr_n = y[S.TYR_N]
    tyr_p = y[S.TYR_P]
    phe_p = y[S.PHE_P]
    rel_ne = fire * p[P_KREL] * ne_v
    ne_e = _qss_root(rel_ne, p[P_VNET], p[P_KNET], p[P_KSP] + p[P_KCOMT])
    net = p[P_VNET] * ne_e / (p[P_KNET] + ne_e)
    ne_c = _qss_root(p[P_KLEAK] * ne_v + net, p[P_VVMAT], p[P_KVMAT], p[P_KMAONE])
    th = th_flux(tyr_n, y[S.DA_C] + ne_c, f_th, load, p)
    vaadc = f_aadc * p[P_VAADC]
    if th < 0.999 * vaadc:
        dopa = p[P_KAADC] * th / (vaadc - th)
        aadc = th
    else:
        dopa = 999.0 * p[P_KAADC]
        aadc = vaadc * dopa / (p[P_KAADC] + dopa)
    da_c = _qss_root(aadc + p[P_KLEAK] * da_v, p[P_VVMAT], p[P_KVMAT], p[P_KMAODA])
    y[S.NE_E] = ne_e
    y[S.NE_C] = ne_c
    y[S.DOPA] = dopa
    y[S.DA_C] = da_c
    ka = p[P_KA]
    abs_phe = ka * y[S.GUT_PHE]
    abs_tyr = ka * y[S.GUT_TYR]
    pah = p[P_VPAH] * phe_p / (p[P_KPAH] + phe_p)
    uptake = p[P_VIN] * tyr_p / (p[P_KIN] + tyr_p)
    efflux = p[P_KOUT] * tyr_n
    vaa = p[P_VAA]
    dy[S.GUT_PHE] = u[U.PHE_IN] - abs_phe
    dy[S.GUT_TYR] = u[U.TYR_IN] - abs_tyr
    dy[S.PHE_P] = p[P_FABS] * abs_phe / vaa + p[P_APHE] - pah - p[P_KPHEO] * phe_p
    dy[S.TYR_P] = (
        p[P_FABS] * abs_tyr / vaa
        + p[P_ATYR]
        + pah
        - p[P_VTAT] * tyr_p / (p[P_KTAT] + tyr_p)
        - p[P_VN] / vaa * (uptake - efflux)
    )
    dy[S.TYR_N] = uptake - efflux - th
    dy[S.DA_V] = (
        p[P_VVMAT] * da_c / (p[P_KVMAT] + da_c)
        - f_dbh * p[P_VDBH] * da_v / (p[P_KDBH] + da_v)
        - p[P_KLEAK] * da_v
        - fire * p[P_KREL] * da_v
    )
    dy[S.NE_V] = (
        p[P_VVMAT] * ne_c / (p[P_KVMAT] + ne_c)
        + f_dbh * p[P_VDBH] * da_v / (p[P_KDBH] + da_v)
        - p[P_KLEAK] * ne_v
        - rel_ne
    )
    return fire


@numba.njit(cache=True)
def _relax(x0: float, target: float, rate: float, t: float) -> float:
    return target + (x0 - target) * math.exp(-rate * t)


@numba.njit(cache=True)
def _pool_at(x0: float, target: float, k_per_day: float, cap: float, t: float) -> float:
    """Exact solution of ``pool_rate`` after ``t`` minutes."""
    if x0 >= cap and target >= x0:
        return x0
    x = _relax(x0, target, k_per_day / MIN_PER_DAY, t)
    if target > cap and x > cap:
        return cap
    return x


@numba.njit(cache=True)
def _debt_at(d0: float, asleep: float, p: np.ndarray, t: float) -> float:
    """Sleep debt after ``t`` minutes: awake, exact (accrual and slow recovery); asleep, the repayment
    dD/dt = -D/(D+floor)/60 solved exactly (D + floor ln D falls by t/60), then the slow recovery."""
    tau = p[P_TDEBT] * MIN_PER_DAY
    if asleep < 0.5:
        a = p[P_NEED] / (24.0 - p[P_NEED]) / 60.0
        return _relax(d0, a * tau, 1.0 / tau, t)
    if d0 <= 0.0:
        return 0.0
    f = p[P_DFLOOR]
    c = d0 + f * math.log(d0) - t / 60.0
    x = math.log(d0)
    for _ in range(60):
        ex = math.exp(x)
        step = (ex + f * x - c) / (ex + f)
        x -= step
        if abs(step) < 1e-13:
            break
    return math.exp(x) * math.exp(-t / tau)


@numba.njit(cache=True, fastmath=FM)
def _dbh_of(y: np.ndarray, p: np.ndarray, f_dbh: float) -> float:
    return f_dbh * p[P_VDBH] * y[S.DA_V] / (p[P_KDBH] + y[S.DA_V])


@numba.njit(cache=True, fastmath=FM)
def _step(
    y: np.ndarray,
    u: np.ndarray,
    p: np.ndarray,
    h: float,
    yt: np.ndarray,
    k1: np.ndarray,
    k2: np.ndarray,
    k3: np.ndarray,
    k4: np.ndarray,
    agg: np.ndarray,
    ys: np.ndarray,
) -> None:
    """Advance ``y`` by ``h`` minutes of the constant inputs ``u``. ``agg`` gets (fire, dbh, ne_e) at the start and
    (fire, dbh, ne_e) at the end of the step, in that order; ``ys`` the state at the start of the step with the fast
    species at their quasi-steady values for the new inputs."""
    base = base_drive(u, p)
    # exact slow states at t = h/2 and t = h
    exercising = u[U.VO2] > p[P_EXTH] and u[U.VO2] > 0.0
    f_tgt = p[P_TDRIFT] if exercising else 0.0
    f_rate = 1.0 / (p[P_TDRIFT] if exercising else p[P_TDRIFTREC])
    dr0 = y[S.EX_DRIFT]
    dr_mid = _relax(dr0, f_tgt, f_rate, 0.5 * h)
    dr_end = _relax(dr0, f_tgt, f_rate, h)
    t_vc, t_cu, t_b6, t_fol = pool_targets(u, p)
    smax = p[P_STOREMAX]
    half = 0.5 * h
    vc_mid = _pool_at(y[S.POOL_VITC], t_vc, p[P_KVC], 1.0, half)
    cu_mid = _pool_at(y[S.POOL_CU], t_cu, p[P_KCU], smax, half)
    b6_mid = _pool_at(y[S.POOL_B6], t_b6, p[P_KB6], smax, half)
    fol_mid = _pool_at(y[S.POOL_FOLATE], t_fol, p[P_KFOL], smax, half)
    ch = p[P_COFHALF]
    f_th = cofactor_factor(fol_mid, p[P_CMFOL], ch)
    f_aadc = cofactor_factor(b6_mid, p[P_CMAADC], ch)
    f_dbh = cofactor_factor(cu_mid, p[P_CMCU], ch) * cofactor_factor(vc_mid, p[P_CMVC], ch)
    asleep = u[U.ASLEEP]
    debt_mid = _debt_at(y[S.SLEEP_DEBT], asleep, p, half)
    debt_end = _debt_at(y[S.SLEEP_DEBT], asleep, p, h)
    pr_tgt = u[U.PRACTICE] * 72.0
    pr_mid = _relax(y[S.PRACTICE], pr_tgt, 1.0 / p[P_TAUP], half)
    pr_end = _relax(y[S.PRACTICE], pr_tgt, 1.0 / p[P_TAUP], h)
    l_tgt = load_target(u, debt_mid, pr_mid, p)
    l0 = y[S.LOAD]
    l_mid = _relax(l0, l_tgt, 1.0 / p[P_TAUL], half)
    l_end = _relax(l0, l_tgt, 1.0 / p[P_TAUL], h)
    # RK4 over the pathway
    fire0 = _path_rhs(y, u, p, base, dr0, l0, f_th, f_aadc, f_dbh, k1)
    agg[0] = fire0
    agg[1] = _dbh_of(y, p, f_dbh)
    agg[2] = y[S.NE_E]
    for j in range(N_STATES):
        yt[j] = y[j]
        ys[j] = y[j]
    for s in PATH_STATES:
        yt[s] = y[s] + half * k1[s]
    _path_rhs(yt, u, p, base, dr_mid, l_mid, f_th, f_aadc, f_dbh, k2)
    for s in PATH_STATES:
        yt[s] = y[s] + half * k2[s]
    _path_rhs(yt, u, p, base, dr_mid, l_mid, f_th, f_aadc, f_dbh, k3)
    for s in PATH_STATES:
        yt[s] = y[s] + h * k3[s]
    _path_rhs(yt, u, p, base, dr_end, l_end, f_th, f_aadc, f_dbh, k4)
    for s in PATH_STATES:
        v = y[s] + h / 6.0 * (k1[s] + 2.0 * k2[s] + 2.0 * k3[s] + k4[s])
        y[s] = v if v > 0.0 else 0.0
    y[S.DA_C] = yt[S.DA_C]
    y[S.EX_DRIFT] = dr_end
    y[S.SLEEP_DEBT] = debt_end
    y[S.PRACTICE] = pr_end
    y[S.LOAD] = l_end
    y[S.POOL_VITC] = _pool_at(y[S.POOL_VITC], t_vc, p[P_KVC], 1.0, h)
    y[S.POOL_CU] = _pool_at(y[S.POOL_CU], t_cu, p[P_KCU], smax, h)
    y[S.POOL_B6] = _pool_at(y[S.POOL_B6], t_b6, p[P_KB6], smax, h)
    y[S.POOL_FOLATE] = _pool_at(y[S.POOL_FOLATE], t_fol, p[P_KFOL], smax, h)
    fire1 = _path_rhs(y, u, p, base, dr_end, l_end, f_th, f_aadc, f_dbh, k1)
    agg[3] = fire1
    agg[4] = _dbh_of(y, p, f_dbh)
    agg[5] = y[S.NE_E]


@numba.njit(cache=True)
def _rows_equal(U_: np.ndarray, i: int, j: int) -> bool:
    for c in range(U_.shape[1]):
        if U_[i, c] != U_[j, c]:
            return False
    return True


@numba.njit(cache=True)
def make_steps(U_: np.ndarray, max_step: int) -> tuple[np.ndarray, np.ndarray]:
    """(start minute, length) of the solver's steps: each run of minutes with equal inputs (broken at midnight)
    split into near-equal steps of at most ``max_step`` minutes (``EXERCISE_STEP_MIN`` while exercising, where the
    drift changes the drive within minutes)."""
    n = U_.shape[0]
    starts = np.empty(n, dtype=np.int64)
    lens = np.empty(n, dtype=np.int64)
    k = 0
    i = 0
    while i < n:
        j = i + 1
        while j < n and j % MIN_PER_DAY != 0 and _rows_equal(U_, j - 1, j):
            j += 1
        length = j - i
        cap = max_step if U_[i, U.VO2] <= 0.0 else min(max_step, EXERCISE_STEP_MIN)
        nst = (length + cap - 1) // cap
        base = length // nst
        extra = length % nst
        for s in range(nst):
            m = base + (1 if s < extra else 0)
            starts[k] = i
            lens[k] = m
            k += 1
            i += m
    return starts[:k], lens[:k]


@numba.njit(cache=True, fastmath=FM)
def run_person(
    y: np.ndarray,
    U_: np.ndarray,
    starts: np.ndarray,
    lens: np.ndarray,
    p: np.ndarray,
    daily: np.ndarray,
    ne_min: np.ndarray,
    y_min: np.ndarray,
) -> int:
    """Integrate ``y`` (changed in place to the final state) over the inputs ``U_`` (one row per minute) with the
    fast solver; ``daily[d]`` gets the ``D`` outputs of each whole day (sums over the day's minutes in closed form
    per step: plasma NE exact minute by minute, the other quantities linear within a step). When ``ne_min`` has one
    value per minute it gets plasma NE (uM) at the end of each minute; when ``y_min`` has len(U_)+1 rows it gets the
    state at every minute (rows inside a step are linear interpolations, plasma NE exact). Returns 0, or the 1-based
    minute at which a non-finite value appeared."""
    k1 = np.zeros(N_STATES)
    k2 = np.zeros(N_STATES)
    k3 = np.zeros(N_STATES)
    k4 = np.zeros(N_STATES)
    yt = np.empty(N_STATES)
    ys = np.empty(N_STATES)
    agg = np.empty(6)
    rec_ne = ne_min.shape[0] == U_.shape[0]
    rec_y = y_min.shape[0] == U_.shape[0] + 1
    kel = LN2 / p[P_THALF]
    vne = p[P_CL] * p[P_THALF] / LN2
    rho = math.exp(-kel)
    gain = (1.0 - rho) / kel
    c_sp = p[P_VN] * p[P_KSP] / vne
    if U_.shape[0] > 0:
        quasi_steady(y, U_[0], p)
    if rec_y:
        for j in range(N_STATES):
            y_min[0, j] = y[j]
    s_ne = 0.0
    s_peak = 0.0
    s_store = 0.0
    s_dbh = 0.0
    s_rel = 0.0
    s_tyr = 0.0
    s_load = 0.0
    s_debt = 0.0
    for st in range(starts.shape[0]):
        i = starts[st]
        m = lens[st]
        u = U_[i]
        x0 = y[S.NE_P]
        _step(y, u, p, float(m), yt, k1, k2, k3, k4, agg, ys)
        for j in range(N_STATES):
            if not math.isfinite(y[j]):
                return i + 1
        # plasma NE: x_{q+1} = rho x_q + gain (c_sp ne_e(q + 1/2) + infusion), ne_e linear over the step
        e0 = agg[2]
        de = agg[5] - e0
        s_inf = 1e-3 * u[U.NE_INFUSION] / vne
        alpha = gain * (c_sp * (e0 + 0.5 * de / m) + s_inf)
        beta = gain * c_sp * de / m
        b = beta / (1.0 - rho)
        a = (alpha - b) / (1.0 - rho)
        kk = x0 - a
        rho_m = math.exp(-kel * m)
        x_end = a + b * m + kk * rho_m
        s_ne += m * a + b * m * (m + 1) * 0.5 + kk * rho * (1.0 - rho_m) / (1.0 - rho)
        peak = x_end
        x1 = a + b + kk * rho
        if x1 > peak:
            peak = x1
        if kk != 0.0 and b != 0.0:
            r = -b / (kk * math.log(rho))
            if 0.0 < r < 1.0:
                qs = math.log(r) / math.log(rho)
                for q in (math.floor(qs), math.ceil(qs)):
                    if 1.0 <= q <= m:
                        xq = a + b * q + kk * math.exp(-kel * q)
                        if xq > peak:
                            peak = xq
        if peak > s_peak:
            s_peak = peak
        if rec_ne or rec_y:
            x = x0
            for q in range(m):
                x = rho * x + alpha + beta * q
                if rec_ne:
                    ne_min[i + q] = x
                if rec_y:
                    a_end = (q + 1.0) / m
                    for j in range(N_STATES):
                        y_min[i + q + 1, j] = ys[j] + a_end * (y[j] - ys[j])
                    y_min[i + q + 1, S.NE_P] = x
        y[S.NE_P] = x_end
        s_store += m * ys[S.NE_V] + (y[S.NE_V] - ys[S.NE_V]) * (m + 1) * 0.5
        s_tyr += m * ys[S.TYR_P] + (y[S.TYR_P] - ys[S.TYR_P]) * (m + 1) * 0.5
        s_load += m * ys[S.LOAD] + (y[S.LOAD] - ys[S.LOAD]) * (m + 1) * 0.5
        s_debt += m * ys[S.SLEEP_DEBT] + (y[S.SLEEP_DEBT] - ys[S.SLEEP_DEBT]) * (m + 1) * 0.5
        s_dbh += m * 0.5 * (agg[1] + agg[4])
        s_rel += m * 0.5 * p[P_KREL] * (agg[0] * ys[S.NE_V] + agg[3] * y[S.NE_V])
        if (i + m) % MIN_PER_DAY == 0:
            d = (i + m) // MIN_PER_DAY - 1
            if d < daily.shape[0]:
                daily[d, D.NE_MEAN] = s_ne / MIN_PER_DAY
                daily[d, D.NE_PEAK] = s_peak
                daily[d, D.STORE] = s_store / MIN_PER_DAY
                daily[d, D.DBH] = s_dbh / MIN_PER_DAY
                daily[d, D.RELEASE] = s_rel / MIN_PER_DAY
                daily[d, D.TYR] = s_tyr / MIN_PER_DAY
                daily[d, D.LOAD] = s_load / MIN_PER_DAY
                daily[d, D.DEBT] = s_debt / MIN_PER_DAY
            s_ne = 0.0
            s_peak = 0.0
            s_store = 0.0
            s_dbh = 0.0
            s_rel = 0.0
            s_tyr = 0.0
            s_load = 0.0
            s_debt = 0.0
    return 0


@numba.njit(cache=True, parallel=True)
def cohort_kernel(
    Y: np.ndarray,
    U_: np.ndarray,
    starts: np.ndarray,
    lens: np.ndarray,
    P: np.ndarray,
    daily: np.ndarray,
    status: np.ndarray,
) -> None:
    """Parameter sets (rows of ``P``) in parallel (numba prange) on one shared input series: ``Y[k]`` is set k's
    initial state and becomes its final state, ``daily[k, d]`` its ``D`` outputs of day d, ``status[k]`` 0 or the
    minute a non-finite value appeared."""
    empty_ne = np.empty(0)
    empty_y = np.empty((0, N_STATES))
    for k in numba.prange(P.shape[0]):
        y = Y[k].copy()
        status[k] = run_person(y, U_, starts, lens, P[k], daily[k], empty_ne, empty_y)
        for j in range(N_STATES):
            Y[k, j] = y[j]
