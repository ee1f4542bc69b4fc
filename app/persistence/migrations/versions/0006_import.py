"""Imports from other help desks: import runs, imported ticket facts, imported people, teams.

Revision ID: 0006
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("source_system", sa.String(32), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("name", name="uq_teams_name"),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_system", sa.String(32), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("tickets_new", sa.Integer(), nullable=False),
        sa.Column("tickets_known", sa.Integer(), nullable=False),
        sa.Column("events_new", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_import_runs_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_import_runs_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_import_runs"),
    )
    op.create_index("ix_import_runs_source_checksum", "import_runs", ["source_system", "checksum"])
    op.create_table(
        "imported_tickets",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("import_run_id", sa.Integer(), nullable=False),
        sa.Column("source_system", sa.String(32), nullable=False),
        sa.Column("source_number", sa.String(64), nullable=False),
        sa.Column("source_state", sa.String(64), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", TZ, nullable=True),
        sa.Column("resolved_at", TZ, nullable=True),
        sa.Column("closed_at", TZ, nullable=True),
        sa.Column("reassignment_count", sa.Integer(), nullable=True),
        sa.Column("reopen_count", sa.Integer(), nullable=True),
        sa.Column("made_sla", sa.Boolean(), nullable=True),
        sa.Column("source_rows", sa.Integer(), nullable=False),
        sa.Column("last_source_update", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_imported_tickets_ticket_id_tickets"
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name="fk_imported_tickets_import_run_id_import_runs",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="fk_imported_tickets_team_id_teams"
        ),
        sa.PrimaryKeyConstraint("ticket_id", name="pk_imported_tickets"),
        sa.UniqueConstraint("source_system", "source_number", name="uq_imported_tickets_source"),
    )
    op.create_index("ix_imported_tickets_import_run_id", "imported_tickets", ["import_run_id"])
    op.create_table(
        "imported_users",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("source_system", sa.String(32), nullable=False),
        sa.Column("source_name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_imported_users_user_id_users"),
        sa.PrimaryKeyConstraint("user_id", name="pk_imported_users"),
        sa.UniqueConstraint("source_system", "source_name", name="uq_imported_users_source"),
    )


def downgrade() -> None:
    op.drop_table("imported_users")
    op.drop_index("ix_imported_tickets_import_run_id", table_name="imported_tickets")
    op.drop_table("imported_tickets")
    op.drop_index("ix_import_runs_source_checksum", table_name="import_runs")
    op.drop_table("import_runs")
    op.drop_table("teams")
