"""CLI commands of the lifestyle levers (exercise, sleep, stress, ratings, imports)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, log_app: typer.Typer) -> None:
    """Attach the lifestyle commands to the root app and to ``norepi log``."""
