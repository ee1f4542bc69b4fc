"""Issues 12, 15 and 17: reserved for the import, mail and SLA follow-ups.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
