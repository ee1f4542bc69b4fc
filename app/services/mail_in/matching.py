"""Which ticket a received mail continues, and whether its sender may speak for it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.errors import NotFound
from app.persistence.orm import Contact, Ticket
from app.persistence.unit_of_work import UnitOfWork
from app.services.mail_in.parse import ParsedMail

TICKET_TAG = re.compile(r"\[(SD-\d{6,})\]", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    ticket: Ticket | None
    how: str  # "thread" | "subject" | ""


def find_ticket(uow: UnitOfWork, mail: ParsedMail) -> Match:
    """By ``In-Reply-To``/``References`` to our mails (or theirs on a ticket) first, then
    by ``[SD-000123]`` in the subject."""
    ticket = uow.mail.ticket_of_message_ids(mail.thread_ids)
    if ticket is not None:
        return Match(ticket, "thread")
    for number in TICKET_TAG.findall(mail.subject):
        try:
            return Match(uow.tickets.get(number.upper()), "subject")
        except NotFound:
            continue
    return Match(None, "")


def sender_contact(uow: UnitOfWork, ticket: Ticket, address: str) -> Contact | None:
    """The ticket customer's contact with this address, if there is one."""
    for contact in uow.mail.contacts_by_email(address):
        if contact.customer_id == ticket.customer_id:
            return contact
    return None


def may_speak_for(uow: UnitOfWork, ticket: Ticket, address: str) -> bool:
    """A contact of the ticket's customer, or a colleague writing from the same domain.

    Anyone else could inject text into a ticket by guessing its number, so their mail
    goes to Unmatched mail for a person to judge."""
    if sender_contact(uow, ticket, address) is not None:
        return True
    domain = address.rpartition("@")[2]
    return bool(domain) and uow.mail.customer_has_domain(ticket.customer_id, domain)
