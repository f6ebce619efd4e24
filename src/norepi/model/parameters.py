"""Every parameter of the norepi NE model in one table: value, unit, kind, source, documented bounds, spread.

Kinds:

* ``literature`` — a published value used as is (the source column says which).
* ``prior``      — an order-of-magnitude choice or textbook estimate ([U] in the fact sheet); documented,
                   not fitted; the ensemble varies it by its ``cv``.
* ``fitted``     — fitted by :mod:`norepi.model.calibration` (scipy.optimize.least_squares) to the targets
                   named in ``fitted_to``; the fitted values live in ``fitted_parameters.json`` next to this
                   file and override the start values here; the ensemble samples them from the fit's posterior.
* ``derived``    — computed by :func:`derive` from the others so that the reference rest state (supine,
                   awake, fasting, no exercise, no stress, cofactor pools full, load 0) is a steady state with
                   the design fluxes stated in the table.

``low``/``high`` are the documented bounds: an override outside them (or of an unknown or derived name) is
refused with an :class:`~norepi.errors.InputError` naming the parameter. ``cv`` is the coefficient of variation
the ensemble gives a literature or prior value (0: held fixed); a literature value with a published SD gets
SD/mean.

Time unit of the model: minute. Concentrations: umol/L (uM). Amounts: umol. Volumes: L. Pool states are
fractions of the pool at the RDA steady state (vitamin C: of the saturated pool).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from norepi.errors import InputError

FITTED_JSON = Path(__file__).with_name("fitted_parameters.json")
NE_G_PER_MOL = 169.18  # g/mol; 1 nmol/L = 169.18 pg/mL
TYR_G_PER_MOL = 181.19
PHE_G_PER_MOL = 165.19
KINDS = ("literature", "prior", "fitted", "derived")


@dataclass(frozen=True)
class Param:
    """One row of the parameter table."""

    name: str
    value: float
    unit: str
    kind: str  # literature | prior | fitted | derived
    source: str
    low: float = math.nan
    high: float = math.nan
    cv: float = 0.0
    fitted_to: str = ""


_U = 0.3  # ensemble spread (coefficient of variation) given to an unsourced prior [U]

_T: list[Param] = [
    # --- compartments and plasma amino acids -------------------------------------------------------
    Param(
        "v_aa_l",
        30.0,
        "L",
        "fitted",
        "apparent Tyr/Phe distribution volume (start value [U])",
        5.0,
        1000.0,
        fitted_to="Glaeser 1979: plasma Tyr 2 h after 100 mg/kg oral; time of the peak",
    ),
    Param(
        "ka_per_min",
        0.012,
        "1/min",
        "fitted",
        "gut absorption rate constant of aromatic amino acids (start [U])",
        1e-3,
        0.2,
        fitted_to="Glaeser 1979: peak at 2 h after 100 mg/kg",
    ),
    Param(
        "f_abs", 0.7, "1", "prior", "fraction of ingested Phe/Tyr reaching systemic plasma (first pass) [U]", 0.3, 1.0
    ),
    Param(
        "vmax_tat_umol_per_l_min",
        5.0,
        "uM/min",
        "fitted",
        "hepatic tyrosine catabolism (TAT) Vmax (start [U])",
        0.2,
        100.0,
        fitted_to="Glaeser 1979 100 mg/kg 2-h value (weak prior at its start value)",
    ),
    Param(
        "km_tat_umol_per_l",
        1000.0,
        "uM",
        "prior",
        "TAT Km for tyrosine, order of magnitude (mM range) [U]",
        100.0,
        10000.0,
        _U,
    ),
    Param(
        "vmax_pah_umol_per_l_min",
        0.4,
        "uM/min",
        "prior",
        "PAH Vmax so that fasting Phe->Tyr hydroxylation is ~6 umol/kg/h at 70 kg [U]",
        0.05,
        5.0,
        _U,
    ),
    Param(
        "km_pah_umol_per_l",
        150.0,
        "uM",
        "prior",
        "PAH Km for phenylalanine (human liver PAH, ~0.15-0.5 mM) [U]",
        30.0,
        1000.0,
    ),
    Param(
        "k_phe_other_per_min",
        0.002,
        "1/min",
        "prior",
        "non-hydroxylation Phe disposal (net protein synthesis, transamination) [U]",
        1e-4,
        0.05,
    ),
    Param(
        "phe_fasting_umol_per_l",
        58.0,
        "uM",
        "literature",
        "mid reference interval 30-80 uM (ARUP test 0080710)",
        30.0,
        80.0,
    ),
    Param(
        "tyr_fasting_umol_per_l",
        69.0,
        "uM",
        "literature",
        "Glaeser 1979, 12 fasting adults: 69 +- 3.9 uM (SEM)",
        30.0,
        120.0,
    ),
    Param(
        "a_phe_umol_per_l_min",
        math.nan,
        "uM/min",
        "derived",
        "endogenous Phe appearance (protein breakdown) = fasting disposal",
    ),
    Param(
        "a_tyr_umol_per_l_min",
        math.nan,
        "uM/min",
        "derived",
        "endogenous Tyr appearance (protein breakdown) = fasting disposal - PAH",
    ),
    Param(
        "meal_minutes",
        15.0,
        "min",
        "prior",
        "a meal's amino acids enter the gut at a constant rate over this time [U]",
        1.0,
        120.0,
    ),
    Param(
        "phe_tyr_g_per_g_protein",
        0.085,
        "g/g",
        "prior",
        "Phe+Tyr per g of food protein when a serving gives protein only (typical food protein 4-5 % Phe, "
        "3-4 % Tyr, USDA SR28 amino acid tables) [U]",
        0.03,
        0.15,
    ),
    Param(
        "phe_share",
        0.55,
        "1",
        "prior",
        "Phe share of Phe+Tyr when a serving gives only the sum (same tables) [U]",
        0.3,
        0.8,
    ),
    # --- neuronal tyrosine -> dopamine (Best, Nijhout & Reed 2009 kinetics, converted h -> min) -----
    Param(
        "vmax_tyr_in_umol_per_l_min",
        400.0 / 60,
        "uM/min",
        "literature",
        "Best 2009 SBML VmaxVTYRin 400 uM/h",
        0.5,
        100.0,
    ),
    Param("km_tyr_in_umol_per_l", 64.0, "uM", "literature", "Best 2009 SBML KmVTYRin", 5.0, 500.0),
    Param(
        "k_tyr_out_per_min",
        math.nan,
        "1/min",
        "derived",
        "lumped neuronal Tyr efflux+catabolism; neuronal Tyr = 133.8 uM at blood Tyr 97 uM (repaired Best 2009)",
    ),
    Param("vmax_th_umol_per_l_min", 125.0 / 60, "uM/min", "literature", "Best 2009 TH Vmax 125 uM/h", 0.1, 50.0),
    Param("km_th_tyr_umol_per_l", 46.0, "uM", "literature", "Best 2009 TH Km(Tyr); Bailey 1989 20-60 uM", 5.0, 1000.0),
    Param("km_th_bh4_umol_per_l", 60.0, "uM", "literature", "Best 2009 TH Km(BH4)", 5.0, 1000.0),
    Param(
        "ki_th_tyr_umol_per_l",
        160.0,
        "uM",
        "literature",
        "Best 2009 substrate inhibition Ki(Tyr); Nasrin 1994 (present in hTH)",
        20.0,
        1e6,
    ),
    Param(
        "ki_th_cat_umol_per_l",
        110.0,
        "uM",
        "literature",
        "Best 2009 Ki(cytosolic DA); applied to DA+NE (catechol feedback)",
        1.0,
        1e6,
    ),
    Param(
        "bh4_umol_per_l",
        334.07,
        "uM",
        "literature",
        "BH4 held at the repaired Best 2009 steady state (334 uM)",
        10.0,
        2000.0,
    ),
    Param(
        "th_autoreceptor_factor",
        0.5,
        "1",
        "literature",
        "Best 2009 autoreceptor term 4.5/(8(eDA/0.002024)^4+1)+0.5 at its steady value (~0.5), held constant",
        0.1,
        5.0,
    ),
    Param(
        "vmax_aadc_umol_per_l_min",
        10000.0 / 60,
        "uM/min",
        "literature",
        "Best 2009 AADC Vmax 10,000 uM/h",
        10.0,
        5000.0,
    ),
    Param("km_aadc_umol_per_l", 130.0, "uM", "literature", "Best 2009 AADC Km(L-DOPA)", 10.0, 2000.0),
    Param(
        "vmax_vmat_umol_per_l_min",
        7082.0 / 60,
        "uM/min",
        "literature",
        "Best 2009 VMAT Vmax 7082 uM/h (DA and NE alike)",
        10.0,
        2000.0,
    ),
    Param("km_vmat_umol_per_l", 3.0, "uM", "literature", "Best 2009 VMAT Km", 0.1, 100.0),
    Param("k_mao_da_per_min", 10.0 / 60, "1/min", "literature", "Best 2009 cytosolic DA catabolism 10 /h", 0.01, 10.0),
    # --- vesicles, DBH, release, reuptake, clearance --------------------------------------------------
    Param(
        "km_dbh_umol_per_l",
        2000.0,
        "uM",
        "prior",
        "DBH Km(DA) prior 0.5-5 mM (human value not retrieved) [U]",
        500.0,
        5000.0,
    ),
    Param(
        "vmax_dbh_umol_per_l_min", math.nan, "uM/min", "derived", "so that vesicular DA = 5 % of vesicular NE at rest"
    ),
    Param(
        "ne_v_rest_umol_per_l",
        829.3,
        "uM",
        "prior",
        "design vesicular NE at rest = repaired Best 2009 vesicular DA (829 uM)",
        100.0,
        5000.0,
    ),
    Param("da_v_frac_rest", 0.05, "1", "prior", "vesicular DA/NE at rest in sympathetic vesicles [U]", 0.005, 0.5),
    Param(
        "ne_e_rest_umol_per_l",
        0.0023,
        "uM",
        "prior",
        "design synaptic NE at rest ~ Best 2009 extracellular DA order (0.002-0.02 uM) [U]",
        1e-4,
        0.1,
    ),
    Param(
        "k_leak_per_min",
        1.0 / 480,
        "1/min",
        "prior",
        "vesicular leak to cytosol, 8 h leak turnover [U] (Eisenhofer: leakage dominates NE metabolism)",
        1e-4,
        0.05,
        _U,
    ),
    Param("km_net_umol_per_l", 0.5, "uM", "prior", "NET Km for NE ~0.5 uM [U]", 0.05, 5.0),
    Param(
        "reuptake_per_spillover",
        9.5,
        "1",
        "literature",
        "Eisenhofer 1991: re-uptake 474 +- 122 vs spillover 49.6 +- 6.4 pmol/min/kg",
        2.0,
        30.0,
        0.25,
    ),
    Param(
        "comt_per_spillover",
        1.0,
        "1",
        "prior",
        "extraneuronal (uptake-2/COMT) removal / spillover; release = 11.5 x spillover, within 3-20x (Kopin 1998) [U]",
        0.1,
        10.0,
    ),
    Param(
        "spill_frac_synthesis",
        0.1,
        "1",
        "prior",
        "spillover / total NE synthesis at rest (37 umol/day synthesis ~ VMA+MHPG excretion) [U]",
        0.02,
        0.5,
        _U,
    ),
    Param(
        "v_n_l",
        math.nan,
        "L",
        "derived",
        "effective whole-body sympathetic neuron volume = resting spillover / (spill fraction x TH flux)",
    ),
    Param(
        "k_rel_per_min",
        math.nan,
        "1/min",
        "derived",
        "fractional vesicle release per min at drive 1 (release = 11.5 x spillover)",
    ),
    Param(
        "vmax_net_umol_per_l_min", math.nan, "uM/min", "derived", "NET Vmax from re-uptake = 9.5 x spillover at rest"
    ),
    Param("k_spill_per_min", math.nan, "1/min", "derived", "synaptic NE -> plasma rate constant"),
    Param("k_comt_per_min", math.nan, "1/min", "derived", "extraneuronal NE removal rate constant"),
    Param(
        "k_mao_ne_per_min", math.nan, "1/min", "derived", "cytosolic NE catabolism (MAO) closing the synthesis balance"
    ),
    Param(
        "ne_supine_nmol_per_l",
        1.07,
        "nmol/L",
        "fitted",
        "design plasma NE at rest with load 0 (sets resting spillover; start: PMID 4084169 supine 181 pg/mL)",
        0.3,
        4.0,
        fitted_to="PMID 4084169 supine 181 +- 14 pg/mL, measured from the periodic state",
    ),
    Param("cl_ne_l_per_min", 2.4, "L/min", "literature", "Esler ~1981: 1.33 +- 0.22 L/m2/min x 1.8 m2", 0.5, 8.0, 0.17),
    Param("t_half_ne_min", 2.4, "min", "literature", "Silverberg 1978: plasma NE t1/2 2.4 +- 0.7 min", 0.5, 10.0, 0.29),
    # --- sympathetic drive ----------------------------------------------------------------------------
    Param(
        "g_upright",
        2.4,
        "1",
        "fitted",
        "drive upright / supine (start [U])",
        1.0,
        6.0,
        fitted_to="PMID 4084169 standing/supine 472/181 pg/mL",
    ),
    Param(
        "g_sleep",
        1.0,
        "1",
        "fitted",
        "drive asleep / supine awake (start: Dodt 1997, not lower in sleep than in supine wake)",
        0.5,
        2.5,
        fitted_to="Linsell 1985 relative 24-h amplitude 111/413",
    ),
    Param(
        "awake_upright_default", 0.75, "1", "prior", "upright fraction of awake, non-exercise time [U]", 0.0, 1.0, 0.15
    ),
    Param(
        "a_circadian",
        0.1,
        "1",
        "prior",
        "amplitude of posture-independent circadian drive, peak ~noon (Chronobiol Int 1992) [U]",
        0.0,
        0.5,
        _U,
    ),
    Param(
        "circadian_peak_h",
        12.0,
        "h",
        "prior",
        "clock hour of the circadian drive peak (Chronobiol Int 1992: ~noon)",
        0.0,
        24.0,
    ),
    Param(
        "ex_amp",
        4.0,
        "1",
        "fitted",
        "exercise drive at VO2max minus 1 (start [U])",
        0.0,
        40.0,
        fitted_to="Orizio/Perini 1988 dNE at 43-45 and 65 % VO2max; Rowland 1996 maximal cycling",
    ),
    Param(
        "ex_threshold",
        0.22,
        "fraction VO2max",
        "literature",
        "exercise drive rises above this: no NE rise at ~21-23 % VO2max (Orizio 1988)",
        0.0,
        0.7,
    ),
    Param(
        "ex_power",
        1.6,
        "1",
        "fitted",
        "curvature above the threshold; > 1 = flat then steep (start [U])",
        0.5,
        5.0,
        fitted_to="same as ex_amp",
    ),
    Param(
        "g_drift_per_min",
        0.02,
        "1/min",
        "fitted",
        "rise of the exercise drive per minute of sustained exercise (cardiovascular drift) (start [U])",
        0.0,
        1.0,
        fitted_to="dNE +11.2 nM after 30 min at 65 % VO2max (NE-sulfate study, researcher.life abstract)",
    ),
    Param("tau_drift_min", 60.0, "min", "prior", "saturation time of the drift during a bout [U]", 5.0, 600.0, _U),
    Param(
        "tau_drift_rec_min",
        10.0,
        "min",
        "prior",
        "decay of the drift after a bout; NE back to baseline within 0.5 h (EJAP 1993, PMID 8330610) [U]",
        1.0,
        120.0,
    ),
    Param(
        "stress_gain",
        0.12,
        "1 per intensity point",
        "fitted",
        "acute stress drive per intensity point (1-10 scale) (start [U])",
        0.0,
        1.0,
        fitted_to="public speech NA x1.9 (scilit abstract), taken as intensity 8 for 10 min",
    ),
    Param("stress_event_min", 10.0, "min", "prior", "duration of a logged acute stress event [U]", 1.0, 240.0),
    Param(
        "practice_acute",
        0.1,
        "1",
        "prior",
        "drive reduction during meditation/breathing/nature practice [U]",
        0.0,
        0.5,
        _U,
    ),
    Param("pss_ref", 13.0, "PSS-10 points", "prior", "population mean PSS-10 (Cohen 1988 norms ~13) [U]", 0.0, 39.0),
    Param(
        "k_pss", 0.3, "1", "prior", "chronic-load log-drive at PSS 40 (PTSD urinary NE ~2x; SMD 0.35) [U]", 0.0, 2.0, _U
    ),
    Param(
        "k_debt",
        0.2,
        "1",
        "prior",
        "chronic-load log-drive at saturating sleep debt (mild SAM rise, Meerlo 2008) [U]",
        0.0,
        2.0,
        _U,
    ),
    Param("debt_half_h", 8.0, "h", "prior", "sleep debt giving half the maximal debt effect [U]", 0.5, 100.0, _U),
    Param(
        "sleep_need_h",
        8.0,
        "h",
        "prior",
        "nightly sleep need; debt accrues at need/(24-need) per hour awake (adults >= 7 h: Watson 2015 AASM/SRS) [U]",
        4.0,
        12.0,
    ),
    Param(
        "tau_debt_day",
        7.0,
        "day",
        "prior",
        "slow recovery of debt besides sleep; keeps debt bounded (Banks 2010: one long night does not restore "
        "after 5 nights of 4 h) [U]",
        1.0,
        60.0,
        _U,
    ),
    Param(
        "debt_floor_h",
        0.25,
        "h",
        "prior",
        "debt below which sleep repays at a slowing rate (smooth floor at 0) [U]",
        0.01,
        2.0,
    ),
    Param("r_practice", 0.5, "1", "prior", "load reduction per 20 min/day of practice (averaged) [U]", 0.0, 5.0, _U),
    Param(
        "tau_load_min",
        2880.0,
        "min",
        "prior",
        "time constant of chronic sympathetic load (2 days) [U]",
        60.0,
        43200.0,
        _U,
    ),
    Param(
        "tau_practice_min", 10080.0, "min", "prior", "averaging time of practice minutes (7 days) [U]", 1440.0, 43200.0
    ),
    Param(
        "k_th_induction", 0.5, "1", "prior", "TH Vmax rise per unit load (LC TH mRNA +40 %, rodents) [U]", 0.0, 3.0, _U
    ),
    # --- cofactor body pools ---------------------------------------------------------------------------
    Param(
        "vitc_pool_max_mg",
        1500.0,
        "mg",
        "literature",
        "saturated body ascorbate pool ~1.5 g; first scurvy signs below ~300 mg (Baker EM et al. AJCN 1969;22:549)",
        500.0,
        5000.0,
        0.1,
    ),
    Param(
        "k_vitc_per_day",
        0.032,
        "1/day",
        "literature",
        "first-order ascorbate catabolism 3.2 %/day of the pool (Baker EM et al. AJCN 1971;24:444, basis of the "
        "1989 RDA)",
        0.005,
        20.0,
        0.15,
    ),
    Param("f_abs_vitc", 0.8, "1", "prior", "absorbed fraction of dietary vitamin C at food intakes [U]", 0.3, 1.0, 0.1),
    Param(
        "k_cu_per_day",
        0.005,
        "1/day",
        "literature",
        "copper turnover: endogenous loss 0.33-0.97 mg/day (Turnlund 1998, 65Cu) of ~110 mg body copper (IOM 2001)",
        1e-4,
        20.0,
        _U,
    ),
    Param(
        "k_b6_per_day",
        math.log(2.0) / 25.0,
        "1/day",
        "literature",
        "body vitamin B6 pool half-life ~25-33 days (14C-pyridoxine; secondary summaries) [cit?]",
        1e-3,
        20.0,
        _U,
    ),
    Param(
        "k_folate_per_day",
        math.log(2.0) / 100.0,
        "1/day",
        "literature",
        "tissue folate half-life ~100 days: tissue depletion after > 3 months on a folate-free diet "
        "(Herbert 1962; Golding 2014 slower)",
        1e-4,
        20.0,
        _U,
    ),
    Param(
        "cof_store_max",
        2.0,
        "1",
        "prior",
        "largest store (x the RDA steady state) that surplus intake builds [U]",
        1.0,
        10.0,
    ),
    Param(
        "cof_half",
        0.2,
        "1",
        "prior",
        "pool fraction giving half the enzyme's cofactor effect (enzymes saturated near a full pool) [U]",
        0.01,
        5.0,
        _U,
    ),
    Param(
        "cof_min_folate", 0.9, "1", "prior", "TH Vmax fraction at an empty folate pool (BH4 regeneration) [U]", 0.0, 1.0
    ),
    Param(
        "cof_min_aadc",
        0.3,
        "1",
        "prior",
        "AADC Vmax fraction at an empty PLP pool (PLP required, J Neurochem 1990) [U]",
        0.0,
        1.0,
    ),
    Param(
        "cof_min_cu",
        0.2,
        "1",
        "prior",
        "DBH Vmax fraction with no copper reaching DBH (Menkes: high DA, low NE, Kaler 2008) [U]",
        0.0,
        1.0,
    ),
    Param(
        "cof_min_vitc",
        0.4,
        "1",
        "prior",
        "DBH Vmax fraction at an empty ascorbate pool (ascorbate is the DBH reductant) [U]",
        0.0,
        1.0,
    ),
]

TABLE: dict[str, Param] = {p.name: p for p in _T}
NAMES: tuple[str, ...] = tuple(p.name for p in _T)
INDEX: dict[str, int] = {n: i for i, n in enumerate(NAMES)}
N_PARAMS = len(NAMES)


def load_fitted(path: Path = FITTED_JSON) -> dict[str, float]:
    """Fitted values written by the calibration script (empty dict if not calibrated yet)."""
    if path.exists():
        data = json.loads(path.read_text())
        return {k: float(v) for k, v in data.get("values", {}).items()}
    return {}


def check_override(name: str, value: float) -> float:
    """``value`` as a float if ``name`` is a settable parameter and the value lies within its documented bounds;
    else InputError naming the parameter."""
    if name not in TABLE:
        raise InputError(f"unknown parameter {name!r}", field="parameters")
    p = TABLE[name]
    if p.kind == "derived":
        raise InputError(f"{name} is derived from the others and cannot be set", field=name)
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{value!r} is not a number", field=name) from None
    if not math.isfinite(v) or not p.low <= v <= p.high:
        raise InputError(f"{v:g} {p.unit} is outside the documented bounds {p.low:g}-{p.high:g} {p.unit}", field=name)
    return v


@dataclass
class Parameters:
    """A full parameter vector (derived values filled in). Build with :meth:`default`."""

    values: np.ndarray
    overrides: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, name: str) -> float:
        return float(self.values[INDEX[name]])

    def as_dict(self) -> dict[str, float]:
        """Every parameter by name."""
        return {n: float(self.values[i]) for i, n in enumerate(NAMES)}

    @classmethod
    def default(cls, overrides: Mapping[str, float] | None = None, use_fitted: bool = True) -> Parameters:
        """Table values, then fitted values, then ``overrides`` (each checked against its documented bounds);
        derived values recomputed."""
        vals = np.array([p.value for p in _T], dtype=float)
        base = dict(load_fitted()) if use_fitted else {}
        for k, v in base.items():
            if k in INDEX and TABLE[k].kind != "derived":
                vals[INDEX[k]] = float(v)
        checked = {k: check_override(k, v) for k, v in (overrides or {}).items()}
        for k, v in checked.items():
            vals[INDEX[k]] = v
        return cls(derive(vals), checked)

    def with_overrides(self, overrides: Mapping[str, float]) -> Parameters:
        """This parameter set with ``overrides`` applied (checked) and derived values recomputed."""
        vals = self.values.copy()
        checked = {k: check_override(k, v) for k, v in overrides.items()}
        for k, v in checked.items():
            vals[INDEX[k]] = v
        return Parameters(derive(vals), {**self.overrides, **checked})

    def key(self) -> bytes:
        """A hashable fingerprint of the values (for caches)."""
        return self.values.tobytes()


def _mm_inverse(flux: float, vmax: float, km: float) -> float:
    if not 0.0 <= flux < vmax:
        raise InputError(f"flux {flux} outside Michaelis-Menten range (vmax {vmax})", field="parameters")
    return km * flux / (vmax - flux)


def th_rate(p: np.ndarray, tyr_n: float, catechols: float, f_th: float = 1.0) -> float:
    """TH flux (uM/min) with Best 2009 kinetics at constant BH4 and autoreceptor factor."""
    g = lambda n: p[INDEX[n]]  # noqa: E731
    bh4 = g("bh4_umol_per_l")
    ktyr = g("km_th_tyr_umol_per_l")
    return (
        f_th
        * g("th_autoreceptor_factor")
        * 0.56
        / (1.0 + tyr_n / g("ki_th_tyr_umol_per_l"))
        * g("vmax_th_umol_per_l_min")
        * tyr_n
        * bh4
        / (tyr_n * bh4 + ktyr * bh4 + ktyr * g("km_th_bh4_umol_per_l") * (1.0 + catechols / g("ki_th_cat_umol_per_l")))
    )


def derive(vals: np.ndarray) -> np.ndarray:
    """Fill the derived parameters (see module doc) and return a new vector."""
    from scipy.optimize import brentq

    p = np.array(vals, dtype=float)
    g = lambda n: p[INDEX[n]]  # noqa: E731

    def put(n: str, v: float) -> None:
        p[INDEX[n]] = v

    # 1. neuronal tyrosine efflux: match the repaired Best steady state (tyr_n 133.8 uM at 97 uM blood);
    #    catechols at Best's steady cytosolic DA (0.42 uM).
    jin97 = g("vmax_tyr_in_umol_per_l_min") * 97.0 / (g("km_tyr_in_umol_per_l") + 97.0)
    tyr_n_best = 133.78
    put("k_tyr_out_per_min", (jin97 - th_rate(p, tyr_n_best, 0.42)) / tyr_n_best)
    if g("k_tyr_out_per_min") <= 0:
        raise InputError("parameters give a negative neuronal tyrosine efflux", field="parameters")

    # 2. rest state fluxes (per neuron volume). Iterate on the catechol feedback.
    jin = (
        g("vmax_tyr_in_umol_per_l_min")
        * g("tyr_fasting_umol_per_l")
        / (g("km_tyr_in_umol_per_l") + g("tyr_fasting_umol_per_l"))
    )
    ne_v = g("ne_v_rest_umol_per_l")
    da_v = g("da_v_frac_rest") * ne_v
    e = g("ne_e_rest_umol_per_l")
    k_leak = g("k_leak_per_min")
    cat = 0.42
    tyr_n = 0.0
    for _ in range(50):
        tyr_n = brentq(lambda x: jin - g("k_tyr_out_per_min") * x - th_rate(p, x, cat), 1e-9, 1e5, xtol=1e-13)  # noqa: B023
        j = th_rate(p, tyr_n, cat)
        spill = g("spill_frac_synthesis") * j
        comt = g("comt_per_spillover") * spill
        net = g("reuptake_per_spillover") * spill
        release_ne = spill + comt + net
        k_rel = release_ne / ne_v
        rel_da = k_rel * da_v
        vmax_vmat, km_vmat = g("vmax_vmat_umol_per_l_min"), g("km_vmat_umol_per_l")

        def resid(mao_ne: float) -> float:
            vmat_da = k_rel * ne_v - net + mao_ne + (k_rel + k_leak) * da_v  # noqa: B023
            da_c = _mm_inverse(vmat_da, vmax_vmat, km_vmat)  # noqa: B023
            return spill + comt + mao_ne + rel_da + g("k_mao_da_per_min") * da_c - j  # noqa: B023

        try:
            mao_ne = brentq(resid, 0.0, j, xtol=1e-15)
        except ValueError as exc:
            raise InputError(f"parameters give no resting steady state ({exc})", field="parameters") from exc
        vmat_ne = k_leak * ne_v + net - mao_ne
        ne_c = _mm_inverse(vmat_ne, vmax_vmat, km_vmat)
        vmat_da = k_rel * ne_v - net + mao_ne + (k_rel + k_leak) * da_v
        da_c = _mm_inverse(vmat_da, vmax_vmat, km_vmat)
        new_cat = da_c + ne_c
        if abs(new_cat - cat) < 1e-14:
            break
        cat = new_cat
    dbh = (k_rel + k_leak) * ne_v - vmat_ne
    put("vmax_dbh_umol_per_l_min", dbh * (g("km_dbh_umol_per_l") + da_v) / da_v)
    spill_amount = g("ne_supine_nmol_per_l") * 1e-3 * g("cl_ne_l_per_min")  # umol/min
    v_n = spill_amount / spill
    put("v_n_l", v_n)
    put("k_rel_per_min", k_rel)
    put("k_spill_per_min", spill / e)
    put("k_comt_per_min", comt / e)
    put("vmax_net_umol_per_l_min", net * (g("km_net_umol_per_l") + e) / e)
    put("k_mao_ne_per_min", mao_ne / ne_c)
    # 3. plasma amino acids: endogenous appearance balances fasting disposal
    phe, tyr = g("phe_fasting_umol_per_l"), g("tyr_fasting_umol_per_l")
    pah = g("vmax_pah_umol_per_l_min") * phe / (g("km_pah_umol_per_l") + phe)
    put("a_phe_umol_per_l_min", pah + g("k_phe_other_per_min") * phe)
    tat = g("vmax_tat_umol_per_l_min") * tyr / (g("km_tat_umol_per_l") + tyr)
    neuro_net = (jin - g("k_tyr_out_per_min") * tyr_n) * v_n / g("v_aa_l")
    put("a_tyr_umol_per_l_min", tat - pah + neuro_net)
    if g("a_tyr_umol_per_l_min") < 0:
        raise InputError("parameters give negative endogenous tyrosine appearance", field="parameters")
    return p


def parameter_table_rows(params: Parameters | None = None) -> list[dict[str, str]]:
    """Rows (name, value, unit, kind, source, bounds, spread, fitted_to) for docs and the CLI."""
    params = params or Parameters.default()
    return [
        {
            "name": p.name,
            "value": f"{params[p.name]:.6g}",
            "unit": p.unit,
            "kind": p.kind,
            "source": p.source,
            "bounds": "" if p.kind == "derived" else f"{p.low:g}-{p.high:g}",
            "ensemble": "posterior" if p.kind == "fitted" else (f"cv {p.cv:.0%}" if p.cv else "fixed"),
            "fitted_to": p.fitted_to,
        }
        for p in _T
    ]
