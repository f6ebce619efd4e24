"""Settings of the web app."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class WebConfig:
    """What the app serves and how.

    ``db``: SQLite path or SQLAlchemy URL (None: ``NOREPI_DATABASE_URL``, ``NOREPI_DB``, the default file).
    ``multi_user``: accounts (sign-up, login) instead of the single local journal (user 1).
    ``secret_key``: HMAC key of CSRF tokens (default ``NOREPI_SECRET_KEY`` or a random key per process).
    ``secure_cookies``: mark cookies Secure (HTTPS only); ``norepi serve`` turns it on for non-loopback hosts.
    ``threads``: worker threads for the (synchronous) library calls (fewer threads = less GIL contention; at
    most the database pool's 15 connections).
    """

    db: str | Path | None = None
    multi_user: bool = False
    secret_key: str = field(default_factory=lambda: os.environ.get("NOREPI_SECRET_KEY") or secrets.token_hex(32))
    secure_cookies: bool = False
    max_upload_bytes: int = 64_000_000
    login_max_failures: int = 5
    login_window_s: float = 300.0
    session_days: int = 30
    max_range_days: int = 366
    threads: int = 4
