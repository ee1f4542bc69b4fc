"""The write path without hot rows (issue 19): ticket numbers and engineers' open-ticket
counts.

Ticket numbers
    PostgreSQL: the sequence ``ticket_numbers`` (migration 0016). ``nextval`` takes no
    row lock, so desks opening tickets at the same moment never queue on a counter row;
    the price is that a rolled-back opening leaves a gap in the numbers.
    SQLite: the newest ticket by rowid carries the highest number (SQLite has one
    writer at a time, and every writer numbers its tickets in the order it inserts
    them), so the next number is one read at the right edge of the table's b-tree —
    no counter row to UPDATE.

Open-ticket counts
    ``engineer_profiles.open_tickets`` is kept by the change pipeline
    (``app.services.auto_assign.OpenCountHook``) in the transaction of every change,
    so assigning reads one column instead of counting the engineer's tickets.
    Writers that bypass the pipeline (imports, bulk generators) call :func:`resync`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.orm import Session

from app.domain.assignment import LOAD_STATUSES
from app.persistence.orm import Ticket
from app.persistence.orm_assignment import EngineerProfile

SEQUENCE = "ticket_numbers"
_LOAD = sorted(s.value for s in LOAD_STATUSES)


def _number_value(number: str | None) -> int:
    """42 for ``SD-000042`` (0 for no ticket or a number not of ours)."""
    if not number:
        return 0
    tail = number.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def next_ticket_numbers(session: Session, count: int = 1) -> list[int]:
    """``count`` new ticket numbers, ascending (consecutive on SQLite; on PostgreSQL
    another desk's numbers may fall between them)."""
    if session.get_bind().dialect.name == "postgresql":
        if count == 1:
            return [int(session.scalar(text(f"SELECT nextval('{SEQUENCE}')")) or 0)]
        rows = session.scalars(
            text(f"SELECT nextval('{SEQUENCE}') FROM generate_series(1, :n)"), {"n": count}
        )
        return sorted(int(n) for n in rows)
    last = session.scalar(select(Ticket.number).order_by(Ticket.id.desc()).limit(1))
    first = _number_value(last) + 1
    return list(range(first, first + count))


def next_ticket_identity(session: Session) -> tuple[int, int]:
    """The new ticket's row id and number, before it is inserted, in one statement.

    Known up front, the ticket is inserted once with its created event's chain head, and
    the hooks' rows (the SLA clock, events) can name it before anything is flushed: the
    session then writes each table once (issue 19: an opening in few statements).
    PostgreSQL: both sequences (``tickets``'s own id sequence and ``ticket_numbers``) —
    no lock, a rolled-back opening leaves a gap in each. SQLite: one writer at a time
    (IMMEDIATE); the table has no AUTOINCREMENT, so the newest rowid plus one is what
    SQLite itself would give the row, and its number plus one the next number."""
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(
            text(f"SELECT nextval(pg_get_serial_sequence('tickets', 'id')), nextval('{SEQUENCE}')")
        ).one()
        return int(row[0]), int(row[1])
    last = session.execute(select(Ticket.id, Ticket.number).order_by(Ticket.id.desc()).limit(1))
    newest = last.first()
    if newest is None:
        return 1, 1
    return int(newest[0]) + 1, _number_value(newest[1]) + 1


def open_counts(session: Session, user_ids: Collection[int]) -> dict[int, int]:
    """The maintained open-ticket counts of ``user_ids`` (0 for anyone without a row)."""
    counts = {uid: 0 for uid in user_ids}
    if user_ids:
        query = select(EngineerProfile.user_id, EngineerProfile.open_tickets).where(
            EngineerProfile.user_id.in_(list(user_ids))
        )
        counts.update({uid: int(n or 0) for uid, n in session.execute(query)})
    return counts


def add_open(session: Session, user_id: int, delta: int, last_assigned: Any = None) -> int | None:
    """Move ``user_id``'s count by ``delta`` in this transaction (and, given, set
    ``last_assigned_at`` to ``last_assigned``, an expression: the same UPDATE); the new
    count, or None when they have no profile row yet (the caller creates it)."""
    values: dict[str, Any] = {"open_tickets": EngineerProfile.open_tickets + delta}
    if last_assigned is not None:
        values["last_assigned_at"] = last_assigned
    return session.scalar(
        update(EngineerProfile)
        .where(EngineerProfile.user_id == user_id)
        .values(**values)
        .returning(EngineerProfile.open_tickets),
        execution_options={"synchronize_session": False},
    )


def count_open(session: Session, user_id: int) -> int:
    """Count ``user_id``'s open tickets the slow way (a profile's first row)."""
    query = select(func.count()).where(Ticket.assignee_id == user_id, Ticket.status.in_(_LOAD))
    return int(session.scalar(query) or 0)


def resync(conn: Connection, *, numbers: bool = True) -> None:
    """After writes that bypassed the services: every profile's open count is recounted,
    and (``numbers``, for bulk loads that wrote their own numbers while no desk was
    open) the sequence continues after the highest ticket number — never backwards."""
    if numbers and conn.dialect.name == "postgresql":
        highest = (
            "SELECT greatest(coalesce(max(CAST(substring(number from '[0-9]+$') AS bigint)), 0),"
            " coalesce((SELECT value FROM counters WHERE name = 'ticket'), 0),"
            f" (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SEQUENCE}))"
            " AS m FROM tickets"
        )
        conn.execute(text(f"SELECT setval('{SEQUENCE}', greatest(m, 1), m > 0) FROM ({highest}) h"))
    loads = (
        select(func.count())
        .where(Ticket.assignee_id == EngineerProfile.user_id, Ticket.status.in_(_LOAD))
        .scalar_subquery()
    )
    conn.execute(update(EngineerProfile).values(open_tickets=loads))
