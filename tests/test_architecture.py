"""The shape of the house: data flows one way between norepi's packages, and no package imports one above it.

Every ``import`` in every module counts (at the top, inside functions, under TYPE_CHECKING): a lazy import is a
dependency all the same.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "norepi"
SCIENCE = {"nutrition", "lifestyle", "model", "planning", "insights"}
STORAGE = {"db", "journal"}


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "norepi" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """package -> packages it imports; package -> third-party top-level modules it imports."""
    deps: dict[str, set[str]] = defaultdict(set)
    external: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        own = rel.parts[0].removesuffix(".py")
        for name in _imports(path):
            if name.split(".")[0] != "norepi":
                external[own].add(name.split(".")[0])
            elif (pkg := _package(name)) and pkg != own:
                deps[own].add(pkg)
    return deps, external


def _cycle(deps: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(deps.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(deps):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_no_import_cycle_between_packages() -> None:
    deps, _ = _graph()
    deps.pop("__init__", None)  # the public API re-exports lazily from every layer
    assert _cycle(deps) is None, " -> ".join(_cycle(deps) or [])


def test_the_cycle_check_can_fail() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("journal", {"importers", "web", "cli", "operations", "days", "model", "planning", "insights"}),
        ("db", {"journal", "foods", "days", "web", "cli", "operations"}),
        ("foods", {"journal", "days", "web", "cli", "operations", "importers"}),
        ("importers", {"web", "cli", "operations", "days", "db"}),
        ("days", {"web", "cli", "operations", "model", "planning", "insights", "importers"}),
        *((science, STORAGE | {"web", "cli", "operations", "importers"}) for science in sorted(SCIENCE)),
        ("operations", {"web", "cli"}),
    ],
)
def test_data_flows_one_way(package: str, forbidden: set[str]) -> None:
    deps, _ = _graph()
    assert not deps.get(package, set()) & forbidden, f"{package} imports {sorted(deps[package] & forbidden)}"


def test_only_the_storage_layer_speaks_sql() -> None:
    _, external = _graph()
    speaking = {pkg for pkg, mods in external.items() if {"sqlalchemy", "alembic"} & mods}
    assert speaking <= {"db", "journal", "foods"}, sorted(speaking)


def test_science_reads_no_journal_and_no_json_of_days() -> None:
    """model, planning and insights take typed days: no ``.model_dump`` of a day, no dict re-parsing."""
    for package in ("model", "planning", "insights"):
        for path in (SRC / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "model_dump" not in text, f"{path.relative_to(SRC)} serialises a day"
            assert "Journal" not in text, f"{path.relative_to(SRC)} takes a Journal"
