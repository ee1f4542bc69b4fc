"""A desk shaped like a real one, loaded fast with Core inserts: for the query-plan test
and the queue benchmark (issue 19).

What matters to a query planner is the shape, not the volume: most tickets are closed
history (about 10 % open, and open tickets mostly recent), customers and engineers of
uneven size, a few words that appear everywhere and many that are rare, about three
history events per ticket of which one carries written text. The rows are what the
ticket service would write minus the hash chain (the queue never reads it).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any, cast

from sqlalchemy import Engine, Table, insert, select

from app.domain.history import GENESIS
from app.domain.tickets import format_number
from app.persistence.orm import Customer, Ticket, TicketEvent, User

# Declarative types __table__ as a FromClause; these are plain Tables, which insert() needs.
_customers = cast(Table, Customer.__table__)
_users = cast(Table, User.__table__)
_tickets = cast(Table, Ticket.__table__)
_events = cast(Table, TicketEvent.__table__)

# A Zipf-like vocabulary: the first words are in a large share of the tickets.
COMMON = ["mail", "error", "login", "report", "server", "slow", "printer", "backup"]
RARE_WORD = "zeppelin"  # in one ticket in RARE_EVERY
RARE_EVERY = 5_000
RARE_COMMENT_WORD = "quokka"  # only ever in a comment, one ticket in RARE_EVERY
_VOCABULARY = COMMON + [f"w{i:04d}" for i in range(3000)]
_CUMULATIVE = list(accumulate(1.0 / (i + 1) ** 1.1 for i in range(len(_VOCABULARY))))
OPEN_SHARE = [
    ("new", 15),
    ("assigned", 20),
    ("in_progress", 35),
    ("waiting_on_customer", 20),
    ("resolved", 10),
]
ENGINEERS = 20
CUSTOMERS = 120
CHUNK = 5_000


def _words(rnd: random.Random, n: int) -> list[str]:
    return rnd.choices(_VOCABULARY, cum_weights=_CUMULATIVE, k=n)


def load_desk(engine: Engine, tickets: int, *, seed: int = 19) -> None:
    """Add ``tickets`` tickets (5 years, ~10 % open and recent) with their customers,
    engineers and ~3 events each, then refresh the planner's statistics."""
    rnd = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    span = timedelta(days=5 * 365)
    with engine.begin() as conn:
        conn.execute(
            insert(_customers),
            [
                {
                    "code": f"C{i:04d}",
                    "name": f"Customer {i:04d} {_words(rnd, 1)[0]}",
                    "created_at": now - span,
                }
                for i in range(CUSTOMERS)
            ],
        )
        conn.execute(
            insert(_users),
            [
                {
                    "username": f"desk_eng{i:02d}",
                    "full_name": f"Engineer {i}",
                    "email": "",
                    "role": "engineer",
                    "department": "support",
                    "password_hash": "x",
                    "active": True,
                    "created_at": now - span,
                }
                for i in range(ENGINEERS)
            ],
        )
        customer_ids = list(conn.scalars(select(_customers.c.id)))
        engineer_ids = list(
            conn.scalars(select(_users.c.id).where(_users.c.username.like("desk_eng%")))
        )
        first = int(conn.scalar(select(_tickets.c.id).order_by(Ticket.id.desc())) or 0)
        # Customers of uneven size: the biggest has about a fifth of all tickets.
        c_weights = list(accumulate(1.0 / (i + 1) for i in range(len(customer_ids))))
        e_weights = list(accumulate(1.0 / (i + 1) ** 0.5 for i in range(len(engineer_ids))))
        open_statuses = [s for s, _ in OPEN_SHARE]
        open_weights = [w for _, w in OPEN_SHARE]
        for start in range(0, tickets, CHUNK):
            rows: list[dict[str, Any]] = []
            events: list[dict[str, Any]] = []
            for i in range(start, min(tickets, start + CHUNK)):
                tid = first + i + 1
                age = 1.0 - i / max(1, tickets)  # 1 = five years ago, 0 = now
                created = now - span * age
                recent = age < 0.08
                is_open = rnd.random() < (0.8 if recent else 0.037)
                status = (
                    rnd.choices(open_statuses, open_weights)[0]
                    if is_open
                    else ("cancelled" if rnd.random() < 0.08 else "closed")
                )
                subject = _words(rnd, 4)
                body = _words(rnd, 12)
                if i % RARE_EVERY == 7:
                    subject.append(RARE_WORD)
                running = is_open and status not in ("waiting_on_customer", "resolved")
                row = {
                    "id": tid,
                    "number": format_number(tid),
                    "customer_id": rnd.choices(customer_ids, cum_weights=c_weights)[0],
                    "environment": "production",
                    "service_type": "first_level_support",
                    "category": "incident",
                    "subject": " ".join(subject).capitalize(),
                    "description": " ".join(body),
                    "criticality": "medium",
                    "priority": rnd.randint(1, 4),
                    "status": status,
                    "assignee_id": None
                    if status == "new"
                    else rnd.choices(engineer_ids, cum_weights=e_weights)[0],
                    "created_by_id": engineer_ids[0],
                    "created_at": created,
                    "updated_at": created + timedelta(minutes=rnd.randint(1, 20_000)),
                    "resolved_at": None,
                    "closed_at": None,
                    "problem_nature": None,
                    "solution": None,
                    "time_logged_minutes": 0,
                    "last_event_hash": GENESIS,
                    "event_count": 3,
                    "sla_due_at": created + timedelta(hours=rnd.randint(1, 96))
                    if running
                    else None,
                    "sla_state": rnd.choices(["on_track", "at_risk", "breached"], [85, 10, 5])[0]
                    if running
                    else None,
                    "version": 1,
                }
                if not is_open or status == "resolved":
                    row["resolved_at"] = created + timedelta(hours=rnd.randint(1, 200))
                    row["problem_nature"] = " ".join(_words(rnd, 3))
                    row["solution"] = " ".join(_words(rnd, 5))
                if not is_open:
                    row["closed_at"] = row["resolved_at"]
                rows.append(row)
                comment = _words(rnd, 10)
                if i % RARE_EVERY == 11:
                    comment.append(RARE_COMMENT_WORD)
                actor = row["assignee_id"] or engineer_ids[0]
                for seq, (kind, text) in enumerate(
                    (("created", None), ("comment", " ".join(comment)), ("status", None)), 1
                ):
                    events.append(
                        {
                            "ticket_id": tid,
                            "seq": seq,
                            "occurred_at": created + timedelta(hours=seq),
                            "actor_id": actor,
                            "kind": kind,
                            "field": None,
                            "old_value": None,
                            "new_value": None,
                            "text": text,
                            "minutes": 15 if seq == 2 else 0,
                            "internal": False,
                            "data": "{}",
                            "prev_hash": GENESIS,
                            "hash": GENESIS,
                        }
                    )
            conn.execute(insert(_tickets), rows)
            conn.execute(insert(_events), events)
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('tickets', 'id'), "
                "(SELECT max(id) FROM tickets))"
            )
    analyze(engine)


def analyze(engine: Engine) -> None:
    """Fresh planner statistics, as ``Database.refresh_statistics`` keeps them (spelled
    out here so the benchmark can load a checkout that predates it)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
