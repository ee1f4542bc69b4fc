"""Issue 19: report rollups.

* ``ticket_facts`` keeps a copy of what the rollups count each ticket under (opening
  time, customer, priority, status, category, service type, product) and two indexes:
  a covering one on the opening time for the percentiles, a partial one on missed
  targets for the breach list.
* ``report_days`` / ``report_months`` (UTC day / month × customer × priority: counts and
  sums), ``report_day_keys``
  (UTC day × category / service type / product: counts), ``report_month_buckets``
  (UTC month × priority × duration × bucket: how many tickets), ``report_resolved_days``
  (UTC day of resolution × customer × priority) and ``report_day_work`` (UTC day ×
  customer × person: minutes logged).
* Existing data is counted by 0024, with the same set-based rebuild as
  ``supportdesk report rebuild-rollups`` (one INSERT … SELECT per table).

The time-by-person report's index on event time is ``ix_ticket_events_work`` (0012).

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKLOG = sa.text("backlog > 0")


def _missed() -> sa.TextClause:
    # Spelled as the models compile it, so the planner matches the queries' terms.
    false = "0" if op.get_bind().dialect.name == "sqlite" else "false"
    return sa.text(f"response_met IS {false} OR resolution_met IS {false}")


def _zero(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), server_default="0", nullable=False)


def _sums() -> list[sa.Column[Any]]:
    columns: list[sa.Column[Any]] = [
        _zero(n) for n in ("opened", "closed", "backlog", "missed", "rw_n", "rw_sum", "rb_n",
                           "rb_sum", "xw_n")
    ]  # fmt: skip
    columns.append(sa.Column("xw_sum", sa.Float(), server_default="0", nullable=False))
    columns += [
        _zero(n) for n in ("xb_n", "xb_sum", "response_met_n", "response_met_sum",
                           "resolution_met_n", "resolution_met_sum", "sla_met_n", "sla_met_sum",
                           "reassignments", "reopenings", "reopened", "logged")
    ]  # fmt: skip
    return columns


def upgrade() -> None:
    with op.batch_alter_table("ticket_facts") as batch:
        batch.add_column(sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("priority", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("category", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("service_type", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("product_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ticket_resolved_at", sa.DateTime(timezone=True), nullable=True))
    for table, period in (("report_days", "day"), ("report_months", "month")):
        op.create_table(
            table,
            sa.Column(period, sa.Date(), nullable=False),
            sa.Column("customer_id", sa.Integer(), nullable=False),
            sa.Column("priority", sa.Integer(), nullable=False),
            *_sums(),
            sa.PrimaryKeyConstraint(period, "customer_id", "priority", name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "report_day_keys",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        _zero("opened"),
        _zero("resolved"),
        sa.PrimaryKeyConstraint(
            "day", "customer_id", "dimension", "key", name=op.f("pk_report_day_keys")
        ),
    )
    op.create_table(
        "report_resolved_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        *[_zero(n) for n in ("resolved", "sla_met_n", "sla_met_sum")],
        sa.PrimaryKeyConstraint(
            "day", "customer_id", "priority", name=op.f("pk_report_resolved_days")
        ),
    )
    for table, period in (("report_day_work", "day"), ("report_month_work", "month")):
        op.create_table(
            table,
            sa.Column(period, sa.Date(), nullable=False),
            sa.Column("customer_id", sa.Integer(), nullable=False),
            sa.Column("actor_id", sa.Integer(), nullable=False),
            _zero("minutes"),
            sa.PrimaryKeyConstraint(period, "customer_id", "actor_id", name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "report_month_buckets",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=2), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        _zero("n"),
        sa.PrimaryKeyConstraint(
            "month", "priority", "measure", "bucket", name=op.f("pk_report_month_buckets")
        ),
    )
    op.create_index(
        "ix_ticket_facts_opened",
        "ticket_facts",
        ["opened_at", "priority", "response_wall_minutes", "response_business_minutes",
         "resolution_wall_minutes", "resolution_business_minutes", "resolved_at"],
    )  # fmt: skip
    op.create_index(
        "ix_ticket_facts_missed",
        "ticket_facts",
        ["opened_at"],
        sqlite_where=_missed(),
        postgresql_where=_missed(),
    )
    op.create_index(
        "ix_tickets_breached",
        "tickets",
        ["created_at"],
        sqlite_where=sa.text("sla_state = 'breached'"),
        postgresql_where=sa.text("sla_state = 'breached'"),
    )
    at_risk = sa.text("sla_state IN ('at_risk', 'breached')")
    op.create_index(
        "ix_tickets_at_risk_due",
        "tickets",
        ["sla_due_at", "id"],
        sqlite_where=at_risk,
        postgresql_where=at_risk,
    )
    op.create_index(
        "ix_report_days_backlog",
        "report_days",
        ["day"],
        sqlite_where=_BACKLOG,
        postgresql_where=_BACKLOG,
    )
    # Existing tickets are counted by 0024 (the app's rebuild, which writes the rollups'
    # newest shape: run here it would not find the tables it writes).


def downgrade() -> None:
    op.drop_index("ix_report_days_backlog", table_name="report_days")
    op.drop_index("ix_tickets_breached", table_name="tickets")
    op.drop_index("ix_tickets_at_risk_due", table_name="tickets")
    op.drop_index("ix_ticket_facts_missed", table_name="ticket_facts")
    op.drop_index("ix_ticket_facts_opened", table_name="ticket_facts")
    op.drop_table("report_month_buckets")
    op.drop_table("report_month_work")
    op.drop_table("report_day_work")
    op.drop_table("report_resolved_days")
    op.drop_table("report_day_keys")
    op.drop_table("report_months")
    op.drop_table("report_days")
    with op.batch_alter_table("ticket_facts") as batch:
        for name in ("ticket_resolved_at", "product_id", "service_type", "category", "status", "priority",
                     "customer_id", "opened_at"):  # fmt: skip
            batch.drop_column(name)
