"""A SQLite desk writer beside the background round, taken apart (issue 19, item 5).

One desk writer (an action, then 50 ms of "thinking") works for the whole run while
another process alternates: ``--alone`` seconds of nothing, one background round (SLA
scan of ``--due`` due tickets, then the dispatch of ``--waiting`` waiting ones), nothing
again, the next round … (``--rounds``), ending with nothing. So "alone" and "during"
are the same writer in the same run, interleaved, each phase with the load average at
its start. Every write transaction is timed on both sides (``jobs_writer_probe``): the
wait for SQLite's write lock, how long it was held (to the end of ``COMMIT``) and the
``COMMIT``; the writer's own CPU per action (``time.thread_time``) is its work, which
no lock wait counts in. A wait of the writer is charged to the round when a round's
transaction held the lock during it.

    .venv/bin/python -m benchmarks.jobs_writer_bench --tickets 20000
    .venv/bin/python -m benchmarks.jobs_writer_bench --copy-of /work/data/m1.db  # 1M
    .venv/bin/python -m benchmarks.jobs_writer_bench --json out.json

``--copy-of`` benchmarks a copy of a generated database (the original is only read).
Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from app.bootstrap import open_services
from benchmarks.jobs_writer_probe import Probe, held_intervals, overlap_ms, spread
from benchmarks.write_path_bench import Desk, make_due
from benchmarks.write_path_setup import FAST, engineer_names, manager_login, open_tickets_of
from benchmarks.write_path_setup import prepare as prepare_fresh

THINK_S = 0.05


def load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def writer(url: str, start_at: float, stop: Any) -> dict[str, Any]:
    """Actions of one desk until ``stop``; each with its lock waits, commits and CPU."""
    services = open_services(url, passwords=FAST)
    try:
        name = engineer_names(1)[0]
        desk = Desk(services, name, open_tickets_of(url, name, 40), 19)
        probe = Probe()
        probe.attach(services.db.engine)
        for _ in range(5):
            desk.act()
        time.sleep(max(0.0, start_at - time.time()))
        samples: list[dict[str, Any]] = []
        while not stop.is_set():
            first, wall = len(probe.txs), time.time()
            t0, cpu0 = time.perf_counter(), time.thread_time()
            try:
                kind, error = desk.act(), ""
            except Exception as exc:  # counted
                kind, error = "error", f"{type(exc).__name__}: {exc}"[:200]
            ms = (time.perf_counter() - t0) * 1000
            cpu = (time.thread_time() - cpu0) * 1000
            mine = probe.txs[first:]
            samples.append({
                "kind": kind, "ms": ms, "cpu_ms": cpu, "error": error, "wall": wall,
                "wait_ms": sum(t[1] for t in mine), "commit_ms": sum(t[3] for t in mine),
                "waits": [(t[0], t[1]) for t in mine if t[1] > 0.5],
            })  # fmt: skip
            time.sleep(THINK_S)
        return {"samples": samples}
    finally:
        services.db.dispose()


def background(url: str, start_at: float, plan: dict[str, Any], stop: Any) -> dict[str, Any]:
    """``plan["rounds"]`` background rounds as the desks run them, ``plan["alone"]``
    seconds apart (and before the first, and after the last)."""
    alone_s, rounds, nice = plan["alone"], plan["rounds"], plan["nice"]
    if nice:
        os.nice(nice)  # the round as if on another desk's machine: it takes no CPU of ours
    services = open_services(url, passwords=FAST)
    try:
        actor = manager_login(services)
        probe = Probe()
        probe.attach(services.db.engine)
        phases: list[dict[str, Any]] = []
        time.sleep(max(0.0, start_at - time.time()))
        for _ in range(rounds):
            phases.append({"what": "alone", "from": time.time(), "load": load()})
            time.sleep(alone_s)
            phases[-1]["to"] = time.time()
            first = len(probe.txs)
            wall, t0, cpu0 = time.time(), time.perf_counter(), time.process_time()
            load0 = load()
            done = services.background.run_round(actor)
            phases.append({
                "what": "round", "from": wall, "to": time.time(), "load": load0,
                "load_end": load(),
                "total_s": round(time.perf_counter() - t0, 1),
                "cpu_s": round(time.process_time() - cpu0, 1),
                "scanned": done.checked if done else -1,
                "assigned": done.assigned if done else -1,
                "gave_way": getattr(done, "gave_way", None),
                "txs": probe.txs[first:],
            })  # fmt: skip
        phases.append({"what": "alone", "from": time.time(), "load": load()})
        time.sleep(alone_s)
        phases[-1]["to"] = time.time()
        return {"phases": phases}
    finally:
        stop.set()
        services.db.dispose()


def writer_summary(samples: list[dict[str, Any]], rounds: list[list[Any]]) -> dict[str, Any]:
    ok = [s for s in samples if not s["error"]]
    held = held_intervals(rounds)
    # The part of each action's lock waits when a round's transaction held the lock.
    by_round = [sum(overlap_ms(held, at, ms) for at, ms in s["waits"]) for s in ok]
    return {
        "actions": len(ok),
        "errors": len(samples) - len(ok),
        "action_ms": spread([s["ms"] for s in ok]),
        "cpu_ms": spread([s["cpu_ms"] for s in ok]),
        "lock_wait_ms": spread([s["wait_ms"] for s in ok]),
        "wait_behind_round_ms": spread(by_round),
        "commit_ms": spread([s["commit_ms"] for s in ok]),
        # The action without its lock waits: its own work (CPU, I/O, being descheduled).
        "work_ms": spread([s["ms"] - s["wait_ms"] for s in ok]),
        "waited_over_10ms": sum(1 for s in ok if s["wait_ms"] > 10),
        "over_100ms": sum(1 for s in ok if s["ms"] > 100),
        "over_100ms_waited_over_20ms": sum(1 for s in ok if s["ms"] > 100 and s["wait_ms"] > 20),
    }


def prepare_copy(source: Path, folder: Path, due: int, waiting: int) -> str:
    """A copy of a generated database (``sqlite3`` backup: the original is only read),
    with the benchmark's engineers and contract added by ``write_path_setup.prepare``'s
    generated-database path."""
    target = folder / "bench.db"
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    url = f"sqlite:///{target}"
    prepare_fresh(url, 0, 2, fill_with="existing")  # engineers and contract only
    make_due(url, due, waiting)
    return url


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=args.folder) as raw:
        folder = Path(raw)
        t0 = time.perf_counter()
        due, waiting = args.due * args.rounds, args.waiting * args.rounds
        if args.copy_of:
            url = prepare_copy(args.copy_of, folder, due, waiting)
        else:
            url = f"sqlite:///{folder / 'bench.db'}"
            prepare_fresh(url, args.tickets, 2, fill_with=args.fill)
            make_due(url, due, waiting)
        size = (folder / "bench.db").stat().st_size >> 20
        took = time.perf_counter() - t0
        print(f"prepared ({size} MiB, {due} due, {waiting} waiting) in {took:.0f} s")
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as manager, ctx.Pool(2) as pool:
            stop = manager.Event()
            start_at = time.time() + 5
            plan = {"alone": args.alone, "rounds": args.rounds, "nice": args.job_nice}
            job = pool.apply_async(background, (url, start_at, plan, stop))
            desk = pool.apply_async(writer, (url, start_at, stop))
            phases = job.get()["phases"]
            samples = desk.get()["samples"]
    rounds = [p["txs"] for p in phases if p["what"] == "round"]
    body = str(args.copy_of) if args.copy_of else args.tickets
    result: dict[str, Any] = {
        "tickets": body, "due": args.due, "waiting": args.waiting, "phases": []
    }  # fmt: skip
    for phase in phases:
        mine = [s for s in samples if phase["from"] <= s["wall"] < phase["to"]]
        txs = phase.pop("txs", None)
        row = phase | {"writer": writer_summary(mine, rounds)}
        if txs is not None:
            row["round_txs"] = {
                "n": len(txs),
                "lock_held_ms": spread([t[2] for t in txs]),
                "commit_ms": spread([t[3] for t in txs]),
                "lock_wait_ms": spread([t[1] for t in txs]),
                "held_share": round(sum(t[2] for t in txs) / 1000 / max(phase["total_s"], 1e-9), 2),
            }  # fmt: skip
        result["phases"].append(row)
    for kind in ("alone", "round"):
        every = [s for p in phases if p["what"] == kind
                 for s in samples if p["from"] <= s["wall"] < p["to"]]  # fmt: skip
        result[f"writer_{kind}_all"] = writer_summary(every, rounds)
    for row in result["phases"]:
        print(json.dumps({k: v for k, v in row.items()}))
    for kind in ("alone", "round"):
        print(f"writer_{kind}_all: {json.dumps(result[f'writer_{kind}_all'])}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--copy-of", type=Path, help="a generated SQLite database to copy")
    parser.add_argument("--due", type=int, default=500, help="due tickets per round")
    parser.add_argument("--waiting", type=int, default=0, help="waiting tickets per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--alone", type=float, default=30.0, help="seconds between rounds")
    parser.add_argument("--job-nice", type=int, default=0, help="os.nice of the round")
    parser.add_argument("--fill", choices=["core", "generator"], default="core")
    parser.add_argument("--folder", type=Path, help="where the temporary database goes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
