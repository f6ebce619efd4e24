"""The planner's one adapter to HiGHS: a model from :class:`.model.MilpArrays`, run silently through highspy's
public class ``highspy.Highs``. No other module of norepi imports highspy.

**Silence (HiGHS issue 1702).** HiGHS writes a two-line header ("Running HiGHS 1.16.0 ...: Copyright ...") to
stdout the first time an instance is called while its option ``output_flag`` is true, and records process-wide
that it did; the maintainers' answer in issue 1702 is to set ``output_flag`` to false *before calling any HiGHS
method*. With highspy 1.16.0 the public class cannot be used that way: ``highspy.Highs.__init__`` itself calls
``enableCallbacks()``, which calls HiGHS's ``setCallback``, so the header is already on stdout when the
constructor returns (once per process; ``silent()`` or ``output_flag`` set afterwards silence only the solver's
log). That would put the header in front of ``norepi plan day --json``. Measured in fresh processes (see
``tests/planning/test_planning_highs.py``): ``highspy.Highs()`` prints the header; ``silent()`` after it does
not remove it; setting ``output_flag`` to false before ``setCallback`` prints nothing.

The workaround, :class:`QuietHighs`, is a subclass of ``highspy.Highs`` whose constructor does what
``highspy.Highs.__init__`` does (1.16.0: create the HiGHS object, make the callback slots, enable callbacks)
with ``output_flag`` set to false right after the HiGHS object exists and before ``setCallback``. It needs no
private class and no redirection of file descriptor 1 (which would hide other threads' output in the web
server). The test runs a plan in a fresh interpreter and requires an empty stdout, so a highspy release that
changes its constructor is caught.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from highspy.highs import HighsCallback, cb

from norepi.planning.model import MIP_REL_GAP, MilpArrays

# One thread (a 2-core machine; HiGHS's MIP search is serial anyway), presolve on, no restarts after the root
# (restarts cost more than they save on these small models: bench/bench_planning.py).
# The root reduced-cost heuristic costs ~0.1 s a day here and never changed an optimum on the recorded
# problems (28 days, 4 profiles): off, the median day solve drops from ~225 ms to ~135 ms.
HIGHS_OPTIONS: dict[str, Any] = {"mip_rel_gap": MIP_REL_GAP, "threads": 1, "presolve": "on", "random_seed": 0,
                                 "mip_allow_restart": False, "mip_heuristic_run_root_reduced_cost": False}
FEASIBLE = 2  # HiGHS's kSolutionStatusFeasible: a primal solution exists


class QuietHighs(highspy.Highs):
    """``highspy.Highs`` that never writes to stdout: ``output_flag`` is false before HiGHS is first called."""

    def __init__(self) -> None:
        super(highspy.Highs, self).__init__()  # the HiGHS object, as highspy.Highs.__init__ creates it first
        self.setOptionValue("output_flag", False)  # before any other HiGHS call (issue 1702)
        # the rest of highspy.Highs.__init__ (1.16.0): one callback slot per callback type, callbacks enabled
        self.callbacks = [HighsCallback(cb.HighsCallbackType(i), self)
                          for i in range(int(cb.HighsCallbackType.kCallbackMax) + 1)]
        self.enableCallbacks()


@dataclass(frozen=True)
class SolveResult:
    """What HiGHS returned: the column values (None: no solution), the objective, the proven lower bound,
    whether the gap closed, and whether the model was proven infeasible."""

    x: np.ndarray | None
    objective: float
    bound: float
    optimal: bool
    infeasible: bool


class HighsModel:
    """One MILP loaded into a silent HiGHS instance, with the few operations the planner's solve steps use."""

    def __init__(self, m: MilpArrays, covers: bool = True) -> None:
        """Load ``m``; without ``covers`` its cover rows (valid inequalities) are left free."""
        h = QuietHighs()
        a = m.a.tocsc()
        lp = highspy.HighsLp()
        lp.num_col_ = len(m.c)
        lp.num_row_ = len(m.row_lo)
        lp.col_cost_ = m.c
        lp.col_lower_ = m.lb
        lp.col_upper_ = m.ub
        row_lo = m.row_lo
        if not covers and m.cover_rows:
            row_lo = m.row_lo.copy()
            row_lo[list(m.cover_rows)] = -math.inf
        lp.row_lower_ = row_lo
        lp.row_upper_ = m.row_hi
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = len(m.c)
        lp.a_matrix_.num_row_ = len(m.row_lo)
        lp.a_matrix_.start_ = a.indptr
        lp.a_matrix_.index_ = a.indices
        lp.a_matrix_.value_ = a.data
        integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
        lp.integrality_ = [integer if i else continuous for i in m.integrality]
        h.passModel(lp)
        for name, value in HIGHS_OPTIONS.items():
            h.setOptionValue(name, value)
        self._h = h

    def set_gap(self, gap: float) -> None:
        """The relative MIP gap at which HiGHS stops."""
        self._h.setOptionValue("mip_rel_gap", gap)

    def run(self, time_limit_s: float, start: np.ndarray | None = None) -> SolveResult:
        """Solve the MIP for at most ``time_limit_s`` seconds (from the full MIP start ``start``, if given)."""
        h = self._h
        h.setOptionValue("time_limit", max(0.01, time_limit_s))
        if start is not None:
            h.setSolution(len(start), np.arange(len(start), dtype=np.int32), np.asarray(start, dtype=np.float64))
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        ok = info.primal_solution_status == FEASIBLE
        x = np.array(h.getSolution().col_value) if ok else None
        return SolveResult(x, info.objective_function_value if ok else math.inf, info.mip_dual_bound,
                           status == highspy.HighsModelStatus.kOptimal, status == highspy.HighsModelStatus.kInfeasible)

    def lp_relaxation(self) -> tuple[np.ndarray, float] | bool:
        """Solve the LP relaxation: (column values, objective); False when the LP is infeasible (so the MIP is
        too); True when HiGHS ended otherwise (e.g. out of time)."""
        h = self._h
        h.setOptionValue("solve_relaxation", True)
        try:
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kInfeasible:
                return False
            if status != highspy.HighsModelStatus.kOptimal:
                return True
            return np.array(h.getSolution().col_value), float(h.getInfo().objective_function_value)
        finally:
            h.setOptionValue("solve_relaxation", False)

    def set_bounds(self, cols: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        """Change the bounds of columns ``cols``."""
        self._h.changeColsBounds(len(cols), cols, lower, upper)

    def set_costs(self, cols: np.ndarray, costs: np.ndarray) -> None:
        """Change the objective coefficients of columns ``cols``."""
        self._h.changeColsCost(len(cols), cols, costs)

    def add_row(self, lower: float, upper: float, cols: np.ndarray, values: np.ndarray) -> None:
        """Add the row ``lower <= values . x[cols] <= upper``."""
        self._h.addRow(lower, upper, len(cols), cols, values)
