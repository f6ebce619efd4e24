"""Helpers of the web tests: app clients, a live uvicorn server on a free loopback port."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from norepi.journal.journal import Journal
from norepi.profile import Profile
from norepi.web import WebConfig, create_app

ARTIFACTS = Path(__file__).parent / "artifacts"
PROFILE = Profile.of(sex="female", age_years=35, weight_kg=65, height_cm=168)


def with_profile(db: str, user_id: int = 1) -> str:
    with Journal(db, user=user_id) as j:
        j.set_profile(PROFILE, dt.date(2000, 1, 1))
    return db


def make_client(db: str, **config: object) -> TestClient:
    return TestClient(create_app(WebConfig(db=db, **config)), base_url="http://testserver")  # type: ignore[arg-type]


# ---- a live server --------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, config: WebConfig) -> None:
        import uvicorn

        self.db = str(config.db)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # poll the health endpoint until it answers
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if not self.thread.is_alive():
                break
            time.sleep(0.02)
        raise RuntimeError("the web server did not come up")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


