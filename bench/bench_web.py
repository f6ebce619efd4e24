"""Load test of the web app: N concurrent clients against GET /api/v1/today on loopback, SQLite and PostgreSQL.

    .venv/bin/python bench/bench_web.py                      # 200 clients, 60 s, both backends
    .venv/bin/python bench/bench_web.py --duration 10 --backends sqlite

The server runs as its own process (uvicorn, one worker) over a journal with SR28, a profile and a day of food;
the clients are asyncio tasks sharing one httpx.AsyncClient. Reports requests/s, p50/p99 latency and errors.
PostgreSQL is a throwaway cluster (initdb + pg_ctl, see tests/web/web_pg.py); skipped when there is none.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "web"))

from norepi.journal.journal import Journal  # noqa: E402
from norepi.profile import Profile  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db: str) -> None:
    with Journal(db) as j:
        j.set_profile(Profile.of(sex="female", age_years=35, weight_kg=65, height_cm=168), dt.date(2000, 1, 1))
        today = dt.date.today()
        j.log_many([("01123", "2 large", today, None), ("20038", "80 g", today, None),
                    ("09200", "150 g", today, None), ("05062", "120 g", today, None)])


def start_server(db: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "NOREPI_DATABASE_URL": db if "://" in db else f"sqlite:///{db}"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "norepi.web.app:create_app_from_env",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                             "--backlog", "2048", "--workers", str(workers)], env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # poll the health endpoint until the server answers
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not start")


async def load(url: str, clients: int, duration: float) -> dict[str, float]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        assert (await http.get("/api/v1/today")).status_code == 200  # warm up: search index, caches
        stop = time.perf_counter() + duration

        async def client() -> None:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    r = await http.get("/api/v1/today")
                    if r.status_code != 200:
                        errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                        continue
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
            "errors": sum(errors.values()), "error_kinds": errors}  # type: ignore[dict-item]


def run_backend(name: str, db: str, clients: int, duration: float, workers: int) -> dict[str, object]:
    proc, url = start_server(db, workers)
    try:
        result = asyncio.run(load(url, clients, duration))
    finally:
        proc.terminate()
        proc.wait(30)
    return {"backend": name, "clients": clients, "workers": workers, "duration_s": duration, **result}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load per backend (default 60)")
    ap.add_argument("--clients", type=int, default=200, help="concurrent clients (default 200)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    ap.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    ap.add_argument("--sr28", type=Path, default=Path(os.environ.get("NOREPI_SR28", REPO.parent / "shared" / "data"
                                                                     / "usda-sr28")))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="norepi-bench-") as tmp:
        sqlite_db = str(Path(tmp) / "bench.sqlite")
        print(f"importing SR28 from {args.sr28} ...", file=sys.stderr)
        with Journal(sqlite_db) as j:
            j.import_foods(args.sr28)
        foods_only = str(Path(tmp) / "foods.sqlite")
        shutil.copy(sqlite_db, foods_only)
        prepare(sqlite_db)
        backends = [b.strip() for b in args.backends.split(",") if b.strip()]
        if "sqlite" in backends:
            results.append(run_backend("sqlite", sqlite_db, args.clients, args.duration, args.workers))
            print(json.dumps(results[-1]), file=sys.stderr)
        if "postgresql" in backends:
            import web_pg

            try:
                cluster = web_pg.start_cluster()
            except (LookupError, RuntimeError) as exc:
                print(f"postgresql skipped: {exc}", file=sys.stderr)
            else:
                try:
                    web_pg.load_foods(cluster, Path(foods_only), "bench")
                    url = cluster.url("bench")
                    prepare(url)
                    results.append(run_backend("postgresql", url, args.clients, args.duration, args.workers))
                    print(json.dumps(results[-1]), file=sys.stderr)
                finally:
                    cluster.stop()
    print(f"{'backend':<11} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for r in results:
        print(f"{r['backend']:<11} {r['clients']:>7} {r['rps']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8} {r['errors']:>7}")


if __name__ == "__main__":
    main()
