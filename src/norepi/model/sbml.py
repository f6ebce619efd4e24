"""Write the model (the full ODE, every state) with a fixed input scenario as SBML Level 3 Version 2.

Inputs are global parameters changed by events at the minutes where they change (so the solver
restarts exactly there); the model time unit is the minute, substance umol, volume L. Species are in
concentration (umol/L); reaction rates are amounts per minute (volume x concentration rate), so the
species' compartments carry the mass balance between plasma and the neuron volume.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np

from norepi.errors import NorepiError
from norepi.model.core import STATE_INFO, S, U
from norepi.model.inputs import ModelInputs, validate_inputs
from norepi.model.parameters import NAMES, Parameters
from norepi.model.solver import input_runs, periodic_state, rest_state

U_ID = {u: f"u_{u.name.lower()}" for u in U}

COMPARTMENT_OF = {
    S.GUT_PHE: "gut",
    S.GUT_TYR: "gut",
    S.PHE_P: "plasma_aa",
    S.TYR_P: "plasma_aa",
    S.NE_P: "plasma_ne",
}
RATE_RULE_STATES: tuple[S, ...] = (
    S.SLEEP_DEBT,
    S.LOAD,
    S.PRACTICE,
    S.EX_DRIFT,
    S.POOL_VITC,
    S.POOL_CU,
    S.POOL_B6,
    S.POOL_FOLATE,
)
SPECIES_ID = {
    s: STATE_INFO[s][0].replace("_umol_per_l", "").replace("_umol", "") for s in S if s not in RATE_RULE_STATES
}
RULE_ID = {s: STATE_INFO[s][0] for s in RATE_RULE_STATES}

# (id, reactants, products, kinetic law in umol/min)
REACTIONS: list[tuple[str, list[tuple[str, int | str]], list[tuple[str, int | str]], str]] = [
    ("meal_phe", [], [("gut_phe", 1)], "u_phe_in"),
    ("meal_tyr", [], [("gut_tyr", 1)], "u_tyr_in"),
    ("absorb_phe", [("gut_phe", 1)], [("phe_p", "f_abs")], "ka_per_min * gut_phe * gut"),
    ("absorb_tyr", [("gut_tyr", 1)], [("tyr_p", "f_abs")], "ka_per_min * gut_tyr * gut"),
    ("endo_phe", [], [("phe_p", 1)], "plasma_aa * a_phe_umol_per_l_min"),
    ("endo_tyr", [], [("tyr_p", 1)], "plasma_aa * a_tyr_umol_per_l_min"),
    (
        "pah",
        [("phe_p", 1)],
        [("tyr_p", 1)],
        "plasma_aa * vmax_pah_umol_per_l_min * phe_p / (km_pah_umol_per_l + phe_p)",
    ),
    ("phe_other", [("phe_p", 1)], [], "plasma_aa * k_phe_other_per_min * phe_p"),
    ("tat", [("tyr_p", 1)], [], "plasma_aa * vmax_tat_umol_per_l_min * tyr_p / (km_tat_umol_per_l + tyr_p)"),
    (
        "tyr_uptake",
        [("tyr_p", 1)],
        [("tyr_n", 1)],
        "neuron * vmax_tyr_in_umol_per_l_min * tyr_p / (km_tyr_in_umol_per_l + tyr_p)",
    ),
    ("tyr_efflux", [("tyr_n", 1)], [("tyr_p", 1)], "neuron * k_tyr_out_per_min * tyr_n"),
    (
        "th",
        [("tyr_n", 1)],
        [("dopa", 1)],
        "neuron * f_th * (1 + k_th_induction * load) * th_autoreceptor_factor * 0.56"
        " / (1 + tyr_n / ki_th_tyr_umol_per_l)"
        " * vmax_th_umol_per_l_min * tyr_n * bh4_umol_per_l"
        " / (tyr_n * bh4_umol_per_l + km_th_tyr_umol_per_l * bh4_umol_per_l"
        " + km_th_tyr_umol_per_l * km_th_bh4_umol_per_l * (1 + (da_c + ne_c) / ki_th_cat_umol_per_l))",
    ),
    (
        "aadc",
        [("dopa", 1)],
        [("da_c", 1)],
        "neuron * f_aadc * vmax_aadc_umol_per_l_min * dopa / (km_aadc_umol_per_l + dopa)",
    ),
    ("vmat_da", [("da_c", 1)], [("da_v", 1)], "neuron * vmax_vmat_umol_per_l_min * da_c / (km_vmat_umol_per_l + da_c)"),
    ("mao_da", [("da_c", 1)], [], "neuron * k_mao_da_per_min * da_c"),
    (
        "dbh",
        [("da_v", 1)],
        [("ne_v", 1)],
        "neuron * f_dbh * vmax_dbh_umol_per_l_min * da_v / (km_dbh_umol_per_l + da_v)",
    ),
    ("leak_da", [("da_v", 1)], [("da_c", 1)], "neuron * k_leak_per_min * da_v"),
    ("release_da", [("da_v", 1)], [], "neuron * fire * k_rel_per_min * da_v"),
    ("vmat_ne", [("ne_c", 1)], [("ne_v", 1)], "neuron * vmax_vmat_umol_per_l_min * ne_c / (km_vmat_umol_per_l + ne_c)"),
    ("leak_ne", [("ne_v", 1)], [("ne_c", 1)], "neuron * k_leak_per_min * ne_v"),
    ("release_ne", [("ne_v", 1)], [("ne_e", 1)], "neuron * fire * k_rel_per_min * ne_v"),
    ("mao_ne", [("ne_c", 1)], [], "neuron * k_mao_ne_per_min * ne_c"),
    ("net", [("ne_e", 1)], [("ne_c", 1)], "neuron * vmax_net_umol_per_l_min * ne_e / (km_net_umol_per_l + ne_e)"),
    ("spillover", [("ne_e", 1)], [("ne_p", 1)], "neuron * k_spill_per_min * ne_e"),
    ("comt", [("ne_e", 1)], [], "neuron * k_comt_per_min * ne_e"),
    ("infusion", [], [("ne_p", 1)], "0.001 * u_ne_infusion"),
    ("ne_clearance", [("ne_p", 1)], [], "cl_ne_l_per_min * ne_p"),
]


def _cof(pool: str, fmin: str) -> str:
    x = f"piecewise({pool}, {pool} > 0, 0)"
    v = f"({fmin} + (1 - {fmin}) * {x} * (1 + cof_half) / ({x} + cof_half))"
    return f"piecewise(1, {v} > 1, {v})"


def _pool(pool: str, target: str, k: str, cap: str) -> str:
    rate = f"{k} / 1440 * ({target} - {pool})"
    return f"piecewise(0, ({pool} >= {cap}) && ({rate} > 0), {rate})"


ASSIGNMENTS = [
    ("posture", "u_asleep * g_sleep + (1 - u_asleep) * (1 + (g_upright - 1) * u_upright)"),
    (
        "ex_factor",
        "piecewise(1 + ex_amp * ((u_vo2 - ex_threshold) / (1 - ex_threshold))^ex_power * (1 + g_drift_per_min"
        " * ex_drift_min), (u_vo2 > 0) && (u_vo2 > ex_threshold), 1)",
    ),
    (
        "drive_u",
        "posture * ex_factor * (1 + stress_gain * u_stress) * (1 - practice_acute * u_practice)"
        " * (1 + a_circadian * u_circadian)",
    ),
    ("fire", "drive_u * exp(load)"),
    (
        "load_target",
        "(k_pss * piecewise(u_pss10 - pss_ref, u_pss10 > pss_ref, 0) / (40 - pss_ref)"
        " + k_debt * piecewise(sleep_debt_h, sleep_debt_h > 0, 0) / (piecewise(sleep_debt_h, sleep_debt_h > 0, 0)"
        " + debt_half_h)) / (1 + r_practice * piecewise(practice_avg, practice_avg > 0, 0))",
    ),
    ("f_th", _cof("pool_folate", "cof_min_folate")),
    ("f_aadc", _cof("pool_b6", "cof_min_aadc")),
    ("f_dbh", f"{_cof('pool_cu', 'cof_min_cu')} * {_cof('pool_vitc', 'cof_min_vitc')}"),
    ("target_vitc", "f_abs_vitc * u_vitc_mg / (k_vitc_per_day * vitc_pool_max_mg)"),
]

_DEBT = "piecewise(sleep_debt_h, sleep_debt_h > 0, 0)"
RATE_RULES = [
    (
        "sleep_debt_h",
        f"((1 - u_asleep) * sleep_need_h / (24 - sleep_need_h) - u_asleep * {_DEBT} / ({_DEBT} + debt_floor_h)) / 60"
        f" - {_DEBT} / (tau_debt_day * 1440)",
    ),
    ("load", "(load_target - load) / tau_load_min"),
    ("practice_avg", "(u_practice * 72 - practice_avg) / tau_practice_min"),
    (
        "ex_drift_min",
        "piecewise(1 - ex_drift_min / tau_drift_min, u_vo2 > ex_threshold, -ex_drift_min / tau_drift_rec_min)",
    ),
    ("pool_vitc", _pool("pool_vitc", "target_vitc", "k_vitc_per_day", "1")),
    ("pool_cu", _pool("pool_cu", "u_cu_rda", "k_cu_per_day", "cof_store_max")),
    ("pool_b6", _pool("pool_b6", "u_b6_rda", "k_b6_per_day", "cof_store_max")),
    ("pool_folate", _pool("pool_folate", "u_folate_rda", "k_folate_per_day", "cof_store_max")),
]


class SbmlError(NorepiError):
    """SBML could not be built or failed libSBML's consistency checks."""


