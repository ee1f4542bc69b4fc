"""The connection a queue read runs on (issue 19).

PostgreSQL: taken from the pool without the pre-ping, in autocommit, read again once if
it turns out lost. Each of those saves a round trip of every read (a wake-up of the
server process under load); :func:`queue_read` keeps what they were for. Measured with
benchmarks/search_round_trips.py (engineer "search").

SQLite: each thread that reads the queue holds one connection for its reads
(:mod:`app.persistence.queue_held`): the pool's checkout and return were ~14 µs of
every read, as much as SQLite's own page of a small customer at 1M.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from app.persistence.engine import unpinged
from app.persistence.errors import Failure, classify
from app.persistence.queue_held import held_read
from app.persistence.queue_repository import QueueRepository

R = TypeVar("R")
log = logging.getLogger("supportdesk.retry")
_IDLE = 0  # psycopg.pq.TransactionStatus.IDLE: no transaction open


def queue_read(engine: Engine, work: Callable[[QueueRepository], R]) -> R:
    """``work`` on a repository of its own connection (``own_read``), taken from
    the pool without its pre-ping (a round trip of every read, engine.unpinged); when
    that connection turns out lost (a restarted server, ``pg_terminate_backend``), the
    read runs once more on a pinged one, as the pre-ping would have replaced it: the
    same guarantee (no error for a connection dropped while pooled). A read only reads,
    so running it again is safe. SQLite: on this thread's held connection
    (queue_held.held_read)."""
    if engine.dialect.name == "sqlite":
        return held_read(engine, lambda conn: work(QueueRepository(conn, own_read=True)))
    try:
        with unpinged():
            return _read_once(engine, work)
    except DBAPIError as exc:
        if classify(exc) is not Failure.CONNECTION:
            raise
        log.warning("queue read: connection lost (%s); reading again", str(exc.orig)[:200])
    return _read_once(engine, work)


def _read_once(engine: Engine, work: Callable[[QueueRepository], R]) -> R:
    with engine.connect() as conn:
        # PostgreSQL: the read runs in autocommit, so psycopg sends no BEGIN of its own
        # (a round trip): a read that needs a transaction (its settings are
        # transaction-local) begins it in its first statement (QueueRepository.settle).
        # Read Committed takes a snapshot per statement either way.
        raw = conn.connection.dbapi_connection if conn.dialect.name == "postgresql" else None
        if raw is not None:
            raw.autocommit = True
        try:
            found = work(QueueRepository(conn, own_read=True))
            conn.rollback()  # a round trip only if the read began a transaction
        except DBAPIError as exc:
            # The read's own statements go to the driver directly (queue_statements),
            # past SQLAlchemy's check: a lost connection is thrown away here, not
            # pooled again (and so not rolled back, which would fail too).
            if classify(exc) is Failure.CONNECTION and not conn.invalidated:
                conn.invalidate(exc)
            raise
        finally:
            if raw is not None and not conn.invalidated:
                _leave_autocommit(conn, raw)
        return found


def _leave_autocommit(conn: Connection, raw: Any) -> None:
    """The connection as the pool hands it out: no transaction (one an error left open
    is rolled back), not in autocommit."""
    try:
        if raw.info.transaction_status != _IDLE:
            raw.rollback()
        raw.autocommit = False
    except conn.dialect.loaded_dbapi.Error as exc:
        conn.invalidate(exc)  # lost meanwhile: thrown away
