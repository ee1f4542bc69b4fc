"""Issues 11 and 13: no schema change was needed (the login gate and row-level security are
installed by `admin setup-roles`); an empty step, kept so the revision chain stays linear.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
