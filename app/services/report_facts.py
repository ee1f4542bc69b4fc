"""Keeps each ticket's report facts (``ticket_facts``) true inside its own transaction.

The facts are read from the ticket's history (status changes, assignments) and from the
SLA engineer's clock (:func:`app.services.sla_clock.evaluate`), so they say exactly what
the SLA screens say. Reports then aggregate them in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from app.domain.sla import SlaState, TicketSla
from app.domain.tickets import Status
from app.persistence.change_log import TicketChange
from app.persistence.facts_rows import FactsRow, SourceFacts
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.unit_of_work import UnitOfWork
from app.services.hooks import NO_CHANGES, TicketHook
from app.services.report_rollup import Contribution, contribution, difference, total, work
from app.services.report_rules import Step, history_facts
from app.services.sla_clock import evaluate


def minutes(span: timedelta) -> int:
    """Whole minutes, rounded to the nearest (reports show hours with one decimal)."""
    return round(span.total_seconds() / 60)


def _met(state: SlaState, finished: bool) -> bool | None:
    return (state == SlaState.MET) if finished else None


class ReportFactsHook(TicketHook):
    """Register after the SLA hook: it reads the first response the SLA hook settled."""

    def on_changed(self, uow: UnitOfWork, change: TicketChange) -> Sequence[TicketChange]:
        refresh_and_count(
            uow, change.ticket, change.at, opening=change.opening is not None, events=change.events
        )
        return NO_CHANGES


def refresh_and_count(
    uow: UnitOfWork,
    ticket: Ticket,
    now: datetime,
    *,
    opening: bool,
    events: Sequence[TicketEvent] = (),
) -> None:
    """Refresh the ticket's facts and move its contribution in the report rollups from
    what it was last counted as to what it is now, and add the work ``events`` log —
    in the caller's transaction.

    The facts row is plain values written by Core statements (only what changed), and
    nothing here flushes the session (issue 19: client CPU per action)."""
    facts: FactsRow | None = None
    imported: SourceFacts | None = None
    if not opening:  # a ticket opened in this transaction has neither row yet
        facts, imported = uow.facts.with_source(ticket.id)
    old: Contribution = {}
    if facts is not None:
        old = contribution(facts, imported, uow.dialect)
    elif not opening:
        # A ticket from before the reports feature: the rebuild counted it from the
        # ticket's columns; its facts row starts now. (A priority or customer change in
        # this same change is what "reports rebuild-rollups" would correct.)
        old = contribution(_as_counted(ticket), imported, uow.dialect)
    refreshed = refresh_facts(uow, ticket, now, imported=imported, known=True, events=events)
    new = contribution(refreshed, imported, uow.dialect)
    uow.facts.write(refreshed, facts)
    delta = total([difference(new, old), work(events, ticket.customer_id)])
    if delta:
        uow.facts.apply_rollups(delta)


def _as_counted(ticket: Ticket) -> FactsRow:
    facts = FactsRow(ticket_id=ticket.id, reassignments=0, reopenings=0)
    _copy_ticket(facts, ticket)
    facts.time_logged_minutes = ticket.time_logged_minutes
    facts.breached = ticket.sla_state == SlaState.BREACHED
    return facts


def _copy_ticket(facts: FactsRow, ticket: Ticket) -> None:
    facts.opened_at = ticket.created_at
    facts.customer_id = ticket.customer_id
    facts.priority = ticket.priority
    facts.status = ticket.status
    facts.category = ticket.category
    facts.service_type = ticket.service_type
    facts.product_id = ticket.product_id
    facts.ticket_resolved_at = ticket.resolved_at


def refresh_facts(
    uow: UnitOfWork,
    ticket: Ticket,
    now: datetime,
    *,
    imported: SourceFacts | None = None,
    known: bool = False,
    events: Sequence[TicketEvent] = (),
) -> FactsRow:
    """The ticket's facts as of ``now`` — a new row; nothing is written (the caller
    writes it: :func:`refresh_and_count`). ``known``: the caller read ``imported``
    (None: the ticket was not imported); ``events``: this transaction's events of the
    ticket."""
    timeline = uow.facts.timeline(ticket.id, ticket.event_count, events)
    steps = [Step(*row) for row in timeline]
    if not known:
        imported = uow.facts.with_source(ticket.id)[1]
    source_resolved_at = imported.resolved_at if imported is not None else None
    opened = ticket.created_at
    # The same rule the importer applies (app.services.report_rules).
    derived = history_facts(
        opened_at=opened,
        status=ticket.status,
        steps=steps,
        now=now,
        source_resolved_at=source_resolved_at,
    )
    out = FactsRow(ticket_id=ticket.id)
    resolved_at = derived.resolved_at
    out.first_response_at = ticket.first_responded_at
    out.resolved_at = resolved_at
    out.closed_at = ticket.closed_at if ticket.status == Status.CLOSED else None
    out.response_wall_minutes = (
        minutes(ticket.first_responded_at - opened) if ticket.first_responded_at else None
    )
    out.resolution_wall_minutes = minutes(resolved_at - opened) if resolved_at else None
    out.waiting_minutes = minutes(derived.waiting)
    out.reassignments = derived.reassignments
    out.reopenings = derived.reopenings
    out.time_logged_minutes = ticket.time_logged_minutes
    out.updated_at = now
    _copy_ticket(out, ticket)
    _sla_facts(out, uow, ticket, now)
    out.breached = ticket.sla_state == SlaState.BREACHED  # as the SLA clock left it
    return out


def _sla_facts(facts: FactsRow, uow: UnitOfWork, ticket: Ticket, now: datetime) -> None:
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


def count_imported(uow: UnitOfWork, ticket_ids: Sequence[int]) -> None:
    """Count tickets whose facts the importer wrote in bulk (not through the hook)
    into the report rollups, in the import's transaction."""
    uow.facts.copy_ticket_columns(ticket_ids)
    parts = [contribution(f, i, uow.dialect) for f, i in uow.facts.of_tickets(ticket_ids)]
    parts.append(uow.facts.work_of(ticket_ids))
    delta = total(parts)
    if delta:
        uow.facts.apply_rollups(delta)


def rebuild_rollups(uow: UnitOfWork) -> int:
    """Recompute the report rollups from scratch (after a bulk load, e.g. the demo
    generator, or to repair them); the caller commits. Returns the tickets counted."""
    return uow.facts.rebuild_rollups()
