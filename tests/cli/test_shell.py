"""The shell every command runs in (norepi/cli/shell.py): one line per error with the exit codes 1, 2 and 130,
global options anywhere, negative numbers as values, and Ctrl-C saying what was kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import typer
from cli_helpers import digest, invoke
from typer.testing import CliRunner

from norepi.cli.context import on_interrupt
from norepi.cli.shell import NorepiCommand, group, hoist_global_options
from norepi.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def _toy() -> typer.Typer:
    """A small app built like norepi's, whose commands fail in each way a command can."""
    toy = group("A toy.\n\nExample: toy boom")

    @toy.callback()
    def _root() -> None:
        pass

    @toy.command("boom")
    def boom() -> None:
        """Fails with a bug.

        Example: toy boom
        """
        _ = 1 / 0

    @toy.command("refuse")
    def refuse() -> None:
        """Refuses.

        Example: toy refuse
        """
        raise InputError("no such thing", field="thing")

    @toy.command("stop")
    def stop() -> None:
        """Stopped by Ctrl-C half way.

        Example: toy stop
        """
        on_interrupt("file b.csv was not imported; a.csv was.")
        raise KeyboardInterrupt

    @toy.command("missing")
    def missing() -> None:
        """A file that is not there.

        Example: toy missing
        """
        open("/nonexistent/folder/file.txt")  # noqa: SIM115

    @toy.command("number")
    def number(value: float, times: int = typer.Option(1, "--times")) -> None:
        """Echo a number.

        Example: toy number -5
        """
        print(value * times)

    return toy


def test_a_bug_is_one_line_naming_it_and_exit_1() -> None:
    r = CliRunner().invoke(_toy(), ["boom"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert r.stderr.count("\n") == 1 and "unexpected ZeroDivisionError" in r.stderr and "bug" in r.stderr


def test_a_library_error_is_one_line_exit_1() -> None:
    r = CliRunner().invoke(_toy(), ["refuse"])
    assert (r.exit_code, r.stderr) == (1, "error: thing: no such thing\n")


def test_ctrl_c_says_what_was_kept_and_exits_130() -> None:
    r = CliRunner().invoke(_toy(), ["stop"])
    assert r.exit_code == 130
    assert r.stderr == "interrupted: file b.csv was not imported; a.csv was.\n"


def test_an_os_error_names_the_file() -> None:
    r = CliRunner().invoke(_toy(), ["missing"])
    assert r.exit_code == 1 and "/nonexistent/folder/file.txt: No such file or directory" in r.stderr
    assert "Traceback" not in r.output


def test_negative_numbers_are_values_not_options() -> None:
    toy = _toy()
    assert CliRunner().invoke(toy, ["number", "-5"]).stdout == "-5.0\n"
    assert CliRunner().invoke(toy, ["number", "-0.5", "--times", "-2"]).stdout == "1.0\n"
    r = CliRunner().invoke(toy, ["number", "-5", "--bogus"])
    assert r.exit_code == 2 and "No such option: --bogus" in r.stderr


def test_usage_errors_are_one_line_and_a_hint_exit_2() -> None:
    r = CliRunner().invoke(_toy(), ["number", "abc"])
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error:") and "'abc' is not a number" in lines[0]
    assert lines[1] == "Try 'root number --help' for help and examples."


def test_global_options_move_to_the_front() -> None:
    assert hoist_global_options(["day", "--db", "x.sqlite", "--json"]) == ["--db", "x.sqlite", "day", "--json"]
    assert hoist_global_options(["log", "food", "egg", "--db=y"]) == ["--db=y", "log", "food", "egg"]
    assert hoist_global_options(["log", "food", "--", "--db", "z"]) == ["log", "food", "--", "--db", "z"]


def test_db_anywhere_on_the_line(profiled: Path) -> None:
    r = invoke(None, "log", "food", "01123", "50 g", "--date", "2026-11-20", "--db", str(profiled))
    assert r.exit_code == 0, r.output
    r = invoke(None, "day", "2026-11-20", "--json", "--db", str(profiled))
    assert r.exit_code == 0 and '"date": "2026-11-20"' in r.stdout


def test_practice_minutes_negative_get_the_commands_message(profiled: Path) -> None:
    before = digest(profiled)
    r = invoke(profiled, "log", "practice", "meditation", "-5")
    assert r.exit_code == 1 and "No such option" not in r.output
    assert "-5 min: give more than 0 and at most 1440 min" in r.stderr
    assert digest(profiled) == before


def test_stress_event_negative_intensity_gets_its_message(profiled: Path) -> None:
    r = invoke(profiled, "log", "stress-event", "-3")
    assert r.exit_code == 1 and "not a whole number 1-10" in r.stderr


def test_not_a_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "notadb.sqlite"
    bad.write_text("this is not a database\n")
    for args in (["day"], ["week"], ["log", "food", "01123", "50 g"]):
        r = invoke(bad, *args)
        assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "not a norepi database" in r.stderr
    assert bad.read_text() == "this is not a database\n"


def test_a_group_alone_shows_its_help() -> None:
    r = invoke(None, "log")
    assert r.exit_code == 0 and "Commands:" in r.stdout and "Example:" in r.stdout


def test_every_command_is_a_norepi_command() -> None:
    from typer.main import get_command

    from norepi.cli.app import app

    def walk(cmd):  # type: ignore[no-untyped-def]
        for sub in getattr(cmd, "commands", {}).values():
            yield sub
            yield from walk(sub)

    kinds = {type(c).__name__ for c in walk(get_command(app)) if not hasattr(c, "commands")}
    assert kinds == {NorepiCommand.__name__}


def test_ctrl_c_at_a_prompt_exits_130_with_a_line_and_saves_nothing(profiled: Path) -> None:
    """A real process, interrupted while it waits for the first PSS-10 answer (read from its output, no sleep)."""
    before = digest(profiled)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "80"}
    proc = subprocess.Popen([sys.executable, "-c", "from norepi.cli.app import main; main()", "--db",
                             str(profiled), "stress", "pss10"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    seen = ""
    while "1. " not in seen:
        ch = proc.stdout.read(1)
        assert ch, f"no prompt: {seen!r} {proc.stderr.read()!r}"
        seen += ch
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in out + err
    assert err.strip().startswith("interrupted:") and err.strip().count("\n") == 0
    assert digest(profiled) == before
