"""Issue 19: the SLA deadline index over all tickets ends in ``id``.

"All" by deadline, latest first, starts with the tickets without a deadline (~930k
closed ones at 1M), read by ``id``. PostgreSQL's ``ix_tickets_sla_due_at`` has no ``id``
after the deadline, so the page sorted all of them (1.4-3 s at 1M); ``(sla_due_at,
id)`` gives that order. SQLite's indexes end in the rowid anyway.

Revision ID: 0026
Revises: 0025
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_tickets_sla_due_id", "tickets", ["sla_due_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_sla_due_id", table_name="tickets")
