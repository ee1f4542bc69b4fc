"""Mail in: one service for ``mail fetch`` (IMAP) and ``mail ingest`` (a mail server's
pipe). Each mail is one transaction: it opens a ticket, becomes a customer reply, waits
in Unmatched mail, or is kept as machine mail — all of it, or nothing.

Refused (too big, unreadable) mail raises :class:`MailRefused` and writes nothing; the
caller keeps the bytes for inspection (a file, or an IMAP folder).
"""

from __future__ import annotations

from app.domain.errors import Conflict, DomainError, ValidationError
from app.domain.history import EventKind
from app.domain.tickets import Channel, Status
from app.persistence.orm import Contact, Ticket
from app.persistence.unit_of_work import UnitOfWork
from app.services.attachments import Limits, prepare, store
from app.services.common import storage_errors
from app.services.context import ServiceContext
from app.services.history import append_event
from app.services.mail_in.arrival import Arrival, MailboxDefaults
from app.services.mail_in.loops import machine_reason
from app.services.mail_in.matching import find_ticket, may_speak_for, sender_contact
from app.services.mail_in.outcome import IngestResult, MailStatus
from app.services.mail_in.parse import MalformedMail, ParsedMail, parse_mail
from app.services.mail_in.recording import (
    add_mail_files,
    own_words,
    record_mail,
    ticket_request,
    uploads,
)
from app.services.pipeline import ChangePipeline
from app.services.ticket_changes import set_status
from app.services.tickets import TicketService

MiB = 1024 * 1024
DEFAULT_MAX_MESSAGE = 40 * MiB  # a 25 MiB file grows by a third in base64


class MailRefused(ValidationError):
    """The mail was not taken in (too big, unreadable); nothing was written."""


class Unmatched(Exception):
    """The mail belongs to no ticket and no known contact: a person decides (the reason)."""


class MailInService:
    def __init__(self, ctx: ServiceContext, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    @property
    def pipeline(self) -> ChangePipeline:
        return self.tickets.pipeline

    @property
    def max_message_bytes(self) -> int:
        raw = (self.ctx.settings.get("mail") or {}).get("max_message_bytes", DEFAULT_MAX_MESSAGE)
        return int(raw)

    def ingest(self, raw: bytes, defaults: MailboxDefaults | None = None) -> IngestResult:
        defaults = defaults or MailboxDefaults()
        limit = self.max_message_bytes
        if len(raw) > limit:
            raise MailRefused(
                f"the message is {len(raw):,} bytes; mail larger than {limit:,} bytes is "
                "refused (nothing was stored)."
            )
        try:
            mail = parse_mail(raw)
        except MalformedMail as exc:
            raise MailRefused(f"the message is malformed: {exc} (nothing was stored)") from None
        try:
            return self._take_in(raw, mail, defaults)
        except Conflict:
            # Two fetchers raced on the same mail: the unique Message-ID let one win.
            if self._seen(mail.message_id):
                return IngestResult(MailStatus.DUPLICATE, mail.message_id)
            raise

    # -- one mail, one transaction -------------------------------------------------------

    def _take_in(self, raw: bytes, mail: ParsedMail, defaults: MailboxDefaults) -> IngestResult:
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            if uow.mail.seen(mail.message_id):
                return IngestResult(MailStatus.DUPLICATE, mail.message_id)
            arrival = Arrival(raw, mail, defaults, self.ctx.clock.now())
            machine = machine_reason(mail)
            if machine:
                record_mail(uow, arrival, MailStatus.IGNORED, reason=machine)
                uow.commit()
                return IngestResult(MailStatus.IGNORED, mail.message_id, reason=machine)
            try:
                return self._answer_or_open(uow, arrival)
            except Unmatched as exc:
                refusal = str(exc)
            except DomainError as exc:
                refusal = f"not taken in: {exc}"
        # A refused opening or reply may have left work in that transaction: start clean.
        return self._unmatched(arrival, refusal)

    def _answer_or_open(self, uow: UnitOfWork, arrival: Arrival) -> IngestResult:
        mail = arrival.mail
        match = find_ticket(uow, mail)
        if match.ticket is not None:
            ticket = match.ticket
            if Status(ticket.status).is_final:
                raise Unmatched(f"{ticket.number} is {ticket.status}")
            if not may_speak_for(uow, ticket, mail.sender):
                raise Unmatched(
                    f"{mail.sender} is not a contact of {ticket.customer.code} ({ticket.number})"
                )
            return self._reply(uow, ticket, arrival)
        contacts = uow.mail.contacts_by_email(mail.sender)
        if not contacts:
            raise Unmatched(f"unknown sender {mail.sender}")
        if len(contacts) > 1:
            raise Unmatched(f"{mail.sender} is a contact of several customers")
        return self._open(uow, contacts[0], arrival)

    def _reply(self, uow: UnitOfWork, ticket: Ticket, arrival: Arrival) -> IngestResult:
        """The customer's reply on the ticket; waiting on the customer ends."""
        mail, now = arrival.mail, arrival.at
        ticket = uow.tickets.get(ticket.number, lock=True)
        system = uow.users.system()
        contact = sender_contact(uow, ticket, mail.sender)
        prepared = prepare(uploads(mail), self.limits, uow.attachments.ticket_total(ticket.id))
        row = record_mail(uow, arrival, MailStatus.REPLY, ticket=ticket)
        event = append_event(
            uow,
            ticket,
            system,
            EventKind.CUSTOMER_REPLY,
            now,
            text=own_words(mail) or None,
            data={
                "contact": contact.name if contact else mail.sender,
                "channel": Channel.EMAIL.value,
                "message_id": row.message_id,
                "attachments": [f.described() for f in prepared],
            },
        )
        uow.flush()
        store(uow, prepared, now, ticket=ticket, event=event, mail_id=row.id)
        if ticket.status == Status.WAITING_ON_CUSTOMER:
            set_status(uow, ticket, system, Status.IN_PROGRESS, now)
        self.pipeline.finish(uow, ticket)
        uow.commit()
        return IngestResult(MailStatus.REPLY, row.message_id, ticket.number)

    def _open(self, uow: UnitOfWork, contact: Contact, arrival: Arrival) -> IngestResult:
        """A known contact's new request: a ticket for their customer."""
        defaults = arrival.mailbox
        request = ticket_request(
            arrival.mail,
            contact.customer.code,
            contact.id,
            defaults.service_type,
            defaults.criticality,
        )
        prepared = prepare(uploads(arrival.mail), self.limits)
        system = uow.users.system()
        ticket = self.tickets.open_in(uow, system, request)
        row = record_mail(uow, arrival, MailStatus.TICKET, ticket=ticket)
        add_mail_files(
            uow, ticket, system, prepared, arrival.at, mail_row=row, note="Files of the mail"
        )
        self.pipeline.finish(uow, ticket)
        uow.commit()
        return IngestResult(MailStatus.TICKET, row.message_id, ticket.number)

    def _unmatched(self, arrival: Arrival, reason: str) -> IngestResult:
        mid = arrival.mail.message_id
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            if uow.mail.seen(mid):
                return IngestResult(MailStatus.DUPLICATE, mid)
            record_mail(uow, arrival, MailStatus.UNMATCHED, reason=reason)
            uow.commit()
            return IngestResult(MailStatus.UNMATCHED, mid, reason=reason)

    def _seen(self, message_id: str) -> bool:
        with self.ctx.db.unit_of_work(write=False) as uow:
            return uow.mail.seen(message_id)

    @property
    def limits(self) -> Limits:
        return Limits.from_settings(self.ctx.settings)
