"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl into a temp dir, unix socket only.

As root, the cluster runs as the ``postgres`` user (else ``nobody``): PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _run_as() -> str | None:
    """The user to run the cluster as (None: the current user), or raise LookupError."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise LookupError("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *args] if self.user else list(args)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.root}&port={self.port}"

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host={self.root} port={self.port} user=postgres dbname={dbname}"

    def start(self) -> None:
        subprocess.run(self._cmd(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                                 "-E", "UTF8", "--no-sync", "--locale=C"), check=True, capture_output=True)
        opts = (f"-c listen_addresses='' -c unix_socket_directories={self.root} -p {self.port} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB")
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                                 str(self.root / "log"), "-w", "-t", "60", "start"), check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]


def start_cluster() -> Cluster:
    """A running cluster, or raise LookupError saying why there cannot be one."""
    bindir = pg_bin()
    if bindir is None:
        raise LookupError("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="norepi-pg-"))
    if user:
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    os.chmod(root, 0o755)
    cluster = Cluster(bindir, root, _free_port(), user)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        cluster.stop()
        raise RuntimeError(f"could not start PostgreSQL: {exc.stderr!r} {log}") from exc
    return cluster


def load_foods(cluster: Cluster, sqlite_path: Path, dbname: str) -> None:
    """Create ``dbname`` (migrated by norepi) and copy the food tables of an imported SQLite journal into it
    with COPY: the same rows the importer wrote, in seconds instead of executemany inserts."""
    import sqlite3

    import psycopg

    from norepi.journal import JournalDatabase

    cluster.execute(f'CREATE DATABASE "{dbname}"')
    JournalDatabase(cluster.url(dbname)).close()  # Alembic migrations on PostgreSQL
    src = sqlite3.connect(sqlite_path)
    tables = ["food_release", "food_group", "nutrient", "food", "food_nutrient", "portion"]
    bools = {"food": {"survey"}}
    with psycopg.connect(cluster.dsn(dbname)) as conn:
        for table in tables:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            with conn.cursor().copy(f'COPY {table} ({", ".join(cols)}) FROM STDIN') as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    if table in bools:
                        row = tuple(bool(v) if c in bools[table] else v for c, v in zip(cols, row, strict=True))
                    copy.write_row(row)
        for table in ("food_release",):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
    src.close()
