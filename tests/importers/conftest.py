"""Shared fixtures of the importer tests: the real app exports in ../shared (test input only: tests assert on
counts and shapes, never on their values), and the FIT writer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fit_files import build_fit

REPO = Path(__file__).resolve().parents[2]
EXPORTS = Path(os.environ.get("NOREPI_EXPORTS", REPO.parent / "shared" / "data" / "exports"))


@pytest.fixture(scope="session")
def exports() -> Path:
    """The folder of real exports (../shared/data/exports, or $NOREPI_EXPORTS)."""
    if not (EXPORTS / "SOURCE.md").exists():
        pytest.fail(f"real app exports not found at {EXPORTS} (set NOREPI_EXPORTS)")
    return EXPORTS


@pytest.fixture
def make_fit():
    return build_fit
