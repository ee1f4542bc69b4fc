"""Timing of SQLite write transactions for ``jobs_writer_bench`` (issue 19, item 5):
per transaction the wait for the write lock, how long it was held and the ``COMMIT``;
and which part of a desk's wait fell while a background round's transaction held it."""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event

import app.persistence.engine as engine_module
from benchmarks.write_path_bench import pct

# (wall when the lock was asked for (time.time()), wait, held, commit), milliseconds
Tx = tuple[float, float, float, float]


@dataclass
class Probe:
    """Times every write transaction on one engine (one thread per process here)."""

    txs: list[Tx] = field(default_factory=list)
    _asked: float = 0.0
    _held_since: float | None = None
    _wall: float = 0.0
    _writing: bool = False  # the current transaction holds the write lock

    def attach(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        dialect = engine.dialect
        commit, rollback = dialect.do_commit, dialect.do_rollback

        def do_commit(dbapi_conn: Any) -> None:
            started = time.perf_counter()
            commit(dbapi_conn)
            self._close(time.perf_counter(), started)

        def do_rollback(dbapi_conn: Any) -> None:
            rollback(dbapi_conn)
            self._close(time.perf_counter(), None)

        dialect.do_commit = do_commit  # type: ignore[method-assign,assignment]
        dialect.do_rollback = do_rollback  # type: ignore[method-assign,assignment]
        # The desks' BEGIN IMMEDIATE runs on the driver's connection (finer waits):
        # no cursor event sees it, so time the function itself.
        begin = getattr(engine_module, "_begin_immediate", None)
        if begin is not None:

            def begin_immediate(*args: Any) -> None:
                self._before(None, None, "BEGIN IMMEDIATE")
                begin(*args)
                self._after(None, None, "BEGIN IMMEDIATE")

            engine_module._begin_immediate = begin_immediate  # type: ignore[assignment]

    def _before(self, _c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        if self._takes_lock(statement):
            self._asked, self._wall = time.perf_counter(), time.time()

    def _after(self, _c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        if statement.startswith("BEGIN"):
            self._writing = False
        if self._takes_lock(statement):
            self._held_since = time.perf_counter()
            self._writing = True

    def _takes_lock(self, statement: str) -> bool:
        """BEGIN IMMEDIATE, or a deferred transaction's first write."""
        if statement.startswith("BEGIN IMMEDIATE"):
            return True
        head = statement.lstrip()[:7].upper()
        return not self._writing and head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))

    def _close(self, end: float, commit_started: float | None) -> None:
        if self._held_since is None:
            self._writing = False
            return  # a read transaction (or a deferred one that never got to write)
        wait = (self._held_since - self._asked) * 1000
        held = (end - self._held_since) * 1000
        commit = (end - commit_started) * 1000 if commit_started is not None else 0.0
        self.txs.append((self._wall, wait, held, commit))
        self._held_since, self._writing = None, False


def spread(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(pct(values, 50), 1),
        "p90": round(pct(values, 90), 1),
        "p99": round(pct(values, 99), 1),
        "max": round(max(values), 1) if values else float("nan"),
    }


def held_intervals(rounds: list[list[Any]]) -> list[tuple[float, float]]:
    """When the rounds' transactions held the lock, as sorted (from, to) wall seconds."""
    spans = [
        (wall + wait / 1000, wall + (wait + held) / 1000)
        for txs in rounds
        for wall, wait, held, _commit in txs
    ]
    return sorted(spans)


def overlap_ms(spans: list[tuple[float, float]], start: float, ms: float) -> float:
    """How much of [start, start + ms] falls in ``spans`` (sorted, not overlapping)."""
    end = start + ms / 1000
    i = max(0, bisect.bisect_left(spans, (start, start)) - 1)
    total = 0.0
    while i < len(spans) and spans[i][0] < end:
        lo, hi = max(spans[i][0], start), min(spans[i][1], end)
        total += max(0.0, hi - lo)
        i += 1
    return total * 1000
