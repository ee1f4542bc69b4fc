"""Schema of issue 11: the history ledger, failed-login counts, insert-only history.

The ledger is filled for the history that exists already (tickets by id, each ticket's
creation then its events), so an upgraded database verifies straight away. On
PostgreSQL a trigger rejects UPDATE, DELETE and TRUNCATE of the history and the ledger
for every login; the roles and grants of security mode need CREATEROLE and are made by
``supportdesk admin setup-roles`` (app/persistence/security_roles.py), not here.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from app.domain.ledger import CREATION_SEQ, LedgerLink, first_prev, link_hash, ticket_fingerprint

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSERT_ONLY = ("ticket_events", "history_ledger")

PG_REJECT_FUNCTION = """
CREATE OR REPLACE FUNCTION supportdesk_reject_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is insert-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$
"""


def upgrade() -> None:
    op.create_table(
        "history_ledger",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ticket_number", sa.String(20), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_history_ledger"),
        sa.UniqueConstraint("ticket_number", "event_seq", name="uq_history_ledger_ticket_event"),
    )
    op.create_table(
        "login_failures",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_login_failures"),
    )
    _fill_ledger(op.get_bind())
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_REJECT_FUNCTION)
        for table in INSERT_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION supportdesk_reject_history_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION supportdesk_reject_history_change()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in INSERT_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS supportdesk_reject_history_change()")
    op.drop_table("login_failures")
    op.drop_table("history_ledger")


def _fill_ledger(conn: sa.Connection) -> None:
    """Ledger entries for the history written before the ledger existed."""
    tickets = conn.execute(
        sa.text(
            "SELECT t.id, t.number, t.created_at, u.username FROM tickets t "
            "JOIN users u ON u.id = t.created_by_id ORDER BY t.id"
        )
    ).all()
    seq, prev = 0, first_prev()
    rows = []
    for ticket_id, number, created_at, author in tickets:
        links = [
            LedgerLink("ticket", number, CREATION_SEQ, _fingerprint(number, created_at, author))
        ]
        events = conn.execute(
            sa.text("SELECT seq, hash FROM ticket_events WHERE ticket_id = :t ORDER BY seq"),
            {"t": ticket_id},
        ).all()
        links += [LedgerLink("event", number, e_seq, e_hash) for e_seq, e_hash in events]
        for link in links:
            seq += 1
            digest = link_hash(seq, link, prev)
            rows.append(
                {
                    "seq": seq,
                    "kind": link.kind,
                    "ticket_number": link.ticket_number,
                    "event_seq": link.event_seq,
                    "entry_hash": link.entry_hash,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO history_ledger (seq, kind, ticket_number, event_seq, entry_hash, "
                "prev_hash, hash) VALUES (:seq, :kind, :ticket_number, :event_seq, "
                ":entry_hash, :prev_hash, :hash)"
            ),
            rows,
        )


def _fingerprint(number: str, created_at: datetime | str, author: str) -> str:
    # SQLite hands back text without a zone (stored as UTC); PostgreSQL a timestamptz.
    if isinstance(created_at, str):
        created_at = datetime.fromisoformat(created_at)
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    return ticket_fingerprint(number, created_at, author)
