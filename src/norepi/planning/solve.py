"""Solving one day's MILP with HiGHS (through :mod:`.highs`), in up to four steps that stop as soon as a plan is
proven within the MIP gap; see :func:`solve_arrays`. ``solve_arrays_scipy`` (the planner's first solver) is kept
for the benchmark."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from norepi.planning.highs import HighsModel, SolveResult
from norepi.planning.model import MIP_REL_GAP, DayProblem, MilpArrays, SoftRow, build_day

TIME_LIMIT_S = 20.0
QUICK_S = 0.5  # per day of a multi-day plan: take the best plan found in this time (see ``solve_day``)
LEXICOGRAPHIC = True  # solve_day: costs first, then the energy term (see ``solve_arrays``)
ONE_SHOT_S = 0.6  # ... after this long on the full objective without proof
RESTRICTED_S = 0.15  # the LP-guided restricted MIPs (``solve_restricted``): usually 10-90 ms
DIVERSIFY_COST = 1.0  # added to the cost of the first LP's food-meal pairs in the second LP (solve_restricted)
# The relaxation (no plan meets every target) stops within 0.5 %: its penalties are 10 per % of a target
# missed and 50 per food a meal rule lacks, so on a recorded vegan day without soy (objective 110.9: two
# meal rules and 0.2 kcal of energy bent) 0.5 % is 0.55, a twentieth of one % of a target; proving the last
# 0.4 % there took 8 s of 9.
RELAX_GAP = 5e-3


@dataclass(frozen=True)
class DaySolution:
    """Steps per (food index, meal index), the objective value, the bent constraints (with relaxation),
    the solve time (s), the status and the proven lower bound of the objective."""

    steps: Mapping[tuple[int, int], int]
    objective: float
    relaxed: tuple[tuple[SoftRow, float], ...]
    seconds: float
    status: str
    bound: float = -math.inf

    @property
    def gap_pct(self) -> float | None:
        """How far the objective may lie above the best possible, % of the objective (None: no bound)."""
        if not math.isfinite(self.bound):
            return None
        return max(0.0, 100.0 * (self.objective - self.bound) / max(abs(self.objective), 1e-9))


def solve_arrays_scipy(m: MilpArrays, time_limit_s: float = TIME_LIMIT_S):  # type: ignore[no-untyped-def]
    """The same model through ``scipy.optimize.milp`` (the planner's first solver; kept for the benchmark;
    imported here: scipy.optimize takes ~0.45 s to import, which every `norepi plan` would pay)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    return milp(m.c, integrality=m.integrality, bounds=Bounds(m.lb, m.ub),
                constraints=LinearConstraint(m.a, m.row_lo, m.row_hi),
                options={"time_limit": time_limit_s, "mip_rel_gap": MIP_REL_GAP})


def _within_gap(objective: float, bound: float) -> bool:
    return objective - bound <= MIP_REL_GAP * max(abs(objective), 1e-9)


def solve_restricted(m: MilpArrays, time_limit_s: float = RESTRICTED_S) -> tuple[SolveResult, float] | None:
    """The LP-guided first step of :func:`solve_arrays`: solve the LP relaxation (with the cover rows), then
    the MIP restricted to the food-meal pairs the LP uses (every other ``y`` fixed at 0: a few dozen columns,
    a RENS-like neighbourhood). If that plan is not within the gap of the LP bound: a second LP, in which each
    pair the first one used costs :data:`DIVERSIFY_COST` more, finds other pairs, and the MIP restricted to
    both sets runs from the first plan.

    Returns (the best restricted result, the LP bound); (an infeasible result, inf) when the LP is
    infeasible; None when the LP ended otherwise. A restricted plan within the gap of the LP bound is optimal
    for the whole model: the LP relaxation bounds every plan from below."""
    t0 = time.perf_counter()
    h = HighsModel(m)
    relaxation = h.lp_relaxation()
    if relaxation is False:
        return SolveResult(None, math.inf, math.inf, False, True), math.inf
    if relaxation is True:
        return None
    lp, bound = relaxation
    ys = np.array(sorted(m.y_cols.values()), dtype=np.int32)
    keep = lp[ys] > 1e-6
    best = SolveResult(None, math.inf, bound, False, False)
    for attempt in range(2):
        if attempt:  # the second LP: the first one's pairs made dearer
            used = ys[keep]
            h.set_bounds(ys, m.lb[ys], m.ub[ys])
            h.set_costs(used, m.c[used] + DIVERSIFY_COST)
            other = h.lp_relaxation()
            h.set_costs(used, m.c[used])
            if not isinstance(other, tuple):
                break
            wider = keep | (other[0][ys] > 1e-6)
            if (wider == keep).all():
                break
            keep = wider
        h.set_bounds(ys, np.zeros(len(ys)), np.where(keep, m.ub[ys], 0.0))
        result = h.run(time_limit_s - (time.perf_counter() - t0), best.x)
        if result.x is not None and result.objective < best.objective:
            best = SolveResult(result.x, result.objective, bound, _within_gap(result.objective, bound), False)
        if best.optimal or time.perf_counter() - t0 >= time_limit_s:
            break
    return best, bound


