"""Benchmarks of the norepi model (prints figures and ratios; not a test).

    PYTHONPATH=src .venv/bin/python bench/bench_model.py [--people 2000] [--days 30] [--rr-sample 4] [--dask]
        [--old-rev 8cd4eb7]

Each figure is printed beside the old path measured in the same run: the model as it was at ``--old-rev`` (its
kernel loaded from git into a private package), a loop of single runs, or libroadrunner on the exported SBML.

1. one person, one year at 1-minute input resolution (typed days -> inputs -> fast solver); target <= 0.5 s;
2. the ensemble (>= 200 parameter sets) for the same person-year through the compiled cohort kernel, end to end
   (``run_days``: each set's periodic start, the year, its healthy reference, intervals); target <= 3 s;
3. a cohort of N people x D days: compiled kernel (numba threads) and, with --dask, the Dask LocalCluster fan-out,
   against libroadrunner on the exported SBML (timed on a sample, extrapolated).
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OLD_FILES = ("core.py", "parameters.py", "inputs.py", "solver.py", "cohort.py", "fitted_parameters.json")


def load_old(rev: str):  # noqa: ANN201
    """The model package as it was at ``rev`` (its own parameters, kernel and dict inputs), or None."""
    tmp = Path(tempfile.mkdtemp(prefix="norepi_old_"))
    pkg = tmp / "norepi_old_model"
    pkg.mkdir()
    try:
        for name in OLD_FILES:
            text = subprocess.run(["git", "show", f"{rev}:src/norepi/model/{name}"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout
            (pkg / name).write_text(text.replace("norepi.model.", "norepi_old_model."))
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"old path at {rev} not available ({exc}); old figures skipped")
        return None
    (pkg / "__init__.py").write_text("")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("norepi_old_model.solver"), importlib.import_module(
        "norepi_old_model.inputs"), importlib.import_module("norepi_old_model.cohort")


def best(fn, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return min(ts), float(np.median(ts))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--rr-sample", type=int, default=4)
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--scheduler", default=None)
    ap.add_argument("--old-rev", default="8cd4eb7")
    a = ap.parse_args()

    import numba

    from norepi.model.api import run_days
    from norepi.model.cohort import cohort_local, roadrunner_person, run_cohort, sample_cohort
    from norepi.model.ensemble import load_ensemble, periodic_states, run_sets
    from norepi.model.inputs import inputs_from_days, reference_days, with_exercise
    from norepi.model.parameters import Parameters
    from norepi.model.sbml import build_sbml
    from norepi.model.solver import periodic_state, simulate

    print(f"cores: {os.cpu_count()}, numba threads: {numba.get_num_threads()}")
    old = load_old(a.old_rev)
    p = Parameters.default()

    # --- 1. one person-year
    days = with_exercise(reference_days(365), "hiit", 20)
    t0 = time.perf_counter()
    year = inputs_from_days(days, p, "year")
    t_inputs = time.perf_counter() - t0
    y0 = periodic_state(p, year.baseline)
    simulate(year.head(1440), p, y0)  # compile / load cache
    b, med = best(lambda: simulate(year, p, y0), 5)
    print(f"1. one person, 365 days x 1440 min: inputs from 365 typed days {t_inputs:.3f} s; fast solver best "
          f"{b:.3f} s, median {med:.3f} s (target <= 0.5 s)")
    if old is not None:
        osolver, oinputs, ocohort = old
        odays = oinputs.scenario_add_exercise(oinputs.reference_days(365), "hiit", 20)
        oyear = oinputs.inputs_from_days(odays, name="year")
        op = importlib.import_module("norepi_old_model.parameters").Parameters.default()
        oy0 = osolver.rest_state(op)
        osolver.simulate(oinputs.inputs_from_days(oinputs.reference_days(1)), op, oy0)
        ob, omed = best(lambda: osolver.simulate(oyear, op, oy0), 5)
        print(f"   old path ({a.old_rev}, 15 states, RK4 over every slow state, per-minute loop): best {ob:.3f} s, "
              f"median {omed:.3f} s; ratio old/new {omed / med:.1f}x")

    # --- 2. the ensemble for one person-year
    ens = load_ensemble()
    run_days(days[:2])  # compile, load the ensemble, healthy references (cached per process)
    b2, med2 = best(lambda: run_days(days), 3)
    Y0, failed = periodic_states(ens, year.baseline, y0)
    bk, medk = best(lambda: run_sets(ens, year.u, Y0, failed), 3)
    print(f"2. ensemble of {ens.size} parameter sets, one person-year at 1-min resolution, run_days end to end: best "
          f"{b2:.2f} s, median {med2:.2f} s (target <= 3 s); the year in the cohort kernel alone: best {bk:.2f} s")
    t = time.perf_counter()
    for k in range(8):
        simulate(year, Parameters(ens.P[k].copy()), Y0[k])
    per = (time.perf_counter() - t) / 8
    print(f"   a loop of single-person runs: {per:.3f} s/set, extrapolated {per * ens.size:.1f} s for {ens.size} "
          f"sets; ratio {per * ens.size / med2:.1f}x")
    if old is not None:
        _, _, ocohort = old
        oP = ocohort.sample_cohort(ens.size, op, seed=1)
        ocohort.cohort_local(oP[:2], oinputs.inputs_from_days(oinputs.reference_days(1)))
        t = time.perf_counter()
        ocohort.cohort_local(oP, oyear)
        t_old = time.perf_counter() - t
        print(f"   old path ({a.old_rev}) cohort kernel, {ens.size} sets x 365 days (no periodic start, no "
              f"references): {t_old:.2f} s; ratio old/new {t_old / med2:.1f}x")

    # --- 3. cohort
    cdays = with_exercise(reference_days(a.days), "run", 30)
    inp = inputs_from_days(cdays, p, "cohort")
    P = sample_cohort(a.people, p, seed=1)
    cohort_local(P[:2], inp)
    t = time.perf_counter()
    res = cohort_local(P, inp)
    t_local = time.perf_counter() - t
    ne = res.ne_mean_nmol_per_l[:, -1]
    print(f"3. cohort {a.people} people x {a.days} days, compiled kernel ({numba.get_num_threads()} threads): "
          f"{t_local:.2f} s; day-{a.days} mean NE {ne.mean():.2f} nM (5-95 %: {np.percentile(ne, 5):.2f}-"
          f"{np.percentile(ne, 95):.2f})")
    import roadrunner

    short = inp.head(2 * 1440)
    rr = roadrunner.RoadRunner(build_sbml(short, p, periodic_state(p, inp.baseline)))
    rr.integrator.relative_tolerance = 1e-6
    rr.integrator.absolute_tolerance = 1e-12
    rr.integrator.maximum_num_steps = 200000
    roadrunner_person(rr, P[0], minutes=short.minutes)
    t = time.perf_counter()
    for k in range(a.rr_sample):
        roadrunner_person(rr, P[k], minutes=short.minutes)
    per_day = (time.perf_counter() - t) / a.rr_sample / 2
    t_rr = per_day * a.days * a.people
    print(f"   libroadrunner on the exported SBML (CVODE rtol 1e-6, events at input changes): {per_day:.3f} s per "
          f"person-day from a sample of {a.rr_sample}, extrapolated {t_rr:.0f} s; ratio {t_rr / t_local:.0f}x")
    if a.dask or a.scheduler:
        t = time.perf_counter()
        rd = run_cohort(P, inp, scheduler=a.scheduler)
        t_d = time.perf_counter() - t
        same = np.allclose(rd.all(), res.all(), rtol=1e-6)
        print(f"   through Dask ({'LocalCluster' if a.scheduler is None else a.scheduler}): {t_d:.2f} s incl. cluster "
              f"start; same results: {same}")


if __name__ == "__main__":
    main()
