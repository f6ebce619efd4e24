"""The FastAPI application: API router, pages, static files, error handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from norepi.errors import NorepiError
from norepi.web import errors
from norepi.web.config import WebConfig
from norepi.web.deps import LoginRequired, origin_guard
from norepi.web.state import AppState

HERE = Path(__file__).parent


def plotly_js() -> Path | None:
    """plotly.js as shipped inside the ``plotly`` Python package (served locally: no CDN)."""
    try:
        import plotly
    except ImportError:
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The web app over ``config.db`` (migrated on open)."""
    config = config or WebConfig()
    st = AppState(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # sync routes run in anyio's thread pool: keep it within the database connection pool (5 + 10
        # overflow) so threads never queue for a connection, and GIL contention stays low under load
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        yield
        st.pool.close()

    app = FastAPI(
        title="norepi",
        summary="Keep norepinephrine in a healthy range by natural means: food, exercise, sleep, stress.",
        version="1",
        dependencies=[Depends(origin_guard)],
        docs_url=None,  # FastAPI's /docs and /redoc load their JavaScript from a CDN: off (works offline);
        redoc_url=None,  # the schema itself is at /openapi.json
        lifespan=lifespan,
    )
    app.state.web = st

    from norepi.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    js = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def vendor_plotly() -> Response:
        if js is None:
            return Response("// plotly is not installed: charts are off\n", media_type="text/javascript",
                            status_code=404)
        return FileResponse(js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    async def on_norepi_error(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return await errors.norepi_error_handler(request, exc)
        assert isinstance(exc, NorepiError)
        return pages.error_page(request, errors.status_of(exc), str(exc))

    async def on_web_error(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return await errors.web_error_handler(request, exc)
        assert isinstance(exc, errors.WebError)
        return pages.error_page(request, exc.status, exc.detail)

    async def on_validation(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return await errors.validation_error_handler(request, exc)
        assert isinstance(exc, RequestValidationError)
        return pages.error_page(request, 422, errors.validation_message(exc)[0])

    async def on_login_required(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "log in first", "field": "session"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    app.add_exception_handler(NorepiError, on_norepi_error)
    app.add_exception_handler(errors.WebError, on_web_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(LoginRequired, on_login_required)
    return app


def create_app_from_env() -> FastAPI:
    """The app configured from the environment (what ``norepi serve --workers N`` runs in each worker):
    ``NOREPI_DATABASE_URL``/``NOREPI_DB``, ``NOREPI_MULTI_USER``, ``NOREPI_SECURE_COOKIES``,
    ``NOREPI_MAX_UPLOAD_BYTES``, ``NOREPI_SECRET_KEY`` (must be the same in every worker)."""
    import os

    def flag(name: str) -> bool:
        return os.environ.get(name, "").lower() in ("1", "true", "yes", "on")

    config = WebConfig(multi_user=flag("NOREPI_MULTI_USER"), secure_cookies=flag("NOREPI_SECURE_COOKIES"))
    if os.environ.get("NOREPI_MAX_UPLOAD_BYTES"):
        config.max_upload_bytes = int(os.environ["NOREPI_MAX_UPLOAD_BYTES"])
    return create_app(config)
