"""Many tickets, fast: Core inserts in one transaction, for queue tests and benchmarks.

The rows are what the ticket service would write minus the history (the queue never
reads history); the ticket counter is moved on so later tickets get fresh numbers.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Table, insert, select, update

from app.domain.history import GENESIS
from app.domain.tickets import format_number
from app.persistence.orm import Counter, Customer, Ticket, User

WORDS = [
    "invoice",
    "mail",
    "login",
    "printer",
    "backup",
    "report",
    "server",
    "disk",
    "network",
    "timeout",
    "upgrade",
    "database",
    "certificate",
    "export",
    "import",
    "password",
    "screen",
    "slow",
    "crash",
    "error",
    "sync",
]
# One ticket in RARE_EVERY mentions RARE_WORD: a selective full-text search.
RARE_WORD = "zeppelin"
RARE_EVERY = 10_000
STATUSES = ["closed"] * 6 + ["new", "assigned", "in_progress", "waiting_on_customer", "resolved"]
CHUNK = 10_000


def _table(model: Any) -> Table:
    """A mapped class's table, typed for Core statements."""
    return cast(Table, model.__table__)


def bulk_tickets(
    engine: Engine, count: int, *, customers: int = 50, seed: int = 7, start: datetime | None = None
) -> None:
    rnd = random.Random(seed)
    start = start or datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        now = datetime.now(UTC)
        conn.execute(
            insert(_table(Customer)),
            [
                {"code": f"BULK{i:03d}", "name": f"Bulk Customer {i:03d}", "created_at": now}
                for i in range(customers)
            ],
        )
        customer_ids = list(conn.scalars(select(Customer.__table__.c.id)))
        user_ids = list(conn.scalars(select(User.__table__.c.id)))
        engineers = list(
            conn.scalars(select(User.__table__.c.id).where(User.__table__.c.role == "engineer"))
        ) or [None]
        first = int(
            conn.scalar(
                select(Counter.__table__.c.value).where(Counter.__table__.c.name == "ticket")
            )
            or 0
        )
        # The SLA feature's derived columns, when present: open work has a deadline.
        has_sla = "sla_due_at" in Ticket.__table__.c and "sla_state" in Ticket.__table__.c
        for chunk_start in range(0, count, CHUNK):
            rows: list[dict[str, Any]] = []
            for i in range(chunk_start, min(count, chunk_start + CHUNK)):
                seq = first + i + 1
                status = rnd.choice(STATUSES)
                words = rnd.sample(WORDS, 4)
                if i % RARE_EVERY == 0:
                    words.append(RARE_WORD)
                created = start + timedelta(minutes=7 * i)
                rows.append(
                    {
                        "number": format_number(seq),
                        "customer_id": rnd.choice(customer_ids),
                        "environment": "production",
                        "service_type": "first_level_support",
                        "category": "incident",
                        "subject": " ".join(words[:3]).capitalize(),
                        "description": " ".join(words),
                        "criticality": "medium",
                        "priority": rnd.randint(1, 4),
                        "status": status,
                        "assignee_id": None if status == "new" else rnd.choice(engineers),
                        "created_by_id": rnd.choice(user_ids),
                        "created_at": created,
                        "updated_at": created + timedelta(minutes=rnd.randint(0, 5000)),
                        "time_logged_minutes": 0,
                        "last_event_hash": GENESIS,
                        "event_count": 0,
                        "version": 1,
                    }
                )
            if has_sla:
                for row in rows:
                    row["sla_due_at"] = row["sla_state"] = None
                    if row["status"] not in ("closed", "resolved", "waiting_on_customer"):
                        row["sla_due_at"] = row["created_at"] + timedelta(hours=rnd.randint(1, 72))
                        row["sla_state"] = rnd.choice(["on_track", "on_track", "at_risk"])
            conn.execute(insert(_table(Ticket)), rows)
        conn.execute(
            update(_table(Counter))
            .where(Counter.__table__.c.name == "ticket")
            .values(value=first + count)
        )
        if first == 0 and count:
            # No ticket opened yet: the counter row may not exist.
            exists = conn.scalar(
                select(Counter.__table__.c.value).where(Counter.__table__.c.name == "ticket")
            )
            if exists is None:
                conn.execute(insert(_table(Counter)).values(name="ticket", value=count))
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE tickets")
        else:
            conn.exec_driver_sql("ANALYZE")
