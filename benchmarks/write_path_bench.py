"""The write path under load (issue 19, items 4 and 5), each figure beside a baseline
measured in the same run.

PostgreSQL: CLIENT processes (default 8), each an engineer at a desk, do mixed actions
through the services for SECONDS — open a ticket (30 %), comment on one of theirs
(40 %), change a status (30 %: waiting on the customer ⇄ the customer replied; start a
ticket handed to them). Baseline: one client alone. Targets: ≥ 500 actions/s in total,
p99 ≤ 100 ms, zero errors.

SQLite: one desk writer (an action, then 50 ms of "thinking") alone — the baseline —
then while another process runs the background jobs once (the SLA scan with 500
tickets due, then the dispatch of waiting tickets), measured for as long as the round
lasts. Target: the writer's p99 ≤ 100 ms.

    .venv/bin/python -m benchmarks.write_path_bench --tickets 100000
    .venv/bin/python -m benchmarks.write_path_bench --engine sqlite --tickets 20000 --json out.json
    .venv/bin/python -m benchmarks.write_path_bench --cost 300   # one desk's CPU and statements

``--cost N``: one desk alone on a small PostgreSQL database does N mixed actions after a
warm-up; printed are its own CPU time per action (``time.process_time``: what the
client costs whatever else the machine runs) and the statements per action.

Run it against other code (e.g. a ``git worktree`` of the previous commit) by starting
it there: ``cd /tmp/wp-before && PYTHONPATH=. /work/main/.venv/bin/python -m …``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bootstrap import Services, open_services
from benchmarks.write_path_setup import (
    FAST,
    SERVICE,
    drop_postgres,
    engineer_names,
    fresh_postgres,
    manager_login,
    open_tickets_of,
    prepare,
)
from tests.support.people import PASSWORD

Sample = tuple[str, float, str, float]  # (action, milliseconds, error or "", wall start)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Desk:
    """One engineer's mixed actions through the services."""

    def __init__(self, services: Services, name: str, mine: list[str], seed: int) -> None:
        self.svc, self.rng = services, random.Random(seed)
        self.actor = services.users.login(name, PASSWORD)
        self.name = name
        # My tickets and the status I last left them in.
        self.mine: dict[str, str] = {n: "in_progress" for n in mine}

    def act(self) -> str:
        roll = self.rng.random()
        if roll < 0.3 or not self.mine:
            view = self.svc.tickets.open_ticket(
                self.actor, customer="ACME", subject="The export stopped again",
                service_type=SERVICE, description="Since this morning's run.",
            )  # fmt: skip
            if view.assignee == self.name:
                self.mine[view.number] = view.status
            return "open"
        number = self.rng.choice(list(self.mine))
        if roll < 0.7:
            self.svc.tickets.comment(self.actor, number, "Looked at the logs; more soon.")
            return "comment"
        status = self.mine[number]
        tickets = self.svc.tickets
        if status == "assigned":
            view = tickets.start(self.actor, number)
        elif status == "in_progress":
            view = tickets.wait_on_customer(self.actor, number, "the export file")
        else:
            view = tickets.customer_replied(self.actor, number, "Here it is.")
        self.mine[number] = view.status
        return "status"


def timed(fn: Callable[[], str]) -> Sample:
    wall, start = time.time(), time.perf_counter()
    try:
        kind, error = fn(), ""
    except Exception as exc:  # counted: the target is zero
        kind, error = "error", f"{type(exc).__name__}: {exc}"[:200]
    return kind, (time.perf_counter() - start) * 1000, error, wall


def pg_client(
    url: str, name: str, seconds: float, start_at: float, think: float, *, stop: Any = None
) -> list[Sample]:
    return desk_client(url, name, seconds, start_at, think, stop=stop)[0]


def desk_client(
    url: str, name: str, seconds: float, start_at: float, think: float, *, stop: Any = None
) -> tuple[list[Sample], float, float]:
    """One desk's samples, its own CPU seconds (``time.process_time``) over them and
    its server backend's (``/proc``: the server runs on this machine; 0 elsewhere)."""
    services = open_services(url, passwords=FAST)
    try:
        desk = Desk(services, name, open_tickets_of(url, name, 40), hash(name) & 0xFFFF)
        services.sla.warm_up()  # as a desk does after login (else: a 1.7 s first opening)
        for _ in range(3):  # warm the connection and statement caches
            desk.act()
        backend = _backend_pid(services)
        time.sleep(max(0.0, start_at - time.time()))
        samples: list[Sample] = []
        cpu, server = time.process_time(), _proc_cpu(backend)
        end = time.time() + seconds
        while time.time() < end and not (stop is not None and stop.is_set()):
            samples.append(timed(desk.act))
            if think:
                time.sleep(think)
        return samples, time.process_time() - cpu, _proc_cpu(backend) - server
    finally:
        services.db.dispose()


