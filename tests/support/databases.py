"""Throw-away databases for tests.

SQLite: one file migrated per session, copied for each test.
PostgreSQL: one template database migrated per session; each test gets a fresh
database cloned from it (``CREATE DATABASE … TEMPLATE``, ~20 ms), dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from app.persistence.database import Database

DEFAULT_PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def pg_admin_dsn() -> str:
    return os.environ.get("SUPPORTDESK_TEST_PG", DEFAULT_PG_ADMIN)


def pg_url(dbname: str) -> str:
    """A SQLAlchemy URL for ``dbname`` on the test server."""
    info = psycopg.conninfo.conninfo_to_dict(pg_admin_dsn())
    user = info.get("user", "postgres")
    host = info.get("host", "127.0.0.1")
    port = info.get("port", "5432")
    password = f":{info['password']}" if info.get("password") else ""
    return f"postgresql+psycopg://{user}{password}@{host}:{port}/{dbname}"


def pg_unavailable_reason() -> str | None:
    try:
        with psycopg.connect(pg_admin_dsn(), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {pg_admin_dsn()}: {exc}".strip()


def _admin() -> psycopg.Connection:
    return psycopg.connect(pg_admin_dsn(), autocommit=True)


def migrate(url: str) -> None:
    db = Database.open(url, create=True)
    try:
        db.upgrade()
    finally:
        db.dispose()


class PostgresFactory:
    """Creates the session's template database and per-test clones of it."""

    def __init__(self) -> None:
        self.prefix = f"sdtest_{uuid.uuid4().hex[:10]}"
        self.template = f"{self.prefix}_tmpl"
        self._made: list[str] = []

    def start(self) -> None:
        with _admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.template)))
        migrate(pg_url(self.template))

    def fresh(self) -> str:
        name = f"{self.prefix}_{len(self._made) + 1}"
        with _admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(self.template)
                )
            )
        self._made.append(name)
        return pg_url(name)

    def fresh_empty(self) -> str:
        """A database with no schema, for migration tests."""
        name = f"{self.prefix}_{len(self._made) + 1}"
        with _admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self._made.append(name)
        return pg_url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with _admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def stop(self) -> None:
        with _admin() as conn:
            for name in [*self._made, self.template]:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


class SqliteFactory:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.db"
        self._count = 0

    def start(self) -> None:
        migrate(f"sqlite:///{self.template}")

    def fresh(self) -> str:
        self._count += 1
        target = self.folder / f"test_{self._count}.db"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def stop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def fresh_database(factory: PostgresFactory | SqliteFactory) -> Iterator[str]:
    url = factory.fresh()
    try:
        yield url
    finally:
        factory.drop(url)