def solve_arrays(m: MilpArrays, time_limit_s: float = TIME_LIMIT_S, lexicographic: bool = True,
                 gap: float = MIP_REL_GAP, restricted_first: bool = True) -> SolveResult:
    """Solve with HiGHS (:mod:`.highs`: one thread, relative gap :data:`MIP_REL_GAP`), in up to four steps that
    stop as soon as a plan is proven within the gap:

    1. (:func:`solve_restricted`) the LP relaxation, then the MIP over the food-meal pairs the LP uses; most
       days end here in 10-90 ms, because with at least three foods a meal the LP bound is usually reached
       by an integer plan;
    2. the full objective, without the cover rows (whose LP work does not pay off once a plan is near), for
       up to :data:`ONE_SHOT_S`;
    3. with ``lexicographic``: the objective is (per-use and per-step costs) + (energy term). HiGHS proves
       the first part's bound quickly when it is a count of foods (its objective is then integral), but not
       once the continuous energy term is added; so it minimises the costs alone. If that plan's energy term
       already lies within the gap, it is the answer (no plan can cost less than the proven bound, and the
       energy term is never negative). Otherwise the same foods and meals are kept and only their steps
       re-chosen for the full objective (polish, a MIP of a few columns);
    4. the full objective from the best plan so far (MIP start) with two valid rows added: costs >= the
       bound of step 3, and costs <= the best plan's full objective.

    All steps together keep within ``time_limit_s``; the best plan found is returned (``optimal`` False when
    the time ran out first). Without ``lexicographic`` (prices per gram: the phases do not pay off) step 2
    runs for all the time left, from the restricted plan; without ``restricted_first`` (the relaxation) HiGHS
    alone solves the model to the relative ``gap``."""
    t0 = time.perf_counter()

    def left() -> float:
        return time_limit_s - (time.perf_counter() - t0)

    energy = [c for c in m.energy_cols if m.c[c]]
    if not restricted_first:  # HiGHS alone, to ``gap``
        alone = HighsModel(m)
        alone.set_gap(gap)
        return alone.run(time_limit_s)
    restricted = solve_restricted(m, min(RESTRICTED_S, time_limit_s))
    if restricted is None:  # the LP ended without an optimum (out of time): the MIP alone
        return HighsModel(m).run(time_limit_s)
    guess, lp_bound = restricted
    if guess.optimal or guess.infeasible:
        return guess
    phases = lexicographic and bool(energy)
    if not phases:  # HiGHS on the whole model for the time left, from the restricted plan
        direct = HighsModel(m, covers=False).run(max(left(), 0.0), guess.x)
        return _better(guess, direct, lp_bound)
    direct = HighsModel(m, covers=False).run(min(ONE_SHOT_S, max(left(), 0.0)))
    best = _better(guess, direct, lp_bound)
    if best.optimal or direct.infeasible or left() <= 0 or best.x is None:
        return best
    h = HighsModel(m)
    idx = np.array(energy, dtype=np.int32)
    h.set_costs(idx, np.zeros(len(idx)))
    first = h.run(left(), best.x)
    if first.x is None or not first.optimal:  # out of time: the best plan found
        return _better(best, SolveResult(first.x, float(m.c @ first.x) if first.x is not None else math.inf,
                                         first.bound, False, False), lp_bound)
    full = float(m.c @ first.x)
    if _within_gap(full, first.bound):
        return SolveResult(first.x, full, first.bound, True, False)
    h.set_costs(idx, m.c[idx])
    x_best = first.x
    # polish: the same foods in the same meals, steps re-chosen for the full objective (a tiny MIP)
    ys = np.array(sorted(m.y_cols.values()), dtype=np.int32)
    if len(ys):
        chosen = np.round(first.x[ys])
        h.set_bounds(ys, chosen, chosen)
        polished = h.run(left(), first.x)
        h.set_bounds(ys, m.lb[ys], m.ub[ys])
        if polished.x is not None and float(m.c @ polished.x) < full:
            x_best, full = polished.x, float(m.c @ polished.x)
        if _within_gap(full, first.bound):
            return SolveResult(x_best, full, first.bound, True, False)
    cost_cols = np.array([c for c in range(len(m.c)) if m.c[c] and c not in energy], dtype=np.int32)
    bound = first.bound
    if len(cost_cols):
        h.add_row(bound - 1e-9 * max(1.0, abs(bound)), full + 1e-9, cost_cols, m.c[cost_cols])
    second = h.run(left(), x_best)
    if second.x is None or float(m.c @ second.x) > full:
        return SolveResult(x_best, full, max(bound, second.bound), False, False)
    return SolveResult(second.x, float(m.c @ second.x), max(bound, second.bound), second.optimal, False)


