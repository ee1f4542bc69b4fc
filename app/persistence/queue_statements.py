"""Running the queue's statements lean (issue 19: a page within 3x its hand-written SQL).

A page's statement is compiled once per shape (filter, sort, segment) into driver SQL
and run with only its values; rows come back as plain value lists. Building the Core
statement, its cache key and SQLAlchemy's result set-up cost more than the database's
own ~0.1-0.2 ms for a page at 1M tickets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.exc import DBAPIError

from app.persistence.queue_pins import pin_index
from app.persistence.types import UTCDateTime

CACHE_MAX = 512


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the parameters, in the driver's order
    positional: bool  # SQLite's ``?``; psycopg takes a mapping
    constants: dict[str, Any]  # values that are part of the statement's shape
    times: tuple[int, ...]  # result positions holding UTC instants


_COMPILED: dict[Hashable, _Compiled] = {}


def _compile(
    conn: Connection, build: Callable[[], Select[Any]], index: str | None = None
) -> _Compiled:
    stmt = build()
    done = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    sql = pin_index(done.string, index)
    constants = dict(done.construct_params())
    names = tuple(done.positiontup) if done.positiontup is not None else tuple(constants)
    times = tuple(
        i for i, col in enumerate(stmt.selected_columns) if isinstance(col.type, UTCDateTime)
    )
    return _Compiled(sql, names, done.positiontup is not None, constants, times)


def run(
    conn: Connection,
    shape: Hashable | None,
    build: Callable[[], Select[Any]],
    values: dict[str, Any],
    *,
    sqlite_index: str | None = None,
    own_read: bool = False,
    last_times_only: bool = False,
) -> list[Sequence[Any]]:
    """The rows of the statement ``build`` makes, its named parameters taken from
    ``values``; compiled once per ``shape`` (None: every time). Goes through the
    connection's ``exec_driver_sql`` (its transaction and events) with no type
    processing: instants are read here. ``sqlite_index``: the index SQLite reads the
    tickets by (queue_pins.sqlite_index); ``own_read``: ``conn`` is a read's own
    connection (queue_connection.queue_read), see :func:`_observed`;
    ``last_times_only``: only the last row's instants are read (the id stream keeps the
    ids and the last row's key: converting every row was ~40 % of a 5,000-id step)."""
    sqlite = conn.dialect.name == "sqlite"
    pinned = sqlite_index if sqlite else None
    key = None if shape is None else (conn.dialect.name, shape, pinned)
    compiled = None if key is None else _COMPILED.get(key)
    if compiled is None:
        compiled = _compile(conn, build, pinned)
        if key is not None:
            if len(_COMPILED) > CACHE_MAX:
                _COMPILED.clear()
            _COMPILED[key] = compiled
    given = {**compiled.constants, **values}
    bound = [_to_db(given[n], sqlite) for n in compiled.names]
    params: Any = (
        tuple(bound) if compiled.positional else dict(zip(compiled.names, bound, strict=True))
    )
    rows = _execute(conn, compiled.sql, params, own_read)
    times = compiled.times
    if not times or not rows:
        return rows
    first = len(rows) - 1 if last_times_only else 0
    if sqlite:  # naive UTC text, SQLAlchemy's format
        parse = datetime.fromisoformat
        for n, r in enumerate(rows[first:], first):
            row = rows[n] = list(r)
            for i in times:
                if (value := row[i]) is not None:
                    # A quarter of the time of parse(value).replace(tzinfo=UTC).
                    row[i] = parse(value + "+00:00")
    else:
        for n, r in enumerate(rows[first:], first):
            row = rows[n] = list(r)
            for i in times:
                if (value := row[i]) is not None:
                    row[i] = value.astimezone(UTC)
    return rows


# PostgreSQL: a queue page is an ordered walk of the index that fits it, stopped by its
# LIMIT (the partial open indexes, the LATERAL walks of queue_queries). The planner
# estimates from statistics over all tickets and misses how the open ones cluster (they
# are the newest): at 1M it took a page after a key for ~1,700 rows when ~88,000
# followed it, and read them with a bitmap and sorted them (70-100 ms a page, vs ~1 ms
# for the walk); for "All" by deadline it walked the deadline-only index and sorted the
# ~930k tickets without one by id (2-3 s). So a page's read plans with sorts, bitmap
# scans and (but for the LATERAL walks, which sort at most a page per customer / user)
# incremental sorts priced out (``set_config(…, true)``: this transaction only; the read
# ends with a rollback).
_OFF = "set_config('enable_{}', 'off', true)"
ORDERED_WALKS = "SELECT " + ", ".join(_OFF.format(s) for s in ("sort", "bitmapscan"))
STRICT_WALKS = ORDERED_WALKS + ", " + _OFF.format("incremental_sort")


