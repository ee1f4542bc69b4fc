"""Steps the mail stories share: a Gold contract, a ticket waiting on Jo, what the
database holds about a ticket and its mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_mail import MailMessage
from app.persistence.orm_sla import OutboxMessage
from tests.support.people import People


def gold_contract(services: Services, people: People) -> None:
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support", "second_level_support"],
        valid_from=date(2026, 1, 1),
    )


def ticket_row(services: Services, number: str) -> Ticket:
    with services.db.session() as s:
        row = s.scalar(select(Ticket).where(Ticket.number == number))
        assert row is not None
        s.expunge(row)
        return row


def our_message_ids(services: Services, number: str) -> list[str]:
    """Message-IDs of the mails queued to the customer about ``number``, oldest first."""
    with services.db.session() as s:
        return list(
            s.scalars(
                select(OutboxMessage.message_id)
                .join(Ticket, Ticket.id == OutboxMessage.ticket_id)
                .where(Ticket.number == number)
                .order_by(OutboxMessage.id)
            )
        )


@dataclass(frozen=True)
class Footprint:
    """How much of everything exists: a mail that 'changes nothing' leaves it equal."""

    tickets: int
    events: int
    outbox: int
    ticket_versions: int

    @classmethod
    def of(cls, services: Services) -> Footprint:
        with services.db.session() as s:
            return cls(
                s.scalar(select(func.count()).select_from(Ticket)) or 0,
                s.scalar(select(func.count()).select_from(TicketEvent)) or 0,
                s.scalar(select(func.count()).select_from(OutboxMessage)) or 0,
                s.scalar(select(func.coalesce(func.sum(Ticket.version), 0))) or 0,
            )


def mail_rows(services: Services) -> list[tuple[str, str, str]]:
    """(message id, status, reason) of every mail received, in order."""
    with services.db.session() as s:
        return [
            (m.message_id, m.status, m.reason)
            for m in s.scalars(select(MailMessage).order_by(MailMessage.id))
        ]
