"""Benchmarks of the norepi model (prints figures; not a test).

    .venv/bin/python bench/bench_model.py [--people 10000] [--days 30] [--rr-sample 8] [--dask]

1. one person, one year at 1-minute input resolution (fast solver), target <= 0.5 s;
2. a cohort of N virtual people x D days: compiled kernel (numba threads) and, with --dask, the Dask
   LocalCluster fan-out; against a loop of libroadrunner simulations of the exported SBML (the same
   scenario), timed on a sample of people and extrapolated; target >= 10x.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=10000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--rr-sample", type=int, default=8)
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--scheduler", default=None)
    a = ap.parse_args()

    import numba

    from norepi.model import Parameters, inputs_from_days, simulate
    from norepi.model.cohort import cohort_local, roadrunner_person, run_cohort, sample_cohort
    from norepi.model.inputs import reference_days, scenario_add_exercise
    from norepi.model.sbml import build_sbml
    from norepi.model.solver import rest_state

    print(f"cores: {os.cpu_count()}, numba threads: {numba.get_num_threads()}")
    p = Parameters.default()
    # --- 1. one year
    year = inputs_from_days(scenario_add_exercise(reference_days(365), "hiit", 20), name="year")
    y0 = rest_state(p)
    simulate(inputs_from_days(reference_days(1)), p, y0)  # compile / load cache
    times = []
    for _ in range(5):
        t = time.perf_counter()
        simulate(year, p, y0)
        times.append(time.perf_counter() - t)
    print(
        f"one person, 365 days x 1440 min ({year.minutes} input rows): best {min(times):.3f} s, "
        f"median {np.median(times):.3f} s (target <= 0.5 s)"
    )

    # --- 2. cohort
    days = scenario_add_exercise(reference_days(a.days), "run", 30)
    for d in days:
        d["stress"] = {"pss10": 16, "events": [{"time": "10:00", "intensity": 5, "duration_min": 20}]}
    inp = inputs_from_days(days, name="cohort")
    P = sample_cohort(a.people, p, seed=1)
    cohort_local(P[:2], inp)  # compile
    t = time.perf_counter()
    res = cohort_local(P, inp)
    t_local = time.perf_counter() - t
    print(
        f"cohort {a.people} people x {a.days} days, compiled kernel ({numba.get_num_threads()} threads): "
        f"{t_local:.2f} s; day-{a.days} mean NE {res.daily[:, -1, 0].mean():.2f} nM "
        f"(5-95 %: {np.percentile(res.daily[:, -1, 0], 5):.2f}-{np.percentile(res.daily[:, -1, 0], 95):.2f})"
    )

    import roadrunner

    rr = roadrunner.RoadRunner(build_sbml(inp, p))
    rr.integrator.relative_tolerance = 1e-6
    rr.integrator.absolute_tolerance = 1e-12
    rr.integrator.maximum_num_steps = 200000
    roadrunner_person(rr, P[0], minutes=inp.minutes)
    t = time.perf_counter()
    for k in range(a.rr_sample):
        roadrunner_person(rr, P[k], minutes=inp.minutes)
    per = (time.perf_counter() - t) / a.rr_sample
    t_rr = per * a.people
    print(
        f"libroadrunner loop (exported SBML, CVODE rtol 1e-6): {per:.3f} s/person from a sample of "
        f"{a.rr_sample}; extrapolated {t_rr:.0f} s for {a.people}"
    )
    print(f"ratio roadrunner / compiled kernel: {t_rr / t_local:.1f}x (target >= 10x)")
    if a.dask or a.scheduler:
        t = time.perf_counter()
        rd = run_cohort(P, inp, scheduler=a.scheduler)
        t_d = time.perf_counter() - t
        same = np.allclose(rd.daily, res.daily, rtol=1e-9)
        print(
            f"cohort through Dask ({'LocalCluster' if a.scheduler is None else a.scheduler}): {t_d:.2f} s "
            f"incl. cluster start; ratio roadrunner / Dask {t_rr / t_d:.1f}x; same results: {same}"
        )


if __name__ == "__main__":
    main()
