"""Regenerate the generated tables of docs/model.md (parameters, calibration, Best 2009 comparison).

python -m norepi.model.docs [docs/model.md]
"""

from __future__ import annotations

import sys
from pathlib import Path

from norepi.model.calibration import calibration_markdown
from norepi.model.compare import comparison_markdown
from norepi.model.parameters import parameter_table_rows


def parameters_markdown() -> str:
    rows = parameter_table_rows()
    head = "| name | value | unit | kind | source | fitted to |\n|---|---|---|---|---|---|\n"
    return head + "".join(
        f"| {r['name']} | {r['value']} | {r['unit']} | {r['kind']} | {r['source']} | {r['fitted_to']} |\n" for r in rows
    )


def replace_block(text: str, key: str, body: str) -> str:
    begin, end = f"<!-- {key}:begin -->", f"<!-- {key}:end -->"
    if begin not in text or end not in text:
        return text
    a, b = text.index(begin) + len(begin), text.index(end)
    return text[:a] + "\n" + body + text[b:]


def main(path: str | None = None) -> None:
    doc = Path(path) if path else Path(__file__).resolve().parents[3] / "docs" / "model.md"
    text = doc.read_text()
    text = replace_block(text, "parameter-table", parameters_markdown())
    text = replace_block(text, "calibration-table", calibration_markdown())
    text = replace_block(text, "best2009-table", comparison_markdown())
    doc.write_text(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
