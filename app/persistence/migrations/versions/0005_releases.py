"""Releases: catalogue, installations per customer environment, promotions.

Revision ID: 0005
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(
            sa.Column("verifies_releases", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "releases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("major", sa.Integer(), nullable=False),
        sa.Column("minor", sa.Integer(), nullable=False),
        sa.Column("patch", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name="fk_releases_product_id_products"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name="fk_releases_created_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_releases"),
        sa.UniqueConstraint("product_id", "major", "minor", "patch", name="uq_releases_version"),
    )
    op.create_table(
        "release_tickets",
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"], ["releases.id"], name="fk_release_tickets_release_id_releases"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_release_tickets_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("release_id", "ticket_id", name="pk_release_tickets"),
    )
    op.create_index("ix_release_tickets_ticket_id", "release_tickets", ["ticket_id"])
    op.create_table(
        "installations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("environment", sa.String(20), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("installed_at", TZ, nullable=False),
        sa.Column("installed_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_installations_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name="fk_installations_product_id_products"
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["releases.id"], name="fk_installations_release_id_releases"
        ),
        sa.ForeignKeyConstraint(
            ["installed_by_id"], ["users.id"], name="fk_installations_installed_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_installations"),
        sa.UniqueConstraint(
            "customer_id", "product_id", "environment", name="uq_installations_place"
        ),
    )
    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("awaiting_since", TZ, nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"], ["releases.id"], name="fk_promotions_release_id_releases"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_promotions_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_promotions_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_promotions"),
        sa.UniqueConstraint("release_id", "customer_id", name="uq_promotions_release_customer"),
    )
    op.create_index("ix_promotions_state", "promotions", ["state"])
    op.create_table(
        "installation_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("environment", sa.String(20), nullable=False),
        sa.Column("from_release_id", sa.Integer(), nullable=True),
        sa.Column("to_release_id", sa.Integer(), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("installed_at", TZ, nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_installation_events_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name="fk_installation_events_product_id_products"
        ),
        sa.ForeignKeyConstraint(
            ["from_release_id"],
            ["releases.id"],
            name="fk_installation_events_from_release_id_releases",
        ),
        sa.ForeignKeyConstraint(
            ["to_release_id"], ["releases.id"], name="fk_installation_events_to_release_id_releases"
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name="fk_installation_events_promotion_id_promotions",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name="fk_installation_events_actor_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_installation_events"),
    )
    op.create_index(
        "ix_installation_events_place",
        "installation_events",
        ["customer_id", "product_id", "environment"],
    )
    op.create_table(
        "promotion_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("occurred_at", TZ, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("old_state", sa.String(24), nullable=True),
        sa.Column("new_state", sa.String(24), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["promotion_id"], ["promotions.id"], name="fk_promotion_events_promotion_id_promotions"
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name="fk_promotion_events_actor_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_promotion_events"),
        sa.UniqueConstraint("promotion_id", "seq", name="uq_promotion_events_seq"),
    )


def downgrade() -> None:
    for index, table in (
        ("ix_installation_events_place", "installation_events"),
        ("ix_promotions_state", "promotions"),
        ("ix_release_tickets_ticket_id", "release_tickets"),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        "promotion_events",
        "installation_events",
        "promotions",
        "installations",
        "release_tickets",
        "releases",
    ):
        op.drop_table(table)
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("verifies_releases")
