"""Schema of issue 16 (reports and imports).

- ``ix_ticket_events_work``: a partial index on the moment (and author) of history events
  that log minutes, for the time-logged report per person and per customer.
- Report facts for tickets imported before the importer wrote them: the resolution the
  old importer stored on the ticket, for resolved or closed tickets only (the source's
  counters stay in ``imported_tickets``); ``supportdesk report rebuild-facts
  --everything`` re-derives every figure from the history.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORK = sa.text("minutes > 0")

_BACKFILL = """
INSERT INTO ticket_facts (
    ticket_id, resolved_at, closed_at, waiting_minutes, reassignments, reopenings,
    time_logged_minutes, updated_at
)
SELECT t.id,
       CASE WHEN t.status IN ('resolved', 'closed') THEN t.resolved_at END,
       CASE WHEN t.status = 'closed' THEN t.closed_at END,
       0, 0, 0, t.time_logged_minutes, t.updated_at
FROM tickets t
JOIN imported_tickets i ON i.ticket_id = t.id
WHERE NOT EXISTS (SELECT 1 FROM ticket_facts f WHERE f.ticket_id = t.id)
"""


def upgrade() -> None:
    op.create_index(
        "ix_ticket_events_work",
        "ticket_events",
        ["occurred_at", "actor_id"],
        sqlite_where=_WORK,
        postgresql_where=_WORK,
    )
    op.execute(_BACKFILL)


def downgrade() -> None:
    # The facts rows stay: they are derived data the older reports simply ignore.
    op.drop_index("ix_ticket_events_work", table_name="ticket_events")
