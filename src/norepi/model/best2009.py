"""Best, Nijhout & Reed 2009 dopamine-terminal model (BioModels MODEL1502230000), repaired.

Repairs made (see /work/shared/models/README.md and docs/model.md):

1. NADPH and NADP have no initial values in the file (they load as 0, so BH4 recycling stops and
   dopamine falls to 0 within ~30 model days). They are made constant boundary species held at
   NADPH = 330 uM and NADP = 26 uM (an assumption, not from the paper).
2. Tyrosine influx is written ``VTYRin*btyr`` (linear, drives neuronal tyrosine to ~13,900 uM);
   it is rewritten in Michaelis-Menten form ``VmaxVTYRin*btyr/(KmVTYRin+btyr)`` with the file's own
   VmaxVTYRin = 400 uM/h and KmVTYRin = 64 uM.
3. Nothing else is changed (the file's VMAT form ``Vmax*cda*vda/((Km+cda)*(kout+vda))`` is kept).
   The model time unit is one hour.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from norepi.errors import DataMissing

BEST2009_PATH = Path("/work/shared/models/MODEL1502230000.xml")
NADPH_UMOL_PER_L = 330.0
NADP_UMOL_PER_L = 26.0


def repaired_best2009_sbml(path: Path | str = BEST2009_PATH) -> str:
    """Return the repaired Best 2009 model as an SBML string (time unit: hours, concentrations in uM)."""
    import libsbml

    path = Path(path)
    if not path.exists():
        raise DataMissing(f"Best 2009 SBML not found at {path}")
    doc = libsbml.readSBMLFromFile(str(path))
    model = doc.getModel()
    for sid, value in (("NADPH", NADPH_UMOL_PER_L), ("NADP", NADP_UMOL_PER_L)):
        sp = model.getSpecies(sid)
        sp.setInitialConcentration(value)
        sp.setBoundaryCondition(True)
        sp.setConstant(True)
    rule = model.getRateRule("tyr")
    formula = libsbml.formulaToL3String(rule.getMath())
    if "VTYRin * btyr" not in formula:
        raise DataMissing("Best 2009 SBML: tyrosine influx term not found where expected")
    formula = formula.replace("VTYRin * btyr", "VmaxVTYRin * btyr / (KmVTYRin + btyr)")
    rule.setMath(libsbml.parseL3Formula(formula))
    return libsbml.writeSBMLToString(doc)


def best2009_steady_state(btyr_umol_per_l: float = 97.0, hours: float = 2000.0) -> dict[str, float]:
    """Steady state of the repaired Best model at a fixed blood tyrosine (uM); returns concentrations (uM)
    and the TH flux (uM/h)."""
    import roadrunner

    rr = roadrunner.RoadRunner(repaired_best2009_sbml())
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    rr["init([btyr])"] = btyr_umol_per_l
    rr.reset()
    rr.simulate(0.0, hours, 201)
    out = {k: float(rr[f"[{k}]"]) for k in ("tyr", "l_dopa", "cda", "vda", "eda", "bh4", "tyrpool")}
    out["VTH"] = float(rr["VTH"])
    return out


def best2009_tyrosine_step(
    btyr_before_umol_per_l: float, btyr_after_umol_per_l: float, times_h: np.ndarray
) -> dict[str, np.ndarray]:
    """Response of the repaired Best model to a step in blood tyrosine at t = 0 (times in hours),
    starting from the steady state at the 'before' level. Returns arrays of tyr, l_dopa, cda, VTH."""
    import roadrunner

    rr = roadrunner.RoadRunner(repaired_best2009_sbml())
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    rr["init([btyr])"] = btyr_before_umol_per_l
    rr.reset()
    rr.simulate(0.0, 2000.0, 11)
    rr["[btyr]"] = btyr_after_umol_per_l
    res: dict[str, list[float]] = {k: [] for k in ("tyr", "l_dopa", "cda", "vda", "VTH")}
    t_prev = 0.0
    for t in np.asarray(times_h, dtype=float):
        if t > t_prev:
            rr.simulate(2000.0 + t_prev, 2000.0 + t, 2)
            t_prev = t
        for k in ("tyr", "l_dopa", "cda", "vda"):
            res[k].append(float(rr[f"[{k}]"]))
        res["VTH"].append(float(rr["VTH"]))
    return {k: np.array(v) for k, v in res.items()}
