"""Plots of the model (norepi/model/plots.py): dates on the x-axis (or "day N" for hypothetical days), marks of
what happened, share axes from zero, legends in words; the CLI writes them where asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cli_helpers import invoke

from norepi.days import summarize
from norepi.journal.journal import Journal
from norepi.model.api import changes_from, run_days, whatif
from norepi.model.inputs import reference_days
from norepi.model.plots import EVENT_ROWS, events, run_figure, whatif_figure

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def sample_days(sample_db: Path):  # type: ignore[no-untyped-def]
    with Journal(sample_db) as j:
        return summarize(j, TODAY - dt.timedelta(days=3), TODAY)


def _labels(ax) -> list[str]:  # type: ignore[no-untyped-def]
    ax.figure.canvas.draw()
    return [t.get_text() for t in ax.get_xticklabels() if t.get_text()]


def test_run_figure_has_dates_marks_and_zero_based_axes(sample_days) -> None:  # type: ignore[no-untyped-def]
    run = run_days(sample_days, ensemble=False, with_central=True)
    fig = run_figure(run, sample_days)
    marks, ne, share = fig.axes
    labels = _labels(share)
    assert f"{TODAY:%d %b}" in " ".join(labels) and not any(label.startswith("day") for label in labels)
    assert [t.get_text() for t in marks.get_yticklabels()] == ["sleep", "exercise", "practice", "stress event"]
    assert marks.collections, "sleep and exercise spans are drawn"
    assert share.get_ylim()[0] == 0.0 and ne.get_ylim()[0] == 0.0 and share.get_ylim()[1] >= 110
    legend = [t.get_text() for t in share.get_legend().get_texts()]
    assert "norepinephrine store" in legend and "healthy reference day (100 %)" in legend


def test_whatif_figure_says_what_changed_and_against_what() -> None:
    res = whatif(None, changes_from(sleep_hours=5), n_days=3, ensemble=False, with_central=True)
    fig = whatif_figure(res, reference_days(3), baseline_label="your usual week")
    _, ne, share = fig.axes
    legend = [t.get_text() for t in ne.get_legend().get_texts()]
    assert legend == ["your usual week", "sleep 5 h a night for 3 days"]
    assert all("=" not in text for text in legend)
    labels = _labels(share)
    assert labels[:3] == ["day 1", "day 2", "day 3"] and "2025" not in " ".join(labels)
    assert share.get_ylim()[0] == 0.0


def test_events_come_from_the_days(sample_days) -> None:  # type: ignore[no-untyped-def]
    marks = events(sample_days)
    assert set(marks) == set(EVENT_ROWS)
    assert len(marks["sleep"]) == sum(len(d.sleep) for d in sample_days) > 0
    assert all(minutes > 0 for _, minutes in marks["sleep"])


def test_the_cli_writes_pngs(demo: Path, tmp_path: Path) -> None:
    run_png, whatif_png = tmp_path / "run.png", tmp_path / "whatif.png"
    assert invoke(demo, "model", "run", "today-1..today", "--plot", str(run_png)).exit_code == 0
    r = invoke(demo, "model", "whatif", "--sleep-hours", "5", "--days", "2", "--plot", str(whatif_png))
    assert r.exit_code == 0, r.output
    assert run_png.read_bytes()[:4] == whatif_png.read_bytes()[:4] == b"\x89PNG"
