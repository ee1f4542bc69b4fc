"""Schema of issues 13 and 14 (administration, everyday desk).

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _upgrade_13()


def downgrade() -> None:
    _downgrade_13()


# -- issue 13 (administration) -------------------------------------------------------------
# A contact may be the one who approves ticket resolutions for their company.


def _upgrade_13() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(
            sa.Column(
                "approves_resolutions", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def _downgrade_13() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("approves_resolutions")