def _better(a: SolveResult, b: SolveResult, lp_bound: float) -> SolveResult:
    """The better of two results of the same model (a proven optimum first, then the lower objective), its
    bound the best of both and the LP bound; optimal when within the gap of that bound."""
    if b.optimal or b.infeasible:
        return b
    best = b if (b.x is not None and (a.x is None or b.objective < a.objective)) else a
    bound = max(a.bound, b.bound, lp_bound)
    optimal = best.x is not None and _within_gap(best.objective, bound)
    return SolveResult(best.x, best.objective, bound, optimal, False)


def solve_day(problem: DayProblem, relax: bool = False, time_limit_s: float = TIME_LIMIT_S,
              quick_s: float | None = None) -> DaySolution | None:
    """Solve one day; None when the strict model has no solution (use ``relax=True`` to explain why).

    With ``quick_s``, the best plan found within ``quick_s`` seconds is taken (status "time limit") and the
    full ``time_limit_s`` is used only when none was found by then."""
    begin = time.perf_counter()
    m = build_day(problem, relax)
    # the phases pay off when the costs are per food used (usual, fewest); with prices per gram (cost) the LP
    # bound lies ~10 % below the optimum and HiGHS proves a day fastest on its own (~0.7 s), from the
    # restricted plan (a plan within ~1 % of the best in 0.15 s, which a week's short time limits need)
    lexicographic = LEXICOGRAPHIC and not relax and problem.objective != "cost"
    gap = RELAX_GAP if relax else MIP_REL_GAP
    limit = quick_s if quick_s is not None else time_limit_s
    result = solve_arrays(m, limit, lexicographic, gap, restricted_first=not relax)
    if result.x is None and not result.infeasible and quick_s is not None:
        result = solve_arrays(m, time_limit_s, lexicographic, gap, restricted_first=not relax)
    seconds = time.perf_counter() - begin
    if result.x is None:
        return None
    x = result.x
    steps = {key: int(round(x[c])) for key, c in m.n_cols.items() if round(x[c]) > 0}
    relaxed = tuple((s, float(x[s.column])) for s in m.soft if x[s.column] > 1e-6)
    status = "optimal" if result.optimal else "time limit"
    return DaySolution(steps, float(result.objective), relaxed, seconds, status, float(result.bound))
