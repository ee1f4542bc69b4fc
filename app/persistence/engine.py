"""Engines for SQLite and PostgreSQL, configured the way SupportDesk needs them.

SQLite: WAL journal, foreign keys on, a busy timeout, and write transactions that
start with ``BEGIN IMMEDIATE`` so two writers queue up instead of failing halfway.
PostgreSQL: psycopg 3.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InvalidatePoolError,
    NoSuchModuleError,
    OperationalError,
)

from app.domain.errors import DatabaseUnavailable
from app.persistence import desk_signal, search_stats, sqlite_words

# How long a SQLite connection waits for another writer's lock before the action fails as
# "database is busy" (see the retry policy in app/services/common.py). Operators (and
# tests) may change it with SUPPORTDESK_SQLITE_BUSY_MS.
SQLITE_BUSY_TIMEOUT_MS = 30_000
BUSY_ENV = "SUPPORTDESK_SQLITE_BUSY_MS"
# FULL: a commit is on disk before it is acknowledged, also across a power cut (NORMAL in
# WAL mode may lose the last commits then). The history is evidence; the measured cost is
# in docs/decisions.md (benchmarks/sqlite_synchronous.py).
SQLITE_SYNCHRONOUS = "FULL"


def sqlite_busy_timeout_ms() -> int:
    raw = os.environ.get(BUSY_ENV, "").strip()
    if not raw:
        return SQLITE_BUSY_TIMEOUT_MS
    if not raw.isdigit() or int(raw) < 1:
        raise DatabaseUnavailable(f"{BUSY_ENV} must be a whole number of milliseconds.")
    return int(raw)


# Execution option read by the SQLite "begin" hook; set on the write session's bind.
BEGIN_MODE_OPTION = "supportdesk_begin"
# A writer waiting for another's lock looks again this often. SQLite's own busy handler
# sleeps 25, then 50, then 100 ms between looks once a wait passes 50 ms: behind a 60 ms
# transaction a desk waited 78 ms, behind 110 ms 128 ms (issue 19, item 5).
SQLITE_LOCK_POLL_S = 0.002
# The background jobs' commits (``background_writes``).
SQLITE_BACKGROUND_SYNCHRONOUS = "NORMAL"
# None: a desk's transaction; else a background job's, giving way to desks or not.
_BACKGROUND: ContextVar[bool | None] = ContextVar("supportdesk_background", default=None)
# Connection info key: this background transaction has written (holds the write lock).
_WROTE = "supportdesk_background_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
T = TypeVar("T")


@contextmanager
def _set_within(var: ContextVar[T], value: T) -> Iterator[None]:
    """``var`` is ``value`` inside the block (this thread or task only), as before after."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


@contextmanager
def background_writes(*, give_way: bool = True) -> Iterator[None]:
    """SQLite write transactions begun inside are a background job's (issue 19, item 5):

    * with ``give_way`` they begin DEFERRED, not IMMEDIATE: their reads take no lock,
      the first write takes it, and if a desk holds it then (or wrote since this
      transaction's first read) that write fails at once with "database is locked"
      instead of queueing — the job tries again later, and no desk waits behind work
      that is still reading. Once written (holding the lock), they give it back at
      their next statement if a desk waits for it (app/persistence/desk_signal.py).
      Without ``give_way``, they queue for the lock like a desk's and run to the end;
    * they commit with ``synchronous = NORMAL``: no fsync while the lock is held. The
      WAL keeps commits in order, so the next desk's commit (FULL) makes them durable
      with its own; a power cut before that loses only these last job transactions,
      each whole, and the next round does them again (a due clock is still due, a
      waiting ticket still waiting). Mail leaves only after the outbox claims it in a
      FULL commit.

    No effect on PostgreSQL."""
    with _set_within(_BACKGROUND, give_way):
        yield


