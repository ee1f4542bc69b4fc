"""Schema of issue 17 (outages, availability, alerts): service targets and credit bands
per contract, planned maintenance windows, outages on tickets, monitoring alerts.

New tables only (nothing on ``tickets``), the same statements on SQLite and PostgreSQL.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "service_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("service_type", sa.String(length=40), nullable=False),
        sa.Column("availability_milli", sa.Integer(), nullable=True),
        sa.Column("hours", sa.String(length=16), nullable=False),
        sa.Column("acknowledge_minutes", sa.Integer(), nullable=True),
        sa.Column("systems", sa.Text(), nullable=False),
        _fk("service_targets", "contract_id", "contracts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_targets")),
        sa.UniqueConstraint("contract_id", "service_type", name=op.f("uq_service_targets")),
    )
    op.create_table(
        "service_credit_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("below_milli", sa.Integer(), nullable=False),
        sa.Column("credit_milli", sa.Integer(), nullable=False),
        _fk("service_credit_bands", "target_id", "service_targets", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_credit_bands")),
        sa.UniqueConstraint("target_id", "below_milli", name=op.f("uq_credit_bands")),
    )
    op.create_table(
        "maintenance_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=100), nullable=False),
        sa.Column("starts_at", TZ, nullable=False),
        sa.Column("ends_at", TZ, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _fk("maintenance_windows", "customer_id", "customers"),
        _fk("maintenance_windows", "created_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_windows")),
    )
    op.create_index(
        "ix_maintenance_customer_start", "maintenance_windows", ["customer_id", "starts_at"]
    )
    op.create_table(
        "outages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=100), nullable=False),
        sa.Column("environment", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("ended_at", TZ, nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _fk("outages", "ticket_id", "tickets"),
        _fk("outages", "customer_id", "customers"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outages")),
    )
    op.create_index("ix_outages_customer_start", "outages", ["customer_id", "started_at"])
    op.create_index("ix_outages_ticket", "outages", ["ticket_id"])
    op.create_table(
        "monitoring_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("starts_at", TZ, nullable=False),
        sa.Column("ends_at", TZ, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("alertname", sa.String(length=200), nullable=False),
        sa.Column("severity", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=100), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("outage_id", sa.Integer(), nullable=True),
        sa.Column("received_at", TZ, nullable=False),
        _fk("monitoring_alerts", "customer_id", "customers"),
        _fk("monitoring_alerts", "ticket_id", "tickets"),
        _fk("monitoring_alerts", "outage_id", "outages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_alerts")),
        sa.UniqueConstraint("fingerprint", "starts_at", name=op.f("uq_monitoring_alerts_episode")),
    )
    op.create_index(
        "ix_monitoring_alerts_customer_start", "monitoring_alerts", ["customer_id", "starts_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_monitoring_alerts_customer_start", table_name="monitoring_alerts")
    op.drop_table("monitoring_alerts")
    op.drop_index("ix_outages_ticket", table_name="outages")
    op.drop_index("ix_outages_customer_start", table_name="outages")
    op.drop_table("outages")
    op.drop_index("ix_maintenance_customer_start", table_name="maintenance_windows")
    op.drop_table("maintenance_windows")
    op.drop_table("service_credit_bands")
    op.drop_table("service_targets")
