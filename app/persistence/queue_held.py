"""SQLite: the connection each thread holds for its queue reads (issue 19).

A small customer's page at 1M tickets is ~0.02 ms of SQLite; taking a pooled connection
and giving it back (``engine.connect()`` / ``close()``: the checkout, the reset's
rollback, the pool's events) was ~0.014 ms more of every read. So a thread that reads
the queue keeps one pooled connection checked out for its reads.

What that keeps:

* **One thread per connection.** The connection lives in a ``threading.local``: only
  its thread reads on it (the desktop's worker threads, a benchmark's main thread); a
  SQLite connection is never used by two threads at once. A thread's connection goes
  back to the pool when the thread ends.
* **Nothing open between reads.** Every read ends its transaction (a page of several
  statements begins one for one snapshot), so the next read sees every commit (WAL: a
  reader's snapshot lasts only its transaction) and no checkpoint waits for it.
* **A read inside a read** on the same thread takes a pooled connection of its own.
* **Errors**: a read that fails gives its connection back to the pool (which resets
  it, or throws it away if it cannot); the thread's next read takes another.
* **engine.dispose()**: held connections not in a read are closed at once; one in a
  read is closed by its thread when the read ends (the engine's pool is a new one).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.pool import Pool

R = TypeVar("R")


class _Slot:
    """One thread's held connection of one engine."""

    __slots__ = ("__weakref__", "conn", "lock", "pool")

    def __init__(self) -> None:
        self.conn: Connection | None = None
        self.pool: Pool | None = None  # the engine's pool the connection came from
        # Held by the thread while it reads; engine.dispose() closes only what it can take.
        self.lock = threading.Lock()

    def drop(self, *, close_driver: bool = False) -> None:
        """Give the connection back to its pool; ``close_driver``: close it (its pool
        was disposed: given back, it would stay open there)."""
        conn, self.conn, self.pool = self.conn, None, None
        if conn is None:
            return
        try:
            if close_driver and not conn.invalidated:
                conn.invalidate()
            conn.close()
        except Exception:  # a connection on its way out: nothing more to do with it
            pass

    def __del__(self) -> None:
        # The thread ended (its threading.local is cleared): back to the pool explicitly,
        # not by the garbage collector (which SQLAlchemy warns about).
        self.drop()


class _Held:
    """The held connections of one engine, one per thread."""

    def __init__(self, engine: Engine) -> None:
        self.local = threading.local()
        self.slots: weakref.WeakSet[_Slot] = weakref.WeakSet()
        self.guard = threading.Lock()
        event.listen(engine, "engine_disposed", self._disposed)

    def slot(self) -> _Slot:
        try:
            found: _Slot = self.local.slot
            return found
        except AttributeError:
            slot = self.local.slot = _Slot()
            with self.guard:
                self.slots.add(slot)
            return slot

    def _disposed(self, _engine: Engine) -> None:
        with self.guard:
            slots = list(self.slots)
        for slot in slots:
            if slot.lock.acquire(blocking=False):  # not in a read: closed now
                try:
                    slot.drop(close_driver=True)
                finally:
                    slot.lock.release()


_HELD: weakref.WeakKeyDictionary[Engine, _Held] = weakref.WeakKeyDictionary()
_MAKING = threading.Lock()


def _held(engine: Engine) -> _Held:
    found = _HELD.get(engine)
    if found is None:
        with _MAKING:
            found = _HELD.get(engine)
            if found is None:
                found = _HELD[engine] = _Held(engine)
    return found


def held_read(engine: Engine, work: Callable[[Connection], R]) -> R:
    """``work`` on this thread's held connection of ``engine`` (SQLite), its
    transaction (if it began one) rolled back after."""
    slot = _held(engine).slot()
    if not slot.lock.acquire(blocking=False):
        # A read inside a read on this thread: a pooled connection of its own.
        with engine.connect() as own:
            return work(own)
    try:
        held = slot.conn
        pool = engine.pool
        if held is None or slot.pool is not pool or held.invalidated:
            slot.drop(close_driver=slot.pool is not pool)
            held = slot.conn = engine.connect()
            slot.pool = pool
        conn = held
        try:
            found = work(conn)
            if conn.in_transaction():
                conn.rollback()
        except BaseException:
            slot.drop()  # back to the pool, which resets it (or throws it away)
            raise
        return found
    finally:
        slot.lock.release()