def parse_url(raw: str) -> URL:
    """Parse and normalise a database URL, or explain what is wrong with it."""
    raw = (raw or "").strip()
    if not raw:
        raise DatabaseUnavailable("the database URL is empty.")
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:  # ValueError: int() of a non-numeric port
        reason = "the port must be a number; " if "int()" in str(exc) else ""
        raise DatabaseUnavailable(
            f"malformed database URL {raw!r}; {reason}expected e.g. "
            "sqlite:///path/to/supportdesk.db or postgresql://user@host:5432/dbname."
        ) from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.get_driver_name() not in ("pysqlite", ""):
            return url.set(drivername="sqlite")
        return url
    raise DatabaseUnavailable(
        f"unsupported database {backend!r} in {url.render_as_string(hide_password=True)}; "
        "SupportDesk works with sqlite:/// files and postgresql:// servers."
    )


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(url: URL, **kwargs: Any) -> Engine:
    # Error messages (and so the log file) never carry SQL parameters: they hold
    # customers' words and password hashes.
    kwargs.setdefault("hide_parameters", True)
    try:
        if url.get_backend_name() == "sqlite":
            busy_ms = sqlite_busy_timeout_ms()
            engine = create_engine(url, connect_args={"timeout": busy_ms / 1000}, **kwargs)
            _configure_sqlite(engine, busy_ms)
            return engine
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _configure_postgresql)
        event.listen(engine, "checkout", _pre_ping(engine.dialect))
        return engine
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseUnavailable(f"cannot use database URL: {exc}") from None


# The pool's pre-ping, ours rather than ``pool_pre_ping``: a pooled connection is tried
# with an empty statement when it is taken, and one the server dropped (restart,
# ``pg_terminate_backend``) is replaced, not handed out — what lets a desk survive a
# restarted server without an error. It costs a round trip per checkout; the queue's
# reads skip it (:func:`unpinged`) and instead run again once on a lost connection,
# pinged then (app.persistence.queue_connection.queue_read): one round trip in 5-6 of a
# page (issue 19).
_PING: ContextVar[bool] = ContextVar("supportdesk_ping", default=True)
_FRESH = "supportdesk_fresh"  # connection record info: connected, never checked out


@contextmanager
def unpinged() -> Iterator[None]:
    """Connections taken from the pool inside are not pinged first (PostgreSQL): for a
    caller that runs its read again on a lost connection."""
    with _set_within(_PING, False):
        yield


