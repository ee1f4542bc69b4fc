"""Per-ticket facts for the reports: one row per ticket, kept true by the reports hook
inside every ticket transaction, so that report figures are SQL aggregations over
indexed columns instead of a replay of every ticket's history.

Everything here is derived (recomputable from the history and the SLA clock), hence
not part of the history's replayed fields.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base, Ticket
from app.persistence.types import UTCDateTime


class TicketFacts(Base):
    __tablename__ = "ticket_facts"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last resolution (a rejected resolution is replaced by the next one).
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Minutes: wall-clock, and business time as the ticket's SLA clock counts it
    # (contract calendar; the resolution clock pauses while waiting on the customer).
    response_wall_minutes: Mapped[int | None] = mapped_column(Integer)
    response_business_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_wall_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_business_minutes: Mapped[int | None] = mapped_column(Integer)
    waiting_minutes: Mapped[int] = mapped_column(Integer, default=0)
    reassignments: Mapped[int] = mapped_column(Integer, default=0)
    reopenings: Mapped[int] = mapped_column(Integer, default=0)
    # NULL: no SLA target, or the clock has not finished yet.
    response_target_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_target_minutes: Mapped[int | None] = mapped_column(Integer)
    response_met: Mapped[bool | None] = mapped_column(Boolean)
    resolution_met: Mapped[bool | None] = mapped_column(Boolean)
    time_logged_minutes: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


# Period reports filter tickets by customer and opening, resolution or closing time;
# the tickets table is shared, so these indexes are declared (and migrated) here.
Index("ix_tickets_customer_created", Ticket.customer_id, Ticket.created_at)
Index("ix_tickets_created", Ticket.created_at)
Index("ix_tickets_resolved", Ticket.resolved_at)
Index("ix_tickets_closed", Ticket.closed_at)
