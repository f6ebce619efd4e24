"""Plotly figure specs (JSON) for the Trends page; plotly.js renders them in the browser."""

from __future__ import annotations

from typing import Any

_LAYOUT = {"margin": {"l": 50, "r": 20, "t": 40, "b": 40}, "height": 320, "hovermode": "x unified",
           "legend": {"orientation": "h", "y": -0.2}, "paper_bgcolor": "#fff", "plot_bgcolor": "#fafafa"}


def _fig(title: str, traces: list[dict[str, Any]], yaxis: dict[str, Any], shapes: list[Any] | None = None
         ) -> dict[str, Any]:
    layout: dict[str, Any] = {**_LAYOUT, "title": {"text": title, "font": {"size": 15}}, "yaxis": yaxis,
              "xaxis": {"type": "date"}}
    if shapes:
        layout["shapes"] = shapes
    return {"data": traces, "layout": layout}


def _hline(y: float, color: str = "#888") -> dict[str, Any]:
    return {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": color, "dash": "dot", "width": 1}}


def trend_charts(data: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The figures: nutrient coverage, sleep, vigorous minutes, PSS-10, ratings (each with an id and title)."""
    dates = data["dates"]
    out: list[dict[str, Any]] = []
    cov = [{"type": "scatter", "mode": "lines+markers", "name": labels.get(k, k), "x": dates, "y": v,
            "connectgaps": False} for k, v in data["coverage_pct"].items()]
    out.append({"id": "chart-coverage", "title": "Coverage of daily targets (%)",
                "figure": _fig("Coverage of daily targets (% of RDA/AI; gaps = nothing logged)", cov,
                               {"title": {"text": "% of target"}, "rangemode": "tozero"}, [_hline(100)])})
    sleep = [{"type": "bar", "name": "sleep (h)", "x": dates, "y": data["sleep_h"], "marker": {"color": "#5b6abf"}}]
    week_x = [w["start"] for w in data["weeks"]]
    sri = [w["sleep"].get("sri") for w in data["weeks"]]
    if any(v is not None for v in sri):
        sleep.append({"type": "scatter", "mode": "lines+markers", "name": "regularity (SRI, weekly)", "x": week_x,
                      "y": sri, "yaxis": "y2", "line": {"color": "#d98b26"}})
    sleep_fig = _fig("Sleep: hours per night and weekly regularity", sleep,
                     {"title": {"text": "hours"}, "rangemode": "tozero"}, [_hline(7)])
    sleep_fig["layout"]["yaxis2"] = {"title": {"text": "SRI"}, "overlaying": "y", "side": "right", "range": [0, 100]}
    out.append({"id": "chart-sleep", "title": "Sleep", "figure": sleep_fig})
    vig = [{"type": "bar", "name": "vigorous min (day)", "x": dates, "y": data["vigorous_min"],
            "marker": {"color": "#c0392b"}}]
    if data["weeks"]:
        vig.append({"type": "scatter", "mode": "lines+markers", "name": "vigorous min (week)", "x": week_x,
                    "y": [w["exercise"].get("vigorous_min") for w in data["weeks"]], "line": {"color": "#7d3c98"}})
    out.append({"id": "chart-vigorous", "title": "Vigorous exercise",
                "figure": _fig("Vigorous exercise minutes (weekly guideline 75)", vig,
                               {"title": {"text": "minutes"}, "rangemode": "tozero"}, [_hline(75)])})
    out.append({"id": "chart-pss10", "title": "Perceived stress (PSS-10)",
                "figure": _fig("Perceived stress (PSS-10, latest score on each day)",
                               [{"type": "scatter", "mode": "lines", "line": {"shape": "hv"}, "name": "PSS-10",
                                 "x": dates, "y": data["pss10"]}],
                               {"title": {"text": "score 0-40"}, "range": [0, 40]}, [_hline(13), _hline(26)])})
    rat = [{"type": "scatter", "mode": "lines+markers", "name": k, "x": dates, "y": v}
           for k, v in data["ratings"].items()]
    out.append({"id": "chart-ratings", "title": "Self-ratings",
                "figure": _fig("Self-ratings (1-10)", rat, {"title": {"text": "rating"}, "range": [0, 10.5]})})
    return out
