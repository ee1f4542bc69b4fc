"""Issue 19: the "At risk" view's own orders at a million tickets.

Partial indexes over the open tickets whose SLA is at risk or breached, one per sort
key, each ending in ``id``; their predicate is the view's whole filter, so a page is an
ordered walk that keeps every entry it reads and stops at the page's LIMIT. Walking
the open tickets' indexes instead tested each ticket, and how many of them are at risk
varies by desk and by order (PostgreSQL kept bitmap plans that read and sorted a
middle page's ~70k candidates: 50-175 ms at 1M; SQLite "At risk by priority, last"
walked the open index from priority 4: ~30 ms).

Revision ID: 0027
Revises: 0026
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | Sequence[str] | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported from the models): a migration is a fixed point in time.
# The same terms, in the same order, as the view's WHERE (SQLite matches them).
AT_RISK = (
    "sla_state IN ('at_risk', 'breached') AND "
    "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"
)
AT_RISK_INDEXES = {
    "ix_tickets_risk_number": ["number", "id"],
    "ix_tickets_risk_priority": ["priority", "created_at", "id"],
    "ix_tickets_risk_status": ["status", "id"],
    "ix_tickets_risk_subject": ["subject", "id"],
    "ix_tickets_risk_customer": ["customer_id", "id"],
    "ix_tickets_risk_assignee": ["assignee_id", "id"],
    "ix_tickets_risk_sla_due": ["sla_due_at", "id"],
    "ix_tickets_risk_updated": ["updated_at", "id"],
}


def upgrade() -> None:
    for name, columns in AT_RISK_INDEXES.items():
        op.create_index(
            name,
            "tickets",
            columns,
            sqlite_where=sa.text(AT_RISK),
            postgresql_where=sa.text(AT_RISK),
        )


def downgrade() -> None:
    for name in AT_RISK_INDEXES:
        op.drop_index(name, table_name="tickets")
