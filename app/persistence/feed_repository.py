"""Storage of the change feed: the token other desks poll and, on PostgreSQL, the NOTIFY
they LISTEN for.

No counter row (issue 19): every ticket change appends history, and ``ticket_events``
is insert-only (so are the release side's promotion and installation events, which
count too), so the highest event id moves exactly when a change commits — read
from the end of its primary key, written by nobody in particular. On SQLite, writers
are serialised, so ids become visible in order. On PostgreSQL an event id taken early
may commit after a later one; a poll in that instant misses it, which is why the poll
is only the fallback there: the NOTIFY, sent at commit with the ticket's number, is
what desks listen to.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.errors import DatabaseUnavailable
from app.persistence.orm import TicketEvent
from app.persistence.orm_releases import InstallationEvent, PromotionEvent

CHANNEL = "supportdesk_changes"
COUNTER = "changes"  # the counters row of old; no longer written (migration 0016)


class ChangeFeedRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._payloads: list[str] = []

    def bump(self, payload: str = "") -> None:
        """On PostgreSQL, notify at commit; the poll token needs no write (see above).

        The NOTIFY is sent when the unit of work commits (:meth:`take`): with the
        ledger's append when there is one (one statement, issue 19), else on its own.
        PostgreSQL delivers it at COMMIT either way."""
        if self.session.get_bind().dialect.name == "postgresql":
            self._payloads.append(payload)

    def take(self) -> list[str]:
        """The payloads not yet sent (the unit of work sends them before COMMIT)."""
        taken, self._payloads = self._payloads, []
        return taken

    def send(self, payloads: Sequence[str]) -> None:
        """NOTIFY each of ``payloads`` in one statement."""
        if payloads:
            self.session.execute(
                text("SELECT count(pg_notify(:channel, p)) FROM unnest(CAST(:ps AS text[])) p"),
                {"channel": CHANNEL, "ps": list(payloads)},
            )


# Every change other desks show appends to one of these insert-only histories: tickets,
# and the release side (promotion steps, installations), which writes no ticket event.
FEED_HISTORIES = (TicketEvent, PromotionEvent, InstallationEvent)


def read_token(engine: Engine) -> int:
    """The sum of the histories' highest event ids, read on a connection of its own: each
    only grows, so the sum moves exactly when any of them gains a row."""
    newest = [
        select(func.coalesce(func.max(table.id), 0)).scalar_subquery() for table in FEED_HISTORIES
    ]
    try:
        with engine.connect() as conn:
            value = conn.execute(select(sum(newest[1:], newest[0]))).scalar()
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(f"cannot check for changes: {detail}") from None
    return int(value or 0)


def listen_conninfo(url: URL) -> str:
    """A plain libpq connection string for ``url`` (LISTEN needs a connection of its own)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
