"""A throwaway PostgreSQL server for the test suite, started and stopped by the tests.

The server runs from the installed binaries (Debian's `postgresql-15`, which `make test`
installs when missing) in a temporary data directory, listening on a free loopback port.
PostgreSQL refuses to run as root: when the suite runs as root, the server's commands run as
the `postgres` system user (`runuser`). Durability is switched off (fsync, synchronous commit):
the data lives only as long as the test session.

Each test gets a database of its own, copied from a template that already carries every
migration (`CREATE DATABASE … TEMPLATE`, a file copy), so a test starts in milliseconds.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from storage.db import make_engine
from storage.migrate import upgrade

SYSTEM_USER = "postgres"
ROLE = "linli"
TEMPLATE = "linli_template"


def binaries() -> Path:
    """The folder holding initdb and pg_ctl."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL is not installed: `make test` installs it (postgresql-15)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server; `url(name)` addresses a database on it, `fresh()` makes a migrated one."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="linli-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0

    def _run(self, *command: str) -> None:
        argv = [str(self.bin / command[0]), *command[1:]]
        if self._as_root:
            argv = ["runuser", "-u", SYSTEM_USER, "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}")

    def start(self) -> PostgresServer:
        if self._as_root:
            self.root.chmod(0o755)
            shutil.chown(self.root, SYSTEM_USER, SYSTEM_USER)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            ROLE,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options, "-w",
            "start",
        )  # fmt: skip
        self.create(TEMPLATE)
        engine = make_engine(self.url(TEMPLATE))
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        return self

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{ROLE}@127.0.0.1:{self.port}/{database}"

    def create(self, name: str, template: str | None = None) -> str:
        """Create database `name` (a copy of `template`, if given); returns its URL."""
        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                copy = f" TEMPLATE {template}" if template else ""
                connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        finally:
            admin.dispose()
        return self.url(name)

    def fresh(self) -> str:
        """A new database with every migration applied; returns its URL."""
        return self.create(f"test_{next(self._names)}", template=TEMPLATE)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
