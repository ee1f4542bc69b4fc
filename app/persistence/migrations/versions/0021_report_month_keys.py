"""Issue 19: ``report_month_keys``, the period report's breakdowns per UTC month (all
customers, spread over 16 rows per key by customer id), counted here from
``report_day_keys`` and kept from then on with it (app.persistence.report_month_keys);
and an index per duration on ``ticket_facts`` that the percentiles walk in value order
(app.persistence.report_indexes).

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHARDS = 16  # app.persistence.report_month_keys.SHARDS
INDEXES = {  # app.persistence.report_indexes
    "ix_ticket_facts_rw": ["response_wall_minutes", "opened_at", "priority"],
    "ix_ticket_facts_rb": ["response_business_minutes", "opened_at", "priority"],
    "ix_ticket_facts_xw": ["resolution_wall_minutes", "opened_at", "priority", "resolved_at"],
    "ix_ticket_facts_xb": ["resolution_business_minutes", "opened_at", "priority"],
}


def upgrade() -> None:
    op.create_table(
        "report_month_keys",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("shard", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("opened", sa.Integer(), server_default="0", nullable=False),
        sa.Column("resolved", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "shard", "dimension", "key", name=op.f("pk_report_month_keys")
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        month = "CAST(date_trunc('month', day) AS DATE)"
    else:
        month = "date(day, 'start of month')"
    op.execute(
        "INSERT INTO report_month_keys (month, shard, dimension, key, opened, resolved) "
        f"SELECT {month}, customer_id % {SHARDS}, dimension, key, sum(opened), sum(resolved) "
        f"FROM report_day_keys GROUP BY {month}, customer_id % {SHARDS}, dimension, key"
    )

    for name, columns in INDEXES.items():
        op.create_index(name, "ticket_facts", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="ticket_facts")
    op.drop_table("report_month_keys")
