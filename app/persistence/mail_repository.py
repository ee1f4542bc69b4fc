"""Storage of the mail conversation: mail received, the Message-IDs that thread it,
outgoing mail's extras and canned replies."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.persistence.orm import Contact, Ticket
from app.persistence.orm_mail import CannedReply, MailMessage, OutboxMail
from app.persistence.orm_sla import OutboxMessage


class MailRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- mail received -------------------------------------------------------------------

    def add(self, mail: MailMessage) -> None:
        self.session.add(mail)

    def get(self, mail_id: int, *, lock: bool = False) -> MailMessage | None:
        query = select(MailMessage).where(MailMessage.id == mail_id)
        if lock:
            query = query.with_for_update()
        return self.session.scalar(query)

    def seen(self, message_id: str) -> bool:
        return (
            self.session.scalar(select(MailMessage.id).where(MailMessage.message_id == message_id))
            is not None
        )

    def by_status(self, status: str, *, limit: int) -> Sequence[MailMessage]:
        return self.session.scalars(
            select(MailMessage)
            .where(MailMessage.status == status)
            .order_by(MailMessage.id)
            .limit(limit)
        ).all()

    def for_ticket(self, ticket_id: int) -> Sequence[MailMessage]:
        return self.session.scalars(
            select(MailMessage).where(MailMessage.ticket_id == ticket_id).order_by(MailMessage.id)
        ).all()

    def ticket_of_message_ids(self, message_ids: Collection[str]) -> Ticket | None:
        """The ticket one of ``message_ids`` belongs to: an outgoing mail of ours or a
        mail we received on it; the newest reference wins."""
        ids = [m for m in message_ids if m]
        if not ids:
            return None
        ours = self.session.execute(
            select(OutboxMessage.message_id, OutboxMessage.ticket_id).where(
                OutboxMessage.message_id.in_(ids), OutboxMessage.ticket_id.is_not(None)
            )
        ).all()
        theirs = self.session.execute(
            select(MailMessage.message_id, MailMessage.ticket_id).where(
                MailMessage.message_id.in_(ids), MailMessage.ticket_id.is_not(None)
            )
        ).all()
        found = {mid: tid for mid, tid in [*ours, *theirs]}
        for message_id in reversed(ids):
            if message_id in found:
                return self.session.get(Ticket, found[message_id])
        return None

    def thread_ids(self, ticket_id: int, *, limit: int = 10) -> list[str]:
        """Message-IDs of the ticket's conversation in time order: the mail that opened it,
        then the latest ones either way (``References`` of the next mail we send; the
        last is what it answers)."""
        received = self.session.execute(
            select(MailMessage.received_at, MailMessage.id, MailMessage.message_id)
            .where(MailMessage.ticket_id == ticket_id)
            .order_by(MailMessage.id)
        ).all()
        sent = self.session.execute(
            select(OutboxMessage.created_at, OutboxMessage.id, OutboxMessage.message_id)
            .where(OutboxMessage.ticket_id == ticket_id)
            .order_by(OutboxMessage.id)
        ).all()
        both = sorted(
            [(at, 0, i, m) for at, i, m in received] + [(at, 1, i, m) for at, i, m in sent]
        )
        ids = [m for *_, m in both]
        first = [received[0][2]] if received else []
        rest = [m for m in ids if m not in first]
        return first + rest[-(limit - len(first)) :]

    # -- outgoing extras -----------------------------------------------------------------

    def add_outgoing(self, extra: OutboxMail) -> None:
        self.session.add(extra)

    def outgoing(self, outbox_id: int) -> OutboxMail | None:
        return self.session.get(OutboxMail, outbox_id)

    # -- canned replies ------------------------------------------------------------------

    def canned(self) -> Sequence[CannedReply]:
        return self.session.scalars(select(CannedReply).order_by(CannedReply.title)).all()

    def canned_by_title(self, title: str) -> CannedReply | None:
        return self.session.scalar(select(CannedReply).where(CannedReply.title == title))

    def add_canned(self, reply: CannedReply) -> None:
        self.session.add(reply)

    def delete_canned(self, reply: CannedReply) -> None:
        self.session.delete(reply)

    # -- who wrote -----------------------------------------------------------------------

    def contacts_by_email(self, address: str) -> Sequence[Contact]:
        """Contacts (of any customer) with this e-mail address, case-insensitively."""
        return self.session.scalars(
            select(Contact)
            .where(func.lower(Contact.email) == address.strip().lower())
            .order_by(Contact.id)
        ).all()

    def customer_has_domain(self, customer_id: int, domain: str) -> bool:
        """Whether one of the customer's contacts writes from ``domain`` (a colleague of a
        known contact may answer in the same thread)."""
        found = self.session.scalar(
            select(Contact.id)
            .where(
                Contact.customer_id == customer_id,
                func.lower(Contact.email).endswith(f"@{domain.lower()}", autoescape=True),
            )
            .limit(1)
        )
        return found is not None
