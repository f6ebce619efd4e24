"""Regenerate the generated tables of docs/model.md and the README (parameters, calibration and validation targets,
the fact sheet row by row, the Best 2009 comparison).

python -m norepi.model.docs [docs/model.md] [README.md]
"""

from __future__ import annotations

import sys
from pathlib import Path

from norepi.model.calibration import BY_NAME, TARGETS, calibration_markdown
from norepi.model.facts import FACTS, fact_rows
from norepi.model.parameters import Parameters, parameter_table_rows

ROOT = Path(__file__).resolve().parents[3]


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def parameters_markdown() -> str:
    rows = parameter_table_rows()
    head = ("| name | value | unit | kind | bounds | ensemble | source | fitted to |\n"
            "|---|---|---|---|---|---|---|---|\n")
    return head + "".join(
        f"| {r['name']} | {r['value']} | {r['unit']} | {r['kind']} | {r['bounds']} | {r['ensemble']} | "
        f"{_cell(r['source'])} | {_cell(r['fitted_to'])} |\n"
        for r in rows
    )


def target_results(p: Parameters | None = None) -> dict[str, tuple[float, bool]]:
    """Every target's model value and whether it is met."""
    p = p or Parameters.default()
    return {t.name: t.check(p) for t in TARGETS}


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def facts_markdown(results: dict[str, tuple[float, bool]] | None = None) -> str:
    """The fact sheet row by row: what the model does with each (met / missed targets with the model value, a
    parameter, an input elsewhere, by construction, or not modelled with the reason)."""
    results = results or target_results()
    head = "| § | fact | published | result | model, or why not |\n|---|---|---|---|---|\n"
    lines = []
    for section, quantity, value, _source in fact_rows():
        use = FACTS[(section, quantity)]
        if use.kind == "target":
            parts = []
            met_all = True
            for name in use.what:
                v, ok = results[name]
                t = BY_NAME[name]
                met_all &= ok
                parts.append(f"{name}: {_fmt(v)} {t.unit} (accepted {t.tolerance}; {t.role})")
            result = "**met**" if met_all else "**missed**"
            detail = "; ".join(parts)
        elif use.kind == "parameter":
            result = "parameter"
            detail = ", ".join(f"`{n}`" for n in use.what) + (f": {use.why}" if use.why else "")
        elif use.kind == "input":
            result = "input elsewhere"
            detail = use.why
        elif use.kind == "by construction":
            result = "by construction"
            detail = use.why
        else:
            result = "not modelled"
            detail = use.why
        lines.append(f"| {section} | {_cell(quantity)} | {_cell(value)} | {result} | {_cell(detail)} |\n")
    return head + "".join(lines)


def summary_line(results: dict[str, tuple[float, bool]] | None = None) -> str:
    """How many targets of each role are met."""
    results = results or target_results()
    parts = []
    for role in ("fitted", "anchored", "held-out"):
        names = [t.name for t in TARGETS if t.role == role]
        met = sum(results[n][1] for n in names)
        parts.append(f"{met} of {len(names)} {role}")
    counts: dict[str, int] = {}
    for use in FACTS.values():
        counts[use.kind] = counts.get(use.kind, 0) + 1
    kinds = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    return (f"Targets met: {', '.join(parts)}. Fact-sheet rows ({len(FACTS)}): {kinds}.\n")


def replace_block(text: str, key: str, body: str) -> str:
    begin, end = f"<!-- {key}:begin -->", f"<!-- {key}:end -->"
    if begin not in text or end not in text:
        return text
    a, b = text.index(begin) + len(begin), text.index(end)
    return text[:a] + "\n" + body + text[b:]


def main(doc_path: str | None = None, readme_path: str | None = None) -> None:
    from norepi.model.compare import comparison_markdown

    results = target_results()
    doc = Path(doc_path) if doc_path else ROOT / "docs" / "model.md"
    text = doc.read_text()
    text = replace_block(text, "parameter-table", parameters_markdown())
    text = replace_block(text, "calibration-table", calibration_markdown())
    text = replace_block(text, "calibration-summary", summary_line(results))
    text = replace_block(text, "best2009-table", comparison_markdown())
    doc.write_text(text)
    readme = Path(readme_path) if readme_path else ROOT / "README.md"
    if readme.exists():
        text = readme.read_text()
        text = replace_block(text, "model-facts", facts_markdown(results))
        text = replace_block(text, "calibration-summary", summary_line(results))
        readme.write_text(text)


if __name__ == "__main__":
    main(*(sys.argv[1:3]))
