"""Issue 19: no hot rows on the write path (ticket numbers, change feed, open-ticket counts, job leases).

* PostgreSQL: the sequence ``ticket_numbers``, continuing after the highest number in
  use (the ``counters`` row or the tickets themselves, whichever is higher). SQLite
  numbers from the newest ticket (``app/persistence/write_path.py``): nothing to create.
* ``engineer_profiles.open_tickets``: the maintained open-ticket count, counted once here.
* ``job_leases``: the SQLite lease of the background jobs.

The ``counters`` table stays (older clients still read it) but is no longer written.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported from the domain): a migration is a fixed point in time.
LOAD = "('assigned', 'in_progress', 'waiting_on_customer')"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE ticket_numbers AS bigint START 1")
        op.execute(
            "SELECT setval('ticket_numbers', greatest(m, 1), m > 0) FROM ("
            "SELECT greatest(coalesce(max(CAST(substring(number from '[0-9]+$') AS bigint)), 0),"
            " coalesce((SELECT value FROM counters WHERE name = 'ticket'), 0)) AS m"
            " FROM tickets) h"
        )
    with op.batch_alter_table("engineer_profiles") as batch:
        batch.add_column(
            sa.Column("open_tickets", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute(
        "UPDATE engineer_profiles SET open_tickets = (SELECT count(*) FROM tickets "
        f"WHERE tickets.assignee_id = engineer_profiles.user_id AND tickets.status IN {LOAD})"
    )
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_leases")),
    )


def downgrade() -> None:
    op.drop_table("job_leases")
    with op.batch_alter_table("engineer_profiles") as batch:
        batch.drop_column("open_tickets")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS ticket_numbers")
