"""A cheap "something changed" signal for other desks.

Every ticket change appends history, so the token — the highest event id — moves
exactly when a change commits (no counter row every desk would update; see
``app/persistence/feed_repository.py``); on PostgreSQL the change also sends
``NOTIFY supportdesk_changes``, delivered at commit. Clients poll
:meth:`ChangeFeed.token` (one tiny query) and, on PostgreSQL, LISTEN as well.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from app.domain.errors import DatabaseUnavailable
from app.persistence.change_log import TicketChange
from app.persistence.feed_repository import CHANNEL, COUNTER
from app.persistence.unit_of_work import UnitOfWork
from app.services.context import ServiceContext
from app.services.hooks import NO_CHANGES, TicketHook

__all__ = ["CHANNEL", "COUNTER", "ChangeCounterHook", "ChangeFeed", "bump"]

log = logging.getLogger(__name__)


class ChangeCounterHook(TicketHook):
    """Bumps the change counter (and notifies) inside every ticket transaction."""

    gathers_writes = True  # a NOTIFY, delivered at commit

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        bump(uow, change.ticket.number)
        return NO_CHANGES


def bump(uow: UnitOfWork, payload: str = "") -> None:
    """Mark a change in the caller's transaction; other writers may call it too."""
    uow.feed.bump(payload)


class ChangeFeed:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def supports_listen(self) -> bool:
        return self.ctx.db.dialect == "postgresql"

    def token(self) -> int:
        """The current change counter: when it moves, something changed."""
        return self.ctx.db.change_token()

    def listen(
        self,
        callback: Callable[[str], None],
        stop_event: threading.Event,
        *,
        poll_seconds: float = 0.25,
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        """Block, calling ``callback(payload)`` for each notification, until ``stop_event``.

        PostgreSQL only; run it in its own thread. It uses a dedicated autocommit
        connection (a pooled one would hold LISTEN state and notifications hostage).
        """
        if not self.supports_listen:
            raise DatabaseUnavailable("LISTEN/NOTIFY needs PostgreSQL; poll token() instead.")
        import psycopg

        conninfo = self.ctx.db.listen_conninfo()
        try:
            with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                if on_ready is not None:
                    on_ready()
                while not stop_event.is_set():
                    for note in conn.notifies(timeout=poll_seconds):
                        callback(note.payload)
        except psycopg.Error as exc:
            raise DatabaseUnavailable(f"lost the change notifications: {exc}") from None
