"""Queue support: the change counter, full-text search and keyset indexes.

SQLite: an FTS5 external-content table over tickets (subject, description) kept in
step by triggers. PostgreSQL: a stored generated ``tsvector`` column with a GIN index.
Both: a ``changes`` row in ``counters`` that every ticket change bumps, and indexes
for the queue's sort orders (each ends with ``id`` so keyset pages use them).

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27 15:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE tickets_fts USING fts5("
    "subject, description, content='tickets', content_rowid='id')",
    "CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN "
    "INSERT INTO tickets_fts(rowid, subject, description) "
    "VALUES (new.id, new.subject, new.description); END",
    "CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN "
    "INSERT INTO tickets_fts(tickets_fts, rowid, subject, description) "
    "VALUES ('delete', old.id, old.subject, old.description); END",
    "CREATE TRIGGER tickets_fts_au AFTER UPDATE OF subject, description ON tickets BEGIN "
    "INSERT INTO tickets_fts(tickets_fts, rowid, subject, description) "
    "VALUES ('delete', old.id, old.subject, old.description); "
    "INSERT INTO tickets_fts(rowid, subject, description) "
    "VALUES (new.id, new.subject, new.description); END",
    "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')",
]

POSTGRES_FTS = [
    "ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(description, ''))) STORED",
    "CREATE INDEX ix_tickets_search ON tickets USING gin (search_vector)",
]


def upgrade() -> None:
    op.execute("INSERT INTO counters (name, value) VALUES ('changes', 0)")
    op.create_index("ix_tickets_updated_id", "tickets", ["updated_at", "id"])
    op.create_index("ix_tickets_status_id", "tickets", ["status", "id"])
    op.create_index("ix_tickets_subject_id", "tickets", ["subject", "id"])
    op.create_index("ix_customers_name_id", "customers", ["name", "id"])
    op.create_index("ix_tickets_assignee_id", "tickets", ["assignee_id", "id"])
    statements = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("tickets_fts_ai", "tickets_fts_ad", "tickets_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS tickets_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_tickets_search")
        op.execute("ALTER TABLE tickets DROP COLUMN IF EXISTS search_vector")
    op.drop_index("ix_tickets_assignee_id", table_name="tickets")
    op.drop_index("ix_customers_name_id", table_name="customers")
    op.drop_index("ix_tickets_subject_id", table_name="tickets")
    op.drop_index("ix_tickets_status_id", table_name="tickets")
    op.drop_index("ix_tickets_updated_id", table_name="tickets")
    op.execute("DELETE FROM counters WHERE name = 'changes'")