def _backend_pid(services: Services) -> int | None:
    """The backend of the pooled connection the desk's sessions reuse (one desk does
    one thing at a time: the pool hands back its most recent connection)."""
    if services.db.dialect != "postgresql":
        return None
    from sqlalchemy import text

    with services.db.engine.connect() as conn:
        return int(conn.scalar(text("SELECT pg_backend_pid()")) or 0)


def _proc_cpu(pid: int | None) -> float:
    """utime + stime of process ``pid`` so far, in seconds (0 when unreadable)."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_clients(url: str, clients: int, seconds: float, think: float = 0.0) -> dict[str, Any]:
    names = engineer_names(clients)
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 3 + clients * 0.6  # after every process has started
    with ctx.Pool(clients) as pool:
        args = [(url, n, seconds, start_at, think) for n in names]
        results = pool.starmap(desk_client, args)
    return clients_summary(results, seconds)


def clients_summary(
    results: list[tuple[list[Sample], float, float]], seconds: float
) -> dict[str, Any]:
    """Client processes' samples with their own and their backends' CPU per action."""
    out = summary([s for r, _, _ in results for s in r], seconds)
    done = max(1, out["actions"] + out["errors"])
    out["client_cpu_ms_per_action"] = round(sum(c for _, c, _ in results) * 1000 / done, 2)
    out["server_cpu_ms_per_action"] = round(sum(b for _, _, b in results) * 1000 / done, 2)
    out["load_average"] = [round(x, 1) for x in os.getloadavg()]
    return out


def summary(samples: list[Sample], seconds: float) -> dict[str, Any]:
    ok = [s for s in samples if not s[2]]
    errors = [s[2] for s in samples if s[2]]
    ms = [s[1] for s in ok]
    out: dict[str, Any] = {
        "actions": len(ok),
        "actions_per_s": round(len(ok) / seconds, 1),
        "p50_ms": round(pct(ms, 50), 1),
        "p99_ms": round(pct(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else None,
        "errors": len(errors),
        "first_errors": sorted(set(errors))[:3],
    }
    for kind in ("open", "comment", "status"):
        kms = [s[1] for s in ok if s[0] == kind]
        out[f"{kind}_p99_ms"] = round(pct(kms, 99), 1)
    return out


def postgres(tickets: int, clients: int, seconds: float, fill_with: str) -> dict[str, Any]:
    name = f"wp_bench_{os.getpid()}"
    url = fresh_postgres(name)
    try:
        t0 = time.perf_counter()
        prepare(url, tickets, clients, fill_with=fill_with)
        print(f"postgresql: prepared {tickets} tickets in {time.perf_counter() - t0:.0f} s")
        base = run_clients(url, 1, min(15.0, seconds))
        print(f"postgresql 1 client (baseline): {base}")
        loaded = run_clients(url, clients, seconds)
        print(f"postgresql {clients} clients: {loaded}")
        return {"tickets": tickets, "baseline_1_client": base, f"{clients}_clients": loaded}
    finally:
        drop_postgres(name)


# -- SQLite: a desk writer while the background jobs run ---------------------------------


def sqlite_writer(
    url: str, seconds: float, start_at: float, think: float, stop: Any = None
) -> list[Sample]:
    return pg_client(url, engineer_names(1)[0], seconds, start_at, think, stop=stop)


def background_round(url: str, start_at: float, stop: Any) -> dict[str, Any]:
    """The jobs a desk's housekeeping runs, once, as the code being measured runs them."""
    services = open_services(url, passwords=FAST)
    try:
        actor = manager_login(services)
        time.sleep(max(0.0, start_at - time.time()))
        t0, wall = time.perf_counter(), time.time()
        jobs = getattr(services, "background", None)
        if jobs is not None:  # the code of issue 19: leased, short transactions
            done = jobs.run_round(actor)
            scanned = done.checked if done is not None else -1
            assigned = done.assigned if done is not None else -1
            scan_s = dispatch_s = time.perf_counter() - t0
        else:
            scanned = services.sla.scan(limit=1000).checked
            scan_s = time.perf_counter() - t0
            assigned = len(services.assignment.dispatch(actor))
            dispatch_s = time.perf_counter() - t0 - scan_s
        total = round(time.perf_counter() - t0, 2)
        return {"scanned": scanned, "scan_s": round(scan_s, 2), "assigned": assigned,
                "dispatch_s": round(dispatch_s, 2), "total_s": total,
                "from": wall, "to": time.time()}  # fmt: skip
    finally:
        stop.set()  # the writer measures while the round runs, then stops
        services.db.dispose()