def _check(rc: int, what: str) -> None:
    import libsbml

    if rc != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise SbmlError(f"libSBML failed on {what}: {libsbml.OperationReturnValue_toString(rc)}")


def build_sbml(inputs: ModelInputs, params: Parameters | None = None, y0: np.ndarray | None = None) -> str:
    """SBML L3V2 text of the full model driven by ``inputs`` (events at input changes)."""
    import libsbml

    params = params or Parameters.default()
    validate_inputs(inputs)
    y0 = rest_state(params) if y0 is None else np.asarray(y0, dtype=float)
    doc = libsbml.SBMLDocument(3, 2)
    m = doc.createModel()
    m.setId("norepi_ne_model")
    m.setName(f"norepi NE model, scenario {inputs.name}")
    for uid, kind, exp, scale, mult in (
        ("minute", libsbml.UNIT_KIND_SECOND, 1, 0, 60.0),
        ("umol", libsbml.UNIT_KIND_MOLE, 1, -6, 1.0),
    ):
        ud = m.createUnitDefinition()
        ud.setId(uid)
        un = ud.createUnit()
        un.setKind(kind)
        un.setExponent(exp)
        un.setScale(scale)
        un.setMultiplier(mult)
    m.setTimeUnits("minute")
    m.setSubstanceUnits("umol")
    m.setExtentUnits("umol")
    m.setVolumeUnits("litre")
    vne = params["cl_ne_l_per_min"] * params["t_half_ne_min"] / np.log(2.0)
    for cid, size in (("gut", 1.0), ("plasma_aa", params["v_aa_l"]), ("neuron", params["v_n_l"]), ("plasma_ne", vne)):
        c = m.createCompartment()
        c.setId(cid)
        c.setSize(float(size))
        c.setConstant(True)
        c.setSpatialDimensions(3)
        c.setUnits("litre")
    for st, sid in SPECIES_ID.items():
        sp = m.createSpecies()
        sp.setId(sid)
        sp.setName(STATE_INFO[st][0])
        sp.setCompartment(COMPARTMENT_OF.get(st, "neuron"))
        sp.setInitialConcentration(float(y0[st]))
        sp.setHasOnlySubstanceUnits(False)
        sp.setBoundaryCondition(False)
        sp.setConstant(False)
        sp.setSubstanceUnits("umol")
    for name in NAMES:
        q = m.createParameter()
        q.setId(name)
        q.setValue(float(params[name]))
        q.setConstant(True)
    u0 = inputs.u[0]
    for col in U:
        q = m.createParameter()
        q.setId(U_ID[col])
        q.setValue(float(u0[col]))
        q.setConstant(False)
    for st in RATE_RULE_STATES:
        q = m.createParameter()
        q.setId(RULE_ID[st])
        q.setValue(float(y0[st]))
        q.setConstant(False)
    for vid, _ in ASSIGNMENTS:
        q = m.createParameter()
        q.setId(vid)
        q.setConstant(False)
    for vid, formula in ASSIGNMENTS:
        r = m.createAssignmentRule()
        r.setVariable(vid)
        _set_math(r, formula, vid)
    for vid, formula in RATE_RULES:
        r = m.createRateRule()
        r.setVariable(vid)
        _set_math(r, formula, vid)
    for rid, reactants, products, law in REACTIONS:
        rx = m.createReaction()
        rx.setId(rid)
        rx.setReversible(False)
        for sid, coef in reactants:
            sr = rx.createReactant()
            sr.setSpecies(sid)
            sr.setStoichiometry(float(coef))
            sr.setConstant(True)
        for sid, coef in products:
            sr = rx.createProduct()
            sr.setSpecies(sid)
            sr.setStoichiometry(float(params[coef]) if isinstance(coef, str) else float(coef))
            sr.setConstant(True)
        listed = {sid for sid, _ in reactants} | {sid for sid, _ in products}
        for sid in sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", law)) & set(SPECIES_ID.values()) - listed):
            md = rx.createModifier()
            md.setSpecies(sid)
        kl = rx.createKineticLaw()
        _set_math(kl, law, rid)
    prev = inputs.u[0]
    for k, (a, _b) in enumerate(input_runs(inputs.u)):
        if a == 0:
            continue
        row = inputs.u[a]
        ev = m.createEvent()
        ev.setId(f"inputs_change_{k}")
        ev.setUseValuesFromTriggerTime(True)
        tr = ev.createTrigger()
        tr.setInitialValue(False)
        tr.setPersistent(True)
        _set_math(tr, f"time >= {a}", "trigger")
        for col in U:
            if row[col] != prev[col]:
                ea = ev.createEventAssignment()
                ea.setVariable(U_ID[col])
                _set_math(ea, repr(float(row[col])), "event assignment")
        prev = row
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, False)
    n_fail = doc.checkConsistency()
    errors = [doc.getError(i) for i in range(n_fail)]
    serious = [e for e in errors if e.getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    if serious:
        raise SbmlError("; ".join(e.getMessage().strip() for e in serious[:5]))
    return libsbml.writeSBMLToString(doc)


def _set_math(obj, formula: str, what: str) -> None:
    import libsbml

    ast = libsbml.parseL3Formula(formula)
    if ast is None:
        raise SbmlError(f"cannot parse formula for {what}: {libsbml.getLastParseL3Error()}")
    _check(obj.setMath(ast), what)


def export_sbml(path: Path | str, inputs: ModelInputs | None = None, params: Parameters | None = None) -> Path:
    """Write the model with a fixed input scenario (default: :func:`default_export_scenario`) to ``path`` as SBML
    L3V2, starting from the periodic steady state of the scenario's baseline day; returns the path."""
    params = params or Parameters.default()
    inputs = inputs or default_export_scenario(2, params)
    y0 = periodic_state(params, inputs.baseline) if inputs.baseline is not None else None
    path = Path(path)
    path.write_text(build_sbml(inputs, params, y0))
    return path


def default_export_scenario(days: int = 2, params: Parameters | None = None) -> ModelInputs:
    """Reference days with a 20-min HIIT at 18:00, a stress event at 10:00 (intensity 6), 10 min slow breathing,
    500 mg tyrosine at 08:00 and PSS-10 18."""
    import datetime as dt

    from norepi.days.summary import StressDay
    from norepi.lifestyle.stress import Pss10Result, StressEvent
    from norepi.model.inputs import (
        inputs_from_days,
        reference_days,
        with_exercise,
        with_practice,
        with_tyrosine,
    )

    params = params or Parameters.default()
    ds = reference_days(days, params=params)
    ds = with_tyrosine(with_practice(with_exercise(ds, "hiit", 20), "slow_breathing", 10), 500)
    ds = [
        replace(
            d,
            stress=StressDay(
                Pss10Result(18, d.date), (StressEvent(dt.datetime.combine(d.date, dt.time(10), dt.UTC), 6),)
            ),
        )
        for d in ds
    ]
    return inputs_from_days(ds, params, name="export-default")
