"""Library errors -> 4xx JSON ``{"detail": message, "field": ...}`` (one handler for all of them)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from norepi.errors import (
    AmbiguousFood,
    DataMissing,
    ImportFormatError,
    Infeasible,
    NorepiError,
    NotFound,
)


class ErrorOut(BaseModel):
    """An error: what is wrong, and which field (None when it is not one field)."""

    detail: str
    field: str | None = None
    choices: list[dict[str, str]] | None = None


class WebError(Exception):
    """An HTTP error raised by the web layer itself (auth, CSRF, upload limits, rate limits)."""

    def __init__(self, status: int, detail: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field
        self.headers = headers


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (400, "bad request"),
        (401, "login needed (multi-user mode)"),
        (403, "cross-site request or missing CSRF token"),
        (404, "not found (or not yours)"),
        (409, "a prerequisite is missing (food database, profile) or a conflict"),
        (413, "upload too large"),
        (422, "a value is wrong; `field` names it"),
        (429, "too many attempts"),
    )
}


def status_of(exc: NorepiError) -> int:
    if isinstance(exc, AmbiguousFood):
        return 422
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, DataMissing):
        return 409
    return 422  # InputError, ImportFormatError, Infeasible, others


def error_body(exc: NorepiError) -> dict[str, Any]:
    field = getattr(exc, "field", None)
    if isinstance(exc, ImportFormatError):
        field = "file"
    elif isinstance(exc, AmbiguousFood):
        field = "food"
    elif isinstance(exc, Infeasible):
        field = field or "plan"
    body: dict[str, Any] = {"detail": str(exc), "field": field}
    if isinstance(exc, AmbiguousFood):
        body["choices"] = [{"ndb_no": n, "description": d} for n, d in exc.choices]
    return body


def validation_message(exc: RequestValidationError | Any) -> tuple[str, str | None]:
    """One line naming the first wrong field, e.g. ``amount: String should have at most 60 characters``."""
    errors = exc.errors()
    if not errors:
        return "invalid request", None
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form", "header")]
    field = ".".join(loc) or None
    msg = first.get("msg", "invalid value")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return (f"{field}: {msg}{more}" if field else f"{msg}{more}"), field


async def norepi_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NorepiError)
    return JSONResponse(error_body(exc), status_code=status_of(exc))


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    message, field = validation_message(exc)
    return JSONResponse({"detail": message, "field": field}, status_code=422)


async def web_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WebError)
    return JSONResponse({"detail": exc.detail, "field": exc.field}, status_code=exc.status, headers=exc.headers)

