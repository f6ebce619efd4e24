"""No traceback, ever: every command driven with generated arguments, files and dates. Each run ends with exit
code 0, 1 or 2, shows no traceback and names no bug; a refusal (exit 1 or 2) leaves the database byte for byte as it
was. A bounded number of examples by default (well under a minute); NOREPI_PROPERTY_EXAMPLES=N runs N per command
command (e.g. 200 for a deep run)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import digest, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command

from norepi.cli.app import app
from norepi.importers import KINDS
from norepi.lifestyle.exercise import ACTIVITIES
from norepi.lifestyle.stress import PRACTICES

DEEP = int(os.environ.get("NOREPI_PROPERTY_EXAMPLES", "0"))
SKIPPED = {("serve",), ("foods", "download")}  # a server that runs until stopped; the network
SLOW = {("plan", "day"), ("plan", "week"), ("model", "run"), ("model", "whatif"), ("model", "export-sbml"),
        ("insights",), ("today",), ("demo",), ("foods", "import")}
TODAY = dt.date.today()


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name, sub in getattr(cmd, "commands", {}).items():
        if hasattr(sub, "commands"):
            yield from _commands(sub, (*path, name))
        elif (*path, name) not in SKIPPED:
            yield (*path, name), sub


COMMANDS = dict(_commands(get_command(app)))
FAST = sorted(p for p in COMMANDS if p not in SLOW)

junk = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
dates = st.one_of(
    st.sampled_from(["today", "yesterday", "tomorrow", "today-3", "today-100000", "today-99999999999", "-2", "+2",
                     "today+1", "2026-02-30", "1899-12-31", "1900-01-01", "2030-01-01", "", "soon"]),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)).map(dt.date.isoformat),
    st.integers(0, 20).map(lambda n: (TODAY - dt.timedelta(days=n)).isoformat()),
    junk,
)
ranges = st.one_of(st.tuples(dates, dates).map("..".join), dates,
                   st.integers(0, 3).map(lambda n: f"today-{n}..today"), st.sampled_from(["..", "today..", "..today"]))
times = st.one_of(st.sampled_from(["07:00", "23:59", "24:00", "7", "25:61", "", "noon", "07:00+01:00"]),
                  st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(2100, 1, 1)).map(lambda t: t.isoformat()),
                  st.integers(0, 5).map(lambda n: f"{TODAY - dt.timedelta(days=n)}T07:30"), junk)
numbers = st.one_of(st.integers(-10**7, 10**7).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.sampled_from(["0", "-5", "-0.5", "1e400", "abc", "", "1/2", " 3 "]), junk)
small = st.one_of(st.integers(-2, 12).map(str), st.sampled_from(["abc", "", "1e3", "-1"]))
TEXT: dict[str, Any] = {
    "activity": st.one_of(st.sampled_from([*ACTIVITIES, "Running", "", " ", "ice skating"]), junk),
    "kind": st.one_of(st.sampled_from([*PRACTICES, *KINDS, "norepi", "bogus", ""]), junk),
    "food": st.one_of(st.sampled_from(["01123", "egg", "2 large eggs", "chicken breast", "99999", "", "1/0 cup egg"]),
                      junk),
    "ndb_no": st.one_of(st.sampled_from(["01123", "egg", "00000", "", "chicken"]), junk),
    "amount": st.one_of(st.sampled_from(["150g", "1/0 cup", "-5 g", "0.0001 g", "g", "2 large", "1e9 kg", "", "½ cup"]),
                        junk),
    "answers": st.one_of(st.sampled_from(["2,3,1,3,2,1,2,3,1,2", "0,0,0,0,0,0,0,0,0,0", "1,2,3", "5,5,5,5,5,5,5,5,5,5",
                                          "-1,2,3,4,0,1,2,3,4,0", ""]), junk),
    "scale": st.one_of(st.sampled_from(["0-5", "1-10", "-5-5", "5-0", "0to100", "a-b", "", "3-3"]), junk),
    "sex": st.sampled_from(["female", "male", "other", ""]),
    "diet": st.sampled_from(["omnivore", "vegan", "vegetarian", "paleo", ""]),
    "lever": st.sampled_from(["slow_breathing", "meditation", "hiit", "coffee", ""]),
    "outcome": st.sampled_from(["mood", "focus", "tiredness", ""]),
    "map_": st.sampled_from(["Tiredness=rating:tiredness", "x", "=", "Meditation=practice:meditation:0", "a=ignore"]),
    "price": st.sampled_from(["01123=0.5", "egg=1", "01123=-1", "01123=abc", "="]),
    "add": st.sampled_from(["hiit 20min daily", "meditation 15min", "flying 3min", "hiit -5min", "", "run 2000min"]),
    "objective": st.sampled_from(["usual", "fewest", "cost", "best"]),
    "name": st.sampled_from(["tiredness", "Tiredness", "", "mood", "a b", "x" * 70]),
    "query": st.one_of(st.sampled_from(["egg", "chicken breast", "zzzzqqqq", "", "%", "'; drop table food;--"]), junk),
}
SMALL_NUMBERS = {"days", "foods_per_gap", "limit", "phases", "phase_days", "day", "plan_id", "experiment_id", "seed",
                 "intensity", "trimester"}


def _files(tmp: Path) -> list[str]:
    """Files a person might hand over by mistake or on purpose."""
    (tmp / "folder").mkdir(exist_ok=True)
    (tmp / "folder" / "notes.txt").write_text("nothing\n")
    (tmp / "empty.zip").write_bytes(b"")
    (tmp / "text.zip").write_text("<HealthData/>")
    whole = tmp / "whole.zip"
    with zipfile.ZipFile(whole, "w") as z:
        z.writestr("export.xml", "<HealthData>" + "<Record/>" * 2000 + "</HealthData>")
    (tmp / "cut.zip").write_bytes(whole.read_bytes()[:200])
    (tmp / "latin.csv").write_bytes("Day,Food Name,Amount\n2026-11-20,Caf\xe9,1 cup\n".encode("latin-1"))
    (tmp / "binary.csv").write_bytes(b"\xff\xfe\x00\x01\x02")
    (tmp / "ratings.csv").write_text(f"date,mood\n{TODAY - dt.timedelta(days=2)},7\n2030-01-01,5\n")
    (tmp / "empty.csv").write_text("")
    (tmp / "bad.fit").write_bytes(b"\x0e\x10not a fit file")
    names = ["folder", "empty.zip", "text.zip", "whole.zip", "cut.zip", "latin.csv", "binary.csv", "ratings.csv",
             "empty.csv", "bad.fit", "missing.csv", "out.png", "out.txt", "out.zip", "out.xml", "no/such/dir/x.png"]
    return [str(tmp / n) for n in names]


def _value(param: Any, files: list[str]) -> st.SearchStrategy[str]:
    name, metavar = param.name or "", param.metavar or ""
    annotation = param.type_descriptor.annotation
    if name in TEXT:
        return TEXT[name]
    if metavar == "DATE" or name in ("date", "since"):
        return dates
    if metavar == "START..END" or name == "dates":
        return ranges
    if metavar in ("TIME", "HH:MM") or name in ("bed", "wake", "at", "time"):
        return times
    if "Path" in str(annotation) or metavar.startswith(("FILE", "FOLDER")):
        return st.sampled_from(files)
    if name in SMALL_NUMBERS:
        return small
    if annotation in (int, float):
        return numbers
    return junk


@st.composite
def command_lines(draw: Any, path: tuple[str, ...], files: list[str], db: str) -> list[str]:
    """A command line for ``path``: some of its options (flags and values, repeated ones up to twice), its
    arguments, a stray token now and then, ``--db`` before the command or after it."""
    cmd = COMMANDS[path]
    args: list[str] = []
    for p in cmd.params:
        if p.name == "help":
            continue
        if p.param_type_name == "argument":
            if p.required or draw(st.booleans()):
                n = draw(st.integers(1, 2)) if p.nargs == -1 else 1
                args += [draw(_value(p, files)) for _ in range(n)]
            continue
        if not draw(st.booleans()):
            continue
        flag = p.opts[0]
        if p.is_flag:
            args.append(flag)
            continue
        for _ in range(draw(st.integers(1, 2)) if p.multiple else 1):
            args += [flag, draw(_value(p, files))]
    if draw(st.integers(0, 9)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(st.sampled_from(["--bogus", "-5", "-0.5", "--", "-x"])))
    db_opt = ["--db", db]
    return [*db_opt, *path, *args] if draw(st.booleans()) else [*path, *args, *db_opt]


def _check(line: list[str], db: Path) -> None:
    before = digest(db)
    r = invoke(None, *line)
    said = r.output
    assert r.exit_code in (0, 1, 2), (line, r.exit_code, said)
    assert "Traceback" not in said, (line, said)
    assert "a bug in norepi" not in said, (line, said)
    if r.exit_code != 0 and "before it imported" not in said:
        assert digest(db) == before, (line, said)


@pytest.fixture(scope="module")
def world(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    tmp = tmp_path_factory.mktemp("property")
    db = tmp / "journal.sqlite"
    shutil.copy(sample_db, db)
    return db, _files(tmp)


def _settings(examples: int) -> Any:
    return settings(max_examples=DEEP or examples, deadline=None, database=None, derandomize=not DEEP,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


@pytest.mark.parametrize("path", [" ".join(p) for p in FAST])
@_settings(4)
@given(data=st.data())
def test_fast_commands_never_trace_back(world: tuple[Path, list[str]], path: str, data: Any, monkeypatch: Any) -> None:
    db, files = world
    monkeypatch.chdir(db.parent)  # anything a command writes by default lands here
    _check(data.draw(command_lines(tuple(path.split()), files, str(db))), db)


@pytest.mark.parametrize("path", [" ".join(p) for p in sorted(SLOW)])
@_settings(2)
@given(data=st.data())
def test_slow_commands_never_trace_back(world: tuple[Path, list[str]], path: str, data: Any, monkeypatch: Any) -> None:
    db, files = world
    monkeypatch.chdir(db.parent)
    _check(data.draw(command_lines(tuple(path.split()), files, str(db))), db)


def test_every_command_is_driven() -> None:
    assert set(FAST) | SLOW == set(COMMANDS)
    assert len(COMMANDS) >= 35
