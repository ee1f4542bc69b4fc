"""Issues 12, 15 and 17: reserved for the import, mail and SLA follow-ups.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _upgrade_18()
    _upgrade_17()


def downgrade() -> None:
    _downgrade_17()
    _downgrade_18()


# -- issue 18: the customer's language (e-mails and PDFs) ----------------------------------


def _upgrade_18() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="en"))


def _downgrade_18() -> None:
    # A plain DROP COLUMN (SQLite >= 3.35), not a batch: batch mode rebuilds `customers`,
    # and dropping the old table with foreign keys on fails while tickets point at it.
    op.drop_column("customers", "language")


# -- issue 17: the monthly SLA report mail carries its PDF --------------------------------


def _upgrade_17() -> None:
    with op.batch_alter_table("outbox_mail") as batch:
        batch.add_column(sa.Column("file_name", sa.String(255), nullable=True))
        batch.add_column(sa.Column("file_sha256", sa.String(64), nullable=True))


def _downgrade_17() -> None:
    with op.batch_alter_table("outbox_mail") as batch:
        batch.drop_column("file_sha256")
        batch.drop_column("file_name")
