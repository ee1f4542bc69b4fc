"""What makes our outgoing ticket mail thread and carry files (issue 15).

* the subject carries ``[SD-000123]`` (added if an edited template dropped it), so a
  reply matches even when the customer's client loses the headers;
* the ``Message-ID`` is chosen once, when the mail is queued, and kept through retries;
* ``References`` / ``In-Reply-To`` name the conversation so far (the mail that opened the
  ticket first, then the latest ones), so the customer's client threads it and their
  reply comes back to the same ticket;
* a public comment's attachments go along with the mail that tells of it;
* a mail to a customer speaks the customer's language (``customers.language``, issue 18):
  a stored template ``<kind>.<language>`` if an administrator wrote one, else the
  built-in one of ``app/i18n``; mail to staff stays in the desk's English.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from app.persistence.database import Database
from app.persistence.orm_mail import OutboxMail
from app.persistence.orm_sla import OutboxMessage
from app.persistence.unit_of_work import UnitOfWork

# The mail a customer's contact receives (the others go to staff).
CUSTOMER_KINDS = frozenset(
    {
        "public_comment",
        "resolution_awaiting_approval",
        "ticket_closed",
        "release_on_test",
        "release_on_production",
    }
)


@dataclass(frozen=True)
class OutgoingExtras:
    references: list[str] = field(default_factory=list)
    files: list[tuple[str, str, bytes]] = field(default_factory=list)  # name, type, bytes


def ticket_subject(subject: str, number: str | None) -> str:
    if number and f"[{number}]" not in subject:
        return f"[{number}] {subject}"[:300]
    return subject


def customer_template(
    uow: UnitOfWork,
    kind: str,
    english: tuple[str, str],
    *,
    ticket_id: int | None,
    values: Mapping[str, Any],
) -> tuple[str, str]:
    """(subject, body) of mail ``kind`` in the language of the customer it goes to."""
    if kind not in CUSTOMER_KINDS:
        return english
    language = str(values.get("language") or "")
    if not language and ticket_id is not None:
        tickets = uow.tickets.by_ids([ticket_id])
        language = tickets[0].customer.language if tickets else ""
    if not language or language == "en":
        return english
    from app.i18n import templates  # only for a customer who reads another language

    stored = uow.outbox.template(f"{kind}.{language}")
    if stored is not None:
        return stored.subject, stored.body
    return templates(language).get(kind, english)


def thread_outgoing(uow: UnitOfWork, message: OutboxMessage, event_id: int | None) -> None:
    """Record, with a freshly queued ticket mail, its thread and the event it tells of."""
    if message.ticket_id is None:
        return
    # (the query flushes the new row, so it is among the ticket's mail: leave it out)
    references = [m for m in uow.mail.thread_ids(message.ticket_id) if m != message.message_id]
    uow.flush()  # the outbox row's id
    uow.mail.add_outgoing(
        OutboxMail(outbox_id=message.id, event_id=event_id, references=" ".join(references))
    )


def outgoing_extras(db: Database, message: OutboxMessage) -> OutgoingExtras:
    with db.unit_of_work(write=False) as uow:
        extra = uow.mail.outgoing(message.id)
        if extra is None:
            return OutgoingExtras()
        files = []
        if extra.file_sha256 and extra.file_name:  # a file of the mail's own (a report)
            data = uow.attachments.blob(extra.file_sha256)
            if data is not None:
                kind = mimetypes.guess_type(extra.file_name)[0] or "application/octet-stream"
                files.append((extra.file_name, kind, data))
        if extra.event_id is not None:
            for a in uow.attachments.for_event(extra.event_id):
                data = uow.attachments.blob(a.sha256)
                if data is not None:
                    files.append((a.filename, a.content_type, data))
        return OutgoingExtras(extra.references.split(), files)


def add_extras(mail: EmailMessage, extras: OutgoingExtras) -> None:
    if extras.references:
        mail["References"] = " ".join(extras.references)
        mail["In-Reply-To"] = extras.references[-1]
    for name, ctype, data in extras.files:
        maintype, _, subtype = ctype.partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