def make_due(url: str, due: int, waiting: int) -> None:
    """``due`` tickets opened days ago (their SLA clocks are due now) and ``waiting``
    unassigned ones for the dispatch (opened while nobody was available)."""
    from datetime import UTC, datetime, timedelta

    from app.domain.clock import FakeClock

    # A Wednesday 08:00 UTC at least two days back: every business-hours target of a
    # high ticket has passed by now, whatever day the benchmark runs.
    now = datetime.now(UTC)
    back = (now.weekday() - 2) % 7 or 7
    back += 7 if back < 2 else 0
    clock = FakeClock((now - timedelta(days=back)).replace(hour=8, minute=0, second=0))
    services = open_services(url, clock=clock, passwords=FAST)
    try:
        mia = manager_login(services)
        names = engineer_names(2)
        for name in names:
            services.assignment.set_state(mia, "off", engineer=name)
        for i in range(due + waiting):
            services.tickets.open_ticket(
                mia, customer="ACME", subject=f"due {i}", service_type=SERVICE,
                criticality="high",
            )  # fmt: skip
            clock.advance(seconds=1)
        for name in names:
            services.assignment.set_state(mia, "available", engineer=name)
    finally:
        services.db.dispose()


def sqlite(tickets: int, seconds: float, due: int, fill_with: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        t0 = time.perf_counter()
        prepare(url, tickets, 2, fill_with=fill_with)
        make_due(url, due, 0)
        print(f"sqlite: prepared {tickets} tickets + {due} due in {time.perf_counter() - t0:.0f} s")
        ctx = multiprocessing.get_context("spawn")
        think = 0.05
        with ctx.Manager() as manager, ctx.Pool(2) as pool:
            stop = manager.Event()
            start_at = time.time() + 3
            base = summary(pool.apply(sqlite_writer, (url, seconds, start_at, think)), seconds)
            print(f"sqlite writer alone (baseline): {base}")
            start_at = time.time() + 3
            jobs = pool.apply_async(background_round, (url, start_at, stop))
            writer = pool.apply_async(sqlite_writer, (url, 3600.0, start_at, think, stop))
            background = jobs.get()
            window = [s for s in writer.get() if background["from"] <= s[3] <= background["to"]]
            during = summary(window, background["to"] - background["from"])
        print(f"sqlite background round: {background}")
        print(f"sqlite writer during the round: {during}")
        return {"tickets": tickets, "due": due, "writer_alone": base,
                "background": background, "writer_during_jobs": during}  # fmt: skip


def cost(actions: int, tickets: int = 2000) -> dict[str, Any]:
    """One desk's client CPU and statements per action (see the module notes)."""
    from sqlalchemy import event

    name = f"wp_cost_{os.getpid()}"
    url = fresh_postgres(name)
    try:
        prepare(url, tickets, 2)
        services = open_services(url, passwords=FAST)
        try:
            me = engineer_names(2)[0]
            desk = Desk(services, me, open_tickets_of(url, me, 40), 1)
            for _ in range(20):  # warm the connection, statement and identity caches
                desk.act()
            count = [0]

            def counted(*_args: Any) -> None:
                count[0] += 1

            event.listen(services.db.engine, "before_cursor_execute", counted)
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(actions):
                desk.act()
            out = {
                "actions": actions,
                "client_cpu_ms_per_action": round((time.process_time() - cpu) * 1000 / actions, 2),
                "wall_ms_per_action": round((time.perf_counter() - wall) * 1000 / actions, 1),
                "statements_per_action": round(count[0] / actions, 1),
            }
        finally:
            services.db.dispose()
    finally:
        drop_postgres(name)
    print(f"one desk's cost: {out}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["both", "postgresql", "sqlite"], default="both")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--sqlite-seconds", type=float, default=20.0)
    parser.add_argument("--due", type=int, default=500)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--fill", choices=["core", "generator"], default="core")
    parser.add_argument("--cost", type=int, metavar="N", help="only one desk's cost, N actions")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    if args.cost:
        result["cost"] = cost(args.cost)
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        return
    if args.engine in ("both", "postgresql"):
        result["postgresql"] = postgres(args.tickets, args.clients, args.seconds, args.fill)
    if args.engine in ("both", "sqlite"):
        result["sqlite"] = sqlite(args.tickets, args.sqlite_seconds, args.due, args.fill)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
