"""Help that teaches: every group's and every command's help has an example, typed names (no <bool> or
<list[str]>), a description for every option, and the accepted forms of every date."""

from __future__ import annotations

import pytest
from cli_helpers import invoke
from typer.main import get_command

from norepi.cli.app import app


def _tree(cmd, path=()):  # type: ignore[no-untyped-def]
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _tree(sub, (*path, name))


TREE = list(_tree(get_command(app)))
PATHS = [" ".join(p) for p, _ in TREE]


def test_the_tree_is_whole() -> None:
    groups = {" ".join(p) for p, c in TREE if hasattr(c, "commands")}
    assert {"", "foods", "log", "profile", "import", "plan", "model", "stress", "experiment", "rating"} - groups \
        == {"import"}  # import is a command
    assert len(TREE) > 40


@pytest.mark.parametrize("path", PATHS)
def test_help_has_an_example_and_typed_names(path: str) -> None:
    r = invoke(None, *path.split(), "--help")
    assert r.exit_code == 0, r.output
    text = r.stdout
    assert "Example: norepi" in text
    for bad in ("<bool>", "<list[", "<str>", "<float>", "<int", "<path>"):
        assert bad not in text, (path, bad)
    example = next(line for line in text.splitlines() if "Example:" in line)
    assert "norepi" in example and "\n" not in example


@pytest.mark.parametrize("path", [p for p, c in zip(PATHS, (c for _, c in TREE), strict=True)
                                  if not hasattr(c, "commands")])
def test_every_option_is_described_and_dates_name_their_forms(path: str) -> None:
    cmd = dict(zip(PATHS, (c for _, c in TREE), strict=True))[path]
    for param in cmd.params:
        if getattr(param, "hidden", False):
            continue
        assert (param.help or "").strip(), (path, param.name)
        if param.metavar in ("DATE", "START..END") or "date" in (param.name or "").split("_"):
            assert "today-N" in (param.help or ""), (path, param.name, param.help)
