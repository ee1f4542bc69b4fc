"""Cancelling a ticket and editing its descriptive fields (priority follows the
contract unless a manager overrides it with a reason: see ticket_priority)."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission
from app.domain.tickets import REASON_MAX, Action, Status, check_transition, clean_text
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.dto import TicketView
from app.services.history import append_event
from app.services.idempotency import idempotent
from app.services.ticket_answers import CustomerAnswers
from app.services.ticket_changes import require_open, set_status
from app.services.ticket_input import clean_edits
from app.services.ticket_priority import decide_priority


class TicketEdits(CustomerAnswers):
    @idempotent
    def cancel(
        self,
        actor: Actor,
        number: str,
        reason: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        reason = clean_text("reason", reason, max_len=REASON_MAX)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.CANCEL, Status(ticket.status), ticket.number)
            acting_user(uow, actor, Permission.CANCEL_TICKET)
            append_event(uow, ticket, me, EventKind.CANCELLED, now, text=reason)
            ticket.closed_at = now
            set_status(uow, ticket, me, Status.CANCELLED, now)
            return self._done(uow, ticket)

    @idempotent
    def edit(
        self,
        actor: Actor,
        number: str,
        changes: dict[str, str | int],
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
        reason: str = "",
    ) -> TicketView:
        """Change descriptive fields of an open ticket; one "field" event per change.

        ``changes`` maps field names (subject, description, criticality, category,
        environment, service_type, priority) to new values. Priority is a manager's call
        and needs a ``reason``; so does lowering the criticality (see ticket_priority).
        """
        clean = clean_edits(changes)
        reason = clean_text("reason", reason, max_len=REASON_MAX, required=False)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.OPEN_TICKET)
            require_open(ticket, "edit")
            if "priority" in clean:
                acting_user(uow, actor, Permission.OVERRIDE_PRIORITY)
            # Priority follows tier × criticality unless a manager overrides it (issue 14).
            decision = decide_priority(uow, me, ticket, clean, reason)
            changed = False
            for name, value in clean.items():
                old = getattr(ticket, name)
                if old == value:
                    continue
                setattr(ticket, name, value)
                append_event(
                    uow,
                    ticket,
                    me,
                    EventKind.FIELD,
                    now,
                    field_name=name,
                    old=None if old is None else str(old),
                    new=str(value),
                    text=reason if name in decision.data and reason else None,
                    data=decision.data.get(name),
                )
                changed = True
            if not changed:
                raise ValidationError(f"nothing to save: {ticket.number} already has these values.")
            return self._done(uow, ticket)
