"""The :class:`Database`: an engine, its session factories and its schema state."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.errors import DatabaseUnavailable, SchemaOutdated
from app.persistence import schema_version
from app.persistence.engine import (
    describe_dbapi_error,
    make_engine,
    parse_url,
    probe,
    refresh_statistics,
    sqlite_path,
    write_bind,
)
from app.persistence.unit_of_work import UnitOfWork
from app.private_files import private_dir, private_file

if TYPE_CHECKING:  # the queue, the feed and leases are imported on first use (CLI start)
    pass


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_sessions = sessionmaker(bind=write_bind(engine), expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @classmethod
    def open(cls, raw_url: str, *, create: bool = False) -> Database:
        """Open the database at ``raw_url``.

        A SQLite file that does not exist is only created when ``create`` is set, so a
        mistyped path never leaves an empty database behind.
        """
        url = parse_url(raw_url)
        path = sqlite_path(url)
        if path is not None:
            _check_sqlite_file(path, url, create=create)
        engine = make_engine(url)
        probe(engine)
        return cls(engine)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def unit_of_work(self, *, write: bool = True, ping: bool = True) -> UnitOfWork:
        """A transaction; ``ping=False``: its connection is taken from the pool without
        the pre-ping round trip (PostgreSQL), for a caller that runs the whole action
        again when the connection turns out lost (the idempotent write actions)."""
        return UnitOfWork(self._write_sessions if write else self._read_sessions, ping=ping)

    def refresh_statistics(self) -> None:
        """Fresh planner statistics (``ANALYZE``): after bulk loads and imports, so the
        planner picks the queue's indexes as it will in production (issue 19)."""
        refresh_statistics(self.engine)

    def session(self) -> Session:
        """A read session for queries that do not go through a repository."""
        return self._read_sessions()

    def job_lease(
        self, name: str, holder: str, now: datetime, ttl: timedelta
    ) -> AbstractContextManager[bool]:
        """Hold background job ``name`` for this desk, if no other desk does (issue 19)."""
        from app.persistence.lease_repository import job_lease

        return job_lease(write_bind(self.engine), name, holder, now, ttl)

    def change_token(self) -> int:
        """The change feed's counter, read on a connection of its own."""
        from app.persistence.feed_repository import read_token

        return read_token(self.engine)

    def listen_conninfo(self) -> str:
        """A libpq connection string for a dedicated psycopg (LISTEN) connection."""
        from app.persistence.feed_repository import listen_conninfo

        return listen_conninfo(self.url)

    def upgrade(self, progress: Callable[[str], None] | None = None) -> list[str]:
        """Bring the schema to the newest revision; returns the revisions applied.
        ``progress`` hears each step (``supportdesk init`` prints them)."""
        from app.persistence import migrations  # Alembic: only when migrating

        try:
            applied = migrations.upgrade(self.engine, progress)
            if applied:
                # New indexes (and a new database) start with statistics the planner can use.
                if progress is not None:
                    progress("refreshing the planner's statistics")
                refresh_statistics(self.engine)
            return applied
        except DBAPIError as exc:
            raise DatabaseUnavailable(describe_dbapi_error(self.engine, exc)) from None

    def require_current_schema(self) -> None:
        if schema_version.is_current(self.engine):  # every command asks: no Alembic
            return
        from app.persistence import migrations

        state = migrations.state(self.engine)
        if state.is_current:
            return
        if not state.current:
            raise SchemaOutdated(
                "this database has no SupportDesk schema yet; run `supportdesk init` first."
            )
        if state.unknown:
            raise SchemaOutdated(
                "this database was set up by a newer SupportDesk "
                f"(revision {', '.join(sorted(state.unknown))}); upgrade the application."
            )
        raise SchemaOutdated(
            "this database uses an older schema; run `supportdesk init` to upgrade it."
        )

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the whole database in ``target`` (see persistence/backup)."""
        from app.persistence import backup

        backup.backup(self.engine, target)

    def restore_from(self, source: Path) -> None:
        """Replace the whole database with the backup in ``source``."""
        from app.persistence import backup

        backup.restore(self.engine, source)

    def dispose(self) -> None:
        self.engine.dispose()


def _check_sqlite_file(path: Path, url: URL, *, create: bool) -> None:
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a folder, not a database file.")
    if path.exists():
        return
    if not create:
        raise DatabaseUnavailable(
            f"no database at {path}; run `supportdesk init` to create it "
            f"(or check the --db URL {url.render_as_string(hide_password=True)})."
        )
    try:
        # The person's own data: 0600 in a 0700 folder (SQLite gives its -wal and -shm
        # files the database file's mode).
        private_dir(path.parent)
        os.close(private_file(path))
    except OSError as exc:
        raise DatabaseUnavailable(f"cannot create the folder for {path}: {exc}") from None
