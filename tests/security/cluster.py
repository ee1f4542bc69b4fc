"""A throw-away PostgreSQL cluster of the tests' own (initdb / pg_ctl on a free port in
a temporary folder): security tests create logins and change server settings, which
they must never do to the shared server."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("SUPPORTDESK_PG_BIN", "/usr/lib/postgresql/15/bin"))

HBA = """\
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


@dataclass(frozen=True)
class Cluster:
    data: Path
    port: int

    def url(self, user: str = "postgres", database: str = "postgres", **query: str) -> str:
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}" + (
            f"?{tail}" if tail else ""
        )

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """As the superuser (the cluster's administrator, not SupportDesk's owner)."""
        with psycopg.connect(self.url(database=database), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement.encode())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def available() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"no PostgreSQL server binaries in {PG_BIN}"
    if os.geteuid() == 0:
        return None if _can_run_as_postgres() else "running as root without a postgres user"
    return None


def _can_run_as_postgres() -> bool:
    return subprocess.run(["id", "postgres"], capture_output=True, check=False).returncode == 0


def _as_server_user(argv: list[str]) -> list[str]:
    # initdb refuses to run as root: use the postgres system account then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@contextmanager
def cluster(base: Path, *, settings: dict[str, str] | None = None) -> Iterator[Cluster]:
    data = base / "pgdata"
    base.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres", str(base)], check=True)
    subprocess.run(
        _as_server_user(
            [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    (data / "pg_hba.conf").write_text(HBA)
    port = free_port()
    conf = {
        "port": str(port),
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": f"'{base}'",
        "password_encryption": "'scram-sha-256'",
        "fsync": "off",
        **(settings or {}),
    }
    with (data / "postgresql.conf").open("a") as out:
        out.writelines(f"{k} = {v}\n" for k, v in conf.items())
    subprocess.run(
        _as_server_user(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield Cluster(data, port)
    finally:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
