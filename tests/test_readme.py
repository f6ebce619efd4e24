"""The README's public API table and its Python example stay true."""

import re
import shutil
from pathlib import Path

import norepi

README = Path(__file__).resolve().parents[1] / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_the_public_api_table_names_exactly_all() -> None:
    rows = [line for line in _section("From Python").splitlines() if line.startswith("| ") and "`" in line]
    documented = {name for row in rows for name in re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", row.split("|")[2])}
    assert documented == set(norepi.__all__)


def test_the_python_example_runs(imported_db: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code = re.search(r"```python\n(.*?)```", _section("From Python"), re.S)
    assert code is not None
    shutil.copy(imported_db, tmp_path / "journal.sqlite")
    monkeypatch.chdir(README.parent)
    source = code.group(1).replace('"journal.sqlite"', repr(str(tmp_path / "journal.sqlite")))
    namespace: dict[str, object] = {}
    exec(compile(source, "README.md", "exec"), namespace)  # noqa: S102
    day, run = namespace["day"], namespace["run"]
    assert day.food is not None and day.food.totals["phenylalanine_mg"] > 500  # two large eggs: ~680 mg
    assert len(run.days) == 7
