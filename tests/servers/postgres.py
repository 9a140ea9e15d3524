"""A throw-away PostgreSQL server for tests: Debian's package, a temp data dir, a loopback port.

``initdb`` makes a cluster in a temp dir (trust auth, superuser ``shopper``), ``pg_ctl start``
runs it on a free 127.0.0.1 port with its socket in the same dir, and it is stopped and deleted
after. As root the server runs as the ``postgres`` system user (``runuser``), since PostgreSQL
refuses to run as root. PostgreSQL cannot listen on port 0, so a free port is picked first and
the start is retried on the rare race.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "shopper"


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, else initdb on PATH."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid) to run the server unprivileged."""
    if os.geteuid() != 0:
        return [], None, None
    user = pwd.getpwnam("postgres")  # created by Debian's postgresql package
    return ["runuser", "-u", "postgres", "--"], user.pw_uid, user.pw_gid


def _wait_for_port(port: int, deadline_s: float) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return True
        time.sleep(0.05)  # polling interval of a bounded condition wait
    return False


@dataclass
class Postgres:
    bindir: Path
    base: Path
    port: int = 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _run(prefix: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120, check=False)


@contextlib.contextmanager
def running_postgres(attempts: int = 3) -> Iterator[Postgres]:
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    prefix, uid, gid = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="shopper-postgres-"))
    data = base / "data"
    if uid is not None and gid is not None:
        os.chown(base, uid, gid)
    server = Postgres(bindir=bindir, base=base)
    started = False
    try:
        done = _run(prefix, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                    "--encoding=UTF8", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        for _ in range(attempts):
            server.port = _free_port()
            options = f"-h 127.0.0.1 -p {server.port} -k {base} -c fsync=off -c full_page_writes=off"
            done = _run(prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"),
                        "-o", options, "-w", "-t", "30", "start")
            if done.returncode == 0 and _wait_for_port(server.port, 15):
                started = True
                break
            _run(prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        if not started:
            log = (base / "server.log").read_text(errors="replace") if (base / "server.log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr[-1000:]} {log[-2000:]}")
        yield server
    finally:
        if started:
            _run(prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
