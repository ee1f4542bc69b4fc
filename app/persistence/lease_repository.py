"""Who runs the background jobs (issue 19): one desk at a time, the others skip.

PostgreSQL: ``pg_try_advisory_lock`` on a connection held for the whole round; a desk
that dies drops its connection and with it the lock. SQLite: a row of ``job_leases``
with an expiry, taken in a short write transaction; a desk that dies keeps it only
until it expires. Either way nobody waits: a desk that cannot have it skips the round.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, or_, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from app.persistence.orm_jobs import JobLease

# Advisory-lock keys live in one 64-bit space shared with the ledger's lock: prefix ours.
_PG_KEY_BASE = 0x5344_4A4F_0000_0000  # "SDJO"


def _pg_key(name: str) -> int:
    return _PG_KEY_BASE + zlib.crc32(name.encode())


@contextmanager
def job_lease(
    engine: Engine, name: str, holder: str, now: datetime, ttl: timedelta
) -> Iterator[bool]:
    """``True`` inside the block if this desk holds job ``name``; released at the end."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            got = bool(conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _pg_key(name)}))
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    _unlock(conn, name)
        return
    got = _take(engine, name, holder, now, ttl)
    try:
        yield got
    finally:
        if got:
            with engine.begin() as conn:
                conn.execute(
                    update(JobLease)
                    .where(JobLease.name == name, JobLease.holder == holder)
                    .values(expires_at=None)
                )


def _unlock(conn: Connection, name: str) -> None:
    try:
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _pg_key(name)})
        conn.commit()
    except DBAPIError:
        conn.invalidate()  # the connection died, and the lock ended with it


def _take(engine: Engine, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take the lease if it is free, expired or already ours (one short transaction)."""
    with engine.begin() as conn:
        taken = conn.execute(
            update(JobLease)
            .where(JobLease.name == name)
            .where(
                or_(
                    JobLease.expires_at.is_(None),
                    JobLease.expires_at <= now,
                    JobLease.holder == holder,
                )
            )
            .values(holder=holder, expires_at=now + ttl)
        ).rowcount
        if taken:
            return True
        inserted = conn.execute(
            sqlite_insert(JobLease)
            .values(name=name, holder=holder, expires_at=now + ttl)
            .on_conflict_do_nothing(index_elements=["name"])
        ).rowcount
        return bool(inserted)


def renew(engine: Engine, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Push the expiry of a lease this desk holds to ``now + ttl``; False if it is not
    ours any more (it expired and another desk took it). PostgreSQL: the advisory lock
    lasts as long as its connection, nothing to renew."""
    if engine.dialect.name == "postgresql":
        return True
    with engine.begin() as conn:
        renewed = conn.execute(
            update(JobLease)
            .where(JobLease.name == name, JobLease.holder == holder)
            .values(expires_at=now + ttl)
        ).rowcount
    return bool(renewed)
