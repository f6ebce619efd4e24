"""The HiGHS adapter: silent on stdout from the first call of a fresh process (HiGHS issue 1702), and the public
class's own behaviour that makes the workaround necessary, measured in fresh interpreters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import highspy

from norepi.planning.highs import QuietHighs

SRC = Path(__file__).resolve().parents[2] / "src"
ONE_MIP = """
import numpy as np, highspy
from norepi.planning.model import MilpArrays
from scipy.sparse import csr_array
m = MilpArrays(np.array([1.0, 1.0]), csr_array(np.array([[1.0, 1.0]])), np.array([1.5]), np.array([np.inf]),
               np.zeros(2), np.array([10.0, 10.0]), np.array([1, 1]), ["a", "b"], ["r"], {}, {})
"""


def _stdout(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          check=True)
    return done.stdout


def test_the_public_class_prints_its_header_before_any_option_can_be_set() -> None:
    """Why the adapter exists: highspy.Highs() writes the header in its constructor; silent() comes too late."""
    printed = _stdout("import highspy\nh = highspy.Highs()\nh.silent()\n")
    assert "Running HiGHS" in printed


def test_the_adapter_solves_without_a_word_on_stdout() -> None:
    printed = _stdout(ONE_MIP + """
from norepi.planning.highs import HighsModel
h = HighsModel(m)
r = h.run(5.0)
assert r.optimal and abs(r.objective - 2.0) < 1e-9, r
lp = h.lp_relaxation()
assert isinstance(lp, tuple) and abs(lp[1] - 1.5) < 1e-9, lp
""")
    assert printed == ""


def test_quiet_highs_is_a_whole_public_highs() -> None:
    quiet = QuietHighs()
    assert isinstance(quiet, highspy.Highs)
    # the callback slots highspy.Highs.__init__ makes, one per callback type (not made here: it would print)
    assert len(quiet.callbacks) == int(highspy.cb.HighsCallbackType.kCallbackMax) + 1
    assert quiet.getOptionValue("output_flag")[1] is False


def _imports(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_highspy_only_in_the_adapter_and_no_storage_in_planning() -> None:
    """One HiGHS adapter; the planner takes typed values: no SQL, no Journal, no session, no JSON."""
    modules = sorted((SRC / "norepi" / "planning").glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        names = _imports(path)
        uses_highspy = any(n == "highspy" or n.startswith("highspy.") for n in names)
        assert uses_highspy == (path.name == "highs.py"), path.name
        for banned in ("sqlalchemy", "norepi.journal", "norepi.cli", "norepi.web", "json", "pydantic"):
            assert not any(n == banned or n.startswith(banned + ".") for n in names), (path.name, banned)
