"""Issue 19: the open views' own orders at a million tickets.

Partial indexes over the open tickets led by the column that picks a view's tickets:
``status`` for the one-status views (Waiting on customer, Awaiting approval) and
``assignee_id`` for "My tickets" and "Unassigned" (NULL), each followed by a sort key
and ``id``. With only the sort's own open index, a page of such a view walked the open
tickets testing each, and the views' tickets are not spread evenly: new (unassigned)
tickets are the newest, waiting ones have no SLA deadline, so "Unassigned, oldest
update first" or "Waiting, by deadline" walked ~100k open tickets for a page (0.3-0.7 s
at 1M). With these each page reads its rows in order (queue_queries.sqlite_index pins
them on SQLite; PostgreSQL's planner finds them).

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported from the models): a migration is a fixed point in time.
OPEN = "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"
VIEW_INDEXES = {
    "ix_tickets_open_status_number": ["status", "number", "id"],
    "ix_tickets_open_status_priority": ["status", "priority", "created_at", "id"],
    "ix_tickets_open_status_subject": ["status", "subject", "id"],
    "ix_tickets_open_status_customer": ["status", "customer_id", "id"],
    "ix_tickets_open_status_assignee": ["status", "assignee_id", "id"],
    "ix_tickets_open_status_sla_due": ["status", "sla_due_at", "id"],
    "ix_tickets_open_status_updated": ["status", "updated_at", "id"],
    "ix_tickets_open_assignee_number": ["assignee_id", "number", "id"],
    "ix_tickets_open_assignee_status": ["assignee_id", "status", "id"],
    "ix_tickets_open_assignee_subject": ["assignee_id", "subject", "id"],
    "ix_tickets_open_assignee_customer": ["assignee_id", "customer_id", "id"],
    "ix_tickets_open_assignee_sla_due": ["assignee_id", "sla_due_at", "id"],
    "ix_tickets_open_assignee_updated": ["assignee_id", "updated_at", "id"],
}


def upgrade() -> None:
    for name, columns in VIEW_INDEXES.items():
        op.create_index(
            name,
            "tickets",
            columns,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )


def downgrade() -> None:
    for name in VIEW_INDEXES:
        op.drop_index(name, table_name="tickets")
