"""`norepi serve` (src/norepi/cli/web.py): options, and the app it hands to uvicorn."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from norepi.cli.web import register


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context, db: str | None = typer.Option(None, "--db")) -> None:
        ctx.obj = {"db": db}

    register(app)
    return app


def test_serve_help() -> None:
    out = CliRunner().invoke(_app(), ["serve", "--help"], terminal_width=200).output
    for option in ("--host", "--port", "--multi-user", "--secure-cookies", "--workers"):
        assert option in out


@pytest.mark.parametrize(("args", "multi", "secure"), [
    ([], False, False),
    (["--multi-user"], True, False),
    (["--multi-user", "--host", "0.0.0.0"], True, True),
])
def test_serve_runs_uvicorn_with_the_app(monkeypatch: pytest.MonkeyPatch, sqlite_db: str, args: list[str],
                                         multi: bool, secure: bool) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(_app(), ["--db", sqlite_db, "serve", "--port", "8123", *args])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and "http://" in result.output
    config = seen["app"].state.web.config
    assert config.multi_user is multi and config.secure_cookies is secure and config.db == sqlite_db
    seen["app"].state.web.pool.close()
    assert CliRunner().invoke(_app(), ["serve", "--port", "0"]).exit_code != 0


def test_serve_with_workers_configures_them_by_environment(monkeypatch: pytest.MonkeyPatch, sqlite_db: str) -> None:
    import os

    import uvicorn

    from norepi.web.app import create_app_from_env

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    for name in ("NOREPI_MULTI_USER", "NOREPI_SECURE_COOKIES", "NOREPI_MAX_UPLOAD_BYTES", "NOREPI_SECRET_KEY",
                 "NOREPI_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(_app(), ["--db", sqlite_db, "serve", "--workers", "3", "--multi-user"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "norepi.web.app:create_app_from_env" and seen["factory"] and seen["workers"] == 3
    assert os.environ["NOREPI_DATABASE_URL"] == f"sqlite:///{sqlite_db}" and len(os.environ["NOREPI_SECRET_KEY"]) == 64
    app = create_app_from_env()
    try:
        assert app.state.web.config.multi_user and app.state.web.config.secret_key == os.environ["NOREPI_SECRET_KEY"]
    finally:
        app.state.web.pool.close()
