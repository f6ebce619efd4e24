"""The norepi web app: server-rendered pages (Today, Log, Trends, Plan) and a JSON API under /api/v1.

``create_app(WebConfig(...))`` builds the FastAPI app; ``norepi serve`` runs it with uvicorn. Imported on first
use, so that the command line can use the JSON contract (web/contract.py) without loading FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from norepi.web.app import create_app

        return create_app
    if name == "WebConfig":
        from norepi.web.config import WebConfig

        return WebConfig
    raise AttributeError(f"module 'norepi.web' has no attribute {name!r}")


if TYPE_CHECKING:
    from norepi.web.app import create_app
    from norepi.web.config import WebConfig
