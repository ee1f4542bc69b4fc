"""Storage of attachments: content-addressed blobs (kept once per SHA-256) and the
attachment rows that name them on tickets, events and received mail."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.persistence.orm_mail import Attachment, Blob


class AttachmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def put_blob(self, sha256: str, data: bytes, now: datetime) -> None:
        """Store ``data`` under its hash unless it is already there (deduplication)."""
        if self.session.get(Blob, sha256) is None:
            self.session.add(Blob(sha256=sha256, size=len(data), data=data, created_at=now))
            # Flushed now, so a second add of the same bytes in this transaction finds it.
            self.session.flush()

    def blob(self, sha256: str) -> bytes | None:
        return self.session.scalar(select(Blob.data).where(Blob.sha256 == sha256))

    def add(self, attachment: Attachment) -> None:
        self.session.add(attachment)

    def get(self, attachment_id: int) -> Attachment | None:
        return self.session.get(Attachment, attachment_id)

    def for_ticket(self, ticket_id: int) -> Sequence[Attachment]:
        return self.session.scalars(
            select(Attachment).where(Attachment.ticket_id == ticket_id).order_by(Attachment.id)
        ).all()

    def for_event(self, event_id: int) -> Sequence[Attachment]:
        return self.session.scalars(
            select(Attachment).where(Attachment.event_id == event_id).order_by(Attachment.id)
        ).all()

    def for_mail(self, mail_id: int) -> Sequence[Attachment]:
        return self.session.scalars(
            select(Attachment).where(Attachment.mail_id == mail_id).order_by(Attachment.id)
        ).all()

    def ticket_total(self, ticket_id: int) -> int:
        """Bytes of every attachment on the ticket (the per-ticket limit counts these)."""
        total = self.session.scalar(
            select(func.coalesce(func.sum(Attachment.size), 0)).where(
                Attachment.ticket_id == ticket_id
            )
        )
        return int(total or 0)

    def stored_bytes(self, ticket_id: int) -> Iterator[tuple[Attachment, bytes | None]]:
        """Each of the ticket's attachments with the bytes its blob holds now, one at a
        time (a ticket may hold hundreds of megabytes)."""
        for attachment in self.for_ticket(ticket_id):
            yield attachment, self.blob(attachment.sha256)
