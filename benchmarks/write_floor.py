"""The write path's floor (issue 19): the app's own statements per action, sent by raw
psycopg 3, beside the app in the same run.

Each floor desk holds one connection and does what a desk of ``write_path_bench`` does —
open a ticket (30 %), comment on one of its tickets (40 %), change a status (30 %) —
with the statement sequence the app sends for it (captured with SQLAlchemy's
``before_cursor_execute``, steady state; session 10 notes): an opening's 12
statements, a comment's and a status change's 7, then COMMIT. The texts are the app's
own (the locked ticket read, the timeline read and the ledger append are compiled from
the app's statement objects at start-up; the others are copied), prepared; the values
are real — the ticket's row, version, event count and hash-chain head come from the
locked read, each event is chained with ``app.domain.history.chain_event``, the ledger's
links with the same fingerprints, the rollups' keys as the app computes them — so the
server does the same work: the same rows, constraints, triggers, indexes and locks.
What it leaves out is everything that is not the statements: no ORM, no pool, no
pre-ping, no session; parameters built directly, rows read by position.

Not replayed: the occasional extra statement of a ticket's first public response (the
rollup upsert of the response-time buckets, ~4 % of comments and status changes) and
the SLA clock's ``next_check_at`` (the app moves it on some changes; the floor writes
``seen_seq`` only, the same statement's shape).

    .venv/bin/python -m benchmarks.write_floor --tickets 20000 --clients 8 --seconds 60
    .venv/bin/python -m benchmarks.write_floor --floor-only ...   # the floor alone

Printed: app vs floor — actions/s, p50/p99, errors, client CPU ms/action (the desks' own
``process_time``), server CPU ms/action (their backends' utime+stime from ``/proc``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.dialects import postgresql

from benchmarks.write_floor_sql import (
    CLAIM,
    CLOCK_DEFAULTS,
    CONTRACTS,
    CUSTOMER,
    ENGINEERS,
    ENGINEERS_PARAMS,
    FACTS_DEFAULTS,
    INSERT_CLOCK,
    INSERT_EVENT,
    INSERT_EVENTS_2,
    INSERT_EVENTS_3,
    INSERT_FACTS,
    INSERT_TICKET,
    NEXT_IDENTITY,
    OPEN_ROLLUPS,
    TICKET_DEFAULTS,
    UPDATE_CLOCK,
    UPDATE_FACTS,
    UPDATE_FACTS_STATUS,
    UPDATE_TICKET,
    UPDATE_TICKET_STATUS,
    USER,
    numbered,
    one_row,
    open_rollups,
)
from benchmarks.write_path_bench import (
    Sample,
    _proc_cpu,
    clients_summary,
    run_clients,
    timed,
)
from benchmarks.write_path_setup import (
    SERVICE,
    drop_postgres,
    engineer_names,
    fresh_postgres,
    open_tickets_of,
    prepare,
)

CHANNEL = "supportdesk_changes"


def _compiled(statement: Any) -> tuple[str, dict[str, Any]]:
    """The text and fixed parameters the app's statement is sent with (psycopg); the
    per-call parameters are left for the caller."""
    compiled = statement.compile(dialect=postgresql.psycopg.dialect())
    given = {b.key: None for b in compiled.binds.values() if b.required}
    state = compiled.construct_expanded_state(given)
    return state.statement, {k: v for k, v in state.parameters.items() if k not in given}


def app_statements() -> dict[str, tuple[str, dict[str, Any]]]:
    """The statements the floor takes from the app's own objects (same text, so the
    same plans)."""
    from app.persistence.facts_repository import _TIMELINE
    from app.persistence.ledger_repository import _SERVER_APPEND_WITH_KEY
    from app.persistence.repositories import _ticket_query

    return {
        "locked": _compiled(_ticket_query(lock=True, with_user=True)),
        "timeline": _compiled(_TIMELINE),
        "ledger": _compiled(_SERVER_APPEND_WITH_KEY),
    }


class FloorDesk:
    """One engineer's mixed actions as the app's statements, on one connection."""

    def __init__(self, dsn: str, name: str, mine: list[str], seed: int) -> None:
        from app.domain.history import chain_event
        from app.domain.ledger import ticket_fingerprint

        self.chain, self.fingerprint = chain_event, ticket_fingerprint
        self.conn = psycopg.connect(dsn)
        self.conn.execute("SET jit = off")  # as the app's connections (engine.py)
        self.conn.commit()
        self.sql = app_statements()
        self.rng = random.Random(seed)
        self.name = name
        self.user_id = int(self._one("SELECT id FROM users WHERE username = %s", (name,))[0])
        self.mine: dict[str, str] = {n: "in_progress" for n in mine}
        self.conn.commit()
        # Column positions in the locked read (first of each name: the ticket's).
        cur = self._exec("locked", {"user_id": self.user_id, "number": mine[0] if mine else ""})
        names = [c.name for c in cur.description or []]
        self.conn.rollback()
        self.col = {n: names.index(n) for n in set(names)}

    def _one(self, sql: str, params: Any) -> Any:
        return self.conn.execute(sql, params).fetchone()

    def _exec(self, key: str, params: dict[str, Any]) -> psycopg.Cursor[Any]:
        text, fixed = self.sql[key]
        return self.conn.execute(text, {**fixed, **params}, prepare=True)

    def _q(self, sql: str, params: dict[str, Any]) -> psycopg.Cursor[Any]:
        return self.conn.execute(sql, params, prepare=True)

    def act(self) -> str:
        roll = self.rng.random()
        try:
            if roll < 0.3 or not self.mine:
                self.open_ticket()
                kind = "open"
            else:
                number = self.rng.choice(list(self.mine))
                if roll < 0.7:
                    self.change(number, "comment")
                    kind = "comment"
                else:
                    status = self.mine[number]
                    step = {"assigned": "start", "in_progress": "wait"}.get(status, "replied")
                    self.mine[number] = self.change(number, step)
                    kind = "status"
            self.conn.commit()
            return kind
        except BaseException:
            self.conn.rollback()
            raise

    # -- a change to one of my tickets: 7 statements ----------------------------------

    def change(self, number: str, step: str) -> str:
        now = datetime.now(UTC)
        row = self._exec("locked", {"user_id": self.user_id, "number": number}).fetchone()
        if row is None:
            raise LookupError(number)
        c = self.col
        ticket_id, status = row[c["id"]], row[c["status"]]
        head, count, version = row[c["last_event_hash"]], row[c["event_count"]], row[c["version"]]
        self._exec("timeline", {"ticket_id": ticket_id}).fetchall()
        events: list[dict[str, Any]] = []

        def event(kind: str, **what: Any) -> None:
            nonlocal head, count
            count += 1
            chained = self.chain(number, count, head, at=now, actor=self.name, kind=kind, **what)
            events.append({"ticket_id": ticket_id, "actor_id": self.user_id, **chained.columns()})
            head = chained.hash

        new_status = status
        if step == "comment":
            event("comment", text="Looked at the logs; more soon.")
        elif step == "start":
            new_status = "in_progress"
            event("status", field="status", old=status, new=new_status)
        elif step == "wait":
            new_status = "waiting_on_customer"
            event("status", field="status", old=status, new=new_status, text="the export file")
        else:
            new_status = "in_progress"
            event("customer_reply", text="Here it is.", data={"contact": None, "channel": "email"})
            event("status", field="status", old=status, new=new_status)
        if new_status == status:
            self._q(UPDATE_FACTS, {"updated_at": now, "key": ticket_id})
        else:
            self._q(
                UPDATE_FACTS_STATUS, {"updated_at": now, "status": new_status, "key": ticket_id}
            )
        if len(events) == 1:
            self._q(INSERT_EVENT, events[0]).fetchall()
        else:
            self._q(INSERT_EVENTS_2, numbered(events)).fetchall()
        self._q(UPDATE_CLOCK, {"v_seen_seq": count, "pk_ticket_id": ticket_id})
        ticket = {
            "v_updated_at": now, "v_last_event_hash": head, "v_event_count": count,
            "new_version": version + 1, "pk_id": ticket_id, "old_version": version,
        }  # fmt: skip
        if new_status == status:
            updated = self._q(UPDATE_TICKET, ticket)
        else:
            updated = self._q(UPDATE_TICKET_STATUS, {**ticket, "v_status": new_status})
        if updated.rowcount != 1:
            raise RuntimeError(f"{number} changed meanwhile")
        action = {"comment": "comment", "start": "start", "wait": "wait_on_customer"}
        self._ledger(
            action.get(step, "customer_replied"), now, number,
            [("event", e["seq"], e["hash"]) for e in events],
        )  # fmt: skip
        return new_status

    # -- an opening: 12 statements -----------------------------------------------------

    def open_ticket(self) -> None:
        now = datetime.now(UTC)
        me = one_row(self._q(USER, {"pk_1": self.user_id}))
        customer_id = one_row(self._q(CUSTOMER, {"code": "ACME"}))[0]
        contracts = self._q(CONTRACTS, {"criticality": "medium", "customer_id": customer_id})
        contract = contracts.fetchall()[-1]
        (contract_id, code, calendar_id, tier) = contract[0], contract[1], contract[7], contract[3]
        priority, response, resolution = contract[11], contract[12], contract[13]
        ticket_id, seq_number = one_row(self._q(NEXT_IDENTITY, {}))
        number = f"SD-{seq_number:06d}"
        engineers = self._q(ENGINEERS, ENGINEERS_PARAMS).fetchall()
        # Round robin as the app's policy: the longest idle engineer under their limit.
        free = [e for e in engineers if e[16] < (e[13] or 10_000)] or engineers
        chosen = min(free, key=lambda e: (e[14] or datetime.min.replace(tzinfo=UTC), e[0]))
        claim = self._q(CLAIM, {"claimed_at": now, "open_tickets_1": 1, "claimed": chosen[0]})
        claim.fetchall()
        assignee_id, assignee = chosen[0], chosen[1]
        data = {"category": "incident", "contact": None, "contract": code,
                "criticality": "medium", "customer": "ACME", "environment": "production",
                "priority": priority, "product": None, "service_type": SERVICE,
                "sla": {"clock": "business hours", "resolution_minutes": resolution,
                        "response_minutes": response, "tier": tier},
                "status": "new", "subject": "The export stopped again"}  # fmt: skip
        created = self.chain(number, 1, "0" * 64, at=now, actor=me[1], kind="created",
                             text="Since this morning's run.", data=data)  # fmt: skip
        assigned = self.chain(
            number, 2, created.hash, at=now, actor="system", kind="assigned", field="assignee",
            new=assignee, text=f"auto: available, idle 0 min, {chosen[16]} open tickets",
            data={"automatic": True, "policy": "round_robin"},
        )  # fmt: skip
        status = self.chain(number, 3, assigned.hash, at=now, actor="system", kind="status",
                            field="status", old="new", new="assigned")  # fmt: skip
        response_due = now + timedelta(minutes=response)
        self._q(INSERT_TICKET, TICKET_DEFAULTS | {
            "id": ticket_id, "number": number, "customer_id": customer_id,
            "subject": "The export stopped again", "description": "Since this morning's run.",
            "priority": priority, "status": "assigned", "assignee_id": assignee_id,
            "created_by_id": self.user_id, "created_at": now, "updated_at": now,
            "last_event_hash": status.hash, "event_count": 3,
            "first_response_due_at": response_due,
            "resolution_due_at": now + timedelta(minutes=resolution),
            "sla_due_at": response_due,
        })  # fmt: skip
        self._q(INSERT_CLOCK, CLOCK_DEFAULTS | {
            "ticket_id": ticket_id, "contract_id": contract_id, "calendar_id": calendar_id,
            "tier": tier, "response_minutes": response, "resolution_minutes": resolution,
            "next_check_at": response_due - timedelta(hours=1),
        })  # fmt: skip
        events = [
            {"ticket_id": ticket_id, "actor_id": actor, **chained.columns()}
            for actor, chained in ((self.user_id, created), (1, assigned), (1, status))
        ]
        self._q(INSERT_EVENTS_3, numbered(events)).fetchall()
        self._q(INSERT_FACTS, FACTS_DEFAULTS | {
            "ticket_id": ticket_id, "response_target_minutes": response,
            "resolution_target_minutes": resolution, "updated_at": now, "opened_at": now,
            "customer_id": customer_id, "priority": priority,
        })  # fmt: skip
        self._q(OPEN_ROLLUPS, open_rollups(now.date(), customer_id, priority))
        birth = self.fingerprint(number, now, me[1])
        links = [("ticket", 0, birth)] + [("event", e["seq"], e["hash"]) for e in events]
        self._ledger("open_ticket", now, number, links)
        if assignee == self.name:
            self.mine[number] = "assigned"

    def _ledger(self, action: str, now: datetime, number: str, links: list[Any]) -> None:
        self._exec("ledger", {
            "k_user": self.user_id, "k_key": uuid.uuid4().hex, "k_action": action,
            "k_result": json.dumps({"ticket": number}), "k_created": now,
            "kinds": [k for k, _, _ in links], "numbers": [number] * len(links),
            "seqs": [s for _, s, _ in links], "entries": [h for _, _, h in links],
            "channel": CHANNEL, "notify": [number],
        }).fetchall()  # fmt: skip

    def close(self) -> None:
        self.conn.close()


def floor_client(
    dsn: str, name: str, seconds: float, start_at: float, _think: float
) -> tuple[list[Sample], float, float]:
    """One floor desk's samples, its CPU seconds and its backend's (as desk_client)."""
    desk = FloorDesk(dsn, name, open_tickets_of(_sqlalchemy_url(dsn), name, 40), hash(name))
    try:
        for _ in range(3):
            desk.act()
        backend = int(desk._one("SELECT pg_backend_pid()", ())[0])
        desk.conn.commit()
        time.sleep(max(0.0, start_at - time.time()))
        samples: list[Sample] = []
        cpu, server = time.process_time(), _proc_cpu(backend)
        end = time.time() + seconds
        while time.time() < end:
            samples.append(timed(desk.act))
        return samples, time.process_time() - cpu, _proc_cpu(backend) - server
    finally:
        desk.close()


def _sqlalchemy_url(dsn: str) -> str:
    return dsn.replace("postgresql://", "postgresql+psycopg://", 1)


def run_floor(url: str, clients: int, seconds: float) -> dict[str, Any]:
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    names = engineer_names(clients)
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 3 + clients * 0.3
    with ctx.Pool(clients) as pool:
        results = pool.starmap(floor_client, [(dsn, n, seconds, start_at, 0.0) for n in names])
    return clients_summary(results, seconds)


def verify(url: str, filled: int) -> str:
    """``history verify``'s problems but those of the filled tickets (the benchmark's
    fill writes tickets without history: every check of their fields fails)."""
    from app.bootstrap import open_services
    from benchmarks.write_path_setup import FAST

    services = open_services(url, passwords=FAST)
    try:
        report = services.history.verify()
        old = {f"SD-{i:06d}" for i in range(1, filled + 1)}
        problems = [str(p) for p in report.problems if str(p).split(" ", 1)[0] not in old]
        # The floor does not recompute SLA columns or set first_responded_at (see the
        # module notes): those fields differ; anything else (chains, ledger) must not.
        sla = ("first_responded_at", "sla_due_at", "resolution_due_at", "sla_state",
               "first_response_due_at")  # fmt: skip
        other = [p for p in problems if not any(f"field {f} " in p for f in sla)]
        checked = f"{report.tickets_checked} tickets, {report.events_checked} events"
        return (
            f"{checked}: {len(problems) - len(other)} SLA-column differences (not"
            f" recomputed by the floor), {len(other)} other problems {other[:3]}"
        )
    finally:
        services.db.dispose()


_SHOWN = ("actions_per_s", "p50_ms", "p99_ms", "errors", "client_cpu_ms_per_action",
          "server_cpu_ms_per_action", "load_average")  # fmt: skip


def table(rows: dict[str, dict[str, Any]]) -> str:
    lines = ["| run | " + " | ".join(_SHOWN) + " |", "|---" * (len(_SHOWN) + 1) + "|"]
    for label, r in rows.items():
        lines.append(f"| {label} | " + " | ".join(str(r.get(k)) for k in _SHOWN) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=1, help="app, floor alternated")
    parser.add_argument("--floor-only", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--verify", action="store_true", help="history verify afterwards")
    args = parser.parse_args()
    name = f"wp_floor_{os.getpid()}"
    url = fresh_postgres(name)
    rows: dict[str, dict[str, Any]] = {}
    try:
        prepare(url, args.tickets, args.clients)
        for r in range(1, args.rounds + 1):
            if not args.floor_only:
                rows[f"app {r}"] = run_clients(url, args.clients, args.seconds)
                print(f"app {r}: {rows[f'app {r}']}", flush=True)
            rows[f"floor {r}"] = run_floor(url, args.clients, args.seconds)
            print(f"floor {r}: {rows[f'floor {r}']}", flush=True)
        if args.verify:  # the floor's rows are the app's: chains, ledger, fields replayed
            print(f"history verify: {verify(url, args.tickets)}")
    finally:
        drop_postgres(name)
    print(f"\n{args.clients} clients, {args.seconds:.0f} s, {args.tickets} tickets\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
