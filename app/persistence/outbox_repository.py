"""Storage of e-mail notifications: the outbox and the templates edited by managers.

Claiming and finishing a message are conditional UPDATEs, so two senders never both
get the same message; a claim is a lease (``claimed_at`` + the sender's lease time) that
another sender may take over only while no SMTP acceptance is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.persistence.orm_sla import NotificationTemplate, OutboxMessage


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- templates -------------------------------------------------------------------------

    def template(self, key: str) -> NotificationTemplate | None:
        return self.session.get(NotificationTemplate, key)

    def add_template(self, template: NotificationTemplate) -> None:
        self.session.add(template)

    # -- messages --------------------------------------------------------------------------

    def add(self, message: OutboxMessage) -> None:
        self.session.add(message)

    def get(self, message_id: int) -> OutboxMessage | None:
        return self.session.get(OutboxMessage, message_id)

    def due(self, now: datetime, limit: int) -> Sequence[int]:
        """Ids of queued messages whose time has come, oldest first."""
        return self.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()

    def recent(self, *, status: str | None = None, limit: int) -> Sequence[OutboxMessage]:
        """The newest messages first (of one status)."""
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
        if status:
            query = query.where(OutboxMessage.status == status)
        return self.session.scalars(query).all()

    def requeue_failed(self, now: datetime) -> int:
        """Failed messages back to the queue with fresh attempts; returns how many."""
        result = self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "failed")
            .values(status="queued", attempts=0, next_attempt_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def claim(self, message_id: int, now: datetime) -> OutboxMessage | None:
        """``queued`` → ``sending`` (one more attempt); None if it was not queued."""
        claimed = self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued")
            .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return None
        return self.session.get(OutboxMessage, message_id)

    def mark_accepted(self, message_id: int, now: datetime, reply: str) -> None:
        """The SMTP server accepted the message (``reply`` is its "250 …" line): ``sent``.

        One statement, so acceptance and ``sent`` are recorded together."""
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status="sent", sent_at=now, last_error=None, smtp_reply=reply[:500])
        )

    def requeue_claimed_before(self, cutoff: datetime, now: datetime) -> int:
        """Messages whose lease ran out (claimed before ``cutoff``, no acceptance recorded:
        their sender died before the server said 250) go back to the queue."""
        result = self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == "sending",
                OutboxMessage.claimed_at < cutoff,
                OutboxMessage.smtp_reply.is_(None),
            )
            .values(status="queued", next_attempt_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
