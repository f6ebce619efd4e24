"""Helpers of the CLI tests: run ``norepi`` in this process at 80 columns, and a database's bytes as a digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from norepi.cli.app import app


class Result:
    """What one command line did: exit code, standard output and error."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(db: Path | None, *args: str, input: str | None = None, columns: int = 80) -> Result:
    """Run ``norepi [--db db] args...`` here, at ``columns`` wide."""
    runner = CliRunner()
    argv = (["--db", str(db)] if db is not None else []) + list(args)
    r = runner.invoke(app, argv, input=input, env={"COLUMNS": str(columns), "NOREPI_DEBUG": ""})
    return Result(r.exit_code, r.stdout, r.stderr)


def digest(path: Path) -> str:
    """The bytes of a database file, as a hash (the database is unchanged when it is the same)."""
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
