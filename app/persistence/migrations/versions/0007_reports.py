"""Reports: per-ticket facts (times, SLA outcome, reassignments, reopenings).

Tickets that exist before this revision get their facts row on their next change, or
all at once with ``supportdesk report rebuild-facts``.

Revision ID: 0007
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
INDEXES = [
    ("ix_tickets_customer_created", ["customer_id", "created_at"]),
    ("ix_tickets_created", ["created_at"]),
    ("ix_tickets_resolved", ["resolved_at"]),
    ("ix_tickets_closed", ["closed_at"]),
]


def upgrade() -> None:
    op.create_table(
        "ticket_facts",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("first_response_at", TZ, nullable=True),
        sa.Column("resolved_at", TZ, nullable=True),
        sa.Column("closed_at", TZ, nullable=True),
        sa.Column("response_wall_minutes", sa.Integer(), nullable=True),
        sa.Column("response_business_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_wall_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_business_minutes", sa.Integer(), nullable=True),
        sa.Column("waiting_minutes", sa.Integer(), nullable=False),
        sa.Column("reassignments", sa.Integer(), nullable=False),
        sa.Column("reopenings", sa.Integer(), nullable=False),
        sa.Column("response_target_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_target_minutes", sa.Integer(), nullable=True),
        sa.Column("response_met", sa.Boolean(), nullable=True),
        sa.Column("resolution_met", sa.Boolean(), nullable=True),
        sa.Column("time_logged_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_facts_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("ticket_id", name="pk_ticket_facts"),
    )
    # Period reports filter tickets by customer and opening, resolution or closing time.
    for name, columns in INDEXES:
        op.create_index(name, "tickets", columns)


def downgrade() -> None:
    for name, _ in INDEXES:
        op.drop_index(name, table_name="tickets")
    op.drop_table("ticket_facts")
