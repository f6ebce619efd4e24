"""Every row of the physiology fact sheet (../shared/physiology-facts.md) and what the model does with it: a
calibration or validation target (met or missed, computed), a parameter value, an input used elsewhere in norepi,
or not modelled, with the reason. A test reads the fact sheet and fails on a row this table does not place."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# ../shared beside the checkout (NOREPI_FACTS overrides)
_DEFAULT_SHEET = Path(__file__).resolve().parents[4] / "shared" / "physiology-facts.md"
FACT_SHEET = Path(os.environ.get("NOREPI_FACTS", _DEFAULT_SHEET))


@dataclass(frozen=True)
class Use:
    """How a fact is used: ``kind`` is "target" (``what`` names calibration targets), "parameter" (``what`` names
    parameters), "input" (used by another part of norepi), "by construction" or "not modelled"; ``why`` says why."""

    kind: str
    what: tuple[str, ...] = ()
    why: str = ""


def T(*names: str) -> Use:  # noqa: N802 - short constructor for the table
    return Use("target", names)


def P(*names: str, why: str = "") -> Use:  # noqa: N802
    return Use("parameter", names, why)


def N(why: str) -> Use:  # noqa: N802
    return Use("not modelled", (), why)


def I(why: str) -> Use:  # noqa: E743, N802
    return Use("input", (), why)


def C(why: str) -> Use:  # noqa: N802
    return Use("by construction", (), why)


NO_URINE = "urinary NE is not a model output (no renal handling or sulfate conjugation)"
NO_EPI = "the model has no adrenal medulla: epinephrine is not modelled"
NO_TRAINING = "no training adaptation: the exercise curve is for untrained adults and acts by relative intensity"
SUPRA = (
    "supramaximal and sprint work (above 120 % VO2max, or shorter than the model's 1-minute input step) is "
    "outside the intensity scale the model reads"
)
RESIST = (
    "resistance sets enter only by their heart-rate or MET intensity; the pressor response of sets to "
    "failure is not represented (the model would under-predict)"
)
RODENT = "rodent data: used only as direction for priors (k_th_induction, load), not as a target"
NUTRITION = "DRI used by norepi.nutrition.targets (the model reads intake as % of the person's targets)"
INTENSITY = "used by lifestyle.exercise for the intensity the model reads (fraction of VO2max per minute)"

FACTS: dict[tuple[str, str], Use] = {
    # 1. resting plasma NE
    ("1", "Plasma NE, supine"): T("supine plasma NE"),
    ("1", "Plasma NE, standing"): T("standing/supine NE"),
    ("1", "Plasma NE, supine after 30 min"): N(
        "secondary clinical summary graded [U]; the primary PMID 4084169 value is the target"
    ),
    ("1", "Supine NE vs standing, % rise"): T("supine -> standing rise, 49 controls"),
    ("1", "Standing after overnight supine"): T("standing up after a night in bed"),
    ("1", "Arterial/venous NE at supine rest"): T("supine plasma NE, regional sampling study"),
    ("1", "30° head-up tilt"): T("NE rise on 30 degree head-up tilt"),
    ("1", "Circadian NE mean (24 h, normal activity)"): T("24-h mean plasma NE"),
    ("1", "Circadian NE amplitude"): T("relative 24-h amplitude of NE"),
    ("1", "Circadian NE trough time"): T("clock time of NE trough"),
    ("1", "NE, awake vs asleep"): T("NE awake above asleep"),
    ("1", "Sleep onset effect"): T("NE falls at sleep onset"),
    ("1", "NE in slow-wave sleep"): N("sleep stages do not change the drive: sleep is one state"),
    ("1", "NE during strictly supine night"): T("sleep NE not below supine wake"),
    ("1", "Supine 24 h rhythm with sleep deprivation"): P(
        "a_circadian", "circadian_peak_h", why="posture-independent rhythm peaking ~noon"
    ),
    ("1", "Recumbency duration"): T("NE after a night lying vs 30 min lying mid-morning"),
    ("1", "Ultradian NE oscillation"): N("no ultradian oscillator in the drive"),
    ("1", "Age effect"): N("no age effect: population-average adult parameters"),
    ("1", "Age effect via spillover"): N("no age effect: population-average adult parameters"),
    ("1", "Within-subject test–retest SE of a single measurement"): C(
        "stated with every result: one measurement varies 14-50 %, more than the model's intervals"
    ),
    ("1", "Resting plasma NE (old trihydroxyindole assay)"): N("old fluorimetric assay, not comparable with HPLC"),
    # 2a. exercise dose-response
    ("2a", "NE change at ~21–23 % VO2max"): T("dNE 5 min at 22 % VO2max"),
    ("2a", "ΔNE at 5 min, ~43–45 % VO2max"): T("dNE 5 min at 44 % VO2max"),
    ("2a", "ΔNE at 5 min, ~65 % VO2max"): T("dNE 5 min at 65 % VO2max"),
    ("2a", "ΔNE at 65 % VO2max (cycling, longer bout)"): T("dNE after 30 min at 65 % VO2max"),
    ("2a", 'NE "threshold" (breakpoint)'): T("NE breakpoint of an incremental test"),
    ("2a", "Arterial NE vs relative load"): T("steeper NE rise above 75 % VO2max"),
    ("2a", "NE at ~80 % HRmax (HR 158)"): T("NE at ~80 % HRmax, 10 min"),
    ("2a", "NE at maximal cycling"): T("NE at maximal cycling"),
    ("2a", "NE at 50/70/90 % VO2max"): C("intensity enters as the fraction of VO2max, whatever the training status"),
    ("2a", "Overall range of exercise catecholamines"): T("maximal NE over rest"),
    ("2a", "NE at 25 / 50 / 75 / 100 % VO2max, smooth curve"): N("[U] interpolation of other rows, not a datum"),
    ("2a", "Heat stress during exercise"): N("no thermal input"),
    ("2a", "Anticipation before a hard bout"): N("no anticipatory drive; units as printed are ambiguous"),
    ("2a", "Urinary NE vs load"): N(NO_URINE),
    # 2b. supramaximal / HIIT / resistance
    ("2b", "Wingate 30 s, NA peak"): N(SUPRA),
    ("2b", "Wingate 30 s, adrenaline peak"): N(NO_EPI),
    ("2b", "Wingate, women NAmax"): N(SUPRA),
    ("2b", "Wingate, NAmax by training type"): N(SUPRA),
    ("2b", "156 % max, ~1.5 min to exhaustion"): N(SUPRA),
    ("2b", "50 min at the 4 mmol/L lactate threshold"): N("intensity given as a lactate threshold, not as % VO2max"),
    ("2b", "2–3 min exhaustive run, NE increment"): N(SUPRA),
    ("2b", "Repeated sprints (3×3), NA at end"): N(SUPRA),
    ("2b", "15-min exhaustive run vs 3×300 m intervals"): N(SUPRA),
    ("2b", "Force-velocity sprints (seconds long)"): N(SUPRA),
    ("2b", "HIIT 20 min (8 s/12 s or 24 s/36 s)"): T("20 min HIIT raises NE"),
    ("2b", "Resistance: knee ext. to failure at 20 % 1RM"): N(RESIST),
    ("2b", "Resistance: 2 × 30 half-squats at 50 % 1RM"): N(RESIST),
    ("2b", "Heavy resistance, anticipatory + exercise"): N(RESIST),
    # 2c. recovery
    ("2c", "NE half-time after strenuous exercise"): T("NE half-time after strenuous exercise"),
    ("2c", "Peak lag after stopping"): N("no circulation delay between release and the venous sample"),
    ("2c", "Exponential τ after 43 % / 65 % VO2max"): T("NE recovery time constant after 65 % VO2max"),
    ("2c", "Post-exercise decay shape"): N("plasma NE kinetics are mono-exponential (the slow component is absent)"),
    ("2c", "Return to baseline after max incremental test"): T("NE 30 min after a maximal test"),
    ("2c", "Wingate recovery"): N("values not retrieved; " + SUPRA),
    # 2d. training
    ("2d", "Resting NE before/after 20 wk training"): N(NO_TRAINING),
    ("2d", "NE at the same absolute load"): N(NO_TRAINING),
    ("2d", "NE at the same relative load (HR ~158)"): C("the curve acts by relative intensity, so equal by design"),
    ("2d", "NE at the same relative load after 10 wk"): N(NO_TRAINING),
    ("2d", "Trained vs untrained, submaximal"): N(NO_TRAINING),
    ("2d", '"Sports adrenal medulla"'): N(NO_EPI),
    # 3. sleep loss
    ("3", "Partial sleep deprivation (late night, awake 03–06 h)"): T("kept awake 03:00-06:00"),
    ("3", "6 nights × 4 h in bed vs 6 × 12 h"): N("HRV and cortisol are not model outputs"),
    ("3", "5 nights < 5 h (slept 4.5 vs 8.0 h)"): T("5 nights of 4.5 h: supine daytime NE"),
    ("3", "5 nights × 4 h, then 3 recovery nights"): N("heart rate and HRV are not model outputs"),
    ("3", "1 night total sleep deprivation"): T("one night without sleep: morning NE"),
    ("3", "64 h continuous wakefulness"): N(NO_URINE),
    ("3", "3 nights × 3.5 h vs 7 h"): N("primary paper not identified ([U]); " + NO_URINE),
    ("3", "84–86 h sleep deprivation"): N(NO_URINE),
    ("3", "Review: direction of effect"): T("5 nights of 4.5 h: supine daytime NE"),
    ("3", "24-h shift work (physicians)"): N(NO_URINE),
    # 4. stress
    ("4", "Real public speech"): T("public speech NE fold"),
    ("4", "Public lecture"): N(NO_EPI + "; NE given only as 'less than epinephrine'"),
    ("4", "Mental arithmetic 15 min"): T("mental arithmetic NE change"),
    ("4", "Stroop (hourly rest/stress)"): T("Stroop task: NE during the task"),
    ("4", "TSST repeated 3× (4-wk intervals)"): C("no habituation: the chronic load relaxes within days"),
    ("4", "TSST plasma NE magnitude"): N("[U] prior, no datum"),
    ("4", "Posture changes inside speech protocols"): C("posture is its own input; protocols keep it fixed"),
    ("4", "Mental stress: NE re-uptake and spillover"): T("re-uptake and spillover both rise in mental stress"),
    ("4", "PTSD, 24-h urinary NE"): P("k_pss", why="sets the size of the chronic-stress prior; " + NO_URINE),
    ("4", "PTSD vs controls, NE meta-analysis"): P("k_pss", why="direction and rough size of the prior"),
    ("4", "PTSD urinary catecholamines"): N(NO_URINE),
    ("4", "Acute uncontrollable stress, rat LC NE"): N(RODENT),
    ("4", "Chronic (14 d) shock, mouse NE"): N(RODENT),
    ("4", "Repeated stress and LC TH mRNA"): P("k_th_induction", why=RODENT),
    ("4", "TH activity, depression-like state"): N(RODENT),
    ("4", "Chronic social stress"): N(RODENT),
    ("4", "Acute restraint"): P("k_th_induction", why=RODENT),
    # 5. tyrosine
    ("5", "Plasma tyrosine, fasting"): P("tyr_fasting_umol_per_l"),
    ("5", "Plasma tyrosine 2 h after 100 mg/kg oral"): T("Tyr 2 h after 100 mg/kg", "time of Tyr peak, 100 mg/kg"),
    ("5", "Plasma tyrosine 2 h after 150 mg/kg"): T("Tyr 2 h after 150 mg/kg"),
    ("5", "Tyr:ΣLNAA ratio, fasting → 100 / 150 mg/kg"): N("the other large neutral amino acids are not modelled"),
    ("5", "100 mg/kg/day in 3 doses with a 113 g-protein diet"): N("Tyr:LNAA ratio; other LNAA not modelled"),
    ("5", "Dose–response 100 / 150 / 200 mg/kg"): T("2-h Tyr rises with the dose (100/150/200 mg/kg)"),
    ("5", "Protein vs carbohydrate breakfast"): N("Tyr:LNAA ratio; other LNAA not modelled"),
    ("5", "Tyr/Phe-free amino-acid drink"): N(
        "the drink lowers tyrosine by driving protein synthesis with the other "
        "amino acids, which the model does not represent"
    ),
    ("5", "APTD vs balanced drink (one lab)"): N("as the Tyr/Phe-free drink: protein synthesis is not modelled"),
    ("5", "Reference interval, ≥1 y"): T("reference day: plasma Tyr within 30-120 uM"),
    ("5", "Oral tyrosine → plasma catecholamines (human)"): N(
        "dose not retrieved; the model cannot raise NE with tyrosine (TH near saturation, substrate inhibition)"
    ),
    ("5", "Tyrosine → urinary catecholamines (rat)"): N(RODENT + "; " + NO_URINE),
    ("5", "Tyrosine under stress (rat)"): N(RODENT + "; the benefit under demand is not represented"),
    ("5", "Tyrosine under human stress"): N("performance, not NE, was measured"),
    ("5", "Review conclusion"): T("2 g tyrosine at baseline, 24-h NE"),
    ("5", "Phe+Tyr requirement, IOM"): I(NUTRITION),
    ("5", "Phe+Tyr requirement, WHO/FAO/UNU 2007"): I("shown beside the IOM figure by nutrition; not a model input"),
    ("5", "Phe requirement with no tyrosine (IAAO)"): I("requirement data for nutrition; not a model input"),
    ("5", "Tyrosine requirement at fixed Phe 9 mg/kg/d"): I("requirement data for nutrition; not a model input"),
    # 6a. enzymes
    ("6a", "TH Km(tyrosine)"): P("km_th_tyr_umol_per_l"),
    ("6a", "TH Km(tyrosine), homogenates"): N("crude homogenates with a synthetic cofactor; Best 2009 value used"),
    ("6a", "TH phosphorylation (PKA, Ser40)"): N("no TH phosphorylation: firing does not change TH kinetics"),
    ("6a", "Human TH substrate inhibition"): P("ki_th_tyr_umol_per_l"),
    ("6a", "TH model parameters (Best 2009)"): P(
        "km_th_tyr_umol_per_l",
        "km_th_bh4_umol_per_l",
        "ki_th_tyr_umol_per_l",
        "ki_th_cat_umol_per_l",
        "vmax_th_umol_per_l_min",
    ),
    ("6a", "AADC (model)"): P("km_aadc_umol_per_l", "vmax_aadc_umol_per_l_min"),
    ("6a", "VMAT / DAT (model)"): P(
        "km_vmat_umol_per_l", "vmax_vmat_umol_per_l_min", why="DAT is absent: an NE neuron re-takes NE by NET"
    ),
    ("6a", "Model pool sizes"): P("bh4_umol_per_l", why="steady state of the repaired Best model"),
    ("6a", "AADC cofactor"): P("cof_min_aadc", why="AADC scaled by the vitamin B6 (PLP) pool"),
    ("6a", "DBH Km (tyramine, ascorbate)"): N("DBH uses a dopamine Km prior; ascorbate acts through its pool"),
    ("6a", "DBH copper dependence"): P("cof_min_cu", why="DBH scaled by the copper pool"),
    ("6a", "DBH Km(dopamine), human"): P("km_dbh_umol_per_l", why="[U] prior"),
    ("6a", "Tissue vitamin C"): N("tissue concentration not modelled; the body pool (Baker 1969) is"),
    ("6a", "Serotonin-model analogue (same lab)"): N("serotonin pathway not modelled"),
    # 6b. plasma kinetics
    ("6b", "Plasma NE half-life after infusion"): T("plasma NE t1/2 after infusion"),
    ("6b", "Metabolic clearance rate"): T("plasma NE clearance (infusion MCR)"),
    ("6b", "Basal NE production (appearance)"): T("resting NE appearance"),
    ("6b", "Threshold for hormonal (hemodynamic/metabolic) effects"): N("no hemodynamic or metabolic effects"),
    ("6b", "[3H]NE disappearance"): N("plasma NE kinetics are mono-exponential (the 34-min component is absent)"),
    ("6b", "Plasma NE clearance"): T("plasma NE clearance"),
    ("6b", "Total NE spillover"): T("resting total NE spillover"),
    ("6b", "Arterial vs venous clearance"): N("one (venous) plasma compartment"),
    ("6b", "Steady-state check"): C("plasma NE = appearance / clearance holds in the model at steady state"),
    ("6b", "Post-surgery"): N("surgical stress is not an input"),
    ("6b", "Organ share of spillover"): N("one whole-body sympathetic compartment"),
    ("6b", "Release ÷ spillover"): P("comt_per_spillover", "reuptake_per_spillover", why="release = 11.5 x spillover"),
    ("6b", "Neuronal re-uptake vs spillover"): P("reuptake_per_spillover"),
    ("6b", "Forearm NE extraction"): N("one whole-body sympathetic compartment"),
    ("6b", "Beta-blockade and clearance"): N("drugs are not inputs"),
    ("6b", "Fraction of re-uptake (uptake-1)"): C("re-uptake is 9.5/11.5 = 83 % of synaptic removal by design"),
    # 6c. urine
    ("6c", "24-h urinary NE"): N(NO_URINE),
    ("6c", "Diurnal pattern of urinary NE"): N(NO_URINE),
    ("6c", "Lab upper reference"): N(NO_URINE),
    ("6c", "Spot urine NE/creatinine reference"): N(NO_URINE),
    ("6c", "Iron-deficient children"): N(
        "iron leaves the NE path: TH needs iron, but in iron deficiency urinary NE is higher, not lower, and "
        "normalises within a week of iron, before hemoglobin recovers (a sympathetic response, not TH supply); the "
        "model has neither, so iron intake does not act on NE"
    ),
    # 7. DRIs
    ("7", "Vitamin C RDA"): I(NUTRITION),
    ("7", "Vitamin C UL"): I(NUTRITION),
    ("7", "Vitamin C RDA basis"): P("vitc_pool_max_mg", "k_vitc_per_day", why="the pool the RDA maintains"),
    ("7", "Copper RDA"): I(NUTRITION),
    ("7", "Copper UL"): I(NUTRITION),
    ("7", "Vitamin B6 RDA 19–50"): I(NUTRITION),
    ("7", "Vitamin B6 RDA 51+"): I(NUTRITION),
    ("7", "Vitamin B6 UL"): I(NUTRITION),
    ("7", "Folate RDA"): I(NUTRITION),
    ("7", "Folate UL"): I(NUTRITION),
    ("7", "Magnesium RDA, men"): I(NUTRITION + "; magnesium does not act on the model (no sourced enzyme effect)"),
    ("7", "Magnesium RDA, women"): I(NUTRITION + "; magnesium does not act on the model"),
    ("7", "Magnesium UL"): I(NUTRITION),
    ("7", "Iron RDA, men"): I(NUTRITION + "; iron leaves the NE path (see iron-deficient children)"),
    ("7", "Iron RDA, women"): I(NUTRITION + "; iron leaves the NE path"),
    ("7", "Iron UL"): I(NUTRITION),
    ("7", "Iron basal loss, men"): N("iron leaves the NE path (see iron-deficient children)"),
    ("7", "Phe+Tyr"): I(NUTRITION),
    ("7", "Copper deficiency → DBH"): T("no copper reaching DBH, 14 d: vesicular DA/NE"),
    # 8. models
    ("8", "Best, Nijhout & Reed 2009 dopamine terminal"): P(
        "vmax_th_umol_per_l_min", why="kinetics taken from it; compared in tests/model/test_model_best2009.py"
    ),
    ("8", "Best/Reed serotonin terminal (same design)"): N("serotonin pathway not modelled"),
    ("8", "Phillips & Robinson 2007 sleep–wake"): N("sleep timing is an input, not simulated"),
    ("8", "Phillips & Robinson 2008 sleep deprivation"): N("sleep timing is an input, not simulated"),
    ("8", "Jelić et al. 2005 HPA axis"): N("the HPA axis (cortisol) is not modelled"),
    ("8", "Other public HPA-axis models (BioModels)"): N("the HPA axis (cortisol) is not modelled"),
    ("8", "Büchel et al. 2013 dopaminergic nerve cell"): N("a dopaminergic neuron network, not an NE model"),
    ("8", "NE-specific sympathetic / SAM-axis model"): N("none exists: this model is one"),
    # 9. intensity
    ("9", "1 MET"): I(INTENSITY),
    ("9", "Intensity bands"): I("used by lifestyle.exercise for session classes"),
    ("9", "Walking 2.0 / 2.5 / 3.0 / 3.5 / 4.0 mph"): I(INTENSITY),
    ("9", "Running 5 / 6 / 7 / 10 mph"): I(INTENSITY),
    ("9", "Jogging, general"): I(INTENSITY),
    ("9", "Bicycling < 10 / 10–11.9 / 12–13.9 / 14–15.9 / 16–19 mph"): I(INTENSITY),
    ("9", "Bicycling, stationary, general / 25–30 W"): I(INTENSITY),
    ("9", "Resistance training: multiple exercises 8–15 reps / squats / power lifting vigorous"): I(INTENSITY),
    ("9", "Circuit training (kettlebells, minimal rest, vigorous)"): I(INTENSITY),
    ("9", "Yoga, Hatha / Power"): I(INTENSITY),
    ("9", "%HRR vs %VO2 reserve (cycle)"): I(INTENSITY),
    ("9", "%HRR vs %VO2max (cycle)"): I(INTENSITY),
    ("9", "%HRR vs %VO2R / %VO2max (treadmill)"): N("the cycle relation is used for every activity"),
    ("9", "Elliptical trainer"): N("the cycle relation is used for every activity"),
    ("9", "Karvonen target HR"): I(INTENSITY),
    ("9", "HRmax prediction"): I(INTENSITY),
    ("9", "ACSM intensity vs %VO2max / %HRpeak / %HRR"): I("used by lifestyle.exercise for session classes"),
}


def fact_rows(path: Path = FACT_SHEET) -> list[tuple[str, str, str, str]]:
    """(section, quantity, value, source) of every data row of the fact sheet."""
    rows: list[tuple[str, str, str, str]] = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#{2,3} (\d+[a-z]?)\.", line)
        if m:
            section = m.group(1)
            continue
        if not line.startswith("| ") or line.startswith(("| quantity", "| model |", "|---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append((section, cells[0], cells[1] if len(cells) > 1 else "", cells[-1]))
    return rows