def walk_settings(*, grouped: bool) -> str:
    """The statement pricing sorts and bitmap scans out of the plans of the rest of
    this transaction (PostgreSQL only; see ORDERED_WALKS); incremental sorts too unless
    ``grouped`` (the LATERAL walks per customer / user)."""
    return ORDERED_WALKS if grouped else STRICT_WALKS


def prelude(conn: Connection, sql: str, *, begin: bool, own_read: bool) -> list[Any]:
    """The rows of ``sql`` (a statement without parameters: settings, the actor check)
    on a read's own connection, after a ``BEGIN`` when ``begin``: sent together, one
    round trip (PostgreSQL's simple protocol takes several statements; the read's
    connection is in autocommit, queue_connection.queue_read)."""
    return _execute(conn, sql, None, own_read, begin=begin)


def _execute(
    conn: Connection, sql: str, params: Any, own_read: bool = False, *, begin: bool = False
) -> list[Any]:
    """The rows of ``sql``. SQLite reads outside a transaction (one statement, one
    snapshot; a page of several statements begins one, see ``_walk``). On the driver's
    own cursor (SQLAlchemy's result set-up per statement cost about as much as SQLite's
    page) unless someone observes cursor executions (:func:`_observed`): then through
    ``exec_driver_sql`` so they see it. Driver errors are wrapped the way SQLAlchemy
    wraps them (storage_errors translates them)."""
    if _observed(conn, own_read):
        if begin:
            conn.exec_driver_sql("BEGIN")
        return list(conn.exec_driver_sql(sql, params).all())
    if not conn.in_transaction() and conn.dialect.name != "sqlite":
        conn.begin()  # PostgreSQL begins anyway (but in autocommit); SQLAlchemy rolls back
    dbapi_error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if begin:
            cursor.execute("BEGIN; " + sql)
            cursor.nextset()  # past BEGIN's result
        else:
            cursor.execute(sql, params)
        return list(cursor.fetchall())
    except dbapi_error as exc:
        raise DBAPIError.instance(sql, params, exc, dbapi_error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


# The engine's own listener (app.persistence.engine: a background transaction holding
# SQLite's write lock gives it back between statements) watches writes; a read's own
# connection never writes. Since it listens on every SQLite engine, honouring it sent
# every queue statement through SQLAlchemy's result path and a BEGIN ... ROLLBACK
# (a cheap page at 1M: 0.6 -> ~1 ms).
_ENGINE_MODULE = "app.persistence.engine"


def _observed(conn: Connection, own_read: bool) -> bool:
    """Whether anyone listens for cursor executions who must see this statement: the
    query-plan test, statement counters. On a read's own connection the engine's own
    write-lock listener is not one of them."""
    events = conn.dispatch
    listeners = (*events.before_cursor_execute, *events.after_cursor_execute)
    if not listeners:
        return False
    if not own_read:
        return True
    found = _OBSERVERS.get(listeners)
    if found is None:
        if len(_OBSERVERS) > CACHE_MAX:
            _OBSERVERS.clear()
        found = _OBSERVERS[listeners] = any(_module_of(f) != _ENGINE_MODULE for f in listeners)
    return found


# Whether a set of listeners holds an observer (listeners are functions: hashable).
_OBSERVERS: dict[tuple[Any, ...], bool] = {}


def _module_of(listener: Any) -> str | None:
    """The module of the function registered as ``listener``: SQLAlchemy wraps a
    ``before_cursor_execute`` listener (retval=False) in a closure over it."""
    for cell in getattr(listener, "__closure__", None) or ():
        inner = cell.cell_contents
        if callable(inner) and hasattr(inner, "__module__"):
            return str(inner.__module__)
    return getattr(listener, "__module__", None)


def _to_db(value: Any, sqlite: bool) -> Any:
    """A value as the driver takes it: SQLite stores UTC instants as naive text in
    SQLAlchemy's format (so comparisons of text are comparisons of time)."""
    if sqlite and isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value
