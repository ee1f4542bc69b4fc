"""Storage of the change feed: the token other desks poll and, on PostgreSQL, the NOTIFY
they LISTEN for.

No counter row (issue 19): every ticket change appends history, and ``ticket_events``
is insert-only, so the highest event id moves exactly when a change commits — read
from the end of its primary key, written by nobody in particular. On SQLite, writers
are serialised, so ids become visible in order. On PostgreSQL an event id taken early
may commit after a later one; a poll in that instant misses it, which is why the poll
is only the fallback there: the NOTIFY, sent at commit with the ticket's number, is
what desks listen to.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.errors import DatabaseUnavailable
from app.persistence.orm import TicketEvent

CHANNEL = "supportdesk_changes"
COUNTER = "changes"  # the counters row of old; no longer written (migration 0016)


class ChangeFeedRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def bump(self, payload: str = "") -> None:
        """On PostgreSQL, notify at commit; the poll token needs no write (see above)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": payload},
            )


def read_token(engine: Engine) -> int:
    """The highest history event id, read on a connection of its own."""
    try:
        with engine.connect() as conn:
            value = conn.execute(select(func.max(TicketEvent.id))).scalar()
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(f"cannot check for changes: {detail}") from None
    return int(value or 0)


def listen_conninfo(url: URL) -> str:
    """A plain libpq connection string for ``url`` (LISTEN needs a connection of its own)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
