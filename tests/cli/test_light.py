"""The CLI starts light: importing it, and asking for help, load none of the heavy libraries (the database
library, NumPy, Numba, Pydantic, Matplotlib); a command loads them when it needs them. (Speed figures are in
bench/, not timed here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "numpy", "numba", "pydantic", "matplotlib", "scipy", "alembic", "pint", "highspy")


def _loaded(code: str) -> list[str]:
    probe = (f"import sys\n{code}\n"
             f"import json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "80"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_importing_the_cli_loads_nothing_heavy() -> None:
    assert _loaded("import norepi.cli.app") == []


@pytest.mark.parametrize("args", [["--help"], ["log", "--help"], ["log", "exercise", "--help"],
                                  ["model", "whatif", "--help"]])
def test_help_loads_nothing_heavy(args: list[str]) -> None:
    code = ("from norepi.cli.app import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit:\n    pass")
    assert _loaded(code) == []
