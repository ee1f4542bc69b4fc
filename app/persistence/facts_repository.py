"""Storage of each ticket's report facts (``ticket_facts``) and the history they are
read from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.orm import TicketEvent
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts

# (occurred_at, kind, field, old_value, new_value)
FactEvent = tuple[datetime, str, str | None, str | None, str | None]


class FactsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, ticket_id: int) -> TicketFacts | None:
        return self.session.get(TicketFacts, ticket_id)

    def add(self, facts: TicketFacts) -> None:
        self.session.add(facts)

    def source_resolved_at(self, ticket_id: int) -> datetime | None:
        """The resolution time another help desk recorded, for a ticket imported from it."""
        return self.session.scalar(
            select(ImportedTicket.resolved_at).where(ImportedTicket.ticket_id == ticket_id)
        )

    def timeline(self, ticket_id: int) -> Sequence[FactEvent]:
        """The ticket's status, assignee and assignment events, in order."""
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
