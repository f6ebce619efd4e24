"""Wall time of the commands a person types most, each a fresh process as from a shell, beside the floor that no
command can go under in this venv: Python starting, Python importing the CLI, and the libraries a journal command
must load (the database library, NumPy through the typed day).

    .venv/bin/python bench/bench_cli.py                 # needs ../shared/data/usda-sr28 (a journal is built once)
    .venv/bin/python bench/bench_cli.py --runs 9 --baseline /tmp/old/src   # beside another source tree

Figures: the median of ``--runs`` runs (seconds), its ratio to a bare ``python -c pass``, and with ``--baseline``
the same command run from that source tree (e.g. ``git archive <commit> src | tar -x -C /tmp/old``) and the ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
CLI = "from norepi.cli.app import main; main()"


def _time(argv: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another source tree (its src folder) to time beside")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "80"}
    base_env = {**env, "PYTHONPATH": str(args.baseline)} if args.baseline else None
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "journal.sqlite"
        from norepi.journal.journal import Journal
        from norepi.journal.sample import load_sample

        with Journal(db) as j:
            j.import_foods(SR28)
            load_sample(j)
        shutil.copy(db, Path(tmp) / "copy.sqlite")
        cases = {
            "python -c pass (floor)": [py, "-c", "pass"],
            "import norepi.cli.app": [py, "-c", "import norepi.cli.app"],
            "import sqlalchemy.orm": [py, "-c", "import sqlalchemy.orm"],
            "import numpy": [py, "-c", "import numpy"],
            "import the journal and the typed day": [py, "-c", "import norepi.days.build"],
            "norepi --help": [py, "-c", CLI, "--help"],
            "norepi log exercise --help": [py, "-c", CLI, "log", "exercise", "--help"],
            "norepi day": [py, "-c", CLI, "--db", str(db), "day"],
            "norepi week": [py, "-c", CLI, "--db", str(db), "week"],
            "norepi log food 01123 50g": [py, "-c", CLI, "--db", str(db), "log", "food", "01123", "50g"],
        }
        floor = None
        extra = f" {'baseline s':>10s} {'new/base':>8s}" if base_env else ""
        print(f"{'command':40s} {'median s':>9s} {'x floor':>8s}{extra}")
        for name, argv in cases.items():
            t = _time(argv, args.runs, env)
            floor = floor or t
            line = f"{name:40s} {t:9.3f} {t / floor:8.1f}"
            if base_env and name.startswith("norepi"):
                b = _time(argv, args.runs, base_env)
                line += f" {b:10.3f} {t / b:8.2f}"
            print(line)


if __name__ == "__main__":
    main()
