"""Schema of the reports' time-logged figures (issue 16): nothing but an index.

The time-logged report sums the minutes of work events per person and per customer
over a period; a partial index on the moment of the events that carry minutes keeps it
from reading every history event (most events log no time).
"""

from __future__ import annotations

from sqlalchemy import Index

from app.persistence.orm import TicketEvent

WORK_EVENTS = Index(
    "ix_ticket_events_work",
    TicketEvent.occurred_at,
    TicketEvent.actor_id,
    sqlite_where=TicketEvent.minutes > 0,
    postgresql_where=TicketEvent.minutes > 0,
)
