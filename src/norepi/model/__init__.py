"""norepi's mechanistic, calibrated model of norepinephrine synthesis, stores, release and clearance.

Educational, population-average parameters; not a diagnosis. See docs/model.md.
"""

from norepi.model.daily import DISCLAIMER, DailyIndex, run_journal, whatif
from norepi.model.inputs import ModelInputs, inputs_from_days
from norepi.model.parameters import Parameters
from norepi.model.sbml import export_sbml
from norepi.model.solver import SolverError, Trajectory, simulate, simulate_reference

__all__ = [
    "DISCLAIMER",
    "DailyIndex",
    "ModelInputs",
    "Parameters",
    "SolverError",
    "Trajectory",
    "export_sbml",
    "inputs_from_days",
    "run_journal",
    "simulate",
    "simulate_reference",
    "whatif",
]
