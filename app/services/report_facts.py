"""Keeps each ticket's report facts (``ticket_facts``) true inside its own transaction.

The facts are read from the ticket's history (status changes, assignments) and from the
SLA engineer's clock (:func:`app.services.sla_clock.evaluate`), so they say exactly what
the SLA screens say. Reports then aggregate them in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.history import EventKind
from app.domain.sla import SlaState, TicketSla
from app.domain.tickets import Status
from app.persistence.change_log import TicketChange
from app.persistence.orm import Ticket
from app.persistence.orm_reports import TicketFacts
from app.persistence.unit_of_work import UnitOfWork
from app.services.hooks import NO_CHANGES, TicketHook
from app.services.sla_clock import evaluate


@dataclass(frozen=True, slots=True)
class _Event:
    at: datetime
    kind: str
    field: str | None
    old: str | None
    new: str | None


def minutes(span: timedelta) -> int:
    """Whole minutes, rounded to the nearest (reports show hours with one decimal)."""
    return round(span.total_seconds() / 60)


def _met(state: SlaState, finished: bool) -> bool | None:
    return (state == SlaState.MET) if finished else None


class ReportFactsHook(TicketHook):
    """Register after the SLA hook: it reads the first response the SLA hook settled."""

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        refresh_facts(uow, change.ticket, change.at)
        return NO_CHANGES


def refresh_facts(uow: UnitOfWork, ticket: Ticket, now: datetime) -> TicketFacts:
    events = [_Event(*row) for row in uow.facts.timeline(ticket.id)]
    facts = uow.facts.get(ticket.id)
    if facts is None:
        facts = TicketFacts(ticket_id=ticket.id)
        uow.facts.add(facts)
    opened = ticket.created_at
    status = Status(ticket.status)
    statuses = [e for e in events if e.field == "status" and e.new]
    resolved_at = None
    if status in {Status.RESOLVED, Status.CLOSED}:
        resolved_at = max((e.at for e in statuses if e.new == Status.RESOLVED), default=None)
    facts.first_response_at = ticket.first_responded_at
    facts.resolved_at = resolved_at
    facts.closed_at = ticket.closed_at if status == Status.CLOSED else None
    facts.response_wall_minutes = (
        minutes(ticket.first_responded_at - opened) if ticket.first_responded_at else None
    )
    facts.resolution_wall_minutes = minutes(resolved_at - opened) if resolved_at else None
    facts.waiting_minutes = _waiting_minutes(statuses, now)
    # An assignment that replaces someone is a reassignment; the first one is not.
    facts.reassignments = sum(1 for e in events if e.kind == EventKind.ASSIGNED and e.old)
    facts.reopenings = sum(
        1 for e in statuses if e.old == Status.RESOLVED and e.new == Status.IN_PROGRESS
    )
    facts.time_logged_minutes = ticket.time_logged_minutes
    facts.updated_at = now
    _sla_facts(facts, uow, ticket, now)
    return facts


def _waiting_minutes(statuses: list[_Event], now: datetime) -> int:
    total = timedelta(0)
    since: datetime | None = None
    for e in statuses:
        if e.new == Status.WAITING_ON_CUSTOMER and since is None:
            since = e.at
        elif e.new != Status.WAITING_ON_CUSTOMER and since is not None:
            total += e.at - since
            since = None
    if since is not None:
        total += now - since
    return minutes(total)


def _sla_facts(facts: TicketFacts, uow: UnitOfWork, ticket: Ticket, now: datetime) -> None:
    clock = uow.sla.clock(ticket.id)
    sla: TicketSla | None = evaluate(uow, ticket, clock, now) if clock is not None else None
    if sla is None:  # no contract: no promise, and no business calendar to count in
        for name in (
            "response_business_minutes",
            "resolution_business_minutes",
            "response_target_minutes",
            "resolution_target_minutes",
            "response_met",
            "resolution_met",
        ):
            setattr(facts, name, None)
        return
    response, resolution = sla.response, sla.resolution
    facts.response_target_minutes = minutes(response.target)
    facts.resolution_target_minutes = minutes(resolution.target)
    facts.response_business_minutes = minutes(response.used) if response.finished else None
    facts.resolution_business_minutes = (
        minutes(resolution.used) if facts.resolved_at is not None else None
    )
    facts.response_met = _met(response.state, response.finished)
    facts.resolution_met = _met(resolution.state, facts.resolved_at is not None)
