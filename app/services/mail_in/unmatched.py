"""Unmatched mail: care staff attach a mail from an unknown sender to a customer
(creating the contact when needed; the mail opens a ticket) or discard it. Either way
the decision is recorded: in the new ticket's history, and on the mail itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import NotFound, ValidationError
from app.domain.roles import Permission
from app.domain.tickets import REASON_MAX, clean_text
from app.persistence.orm import Contact, Customer
from app.persistence.orm_mail import MailMessage
from app.persistence.unit_of_work import UnitOfWork
from app.services.attachments import Limits, prepare
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.mail_in.arrival import MailboxDefaults
from app.services.mail_in.outcome import MailStatus
from app.services.mail_in.parse import parse_mail
from app.services.mail_in.recording import add_mail_files, ticket_request, uploads
from app.services.tickets import TicketService


@dataclass(frozen=True)
class MailView:
    id: int
    message_id: str
    sender: str
    sender_name: str
    subject: str
    body: str
    received_at: datetime
    status: str
    reason: str

    @classmethod
    def of(cls, m: MailMessage) -> MailView:
        return cls(
            m.id,
            m.message_id,
            m.sender,
            m.sender_name,
            m.subject,
            m.body,
            m.received_at,
            m.status,
            m.reason,
        )


class UnmatchedMailService:
    def __init__(self, ctx: ServiceContext, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    def list(self, actor: Actor, *, limit: int = 500) -> list[MailView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return [MailView.of(m) for m in uow.mail.by_status(MailStatus.UNMATCHED, limit=limit)]

    def attach(
        self,
        actor: Actor,
        mail_id: int,
        *,
        customer: str,
        contact_name: str = "",
        service_type: str | None = None,
        criticality: str | None = None,
    ) -> str:
        """Open a ticket for ``customer`` from the mail; the sender becomes (or is found
        as) the customer's contact. Returns the ticket's number."""
        defaults = MailboxDefaults()
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor, Permission.RECORD_CUSTOMER_RESPONSE)
            row = self._waiting(uow, mail_id)
            cust = uow.customers.get(customer)
            raw = uow.attachments.blob(row.raw_sha256)
            if raw is None:
                raise NotFound(f"the bytes of mail {mail_id} are missing.")
            mail = parse_mail(raw)
            contact, created = self._contact(uow, cust, row, contact_name)
            request = ticket_request(
                mail,
                cust.code,
                contact.id,
                service_type or defaults.service_type,
                criticality or defaults.criticality,
            )
            now = self.ctx.clock.now()
            prepared = prepare(uploads(mail), Limits.from_settings(self.ctx.settings))
            ticket = self.tickets.open_in(uow, me, request)
            row.status = MailStatus.ATTACHED.value
            row.ticket_id = ticket.id
            row.decided_by_id = me.id
            row.decided_at = now
            note = f"Mail from {row.sender} taken from Unmatched mail by {me.username}" + (
                f"; new contact {contact.name}" if created else ""
            )
            add_mail_files(uow, ticket, me, prepared, now, mail_row=row, note=note)
            self.tickets.pipeline.finish(uow, ticket)
            uow.commit()
            return ticket.number

    def discard(self, actor: Actor, mail_id: int, reason: str) -> None:
        reason = clean_text("reason", reason, max_len=REASON_MAX)
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor, Permission.RECORD_CUSTOMER_RESPONSE)
            row = self._waiting(uow, mail_id)
            row.status = MailStatus.DISCARDED.value
            row.reason = f"{row.reason}; discarded by {me.username}: {reason}".lstrip("; ")
            row.decided_by_id = me.id
            row.decided_at = self.ctx.clock.now()
            uow.commit()

    @staticmethod
    def _waiting(uow: UnitOfWork, mail_id: int) -> MailMessage:
        row = uow.mail.get(mail_id, lock=True)
        if row is None:
            raise NotFound(f"no mail {mail_id}.")
        if row.status != MailStatus.UNMATCHED:
            raise ValidationError(f"mail {mail_id} was already handled ({row.status}).")
        return row

    @staticmethod
    def _contact(
        uow: UnitOfWork, customer: Customer, row: MailMessage, name: str
    ) -> tuple[Contact, bool]:
        for contact in uow.mail.contacts_by_email(row.sender):
            if contact.customer_id == customer.id:
                return contact, False
        name = clean_text(
            "contact name", name or row.sender_name or row.sender, max_len=200, single_line=True
        )
        contact = Contact(customer=customer, name=name, email=row.sender)
        uow.customers.add_contact(contact)
        uow.flush()
        return contact, True
