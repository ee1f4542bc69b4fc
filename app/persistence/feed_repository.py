"""Storage of the change feed: the ``changes`` counter other desks poll and, on
PostgreSQL, the NOTIFY they LISTEN for."""

from __future__ import annotations

from sqlalchemy import Engine, select, text, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.errors import DatabaseUnavailable
from app.persistence.orm import Counter

CHANNEL = "supportdesk_changes"
COUNTER = "changes"


class ChangeFeedRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def bump(self, payload: str = "") -> None:
        """Move the counter in this transaction; on PostgreSQL also notify (at commit)."""
        self.session.execute(
            update(Counter).where(Counter.name == COUNTER).values(value=Counter.value + 1)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {
                    "channel": CHANNEL,
                    "payload": payload,
                },
            )


def read_token(engine: Engine) -> int:
    """The counter's current value, read on a connection of its own."""
    try:
        with engine.connect() as conn:
            value = conn.execute(select(Counter.value).where(Counter.name == COUNTER)).scalar()
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(f"cannot check for changes: {detail}") from None
    return int(value or 0)


def listen_conninfo(url: URL) -> str:
    """A plain libpq connection string for ``url`` (LISTEN needs a connection of its own)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
