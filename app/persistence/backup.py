"""Copying a whole database to a file and back.

SQLite: the online backup API (``sqlite3.Connection.backup``) — a consistent copy while
desks keep working; the copy goes to a temporary file renamed into place, so a failed
backup never leaves a half-written FILE. Restoring copies the file's pages into the live
database the same way, in one step, after checking the file is a sound SupportDesk database.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction``
(all or nothing). Both tools come with the PostgreSQL client (Debian: ``postgresql-client``);
without them the message says so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from app.domain.errors import DatabaseUnavailable, ValidationError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def backup(engine: Engine, target: Path) -> None:
    if target.exists() and target.is_dir():
        raise ValidationError(f"{target} is a folder; give the backup a file name.")
    if not target.parent.is_dir():
        raise ValidationError(f"no folder {target.parent} to write the backup into.")
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(engine, tmp)
        else:
            _pg_dump(engine.url, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def restore(engine: Engine, source: Path) -> None:
    if not source.is_file():
        raise ValidationError(f"no backup file at {source}.")
    head = _head(source)
    if engine.dialect.name == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise ValidationError(f"{source} is not a SQLite backup of SupportDesk.")
        _sqlite_restore(engine, source)
    else:
        if not head.startswith(PG_DUMP_MAGIC):
            raise ValidationError(f"{source} is not a pg_dump backup (custom format).")
        _pg_restore(engine.url, source)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(16)


# -- SQLite ----------------------------------------------------------------------------------


def _sqlite_backup(engine: Engine, target: Path) -> None:
    raw = engine.raw_connection()
    try:
        with sqlite3.connect(target) as copy:
            raw.driver_connection.backup(copy)  # type: ignore[union-attr]
        copy.close()
    finally:
        raw.close()


def _sqlite_restore(engine: Engine, source: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
            if backup_db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise ValidationError(f"{source} is damaged (integrity check failed).")
            tables = {r[0] for r in backup_db.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "tickets", "users"} <= tables:
                raise ValidationError(f"{source} is not a SupportDesk database.")
            raw = engine.raw_connection()
            try:
                backup_db.backup(raw.driver_connection)  # type: ignore[arg-type]
            finally:
                raw.close()
        backup_db.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError(f"cannot restore from {source}: {exc}") from None
    engine.dispose()  # pooled connections may hold the old schema's statements


# -- PostgreSQL ------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseUnavailable(
            f"{name} is not installed, and a PostgreSQL backup needs it: install the "
            "PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client) in the "
            "same major version as the server."
        )
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A connection URI without the password (argv is visible to everyone), and the
    environment carrying it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise DatabaseUnavailable(f"{what} failed: {detail}")


def _pg_dump(url: URL, target: Path) -> None:
    uri, env = _libpq(url)
    tool = _pg_tool("pg_dump")
    _run([tool, "--format=custom", "--no-owner", f"--file={target}", uri], env, "pg_dump")


def _pg_restore(url: URL, source: Path) -> None:
    uri, env = _libpq(url)
    tool = _pg_tool("pg_restore")
    argv = [tool, "--clean", "--if-exists", "--single-transaction", "--exit-on-error"]
    _run([*argv, "--no-owner", f"--dbname={uri}", str(source)], env, "pg_restore")
