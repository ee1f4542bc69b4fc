"""Schema of issue 12 (idempotency keys, the outbox's record of SMTP acceptance).

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_idempotency_keys_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "key", name=op.f("pk_idempotency_keys")),
    )
    # A plain ADD COLUMN on both engines (outbox has no triggers to lose).
    op.add_column("outbox", sa.Column("smtp_reply", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", recreate="never") as batch:
        batch.drop_column("smtp_reply")
    op.drop_table("idempotency_keys")
