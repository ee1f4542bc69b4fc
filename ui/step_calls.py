"""Turn a detail-pane step plus what its dialog asked into one service call (Qt-free).

Every call passes ``expected_version`` so a stale screen becomes a Conflict, never a
silent overwrite, and an idempotency key made for the click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.bootstrap import Services
from app.services.auth import Actor
from app.services.dto import TicketView
from app.services.idempotency import new_key
from ui.ticket_actions import Step


@dataclass(frozen=True)
class StepInput:
    """What a step's dialog collected (empty for steps without a dialog)."""

    assignee: str = ""
    reason: str = ""
    problem_nature: str = ""
    solution: str = ""
    minutes: int = 0
    contact: str = ""
    channel: str = ""
    when: datetime | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def step_call(
    services: Services, actor: Actor, ticket: TicketView, step: Step, given: StepInput
) -> Callable[[], TicketView]:
    t, n, v = services.tickets, ticket.number, ticket.version
    k = new_key()  # one per click: the service's automatic retry cannot do it twice
    calls: dict[Step, Callable[[], TicketView]] = {
        Step.TAKE: lambda: t.take(actor, n, expected_version=v, idempotency_key=k),
        Step.ASSIGN: lambda: t.assign(
            actor, n, given.assignee, expected_version=v, idempotency_key=k
        ),
        Step.REASSIGN: lambda: t.assign(
            actor, n, given.assignee, expected_version=v, idempotency_key=k
        ),
        Step.START: lambda: t.start(actor, n, expected_version=v, idempotency_key=k),
        Step.WAIT: lambda: t.wait_on_customer(
            actor, n, given.reason, expected_version=v, idempotency_key=k
        ),
        Step.CUSTOMER_REPLIED: lambda: t.customer_replied(
            actor,
            n,
            given.note,
            contact=given.contact or None,
            channel=given.channel or "email",
            expected_version=v,
            idempotency_key=k,
        ),
        Step.RESOLVE: lambda: t.resolve(
            actor,
            n,
            problem_nature=given.problem_nature,
            solution=given.solution,
            minutes=given.minutes or None,
            expected_version=v,
            idempotency_key=k,
        ),
        Step.APPROVE: lambda: t.approve(
            actor,
            n,
            contact=given.contact,
            channel=given.channel,
            approved_at=given.when,
            note=given.note,
            expected_version=v,
            idempotency_key=k,
        ),
        Step.REJECT: lambda: t.reject(
            actor,
            n,
            contact=given.contact,
            channel=given.channel,
            reason=given.reason,
            rejected_at=given.when,
            expected_version=v,
            idempotency_key=k,
        ),
        Step.CANCEL: lambda: t.cancel(
            actor, n, given.reason, expected_version=v, idempotency_key=k
        ),
    }
    return calls[step]


def field_changes(ticket: TicketView, edited: dict[str, Any]) -> dict[str, Any]:
    """Only the fields whose edited value differs from the ticket as loaded."""
    return {
        name: value for name, value in edited.items() if str(getattr(ticket, name)) != str(value)
    }
