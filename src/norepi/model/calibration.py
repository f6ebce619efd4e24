"""Calibration targets, the least-squares fit, and the parameter ensemble.

Run ``python -m norepi.model.calibration`` to refit the free parameters (writes ``fitted_parameters.json``),
``--ensemble`` to draw the parameter ensemble (``ensemble_parameters.json``), ``--docs`` to regenerate the tables
of docs/model.md and the README. ``--no-dask`` runs in this process; ``--scheduler tcp://host:port`` uses an
existing Dask cluster (else a LocalCluster).

Each :class:`Target` names the published protocol (a function of :mod:`norepi.model.protocols`), the published
value, the accepted range (stated next to the target, before any fit) and its role: *fitted* (used by the fit and
to accept ensemble members), *anchored* (met through literature or derived parameters; also required of ensemble
members) or *held-out* (validation only: never used by the fit or the ensemble, never tuned; the fit records a
digest of their definitions, and a test fails when they change without a refit). ``mechanism`` says what the target
rests on; tests/model/test_model_mutations.py removes that mechanism and shows the target then fails.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from norepi.errors import NorepiError
from norepi.model import protocols as pr
from norepi.model.parameters import FITTED_JSON, INDEX, NAMES, TABLE, Parameters, derive

FIT_NAMES = (
    "v_aa_l",
    "ka_per_min",
    "vmax_tat_umol_per_l_min",
    "ne_supine_nmol_per_l",
    "g_upright",
    "g_sleep",
    "ex_amp",
    "ex_power",
    "g_drift_per_min",
    "stress_gain",
)
ROLES = ("fitted", "anchored", "held-out")
FITTED_PRIOR_SD = 0.5  # weak log-normal prior (x/÷ 1.65) around the fit on each fitted parameter, for the posterior
INF = 1e9


@dataclass(frozen=True)
class Target:
    """A published figure and the protocol that reproduces it."""

    name: str
    source: str
    published: float
    unit: str
    low: float
    high: float
    role: str
    model: Callable[[Parameters], float]
    tolerance: str
    mechanism: str
    published_text: str = ""

    def check(self, p: Parameters) -> tuple[float, bool]:
        """(model value, whether it lies in the accepted range)."""
        v = float(self.model(p))
        return v, bool(math.isfinite(v) and self.low <= v <= self.high)

    def definition(self) -> tuple:
        """What the target claims, for the held-out digest."""
        return (self.name, self.source, self.published, self.unit, self.low, self.high, self.role, self.tolerance)


def _rel(name: str, source: str, value: float, unit: str, tol: float, role: str, fn: Callable, mech: str) -> Target:
    return Target(
        name, source, value, unit, value * (1 - tol), value * (1 + tol), role, fn, f"+-{tol * 100:.0f} %", mech
    )


def _abs(name: str, source: str, value: float, unit: str, tol: float, role: str, fn: Callable, mech: str) -> Target:
    return Target(name, source, value, unit, value - tol, value + tol, role, fn, f"+-{tol:g} {unit}", mech)


def _range(
    name: str,
    source: str,
    value: float,
    unit: str,
    low: float,
    high: float,
    role: str,
    fn: Callable,
    mech: str,
    text: str = "",
    tol: str = "",
) -> Target:
    hi = "" if high >= INF else f"{high:g}"
    lo = "" if low <= -INF else f"{low:g}"
    tol = tol or (f"{lo} to {hi} {unit}" if lo and hi else (f">= {lo} {unit}" if lo else f"<= {hi} {unit}"))
    return Target(name, source, value, unit, low, high, role, fn, tol, mech, text)


TARGETS: list[Target] = [
    # ---- fitted (the fit and ensemble acceptance use these)
    _rel(
        "supine plasma NE",
        "PMID 4084169 (181 +- 14 pg/mL)",
        1.07,
        "nmol/L",
        0.2,
        "fitted",
        pr.supine_ne,
        "resting spillover (ne_supine_nmol_per_l)",
    ),
    _rel(
        "standing/supine NE",
        "PMID 4084169 (472/181)",
        472 / 181,
        "ratio",
        0.15,
        "fitted",
        pr.standing_ratio,
        "posture drive (g_upright)",
    ),
    _rel(
        "Tyr 2 h after 100 mg/kg",
        "Glaeser 1979 (154 +- 9.5)",
        154.0,
        "uM",
        0.15,
        "fitted",
        lambda p: pr.tyr_2h(p, 100.0),
        "tyrosine volume and absorption (v_aa_l, ka_per_min)",
    ),
    _abs(
        "time of Tyr peak, 100 mg/kg",
        "Glaeser 1979 (peak at 2 h)",
        120.0,
        "min",
        45.0,
        "fitted",
        pr.tyr_tmax,
        "gut absorption (ka_per_min)",
    ),
    _rel(
        "dNE 5 min at 44 % VO2max",
        "Orizio/Perini 1988 (+207.7 pg/mL)",
        1.23,
        "nmol/L",
        0.4,
        "fitted",
        lambda p: pr.exercise_delta(p, 0.44),
        "exercise curve (ex_amp, ex_power)",
    ),
    _rel(
        "dNE 5 min at 65 % VO2max",
        "Orizio/Perini 1988 (+521.3 pg/mL)",
        3.08,
        "nmol/L",
        0.3,
        "fitted",
        lambda p: pr.exercise_delta(p, 0.65),
        "exercise curve",
    ),
    _rel(
        "NE at maximal cycling",
        "Rowland 1996 (1385 pg/mL)",
        8.2,
        "nmol/L",
        0.4,
        "fitted",
        pr.max_cycling,
        "exercise curve",
    ),
    _rel(
        "dNE after 30 min at 65 % VO2max",
        "NE-sulfate study, researcher.life abstract (+11.2 +- 1.3 nM)",
        11.2,
        "nmol/L",
        0.35,
        "fitted",
        pr.drift_30,
        "sustained-exercise drift (g_drift_per_min)",
    ),
    _rel(
        "public speech NE fold",
        "scilit abstract (NA x1.9)",
        1.9,
        "ratio",
        0.25,
        "fitted",
        pr.speech_ratio,
        "acute stress drive (stress_gain)",
    ),
    _rel(
        "relative 24-h amplitude of NE",
        "Linsell 1985 (amplitude 111 on mean 413 pg/mL)",
        111 / 413,
        "fraction",
        0.3,
        "fitted",
        pr.relative_amplitude,
        "sleep drive vs awake posture (g_sleep)",
    ),
    # ---- anchored (met through literature or derived parameters)
    _rel(
        "plasma NE t1/2 after infusion",
        "Silverberg 1978 (2.4 +- 0.7 min)",
        2.4,
        "min",
        0.3,
        "anchored",
        pr.infusion_half_time,
        "plasma half-life (t_half_ne_min)",
    ),
    _rel(
        "plasma NE clearance",
        "Esler ~1981 (1.33 L/m2/min)",
        2.4,
        "L/min",
        0.1,
        "anchored",
        pr.infusion_clearance,
        "clearance (cl_ne_l_per_min)",
    ),
    _rel(
        "vitamin C-free diet: days to a 300 mg pool",
        "Baker 1969/1971 (1.5 g pool, 3.2 %/day; scurvy at ~300 mg)",
        50.3,
        "days",
        0.3,
        "anchored",
        pr.vitc_days_to_scurvy,
        "ascorbate pool turnover (k_vitc_per_day)",
    ),
    _range(
        "folate-free diet 90 d: tissue folate pool",
        "Herbert 1962 (tissue depletion only after > 3 months)",
        55.0,
        "%",
        30.0,
        80.0,
        "anchored",
        pr.folate_pool_90d_pct,
        "folate pool turnover (k_folate_per_day)",
        "tissue stores fall only after > 3 months",
    ),
    # ---- held-out validation (never used by the fit or the ensemble)
    _rel(
        "Tyr 2 h after 150 mg/kg",
        "Glaeser 1979 (203 +- 31.5)",
        203.0,
        "uM",
        0.2,
        "held-out",
        lambda p: pr.tyr_2h(p, 150.0),
        "tyrosine kinetics",
    ),
    _range(
        "2-h Tyr rises with the dose (100/150/200 mg/kg)",
        "van de Rest 2017 (dose-dependent rise)",
        0.0,
        "uM",
        1.0,
        INF,
        "held-out",
        pr.tyr_dose_order,
        "tyrosine kinetics",
        "dose-dependent rise",
    ),
    _range(
        "reference day: plasma Tyr within 30-120 uM",
        "ARUP reference interval (test 0080710)",
        0.0,
        "uM",
        0.0,
        0.5,
        "held-out",
        pr.tyr_within_reference,
        "amino acid disposal (TAT, PAH)",
        "within the reference interval",
        "excursion beyond 30-120 uM <= 0.5 uM",
    ),
    _rel(
        "NE at ~80 % HRmax, 10 min",
        "Peronnet 1981 (1371 pg/mL)",
        8.1,
        "nmol/L",
        0.5,
        "held-out",
        pr.steady_80,
        "exercise curve",
    ),
    _abs(
        "dNE 5 min at 22 % VO2max",
        "Orizio 1988 (no increase)",
        0.0,
        "%",
        10.0,
        "held-out",
        lambda p: pr.exercise_pct(p, 0.22),
        "exercise threshold (ex_threshold)",
    ),
    _abs(
        "NE breakpoint of an incremental test",
        "Schneider 1992 (46.6 +- 3.0 % VO2max)",
        46.6,
        "% VO2max",
        10.0,
        "held-out",
        pr.ne_breakpoint,
        "flat-then-steep exercise curve",
    ),
    _range(
        "steeper NE rise above 75 % VO2max",
        "Haggendal 1970 (slow to ~75 %, rapid above)",
        2.0,
        "slope ratio",
        1.2,
        INF,
        "held-out",
        pr.slope_ratio,
        "convex exercise curve (ex_power > 1)",
        "rapid rise above ~75 %",
    ),
    _range(
        "maximal NE over rest",
        "Zouhal 2008 (1.5 to > 20 x basal)",
        8.0,
        "fold",
        1.5,
        30.0,
        "held-out",
        pr.max_fold,
        "exercise curve",
        "1.5 to > 20 x",
    ),
    _rel(
        "NE half-time after strenuous exercise",
        "Hagberg 1979 (2.8 min)",
        2.8,
        "min",
        0.35,
        "held-out",
        pr.post_exercise_half_time,
        "plasma half-life; drive falls at once",
    ),
    _rel(
        "NE recovery time constant after 65 % VO2max",
        "Orizio/Perini 1988 (101 s after a 1-min lag)",
        101.0,
        "s",
        0.3,
        "held-out",
        pr.recovery_tau_s,
        "plasma half-life",
    ),
    _range(
        "NE 30 min after a maximal test",
        "EJAP 1993 PMID 8330610 (back to baseline within 0.5 h)",
        0.0,
        "%",
        -10.0,
        10.0,
        "held-out",
        pr.back_to_baseline_pct,
        "plasma half-life, no lasting drive",
        "back to baseline",
    ),
    _range(
        "20 min HIIT raises NE",
        "Trapp 2007 (catecholamines rise)",
        100.0,
        "%",
        20.0,
        INF,
        "held-out",
        pr.hiit_rise_pct,
        "exercise curve",
        "rise",
    ),
    _rel(
        "24-h mean plasma NE",
        "Linsell 1985 (413 +- 25 pg/mL)",
        2.44,
        "nmol/L",
        0.25,
        "held-out",
        pr.circadian_mean,
        "posture, sleep and circadian drive",
    ),
    _abs(
        "clock time of NE trough",
        "Linsell 1985 (02:20 +- 0:30)",
        2.33,
        "h",
        2.5,
        "held-out",
        pr.circadian_trough_h,
        "circadian phase (circadian_peak_h)",
    ),
    _range(
        "NE awake above asleep",
        "Linsell 1985 (higher awake and upright)",
        1.5,
        "ratio",
        1.05,
        INF,
        "held-out",
        pr.awake_over_asleep,
        "sleep drive (g_sleep) vs posture",
        "higher awake",
    ),
    _range(
        "NE falls at sleep onset",
        "Irwin 1999 (falls; nadir ~1 h after onset)",
        0.8,
        "ratio",
        0.0,
        0.95,
        "held-out",
        pr.sleep_onset_ratio,
        "sleep drive (g_sleep) vs posture",
        "falls",
    ),
    _range(
        "sleep NE not below supine wake",
        "Dodt 1997 (strictly supine night)",
        1.0,
        "ratio",
        0.95,
        INF,
        "held-out",
        pr.asleep_over_supine_awake,
        "sleep drive (g_sleep)",
        "not lower",
    ),
    _range(
        "NE after a night lying vs 30 min lying mid-morning",
        "Saar & Gordon 1979 (lower after the night)",
        0.9,
        "ratio",
        0.0,
        0.99,
        "held-out",
        pr.recumbency_ratio,
        "circadian drive (a_circadian)",
        "lower",
    ),
    _range(
        "standing up after a night in bed",
        "Dodt 1997 (NE +180 %)",
        180.0,
        "%",
        90.0,
        270.0,
        "held-out",
        pr.stand_after_night_pct,
        "posture drive",
        tol="+-50 % of the rise",
    ),
    _range(
        "supine -> standing rise, 49 controls",
        "hypertension study, litmetric abstract (+93 +- 60 %)",
        93.0,
        "%",
        33.0,
        153.0,
        "held-out",
        pr.standing_rise_pct,
        "posture drive",
        tol="+-1 SD",
    ),
    _range(
        "supine plasma NE, regional sampling study",
        "scite abstract (1.59, 1.30-2.11 nM)",
        1.59,
        "nmol/L",
        1.30,
        2.11,
        "held-out",
        pr.supine_ne,
        "resting spillover",
        tol="published range",
    ),
    _rel(
        "NE rise on 30 degree head-up tilt",
        "Meredith 1992 (+112 +- 20 pg/mL)",
        112.0,
        "pg/mL",
        0.5,
        "held-out",
        pr.tilt_rise_pg_ml,
        "posture drive (tilt as upright 0.5 [U])",
    ),
    _rel(
        "plasma NE clearance (infusion MCR)",
        "Silverberg 1978 (3070 +- 200 mL/min)",
        3.07,
        "L/min",
        0.15,
        "held-out",
        pr.infusion_clearance,
        "clearance",
    ),
    _rel(
        "resting NE appearance",
        "Silverberg 1978 (0.7 ug/min = 4.1 nmol/min)",
        4.1,
        "nmol/min",
        0.3,
        "held-out",
        pr.spillover_nmol_min,
        "resting spillover x clearance",
    ),
    _rel(
        "resting total NE spillover",
        "Esler ~1981 (0.27 +- 0.07 ug/m2/min = 2.9 nmol/min)",
        2.9,
        "nmol/min",
        0.26,
        "held-out",
        pr.spillover_nmol_min,
        "resting spillover x clearance",
    ),
    _range(
        "mental arithmetic NE change",
        "Scand J Clin Lab Invest 1990 (+19 %)",
        19.0,
        "%",
        5.0,
        60.0,
        "held-out",
        pr.arithmetic_pct,
        "acute stress drive",
        tol="direction and rough size: +5 to +60 %",
    ),
    _range(
        "Stroop task: NE during the task",
        "Acta Physiol Scand 1983 (not raised during, raised after)",
        0.0,
        "%",
        -10.0,
        10.0,
        "held-out",
        pr.stroop_during_pct,
        "acute stress drive",
        "not raised during the task",
    ),
    _range(
        "re-uptake and spillover both rise in mental stress",
        "Eisenhofer 1991",
        0.1,
        "fraction",
        0.01,
        INF,
        "held-out",
        pr.arithmetic_flux_rise,
        "release drives both",
        "both rise",
    ),
    _range(
        "5 nights of 4.5 h: supine daytime NE",
        "Dettoni 2012 (serum NE up; value not retrieved), Meerlo 2008",
        10.0,
        "%",
        1.0,
        40.0,
        "held-out",
        pr.sleep_restriction_pct,
        "sleep debt -> chronic load (k_debt)",
        "up, mild (value not retrieved)",
        "direction: +1 to +40 %",
    ),
    _range(
        "one night without sleep: morning NE",
        "Kato 2000 (plasma catecholamines unchanged)",
        0.0,
        "%",
        -15.0,
        15.0,
        "held-out",
        pr.total_deprivation_pct,
        "slow chronic load (tau_load_min)",
        "unchanged",
    ),
    _range(
        "kept awake 03:00-06:00",
        "Irwin 1999 (NE rises with nocturnal awakening)",
        1.3,
        "ratio",
        1.05,
        INF,
        "held-out",
        pr.awakening_ratio,
        "sleep drive vs awake posture",
        "rises",
    ),
    _range(
        "2 g tyrosine at baseline, 24-h NE",
        "Jongkees 2015 (little effect at baseline)",
        0.0,
        "%",
        -5.0,
        5.0,
        "held-out",
        pr.tyrosine_baseline_pct,
        "TH near saturation with substrate inhibition",
        "little effect at baseline",
        "within +-5 %",
    ),
    _range(
        "no copper reaching DBH, 14 d: vesicular DA/NE",
        "Kaler 2008 Menkes (high DA, low NE)",
        2.0,
        "fold",
        1.5,
        INF,
        "held-out",
        pr.menkes_da_ne_fold,
        "DBH scaled by copper (cof_min_cu)",
        "DA up, NE down (infants)",
        "direction: > 1.5 fold",
    ),
    _range(
        "low dietary copper 66 d: copper pool",
        "Turnlund 1997/1998 (0.38 mg/d for 42 d: status declined, no deficiency)",
        80.0,
        "%",
        60.0,
        97.0,
        "held-out",
        pr.copper_depletion_pool_pct,
        "slow copper pool (k_cu_per_day)",
        "copper status declined, not to deficiency",
        "60 to 97 % of full",
    ),
]
BY_NAME = {t.name: t for t in TARGETS}
FITTED = tuple(t for t in TARGETS if t.role == "fitted")
REQUIRED = tuple(t for t in TARGETS if t.role in ("fitted", "anchored"))
HELD_OUT = tuple(t for t in TARGETS if t.role == "held-out")


def held_out_digest() -> str:
    """SHA-256 of the held-out targets' definitions (name, source, value, range, tolerance)."""
    text = json.dumps([t.definition() for t in HELD_OUT], default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def _sd(t: Target) -> float:
    """A target's accepted half-range is taken as 2 SD (a ~95 % range)."""
    return max((t.high - t.low) / 4.0, 1e-9)


def _params_from(x: np.ndarray, names: Sequence[str], base: Parameters | None = None) -> Parameters:
    vals = (base or Parameters.default(use_fitted=False)).values.copy()
    for n, v in zip(names, x, strict=True):
        vals[INDEX[n]] = v
    return Parameters(derive(vals))


def residuals(x: np.ndarray, names: Sequence[str] = FIT_NAMES) -> np.ndarray:
    """Fitted targets' residuals in SD units, plus a weak prior keeping the TAT Vmax near its start value (two PK
    targets for three PK parameters). Large residuals when the parameters give no solution."""
    n_res = len(FITTED) + 1
    try:
        p = _params_from(np.asarray(x, dtype=float), names)
        res = [(t.model(p) - (t.low + t.high) / 2.0) / _sd(t) for t in FITTED]
    except (NorepiError, ValueError, ArithmeticError):
        return np.full(n_res, 1e3)
    i = list(names).index("vmax_tat_umol_per_l_min")
    res.append(0.1 * math.log(float(x[i]) / TABLE["vmax_tat_umol_per_l_min"].value))
    r = np.array(res, dtype=float)
    return np.where(np.isfinite(r), r, 1e3)


def _client(scheduler: str | None, n_workers: int):  # noqa: ANN202
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def _dask_jacobian(client, rel_step: float = 1e-4):  # noqa: ANN001, ANN202
    """Forward-difference Jacobian whose columns are evaluated as Dask tasks."""

    def jac(x: np.ndarray, *_args) -> np.ndarray:  # noqa: ANN002
        hs = rel_step * np.maximum(np.abs(x), 1e-3)
        points = [x.copy()] + [x + hs[i] * np.eye(len(x))[i] for i in range(len(x))]
        vals = client.gather(client.map(residuals, points, pure=False))
        f0 = vals[0]
        return np.column_stack([(vals[i + 1] - f0) / hs[i] for i in range(len(x))])

    return jac


def fit(verbose: int = 0, use_dask: bool = True, scheduler: str | None = None, n_workers: int = 2) -> dict[str, float]:
    """Fit ``FIT_NAMES`` with scipy.optimize.least_squares from the table's start values; returns name -> value.
    With ``use_dask`` the Jacobian's columns fan out through Dask."""
    from scipy.optimize import least_squares

    x0 = np.array([TABLE[n].value for n in FIT_NAMES])
    lo = np.array([TABLE[n].low for n in FIT_NAMES])
    hi = np.array([TABLE[n].high for n in FIT_NAMES])
    if not use_dask and scheduler is None:
        sol = least_squares(residuals, x0, bounds=(lo, hi), x_scale="jac", diff_step=1e-4, verbose=verbose)
    else:
        client, cluster = _client(scheduler, n_workers)
        try:
            sol = least_squares(
                residuals, x0, jac=_dask_jacobian(client), bounds=(lo, hi), x_scale="jac", verbose=verbose
            )
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return dict(zip(FIT_NAMES, (float(v) for v in sol.x), strict=True))


def write_fitted(values: dict[str, float], path: Path = FITTED_JSON) -> None:
    """Store the fitted values with the fitted targets and the digest of the held-out definitions at fit time."""
    data = {
        "fitted_by": "norepi.model.calibration.fit (scipy.optimize.least_squares)",
        "targets": [t.name for t in FITTED],
        "held_out_digest": held_out_digest(),
        "values": values,
    }
    path.write_text(json.dumps(data, indent=2) + "\n")


# ------------------------------------------------------------------------------------------------ ensemble
def varied_priors() -> tuple[str, ...]:
    """Literature and prior parameters the ensemble varies (those with a ``cv``)."""
    return tuple(n for n in NAMES if TABLE[n].kind in ("literature", "prior") and TABLE[n].cv > 0)


def _joint_residuals(z: np.ndarray, names: Sequence[str], centre: np.ndarray) -> np.ndarray:
    """Fitted and anchored targets' residuals (SD units) and log-normal prior terms, for parameters ``exp(z)``."""
    x = np.exp(z)
    fitted_part = [n for n in names if n in FIT_NAMES]
    base = Parameters.default()
    try:
        p = _params_from(x, names, base)
        r = [(t.model(p) - (t.low + t.high) / 2.0) / _sd(t) for t in REQUIRED]
    except (NorepiError, ValueError, ArithmeticError):
        r = [1e3] * len(REQUIRED)
    prior = [
        (z[i] - centre[i]) / (FITTED_PRIOR_SD if n in fitted_part else math.log(1 + TABLE[n].cv))
        for i, n in enumerate(names)
    ]
    return np.array(r + prior, dtype=float)


def posterior(client=None, rel_step: float = 1e-3) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:  # noqa: ANN001
    """Laplace approximation at the fit: (names, mean of log values, covariance) over the fitted parameters and the
    varied priors, from the Jacobian of the fitted and anchored targets' residuals, the priors' log-normal terms
    and a weak log-normal prior (sd ``FITTED_PRIOR_SD``) on each fitted parameter (three tyrosine parameters meet
    two tyrosine targets: the weak prior keeps that direction finite)."""
    names = FIT_NAMES + varied_priors()
    p0 = Parameters.default()
    z0 = np.log(np.array([p0[n] for n in names]))
    points = [z0.copy()] + [z0 + rel_step * np.eye(len(z0))[i] for i in range(len(z0))]
    if client is None:
        vals = [_joint_residuals(pt, names, z0) for pt in points]
    else:
        vals = client.gather(
            client.map(_joint_residuals, points, [names] * len(points), [z0] * len(points), pure=False)
        )
    J = np.column_stack([(vals[i + 1] - vals[0]) / rel_step for i in range(len(z0))])
    cov = np.linalg.pinv(J.T @ J + 1e-9 * np.eye(len(z0)))
    return names, z0, cov


def _accept(rows: np.ndarray) -> list[tuple[bool, np.ndarray | None, str]]:
    """For candidate full parameter vectors: whether every fitted and anchored target is met."""
    out: list[tuple[bool, np.ndarray | None, str]] = []
    for row in rows:
        try:
            p = Parameters(derive(row))
            bad = [t.name for t in REQUIRED if not t.check(p)[1]]
        except (NorepiError, ValueError, ArithmeticError) as exc:
            out.append((False, None, f"no solution: {exc}"))
            continue
        out.append((not bad, p.values if not bad else None, ", ".join(bad)))
    return out


def draw_ensemble(
    size: int = 256,
    seed: int = 0,
    use_dask: bool = True,
    scheduler: str | None = None,
    n_workers: int = 2,
    max_candidates: int = 4000,
    chunk: int = 16,
) -> tuple[np.ndarray, tuple[str, ...], str]:
    """Draw candidates from the Laplace posterior (within the documented bounds), keep those meeting every fitted
    and anchored target, until ``size`` are kept. Returns (rows, varied names, description)."""
    client, cluster = _client(scheduler, n_workers) if (use_dask or scheduler) else (None, None)
    try:
        names, z0, cov = posterior(client)
        rng = np.random.default_rng(seed)
        base = Parameters.default().values
        lo = np.log([TABLE[n].low if TABLE[n].low > 0 else 1e-12 for n in names])
        hi = np.log([TABLE[n].high for n in names])
        kept: list[np.ndarray] = []
        tried = 0
        while len(kept) < size and tried < max_candidates:
            z = rng.multivariate_normal(z0, cov, size=chunk * max(1, n_workers) * 4, method="eigh")
            tried += len(z)
            z = z[np.all((z >= lo) & (z <= hi), axis=1)]
            rows = np.repeat(base[None, :], len(z), axis=0)
            for j, n in enumerate(names):
                rows[:, INDEX[n]] = np.exp(z[:, j])
            parts = [rows[i : i + chunk] for i in range(0, len(rows), chunk)]
            if client is None:
                results = [_accept(part) for part in parts]
            else:
                results = client.gather(client.map(_accept, parts, pure=False))
            for res in results:
                kept += [v for ok, v, _ in res if ok and v is not None]
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    if len(kept) < size:
        raise NorepiError(f"only {len(kept)} of {tried} candidates met the calibration; wanted {size}")
    desc = (
        f"{size} of {tried} candidates from the Laplace posterior of the fit (fitted parameters and "
        f"{len(names) - len(FIT_NAMES)} priors), each meeting all {len(REQUIRED)} fitted and anchored targets"
    )
    return np.array(kept[:size]), names, desc


# ------------------------------------------------------------------------------------------------ tables
def calibration_rows(p: Parameters | None = None) -> list[dict[str, str]]:
    """One row per target: name, source, published, model, tolerance, role, met."""
    p = p or Parameters.default()
    rows = []
    for t in TARGETS:
        v, ok = t.check(p)
        if t.published_text:
            dev = "direction only"
        elif t.published != 0 and t.unit not in ("%", "h"):
            dev = f"{100.0 * (v / t.published - 1.0):+.0f} %"
        else:
            dev = f"{v - t.published:+.3g} {t.unit}"
        rows.append(
            {
                "target": t.name,
                "source": t.source,
                "published": t.published_text or f"{t.published:.4g} {t.unit}",
                "model": f"{v:.3g} {t.unit}",
                "deviation": dev,
                "tolerance": t.tolerance,
                "role": t.role,
                "met": "met" if ok else "missed",
            }
        )
    return rows


def calibration_markdown(p: Parameters | None = None) -> str:
    rows = calibration_rows(p)
    head = (
        "| target | source | published | model | deviation | accepted | role | result |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    return head + "".join(
        f"| {r['target']} | {r['source']} | {r['published']} | {r['model']} | {r['deviation']} | {r['tolerance']} "
        f"| {r['role']} | {r['met']} |\n"
        for r in rows
    )


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - script
    """Options: --fit, --ensemble [N], --docs, --no-dask, --scheduler tcp://host:port."""
    argv = list(sys.argv[1:] if argv is None else argv)
    sched = argv[argv.index("--scheduler") + 1] if "--scheduler" in argv else None
    dask = "--no-dask" not in argv
    if "--fit" in argv or not any(a in argv for a in ("--ensemble", "--docs")):
        values = fit(verbose=1, use_dask=dask, scheduler=sched)
        write_fitted(values)
        print(json.dumps(values, indent=2))
    if "--ensemble" in argv:
        from norepi.model.ensemble import load_ensemble, write_ensemble

        i = argv.index("--ensemble")
        size = int(argv[i + 1]) if i + 1 < len(argv) and argv[i + 1].isdigit() else 256
        rows, names, desc = draw_ensemble(size, use_dask=dask, scheduler=sched)
        write_ensemble(rows, names, desc)
        load_ensemble.cache_clear()
        print(desc)
    print(calibration_markdown(Parameters.default()))
    if "--docs" in argv:
        from norepi.model.docs import main as docs_main

        docs_main()


if __name__ == "__main__":  # pragma: no cover
    main()
