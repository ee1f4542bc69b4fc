"""Merge the feature branches (SLA, assignment, queue, releases, import, reports) into
one head, so later migrations have a single parent.

Revision ID: 0008
Revises: 0002, 0003, 0004, 0005, 0006, 0007
"""

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | Sequence[str] | None = ("0002", "0003", "0004", "0005", "0006", "0007")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the branches touch different tables."""


def downgrade() -> None:
    """Nothing to change."""
