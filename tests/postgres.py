"""A throwaway PostgreSQL cluster for the tests, on 127.0.0.1.

`.ci/run` installs Debian's PostgreSQL when it is missing; `cluster()` then runs its
`initdb` and `pg_ctl` in a temporary folder (as the `postgres` user when the tests
run as root, which PostgreSQL refuses), on a free port, with durability off (a test
database needs none), and stops it at the end of the session. Each test gets a
schema of its own in one database (`schema_url`), which costs milliseconds where a
database each would cost a copy of the template.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import asyncpg


class NoPostgres(Exception):
    """No PostgreSQL server programs on this machine."""


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not versions:
        raise NoPostgres("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    data: Path
    port: int
    bindir: Path
    as_user: list[str]
    counter: int = 0

    @property
    def url(self) -> str:
        return f"postgresql://garant@127.0.0.1:{self.port}/garant_tests"

    def fresh_url(self) -> str:
        """The URL of a schema no test has used (the store creates it at its opening)."""
        self.counter += 1
        return f"{self.url}?search_path=t{os.getpid()}_{self.counter}"

    def schema_url(self) -> str:
        """The URL of a new, empty schema of the tests' database."""
        url = self.fresh_url()
        _run(self.url, f"CREATE SCHEMA {_schema(url)}")
        return url

    def drop(self, url: str) -> None:
        _run(self.url, f"DROP SCHEMA IF EXISTS {_schema(url)} CASCADE")

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                        "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(self.data.parent, ignore_errors=True)


def cluster() -> Cluster:
    """Start a cluster in a new folder of the system's temporary directory (pytest's
    own folders are private to the user running the tests, not readable by `postgres`)."""
    import tempfile

    bindir = _bindir()
    base = Path(tempfile.mkdtemp(prefix="garant-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if as_user:
        shutil.chown(sockets, "postgres")
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "garant",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                   capture_output=True, check=True)
    port = _free_port()
    options = (f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                    "-l", str(base / "server.log"), "start"], capture_output=True, check=True)
    _run(f"postgresql://garant@127.0.0.1:{port}/postgres", "CREATE DATABASE garant_tests")
    return Cluster(data, port, bindir, as_user)


def _schema(url: str) -> str:
    return url.rpartition("search_path=")[2]


def _run(url: str, sql: str) -> None:
    """One statement on its own connection, outside any test's event loop."""
    async def run() -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())
