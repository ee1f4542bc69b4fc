"""Issue 19, item 6: one customer's period report from rollups.

* ``report_months`` also holds each customer's OWN rows, under shard ``-customer_id``
  (app.persistence.orm_reports.own_shard) beside the shards 0 … 15 the all-customer
  reports add up: one customer's year reads 12 rows per priority instead of its
  tickets (the biggest customer's year at a million tickets: ~72,000 tickets, 4.7 s on
  PostgreSQL and 6.3 s on SQLite). The facts hook adds to a ticket's own row in the
  same upsert as to its shard's row. (Its breakdowns read its days of
  ``report_day_keys``, per customer already.)
* ``ix_ticket_facts_customer_opened``: one customer's medians and 90th percentiles read
  the period's durations from this covering index (one range, no table rows).

The own rows are counted here from the tickets with the app's own expressions (a
migrated desk counts exactly as a live one). Downgrading deletes them (the older
version would add them to the shards' months).

Revision ID: 0028
Revises: 0027
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | Sequence[str] | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported from the models): a migration is a fixed point in time.
CUSTOMER_DURATIONS = [
    "customer_id",
    "opened_at",
    "priority",
    "response_wall_minutes",
    "response_business_minutes",
    "resolution_wall_minutes",
    "resolution_business_minutes",
    "resolved_at",
]


def upgrade() -> None:
    op.create_index("ix_ticket_facts_customer_opened", "ticket_facts", CUSTOMER_DURATIONS)
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM tickets LIMIT 1")).first() is not None:
        # The app's own recount of these rows (as 0024 runs the app's rebuild).
        from sqlalchemy.orm import Session

        from app.persistence.report_rollups import own_month_rows

        with Session(bind=bind) as session:
            own_month_rows(session)
            session.flush()


def downgrade() -> None:
    op.execute("DELETE FROM report_months WHERE shard < 0")
    op.drop_index("ix_ticket_facts_customer_opened", table_name="ticket_facts")
