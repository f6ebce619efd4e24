"""``norepi serve``: the web app (FastAPI + uvicorn) over the same journal the CLI uses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Attach ``norepi serve`` to the root app."""

    @app.command("serve")
    def serve(
        ctx: typer.Context,
        host: Annotated[str, typer.Option(help="address to listen on (127.0.0.1 = this machine only)")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8000,
        multi_user: Annotated[bool, typer.Option("--multi-user", envvar="NOREPI_MULTI_USER",
                                                 help="accounts: sign-up, login, one journal per user")] = False,
        secure_cookies: Annotated[bool | None, typer.Option(
            "--secure-cookies/--no-secure-cookies",
            help="Secure (HTTPS-only) cookies; default on unless the host is loopback")] = None,
        max_upload_mb: Annotated[float, typer.Option(min=0.001, help="largest file upload, MB")] = 64.0,
        workers: Annotated[int, typer.Option(min=1, max=64, help="worker processes (a shared server: one per core; "
                                             "the login rate limit then counts per worker)")] = 1,
    ) -> None:
        """Serve Today, Log, Trends and Plan pages and the JSON API (/api/v1, schema at /openapi.json).

        Example: norepi serve --port 8000    (then open http://127.0.0.1:8000)
        """
        import os
        import secrets

        import uvicorn

        from norepi.web import WebConfig, create_app
        from norepi.web.config import LOOPBACK

        root = ctx.find_root()
        db = root.obj.get("db") if isinstance(root.obj, dict) else None
        secure = secure_cookies if secure_cookies is not None else host not in LOOPBACK
        config = WebConfig(db=db, multi_user=multi_user, secure_cookies=secure,
                           max_upload_bytes=int(max_upload_mb * 1e6))
        mode = "multi-user (accounts)" if multi_user else "single-user (no login)"
        typer.echo(f"norepi web, {mode}: http://{host}:{port}/  (API schema: /openapi.json; Ctrl-C stops)")
        if workers == 1:
            uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
            return
        # several processes: migrate once here (workers migrating at once would race), then each worker
        # builds the app from the environment; they share the CSRF key
        from norepi.journal import JournalDatabase

        JournalDatabase(db).close()
        os.environ.update({
            "NOREPI_MULTI_USER": "1" if multi_user else "0", "NOREPI_SECURE_COOKIES": "1" if secure else "0",
            "NOREPI_MAX_UPLOAD_BYTES": str(config.max_upload_bytes),
            "NOREPI_SECRET_KEY": os.environ.get("NOREPI_SECRET_KEY") or secrets.token_hex(32),
        })
        if db is not None:
            os.environ["NOREPI_DATABASE_URL"] = str(db) if "://" in str(db) else f"sqlite:///{Path(db).resolve()}"
        uvicorn.run("norepi.web.app:create_app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")
