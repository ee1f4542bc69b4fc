"""Storage of each ticket's report facts (``ticket_facts``) and the history they are
read from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts
from app.persistence.report_rollups import (
    apply,
    copy_ticket_columns,
    rebuild,
    work_keys,
    work_minutes,
)

# (occurred_at, kind, field, old_value, new_value)
FactEvent = tuple[datetime, str, str | None, str | None, str | None]


class FactsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # timeline() by (ticket id, its event count): the SLA hook and the facts hook
        # both read it in one change, and a new event makes a new key.
        self._timelines: dict[tuple[int, int], Sequence[FactEvent]] = {}

    def get(self, ticket_id: int) -> TicketFacts | None:
        return self.session.get(TicketFacts, ticket_id)

    def with_source(self, ticket_id: int) -> tuple[TicketFacts | None, ImportedTicket | None]:
        """The ticket's facts and what its source system recorded (an imported ticket),
        in one SELECT."""
        row = self.session.execute(
            select(TicketFacts, ImportedTicket)
            .select_from(Ticket)
            .outerjoin(TicketFacts, TicketFacts.ticket_id == Ticket.id)
            .outerjoin(ImportedTicket, ImportedTicket.ticket_id == Ticket.id)
            .where(Ticket.id == ticket_id)
        ).first()
        return (row[0], row[1]) if row is not None else (None, None)

    def add(self, facts: TicketFacts) -> None:
        self.session.add(facts)

    # -- the report rollups (issue 19) -----------------------------------------------------

    def apply_rollups(
        self, delta: Mapping[tuple[str, tuple[Any, ...]], Mapping[str, float]]
    ) -> None:
        """Add a change's delta (app.services.report_rollup.difference) to the rollups."""
        apply(self.session, delta)

    def rebuild_rollups(self) -> int:
        """Recompute every rollup row from the tickets and their facts; returns the
        number of tickets counted."""
        return rebuild(self.session)

    def copy_ticket_columns(self, ticket_ids: Sequence[int]) -> None:
        """Fill the facts' copy of the ticket columns the rollups count by."""
        copy_ticket_columns(self.session, ticket_ids)

    def work_of(
        self, ticket_ids: Sequence[int]
    ) -> dict[tuple[str, tuple[Any, ...]], dict[str, float]]:
        """The minutes of work the tickets' history logs, as ``report_day_work`` rows."""
        out: dict[tuple[str, tuple[Any, ...]], dict[str, float]] = {}
        for start in range(0, len(ticket_ids), 500):
            part = ticket_ids[start : start + 500]
            for day, customer, actor, minutes in self.session.execute(work_minutes(part)):
                for key in work_keys(day, customer, actor):
                    out.setdefault(key, {"minutes": 0})["minutes"] += int(minutes)
        return out

    def of_tickets(
        self, ticket_ids: Sequence[int]
    ) -> list[tuple[TicketFacts, ImportedTicket | None]]:
        """The facts (and source facts) of ``ticket_ids``, for counting an import."""
        out: list[tuple[TicketFacts, ImportedTicket | None]] = []
        for start in range(0, len(ticket_ids), 500):
            part = list(ticket_ids[start : start + 500])
            rows = self.session.execute(
                select(TicketFacts, ImportedTicket)
                .outerjoin(ImportedTicket, ImportedTicket.ticket_id == TicketFacts.ticket_id)
                .where(TicketFacts.ticket_id.in_(part))
            ).all()
            out.extend((facts, imported) for facts, imported in rows)
        return out

    def source_resolved_at(self, ticket_id: int) -> datetime | None:
        """The resolution time another help desk recorded, for a ticket imported from it."""
        return self.session.scalar(
            select(ImportedTicket.resolved_at).where(ImportedTicket.ticket_id == ticket_id)
        )

    def timeline(
        self,
        ticket_id: int,
        event_count: int | None = None,
        known: Sequence[TicketEvent] = (),
    ) -> Sequence[FactEvent]:
        """The ticket's status, assignee and assignment events, in order; read once per
        unit of work while the ticket's ``event_count`` stays the same, and not at all
        when ``known`` (this transaction's events) is every event it has (an opening)."""
        if event_count is not None:
            found = self._timelines.get((ticket_id, event_count))
            if found is None:
                found = _from_memory(known, event_count)
                if found is None:
                    found = self.timeline(ticket_id)
                self._timelines[(ticket_id, event_count)] = found
            return found
        rows = self.session.execute(
            select(
                TicketEvent.occurred_at,
                TicketEvent.kind,
                TicketEvent.field,
                TicketEvent.old_value,
                TicketEvent.new_value,
            )
            .where(TicketEvent.ticket_id == ticket_id)
            .where(
                (TicketEvent.field.in_(("status", "assignee"))) | (TicketEvent.kind == "assigned")
            )
            .order_by(TicketEvent.seq)
        ).all()
        return [(at, kind, field, old, new) for at, kind, field, old, new in rows]


def _from_memory(known: Sequence[TicketEvent], event_count: int) -> list[FactEvent] | None:
    """:meth:`FactsRepository.timeline` from the events in hand, when they are all the
    ticket's (numbered 1 to ``event_count``), else None."""
    by_seq = {event.seq: event for event in known}
    if len(by_seq) != event_count or set(by_seq) != set(range(1, event_count + 1)):
        return None
    return [
        (e.occurred_at, e.kind, e.field, e.old_value, e.new_value)
        for e in sorted(by_seq.values(), key=lambda e: e.seq)
        if e.field in ("status", "assignee") or e.kind == "assigned"
    ]
