"""The customer's answer to a resolution: approval closes the ticket, rejection
reopens it. Recorded by care staff with the contact, the channel and the time."""

from __future__ import annotations

from datetime import datetime

from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission
from app.domain.tickets import (
    REASON_MAX,
    TEXT_MAX,
    Action,
    Channel,
    Status,
    check_transition,
    clean_text,
    parse_enum,
)
from app.persistence.orm import Contact, Customer
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.dto import TicketView
from app.services.history import append_event
from app.services.idempotency import idempotent
from app.services.ticket_base import TicketActions
from app.services.ticket_changes import set_status


class CustomerAnswers(TicketActions):
    @idempotent
    def approve(
        self,
        actor: Actor,
        number: str,
        *,
        contact: str,
        channel: str,
        approved_at: datetime | None = None,
        note: str = "",
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        """Record that the customer approved the resolution: the ticket closes."""
        return self._customer_answer(
            actor,
            number,
            Action.APPROVE,
            EventKind.CUSTOMER_APPROVAL,
            Status.CLOSED,
            contact=contact,
            channel=channel,
            when=approved_at,
            text=clean_text("note", note, max_len=TEXT_MAX, required=False),
            expected_version=expected_version,
        )

    @idempotent
    def reject(
        self,
        actor: Actor,
        number: str,
        *,
        contact: str,
        channel: str,
        reason: str,
        rejected_at: datetime | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        """Record that the customer rejected the resolution: work resumes."""
        return self._customer_answer(
            actor,
            number,
            Action.REJECT,
            EventKind.CUSTOMER_REJECTION,
            Status.IN_PROGRESS,
            contact=contact,
            channel=channel,
            when=rejected_at,
            text=clean_text("reason", reason, max_len=REASON_MAX),
            expected_version=expected_version,
        )

    def _customer_answer(
        self,
        actor: Actor,
        number: str,
        action: Action,
        kind: EventKind,
        target: Status,
        *,
        contact: str,
        channel: str,
        when: datetime | None,
        text: str,
        expected_version: int | None,
    ) -> TicketView:
        how = parse_enum(Channel, "channel", channel)
        if not (contact or "").strip():
            raise ValidationError("say which customer contact gave the answer.")
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(action, Status(ticket.status), ticket.number)
            acting_user(uow, actor, Permission.RECORD_CUSTOMER_RESPONSE)
            who = uow.customers.contact(ticket.customer, contact.strip())
            if kind == EventKind.CUSTOMER_APPROVAL:
                _check_approver(ticket.customer, who)
            answered_at = when or now
            if answered_at.tzinfo is None:
                raise ValidationError("the time of the customer's answer needs a time zone.")
            if answered_at > now:
                raise ValidationError("the customer's answer cannot be in the future.")
            if ticket.resolved_at and answered_at < ticket.resolved_at:
                raise ValidationError("the customer's answer cannot precede the resolution.")
            append_event(
                uow,
                ticket,
                me,
                kind,
                now,
                text=text or None,
                data={
                    "contact": who.name,
                    "contact_id": who.id,
                    "channel": how.value,
                    "answered_at": answered_at.isoformat(),
                },
            )
            if target == Status.CLOSED:
                ticket.closed_at = now
            set_status(uow, ticket, me, target, now)
            return self._done(uow, ticket)


def _check_approver(customer: Customer, who: Contact) -> None:
    """A customer who named contacts that approve resolutions (Administration ›
    Customers) is bound only by their approval; one who named none, by any contact's."""
    approvers = [c.name for c in customer.contacts if c.approves_resolutions]
    if approvers and not who.approves_resolutions:
        raise ValidationError(
            f"{who.name} does not approve resolutions for {customer.code}; "
            f"record the approval of {', '.join(approvers)}."
        )
