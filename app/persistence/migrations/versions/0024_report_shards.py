"""Issue 19, item 6: the all-customer rollups read a few rows per period.

* ``report_days``, ``report_months`` and ``report_resolved_days`` are keyed by shard
  (customer id mod 16) instead of customer: a year of all customers is 12 × 16 × 4 month
  rows (was ~47,000 at a million tickets), the dashboard's backlog and trend a few
  thousand day rows (was ~31,000). One customer's reports read its tickets.
* ``breached`` counts, per day and month, the tickets breached (``tickets.sla_state``)
  that missed no target, from ``ticket_facts.breached`` (the ticket's state as last
  counted): the breach list's total no longer joins a year's breached tickets with
  their facts (1.6-2 s on PostgreSQL at a million tickets).
* ``report_month_work`` is per month × person (all customers) and
  ``report_month_customer_work`` per month × customer (all people): time by person and
  by customer read at most 12 rows per key for a year (were ~145,000 rows). One
  customer's time reads its days of ``report_day_work`` (``ix_report_day_work_customer``).
* ``ix_ticket_facts_resolved``: the dashboard's trend counts the tickets resolved in the
  hours a week boundary splits off a day from the index alone.

A database with tickets is recounted here by the app's own rebuild
(``supportdesk report rebuild-rollups``), so a migrated desk counts exactly as a live
one; 0017 no longer counts (it ran the app's rebuild, which now writes this schema). A
later migration that changes a rollup table must move that recount to itself.

Downgrading leaves the old-shaped day, month and resolution rollups empty (the older
version's ``report rebuild-rollups`` refills them); the work rollups are refilled.

Revision ID: 0024
Revises: 0022
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKLOG = sa.text("backlog > 0")


def _zero(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), server_default="0", nullable=False)


def _sums(breached: bool) -> list[sa.Column[Any]]:
    # The column order of 0017, with ``breached`` after ``missed``.
    names = ["opened", "closed", "backlog", "missed", *(["breached"] if breached else []),
             "rw_n", "rw_sum", "rb_n", "rb_sum", "xw_n"]  # fmt: skip
    columns: list[sa.Column[Any]] = [_zero(n) for n in names]
    columns.append(sa.Column("xw_sum", sa.Float(), server_default="0", nullable=False))
    columns += [
        _zero(n) for n in ("xb_n", "xb_sum", "response_met_n", "response_met_sum",
                           "resolution_met_n", "resolution_met_sum", "sla_met_n", "sla_met_sum",
                           "reassignments", "reopenings", "reopened", "logged")
    ]  # fmt: skip
    return columns


def _period_tables(by: str, breached: bool) -> None:
    """report_days / report_months keyed by ``by`` (shard, or customer_id as before)."""
    for table, period in (("report_days", "day"), ("report_months", "month")):
        op.create_table(
            table,
            sa.Column(period, sa.Date(), nullable=False),
            sa.Column(by, sa.Integer(), nullable=False),
            sa.Column("priority", sa.Integer(), nullable=False),
            *_sums(breached),
            sa.PrimaryKeyConstraint(period, by, "priority", name=op.f(f"pk_{table}")),
        )
    op.create_index(
        "ix_report_days_backlog",
        "report_days",
        ["day"],
        sqlite_where=_BACKLOG,
        postgresql_where=_BACKLOG,
    )
    op.create_table(
        "report_resolved_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(by, sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        *[_zero(n) for n in ("resolved", "sla_met_n", "sla_met_sum")],
        sa.PrimaryKeyConstraint("day", by, "priority", name=op.f("pk_report_resolved_days")),
    )


def _drop_period_tables() -> None:
    op.drop_index("ix_report_days_backlog", table_name="report_days")
    for table in ("report_days", "report_months", "report_resolved_days"):
        op.drop_table(table)


def upgrade() -> None:
    with op.batch_alter_table("ticket_facts") as batch:
        batch.add_column(
            sa.Column("breached", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    _drop_period_tables()
    _period_tables("shard", breached=True)
    op.drop_table("report_month_work")
    op.create_table(
        "report_month_work",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        _zero("minutes"),
        sa.PrimaryKeyConstraint("month", "actor_id", name=op.f("pk_report_month_work")),
    )
    op.create_table(
        "report_month_customer_work",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        _zero("minutes"),
        sa.PrimaryKeyConstraint("month", "customer_id", name=op.f("pk_report_month_customer_work")),
    )
    op.create_index("ix_report_day_work_customer", "report_day_work", ["customer_id", "day"])
    op.create_index(
        "ix_ticket_facts_resolved",
        "ticket_facts",
        ["ticket_resolved_at", "response_met", "resolution_met", "ticket_id"],
    )
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM tickets LIMIT 1")).first() is not None:
        # The app's own rebuild, so a migrated desk counts exactly as a live one.
        from sqlalchemy.orm import Session

        from app.persistence.report_rollups import rebuild

        with Session(bind=bind) as session:
            rebuild(session)
            session.flush()


def downgrade() -> None:
    op.drop_index("ix_ticket_facts_resolved", table_name="ticket_facts")
    op.drop_index("ix_report_day_work_customer", table_name="report_day_work")
    op.drop_table("report_month_customer_work")
    op.drop_table("report_month_work")
    op.create_table(
        "report_month_work",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        _zero("minutes"),
        sa.PrimaryKeyConstraint(
            "month", "customer_id", "actor_id", name=op.f("pk_report_month_work")
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        month = "CAST(date_trunc('month', day) AS DATE)"
    else:
        month = "date(day, 'start of month')"
    op.execute(
        "INSERT INTO report_month_work (month, customer_id, actor_id, minutes) "
        f"SELECT {month}, customer_id, actor_id, sum(minutes) FROM report_day_work "
        f"GROUP BY {month}, customer_id, actor_id"
    )
    _drop_period_tables()
    _period_tables("customer_id", breached=False)
    with op.batch_alter_table("ticket_facts") as batch:
        batch.drop_column("breached")
