"""SLA: business calendars, contracts, targets, ticket SLA columns, escalations, outbox.

Seeds the demo calendar (Greece, Mon–Fri 09:00–17:00 Europe/Athens) and the default
targets of the Platinum / Gold / Silver / Bronze tiers. Ticket columns are added with
plain ``ADD COLUMN`` (batch mode does not rebuild the table for that on SQLite, so
other features' triggers on ``tickets`` survive).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# tier, criticality, priority, response min, resolution min, business hours
DEFAULT_TARGETS = [
    ("Platinum", "critical", 1, 15, 240, False),
    ("Platinum", "high", 1, 30, 480, False),
    ("Platinum", "medium", 2, 60, 960, True),
    ("Platinum", "low", 3, 120, 1920, True),
    ("Gold", "critical", 1, 30, 240, False),
    ("Gold", "high", 2, 60, 240, True),
    ("Gold", "medium", 3, 120, 960, True),
    ("Gold", "low", 4, 480, 2400, True),
    ("Silver", "critical", 1, 60, 480, True),
    ("Silver", "high", 2, 120, 960, True),
    ("Silver", "medium", 3, 240, 1920, True),
    ("Silver", "low", 4, 480, 4800, True),
    ("Bronze", "critical", 2, 120, 960, True),
    ("Bronze", "high", 3, 240, 1920, True),
    ("Bronze", "medium", 4, 480, 2880, True),
    ("Bronze", "low", 4, 960, 4800, True),
]

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "business_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("workdays", sa.String(length=20), nullable=False),
        sa.Column("day_start", sa.String(length=5), nullable=False),
        sa.Column("day_end", sa.String(length=5), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("subdivision", sa.String(length=16), nullable=True),
        sa.Column("closures", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_calendars")),
        sa.UniqueConstraint("code", name=op.f("uq_business_calendars_code")),
    )
    op.create_table(
        "sla_targets",
        sa.Column("tier", sa.String(length=32), nullable=False),
        sa.Column("criticality", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("business_hours", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("tier", "criticality", name=op.f("pk_sla_targets")),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=32), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["business_calendars.id"],
            name=op.f("fk_contracts_calendar_id_business_calendars"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contracts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sa.UniqueConstraint("code", name=op.f("uq_contracts_code")),
    )
    op.create_index(op.f("ix_contracts_customer_id"), "contracts", ["customer_id"])
    op.create_table(
        "sla_clocks",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("calendar_id", sa.Integer(), nullable=True),
        sa.Column("tier", sa.String(length=32), nullable=True),
        sa.Column("criticality", sa.String(length=20), nullable=True),
        sa.Column("response_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_minutes", sa.Integer(), nullable=True),
        sa.Column("business_hours", sa.Boolean(), nullable=False),
        sa.Column("next_check_at", TZ, nullable=True),
        sa.Column("seen_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["business_calendars.id"],
            name=op.f("fk_sla_clocks_calendar_id_business_calendars"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_sla_clocks_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_sla_clocks_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_sla_clocks")),
    )
    op.create_index(op.f("ix_sla_clocks_next_check_at"), "sla_clocks", ["next_check_at"])
    op.create_table(
        "sla_escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("threshold", sa.String(length=16), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_sla_escalations_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_escalations")),
        sa.UniqueConstraint("ticket_id", "measure", "threshold", name="uq_sla_escalations_once"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("claimed_at", TZ, nullable=True),
        sa.Column("sent_at", TZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_outbox_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_id")),
    )
    op.create_index("ix_outbox_pending", "outbox", ["status", "next_attempt_at"])
    op.create_table(
        "notification_templates",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_notification_templates")),
    )

    with op.batch_alter_table("tickets", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("first_response_due_at", TZ, nullable=True))
        batch_op.add_column(sa.Column("resolution_due_at", TZ, nullable=True))
        batch_op.add_column(sa.Column("first_responded_at", TZ, nullable=True))
        batch_op.add_column(sa.Column("sla_due_at", TZ, nullable=True))
        batch_op.add_column(sa.Column("sla_state", sa.String(length=16), nullable=True))
        batch_op.create_index("ix_tickets_sla_due_at", ["sla_due_at"], unique=False)
        batch_op.create_index("ix_tickets_sla_state", ["sla_state"], unique=False)

    calendars = sa.table(
        "business_calendars",
        sa.column("code", sa.String),
        sa.column("timezone", sa.String),
        sa.column("workdays", sa.String),
        sa.column("day_start", sa.String),
        sa.column("day_end", sa.String),
        sa.column("country", sa.String),
        sa.column("subdivision", sa.String),
        sa.column("closures", sa.Text),
    )
    op.bulk_insert(
        calendars,
        [
            {
                "code": "GR",
                "timezone": "Europe/Athens",
                "workdays": "0,1,2,3,4",
                "day_start": "09:00",
                "day_end": "17:00",
                "country": "GR",
                "subdivision": None,
                "closures": "",
            }
        ],
    )
    targets = sa.table(
        "sla_targets",
        sa.column("tier", sa.String),
        sa.column("criticality", sa.String),
        sa.column("priority", sa.Integer),
        sa.column("response_minutes", sa.Integer),
        sa.column("resolution_minutes", sa.Integer),
        sa.column("business_hours", sa.Boolean),
    )
    keys = ("tier", "criticality", "priority", "response_minutes", "resolution_minutes")
    op.bulk_insert(
        targets,
        [dict(zip((*keys, "business_hours"), row, strict=True)) for row in DEFAULT_TARGETS],
    )


def downgrade() -> None:
    with op.batch_alter_table("tickets", recreate="never") as batch_op:
        batch_op.drop_index("ix_tickets_sla_state")
        batch_op.drop_index("ix_tickets_sla_due_at")
    # SQLite ≥ 3.35 drops columns natively; older ones would need a table rebuild.
    for column in (
        "sla_state",
        "sla_due_at",
        "first_responded_at",
        "resolution_due_at",
        "first_response_due_at",
    ):
        op.drop_column("tickets", column)
    op.drop_table("notification_templates")
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("sla_escalations")
    op.drop_index(op.f("ix_sla_clocks_next_check_at"), table_name="sla_clocks")
    op.drop_table("sla_clocks")
    op.drop_index(op.f("ix_contracts_customer_id"), table_name="contracts")
    op.drop_table("contracts")
    op.drop_table("sla_targets")
    op.drop_table("business_calendars")
