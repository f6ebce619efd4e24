"""The norepi web app: server-rendered pages (Today, Log, Trends, Plan) and a JSON API under /api/v1.

``create_app(WebConfig(...))`` builds the FastAPI app; ``norepi serve`` runs it with uvicorn.
"""

from norepi.web.app import create_app
from norepi.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
