"""PNG plots of a run and of a what-if (matplotlib, Agg): plasma NE over time from the calibrated run, and the daily
indices with their ensemble intervals. Imported only when a plot is asked for."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from norepi.model.api import ModelRun, WhatIfResult

TITLE = "norepi model (educational, population-average parameters; bands: 5-95 % of the parameter sets)"


def _band(ax, run: ModelRun, attr: str, label: str, marker: str) -> None:  # noqa: ANN001
    x = np.arange(len(run.days))
    iv = [getattr(d, attr) for d in run.days]
    ax.plot(x, [i.value for i in iv], marker, label=label)
    ax.fill_between(x, [i.low for i in iv], [i.high for i in iv], alpha=0.25)


def plot_run(run: ModelRun, path: Path | str) -> None:
    """Plasma NE over time (needs ``run_days(..., with_central=True)``) and daily store and release capacity %."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(2, 1, figsize=(10, 6))
    if run.central is not None:
        ne = run.central.ne_plasma_nmol_per_l
        a1.plot(np.arange(len(ne)) / 1440.0, ne, lw=0.6)
    a1.set_xlabel("day")
    a1.set_ylabel("plasma NE (nmol/L)")
    _band(a2, run, "store_pct", "store %", "o-")
    _band(a2, run, "release_capacity_pct", "release capacity %", "s-")
    a2.set_xlabel("day")
    a2.set_ylabel("% of the healthy reference")
    a2.legend()
    fig.suptitle(TITLE, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_whatif(res: WhatIfResult, path: Path | str) -> None:
    """Plasma NE over time, baseline and scenario (needs ``with_central=True``), and daily store % of both."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(2, 1, figsize=(10, 6))
    for run, label in ((res.baseline, "baseline"), (res.scenario, res.description)):
        if run.central is not None:
            ne = run.central.ne_plasma_nmol_per_l
            a1.plot(np.arange(len(ne)) / 1440.0, ne, lw=0.6, label=label)
        _band(a2, run, "store_pct", label, "o-")
    a1.set_xlabel("day")
    a1.set_ylabel("plasma NE (nmol/L)")
    a1.legend()
    a2.set_xlabel("day")
    a2.set_ylabel("NE store (% of healthy)")
    a2.legend()
    fig.suptitle(TITLE, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
