"""Building blocks shared by ingest and the Unmatched mail decisions: keep the raw
mail, open a ticket from a mail, add a mail's files to a ticket's history."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime

from app.domain.history import EventKind
from app.domain.tickets import SUBJECT_MAX, TEXT_MAX
from app.persistence.orm import Ticket, User
from app.persistence.orm_mail import MailMessage
from app.persistence.unit_of_work import UnitOfWork
from app.services.attachments import FileUpload, PreparedFile, store
from app.services.history import append_event
from app.services.mail_in.arrival import Arrival
from app.services.mail_in.fold import fold
from app.services.mail_in.outcome import MailStatus
from app.services.mail_in.parse import ParsedMail
from app.services.ticket_input import TicketRequest

# Characters the ticket fields refuse (app.domain.tickets.check_characters); mail text
# from the wild may carry them, and a mail is never refused for a stray form feed.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
REPLY_PREFIX = re.compile(r"^\s*((re|aw|fw|fwd|sv|απ|σχετ|πρθ)\s*:\s*)+", re.IGNORECASE)


def record_mail(
    uow: UnitOfWork,
    arrival: Arrival,
    status: MailStatus,
    *,
    reason: str = "",
    ticket: Ticket | None = None,
) -> MailMessage:
    """Keep the mail (raw bytes as a blob) with what became of it."""
    mail, now = arrival.mail, arrival.at
    sha = hashlib.sha256(arrival.raw).hexdigest()
    uow.attachments.put_blob(sha, arrival.raw, now)
    row = MailMessage(
        message_id=mail.message_id[:500],
        mailbox=arrival.mailbox.name[:100],
        sender=mail.sender[:254],
        sender_name=mail.sender_name[:200],
        subject=mail.subject[:300],
        body=own_words(mail),
        received_at=now,
        status=status.value,
        reason=reason,
        ticket_id=ticket.id if ticket else None,
        raw_sha256=sha,
    )
    uow.mail.add(row)
    uow.flush()
    return row


def own_words(mail: ParsedMail) -> str:
    return CONTROL.sub("", fold(mail.text))[:TEXT_MAX]


def uploads(mail: ParsedMail) -> list[FileUpload]:
    return [FileUpload(p.filename, p.data, p.content_type, p.inline) for p in mail.parts]


def ticket_request(
    mail: ParsedMail, customer: str, contact_id: int, service_type: str, criticality: str
) -> TicketRequest:
    one_line = CONTROL.sub("", " ".join(mail.subject.split()))
    subject = REPLY_PREFIX.sub("", one_line)[:SUBJECT_MAX].strip()
    return TicketRequest.validated(
        customer=customer,
        subject=subject or "(no subject)",
        service_type=service_type,
        description=own_words(mail),
        contact=str(contact_id),
        criticality=criticality,
    )


def add_mail_files(
    uow: UnitOfWork,
    ticket: Ticket,
    actor: User,
    prepared: Sequence[PreparedFile],
    now: datetime,
    *,
    mail_row: MailMessage,
    note: str,
) -> None:
    """The files of a mail that opened a ticket, named in an internal event (the
    "created" event has no room for them) so the hash chain covers them."""
    if not prepared:
        return
    names = ", ".join(f.filename for f in prepared)
    event = append_event(
        uow,
        ticket,
        actor,
        EventKind.COMMENT,
        now,
        text=f"{note}: {names}",
        internal=True,
        data={
            "message_id": mail_row.message_id,
            "attachments": [f.described() for f in prepared],
        },
    )
    uow.flush()
    store(uow, prepared, now, ticket=ticket, event=event, mail_id=mail_row.id)