def _pre_ping(dialect: Any) -> Any:
    def ping(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if record.info.pop(_FRESH, False) or not _PING.get():
            return  # just connected: nothing to ping
        try:
            dialect.do_ping(dbapi_conn)
        except dialect.loaded_dbapi.Error as exc:
            if not dialect.is_disconnect(exc, dbapi_conn, None):
                raise
            # As pool_pre_ping does: the pool replaces this connection (and every one
            # older: a restart dropped them all) and hands out a new one.
            raise InvalidatePoolError(str(exc)) from exc

    return ping


def _configure_postgresql(dbapi_conn: Any, record: Any) -> None:
    """No JIT compilation: every statement of a desk is an index read of a few rows, but a
    planner estimate past ``jit_above_cost`` (a prefix word's default guess at 1M tickets)
    compiled one for 8.7 ms to save nothing (issue 19). A session setting, not a startup
    option: PgBouncer refuses unknown startup parameters."""
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_conn.commit()
    # A cursor's description built only when read (issue 19); imported here: a SQLite
    # desk never loads psycopg.
    from app.persistence.pg_cursor import LazyDescriptionCursor

    dbapi_conn.cursor_factory = LazyDescriptionCursor
    record.info[_FRESH] = True


def _configure_sqlite(engine: Engine, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" hook below (pysqlite's own
        # implicit BEGIN would never be IMMEDIATE).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
            # 16 MB of page cache (the default is 2 MB), at most, per connection: a
            # queue walk that tests each open ticket (a product filter) touches ~1,000
            # ticket rows scattered over a 1M-ticket file and re-read them from the OS
            # at every page (1.30 -> 0.45 ms; 0.37 ms at 10k: issue 19's growth).
            cursor.execute("PRAGMA cache_size = -16384")
        finally:
            cursor.close()
        sqlite_words.register(dbapi_conn)  # the queue's common-word search

    @event.listens_for(engine, "close")
    def _on_close(dbapi_conn: Any, _record: Any) -> None:
        # SQLite's advice: on closing, refresh the statistics that queries since opening
        # showed to be missing or stale (cheap: usually nothing to do). Best effort.
        # A short wait only: closing must never queue behind another desk's write.
        try:
            dbapi_conn.execute("PRAGMA busy_timeout = 50")
            dbapi_conn.execute("PRAGMA optimize")
        except Exception:  # a closing connection must close regardless
            pass

    # One side file per database file, whatever path each desk opened it by.
    file = sqlite_path(engine.url)
    database = os.path.realpath(file) if file is not None else None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(BEGIN_MODE_OPTION, "DEFERRED")
        give_way = _BACKGROUND.get()
        _set_synchronous(conn.connection, background=give_way is not None)
        conn.info.pop(_WROTE, None)
        if mode == "IMMEDIATE" and give_way:
            mode = "DEFERRED"
        if mode == "IMMEDIATE":
            _begin_immediate(conn.connection.driver_connection, busy_ms, database)
        else:
            conn.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(engine, "before_cursor_execute")
    def _desks_first(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """A background transaction that holds the write lock gives it back as soon as
        a desk waits for it (app/persistence/desk_signal.py): between its statements,
        "database is locked" as at its first write, nothing written, tried again later."""
        if not _BACKGROUND.get():
            return
        if conn.info.get(_WROTE):
            if desk_signal.desk_waiting(database):
                # The driver's own error, so SQLAlchemy and storage_errors treat it as
                # any "database is locked" (-> DatabaseBusy) and the transaction rolls back.
                raise sqlite3.OperationalError("database is locked (a desk waits for it)")
        elif statement.lstrip()[:7].upper().startswith(_WRITES):
            conn.info[_WROTE] = True  # this statement takes the lock (or fails at once)


def _set_synchronous(pooled: Any, background: bool) -> None:
    """The durability of the transaction about to begin (it cannot change inside one),
    remembered per connection: a statement only when it changes."""
    wanted = SQLITE_BACKGROUND_SYNCHRONOUS if background else SQLITE_SYNCHRONOUS
    if pooled.info.get("synchronous", SQLITE_SYNCHRONOUS) != wanted:
        pooled.driver_connection.execute(f"PRAGMA synchronous = {wanted}")
        pooled.info["synchronous"] = wanted


def _begin_immediate(dbapi_conn: Any, busy_ms: int, database: str | None = None) -> None:
    """Take the write lock, looking every ``SQLITE_LOCK_POLL_S`` for up to ``busy_ms``
    instead of in SQLite's coarse steps; "database is locked" after that, as before.
    While waiting, the desk says so: a background job holding the lock gives it back
    (app/persistence/desk_signal.py)."""
    waiting = desk_signal.Waiting(database)
    try:
        dbapi_conn.execute("PRAGMA busy_timeout = 0")
        deadline = time.monotonic() + busy_ms / 1000
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise OperationalError("BEGIN IMMEDIATE", None, exc) from None
            waiting.say()
            time.sleep(SQLITE_LOCK_POLL_S)
    finally:
        waiting.close()
        dbapi_conn.execute(f"PRAGMA busy_timeout = {busy_ms}")


def write_bind(engine: Engine) -> Engine:
    """The engine to bind write sessions to: on SQLite, they begin IMMEDIATE."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
    return engine


def refresh_statistics(engine: Engine) -> None:
    """``ANALYZE`` the whole database: the planner's row counts and value spreads.

    SQLite keeps none until asked (and then picks e.g. a sort of every open ticket over
    the index that avoids it); PostgreSQL's autovacuum catches up on its own, but only
    later, so after a bulk load it is asked at once too. What the search keeps of
    them (and of the desk's size) for a minute is dropped (search_stats.forget)."""
    search_stats.forget(str(engine.url))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            # Sampled (about this many rows per index): seconds saved on a big file,
            # and the planner needs proportions, not exact counts.
            conn.exec_driver_sql("PRAGMA analysis_limit = 2000")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def probe(engine: Engine) -> None:
    """Open a connection and run a trivial query, turning failures into plain words."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
            else:
                conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise DatabaseUnavailable(describe_dbapi_error(engine, exc)) from None


def describe_dbapi_error(engine: Engine, exc: DBAPIError) -> str:
    where = engine.url.render_as_string(hide_password=True)
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if engine.dialect.name == "sqlite" and "not a database" in detail:
        return f"{engine.url.database} is not a SupportDesk database (not an SQLite file)."
    if "certificate verify failed" in detail:
        ca = engine.url.query.get("sslrootcert") or "~/.postgresql/root.crt"
        return (
            f"cannot open the database {where}: the server's certificate is not signed by "
            f"the CA in {ca} (or was made for another host name); refused, nothing was sent."
        )
    return f"cannot open the database {where}: {detail}"
