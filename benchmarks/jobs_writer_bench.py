"""A SQLite desk writer beside the background round, taken apart (issue 19, item 5).

The same scene as the SQLite part of ``benchmarks/write_path_bench.py`` — one desk
writer (an action, then 50 ms of "thinking") alone, then while another process runs
one background round (SLA scan of ``--due`` due tickets, then the dispatch) — but each
write transaction is timed on both sides: the wait for SQLite's write lock (``BEGIN
IMMEDIATE``), how long the lock was held (to the end of ``COMMIT``) and the ``COMMIT``
itself (fsync, and the WAL checkpoint when that commit's connection runs it). So a slow
action of the writer says whether it waited for the round, committed slowly, or was
slow in itself.

    .venv/bin/python -m benchmarks.jobs_writer_bench --tickets 20000
    .venv/bin/python -m benchmarks.jobs_writer_bench --json out.json

Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

import app.persistence.engine as engine_module
from app.bootstrap import open_services
from benchmarks.write_path_bench import Desk, make_due, pct
from benchmarks.write_path_setup import (
    FAST,
    engineer_names,
    manager_login,
    open_tickets_of,
    prepare,
)

THINK_S = 0.05
SLOW_MS = 100.0


@dataclass
class Probe:
    """Times every write transaction on one engine (one thread per process here)."""

    # (wall start, wait for the lock, held, commit), milliseconds
    txs: list[tuple[float, float, float, float]] = field(default_factory=list)
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
        # Code that takes the lock on the driver's connection (finer waits, issue 19):
        # no cursor event sees that BEGIN IMMEDIATE, so time the function itself.
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
            return  # a read transaction (or a deferred one that never got to write)
        wait = (self._held_since - self._asked) * 1000
        held = (end - self._held_since) * 1000
        commit = (end - commit_started) * 1000 if commit_started is not None else 0.0
        self.txs.append((self._wall, wait, held, commit))
        self._held_since, self._writing = None, False


def writer(url: str, seconds: float, start_at: float, stop: Any = None) -> list[dict[str, Any]]:
    """Actions of one desk; each with its lock waits and commit times."""
    services = open_services(url, passwords=FAST)
    try:
        name = engineer_names(1)[0]
        desk = Desk(services, name, open_tickets_of(url, name, 40), 19)
        probe = Probe()
        probe.attach(services.db.engine)
        for _ in range(3):
            desk.act()
        time.sleep(max(0.0, start_at - time.time()))
        samples: list[dict[str, Any]] = []
        end = time.time() + seconds
        while time.time() < end and not (stop is not None and stop.is_set()):
            first, wall, t0 = len(probe.txs), time.time(), time.perf_counter()
            try:
                kind, error = desk.act(), ""
            except Exception as exc:  # counted
                kind, error = "error", f"{type(exc).__name__}: {exc}"[:200]
            ms = (time.perf_counter() - t0) * 1000
            mine = probe.txs[first:]
            samples.append({
                "kind": kind, "ms": ms, "error": error, "wall": wall, "txs": len(mine),
                "wait_ms": sum(t[1] for t in mine), "commit_ms": sum(t[3] for t in mine),
            })  # fmt: skip
            time.sleep(THINK_S)
        return samples
    finally:
        services.db.dispose()


def background(url: str, start_at: float, stop: Any) -> dict[str, Any]:
    """One background round as the desks run it, every write transaction timed."""
    services = open_services(url, passwords=FAST)
    try:
        actor = manager_login(services)
        probe = Probe()
        probe.attach(services.db.engine)
        time.sleep(max(0.0, start_at - time.time()))
        wall, t0 = time.time(), time.perf_counter()
        done = services.background.run_round(actor)
        total = time.perf_counter() - t0
        return {
            "scanned": done.checked if done else -1,
            "assigned": done.assigned if done else -1,
            "gave_way": getattr(done, "gave_way", None),
            "total_s": round(total, 1),
            "from": wall,
            "to": time.time(),
            "txs": probe.txs,
        }
    finally:
        stop.set()
        services.db.dispose()


def spread(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(pct(values, 50), 1),
        "p90": round(pct(values, 90), 1),
        "p99": round(pct(values, 99), 1),
        "max": round(max(values), 1) if values else float("nan"),
    }


def writer_summary(samples: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    ok = [s for s in samples if not s["error"]]
    slow = sorted((s for s in ok if s["ms"] > SLOW_MS), key=lambda s: -s["ms"])
    return {
        "actions": len(ok),
        "per_s": round(len(ok) / max(seconds, 1e-9), 1),
        "errors": len(samples) - len(ok),
        "action_ms": spread([s["ms"] for s in ok]),
        "lock_wait_ms": spread([s["wait_ms"] for s in ok]),
        "commit_ms": spread([s["commit_ms"] for s in ok]),
        # The slow tail taken apart: (total, waited for the lock, committing, kind).
        "slowest": [
            (round(s["ms"]), round(s["wait_ms"]), round(s["commit_ms"]), s["kind"])
            for s in slow[:12]
        ],
        "slow_with_wait_over_20ms": sum(1 for s in slow if s["wait_ms"] > 20),
        "slow_with_commit_over_20ms": sum(1 for s in slow if s["commit_ms"] > 20),
    }


def run(tickets: int, due: int, seconds: float, fill: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        t0 = time.perf_counter()
        prepare(url, tickets, 2, fill_with=fill)
        make_due(url, due, 0)
        print(f"prepared {tickets} tickets + {due} due in {time.perf_counter() - t0:.0f} s")
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as manager, ctx.Pool(2) as pool:
            stop = manager.Event()
            alone = pool.apply(writer, (url, seconds, time.time() + 3))
            start_at = time.time() + 3
            job = pool.apply_async(background, (url, start_at, stop))
            during_all = pool.apply_async(writer, (url, 3600.0, start_at, stop))
            round_ = job.get()
            during = [s for s in during_all.get() if round_["from"] <= s["wall"] <= round_["to"]]
        txs = round_.pop("txs")
        result = {
            "tickets": tickets,
            "due": due,
            "writer_alone": writer_summary(alone, seconds),
            "writer_during": writer_summary(during, round_["to"] - round_["from"]),
            "round": round_
            | {
                "transactions": len(txs),
                "lock_held_ms": spread([t[2] for t in txs]),
                "commit_ms": spread([t[3] for t in txs]),
                "lock_wait_ms": spread([t[1] for t in txs]),
                "held_share": round(
                    sum(t[2] for t in txs) / 1000 / max(round_["total_s"], 1e-9), 2
                ),
            },
        }
        for key in ("writer_alone", "writer_during", "round"):
            print(f"{key}: {json.dumps(result[key])}")
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--due", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=30.0, help="the writer alone")
    parser.add_argument("--fill", choices=["core", "generator"], default="core")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args.tickets, args.due, args.seconds, args.fill)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
