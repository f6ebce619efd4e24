"""PNG plots of a run and of a what-if (matplotlib, Agg), imported only when a plot is asked for.

Each plot has the days on its x-axis (dates, or "day 1, day 2, ..." for hypothetical reference days), a strip of
what happened (sleep, exercise, practices, stress events, from the typed days), plasma NE over time from the
calibrated parameters, and the daily store and release capacity with their ensemble intervals on an axis that
starts at 0 % (so that a change of a few % looks as small as it is). Legends are in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from norepi.days.summary import DaySummary
from norepi.model.api import ModelRun, WhatIfResult

TITLE = "Educational model, population-average parameters; bands: 5-95 % of the parameter sets that fit published data"
EVENT_ROWS = ("sleep", "exercise", "practice", "stress")
_COLOURS = {"sleep": "#3b4cc0", "exercise": "#e08214", "practice": "#1a9850", "stress": "#d73027"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _wall(t: dt.datetime) -> dt.datetime:
    """The local wall-clock time a moment was lived at (the x-axis is local time)."""
    return t.replace(tzinfo=None)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def events(days: Sequence[DaySummary]) -> dict[str, list[tuple[dt.datetime, float]]]:
    """What happened on ``days`` as (local start, minutes) per row of ``EVENT_ROWS`` (a stress event lasts 0)."""
    out: dict[str, list[tuple[dt.datetime, float]]] = {row: [] for row in EVENT_ROWS}
    for d in days:
        out["sleep"] += [(_wall(p.bed), p.in_bed_min) for p in d.sleep]
        out["exercise"] += [(_wall(f.start), f.duration_min) for f in d.exercise]
        out["practice"] += [(_wall(p.start), p.duration_min) for p in d.practices]
        if d.stress is not None:
            out["stress"] += [(_wall(e.at), 0.0) for e in d.stress.events]
    return out


def _event_strip(ax: Any, days: Sequence[DaySummary] | None) -> None:
    import matplotlib.dates as mdates

    marks = events(days or ())
    for row, name in enumerate(EVENT_ROWS):
        spans = [(mdates.date2num(t), minutes / 1440.0) for t, minutes in marks[name] if minutes > 0]
        if spans:
            ax.broken_barh(spans, (row - 0.35, 0.7), color=_COLOURS[name])
        points = [mdates.date2num(t) for t, minutes in marks[name] if minutes <= 0]
        if points:
            ax.plot(points, [row] * len(points), "v", color=_COLOURS[name], markersize=7)
    ax.set_yticks(range(len(EVENT_ROWS)), ["sleep", "exercise", "practice", "stress event"])
    ax.set_ylim(len(EVENT_ROWS) - 0.5, -0.5)
    ax.set_title("what happened" + ("" if days else " (not given)"), fontsize=9, loc="left")


def _ne_line(ax: Any, run: ModelRun, label: str | None, **style: Any) -> None:
    if run.central is None or not run.days:
        return
    import matplotlib.dates as mdates
    import numpy as np

    ne = run.central.ne_plasma_nmol_per_l
    x0 = mdates.date2num(_midnight(run.days[0].date))
    ax.plot(x0 + np.arange(len(ne)) / 1440.0, ne, lw=0.7, label=label, **style)


def _daily(ax: Any, run: ModelRun, attr: str, label: str, marker: str) -> float:
    """The daily index ``attr`` at noon of each day with its interval band; returns the highest value drawn."""
    import matplotlib.dates as mdates

    x = [mdates.date2num(_midnight(d.date) + dt.timedelta(hours=12)) for d in run.days]
    iv = [getattr(d, attr) for d in run.days]
    line = ax.plot(x, [i.value for i in iv], marker, label=label)[0]
    ax.fill_between(x, [i.low for i in iv], [i.high for i in iv], alpha=0.2, color=line.get_color())
    highs = [i.high for i in iv if i.high == i.high]
    return max(highs, default=100.0)


def _dates_axis(ax: Any, first: dt.date, n_days: int, hypothetical: bool) -> None:
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    start = mdates.date2num(_midnight(first))
    ax.set_xlim(start, start + n_days)
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, n_days // 10)))
    if hypothetical:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"day {int(round(x - start)) + 1}"))
    else:
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))


def _pct_axis(ax: Any, top: float) -> None:
    ax.axhline(100.0, color="grey", lw=0.8, ls="--", label="healthy reference day (100 %)")
    ax.set_ylim(0.0, max(110.0, top * 1.05))
    ax.set_ylabel("% of a healthy reference day")


def _save(fig: Any, path: Path | str) -> None:
    plt = _pyplot()
    try:
        fig.savefig(path, dpi=100, format="png")
    finally:
        plt.close(fig)


def plot_run(run: ModelRun, path: Path | str, days: Sequence[DaySummary] | None = None,
             label: str = "your days") -> None:
    """Write ``run_figure`` as a PNG to ``path``."""
    _save(run_figure(run, days, label), path)


def plot_whatif(res: WhatIfResult, path: Path | str, days: Sequence[DaySummary] | None = None, *,
                baseline_label: str = "your usual week", scenario_label: str | None = None,
                hypothetical: bool = True) -> None:
    """Write ``whatif_figure`` as a PNG to ``path``."""
    _save(whatif_figure(res, days, baseline_label=baseline_label, scenario_label=scenario_label,
                        hypothetical=hypothetical), path)


def run_figure(run: ModelRun, days: Sequence[DaySummary] | None = None, label: str = "your days") -> Any:
    """A run over the dates of its days: what happened (``days``, the typed days it ran on), plasma NE over time
    (needs ``run_days(..., with_central=True)``) and the daily store and release capacity (% of a healthy reference
    day, from 0) with their intervals. A matplotlib Figure (axes: events, plasma NE, daily %)."""
    plt = _pyplot()
    fig, (a0, a1, a2) = plt.subplots(3, 1, figsize=(10, 7.5), sharex=True,
                                     gridspec_kw={"height_ratios": [1, 2, 2]})
    _event_strip(a0, days)
    _ne_line(a1, run, f"plasma norepinephrine, {label}")
    a1.set_ylim(bottom=0.0)
    a1.set_ylabel("plasma NE (nmol/L)")
    a1.legend(loc="upper right", fontsize=8)
    top = max(_daily(a2, run, "store_pct", "norepinephrine store", "o-"),
              _daily(a2, run, "release_capacity_pct", "release capacity", "s-"))
    _pct_axis(a2, top)
    a2.legend(loc="lower right", fontsize=8)
    if run.days:
        _dates_axis(a2, run.days[0].date, len(run.days), hypothetical=False)
    fig.suptitle(TITLE, fontsize=8)
    fig.tight_layout()
    return fig


def whatif_figure(res: WhatIfResult, days: Sequence[DaySummary] | None = None, *,
                  baseline_label: str = "your usual week", scenario_label: str | None = None,
                  hypothetical: bool = True) -> Any:
    """A what-if beside its baseline: what happened on the baseline days (``days``), plasma NE over time of both
    (needs ``with_central=True``) and the daily store of both (% of a healthy reference day, from 0) with their
    intervals. ``scenario_label`` defaults to the change in words and the number of days ("sleep 5 h a night for
    7 days"); ``hypothetical`` days are labelled "day 1, day 2, ..." rather than by date. A matplotlib Figure."""
    plt = _pyplot()
    n = len(res.baseline.days)
    scenario = scenario_label or f"{res.description} for {n} day{'s' if n != 1 else ''}"
    fig, (a0, a1, a2) = plt.subplots(3, 1, figsize=(10, 7.5), sharex=True,
                                     gridspec_kw={"height_ratios": [1, 2, 2]})
    _event_strip(a0, days)
    _ne_line(a1, res.baseline, baseline_label, color="#4d4d4d")
    _ne_line(a1, res.scenario, scenario, color="#d6604d")
    a1.set_ylim(bottom=0.0)
    a1.set_ylabel("plasma NE (nmol/L)")
    a1.legend(loc="upper right", fontsize=8)
    top = max(_daily(a2, res.baseline, "store_pct", f"store, {baseline_label}", "o-"),
              _daily(a2, res.scenario, "store_pct", f"store, {scenario}", "s-"))
    _pct_axis(a2, top)
    a2.legend(loc="lower right", fontsize=8)
    if res.baseline.days:
        _dates_axis(a2, res.baseline.days[0].date, n, hypothetical)
    fig.suptitle(TITLE, fontsize=8)
    fig.tight_layout()
    return fig
