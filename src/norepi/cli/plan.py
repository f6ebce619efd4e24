"""CLI commands of the meal planner."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach ``norepi plan ...`` to the root app."""
