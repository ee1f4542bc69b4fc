"""Issue 19: indexes for every queue view, sort and filter; search in comments and
resolutions (issue 14, item 14).

* Partial indexes over the open tickets, one per sort key of the open views (plus the
  default order within one engineer and within one customer), so "All open" and its
  siblings cost the same however much closed history there is (``orm_queue.py``).
* ``ix_tickets_status`` goes: ``ix_tickets_status_id`` (status, id) answers everything
  it did. ``ix_tickets_customer`` becomes (customer_id, id) so PostgreSQL reads a
  customer's tickets in id order (the customer sort's inner loop).
* Full text: SQLite's ``tickets_fts`` also indexes the resolution (problem nature,
  solution) and a second FTS5 table ``ticket_events_fts`` indexes what people wrote in
  the history (comments, customer replies, reasons). PostgreSQL's ``search_vector``
  carries weights (A subject, B description, C resolution) so a subject hit can be
  asked for on its own (ranking), and ``ix_ticket_events_search`` is a GIN index over
  the events' text.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported from the models): a migration is a fixed point in time.
OPEN = "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"
OPEN_INDEXES = {
    "ix_tickets_open_priority": ["priority", "created_at", "id"],
    "ix_tickets_open_number": ["number", "id"],
    "ix_tickets_open_status": ["status", "id"],
    "ix_tickets_open_subject": ["subject", "id"],
    "ix_tickets_open_customer": ["customer_id", "id"],
    "ix_tickets_open_assignee": ["assignee_id", "id"],
    "ix_tickets_open_sla_due": ["sla_due_at", "id"],
    "ix_tickets_open_updated": ["updated_at", "id"],
    "ix_tickets_open_assignee_priority": ["assignee_id", "priority", "created_at", "id"],
    "ix_tickets_open_customer_priority": ["customer_id", "priority", "created_at", "id"],
}

_TICKET_COLS = "subject, description, problem_nature, solution"
_NEW = "new.subject, new.description, new.problem_nature, new.solution"
_OLD = "old.subject, old.description, old.problem_nature, old.solution"
SQLITE_FTS = [
    "DROP TRIGGER IF EXISTS tickets_fts_ai",
    "DROP TRIGGER IF EXISTS tickets_fts_ad",
    "DROP TRIGGER IF EXISTS tickets_fts_au",
    "DROP TABLE IF EXISTS tickets_fts",
    f"CREATE VIRTUAL TABLE tickets_fts USING fts5({_TICKET_COLS}, "
    "content='tickets', content_rowid='id')",
    "CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN "
    f"INSERT INTO tickets_fts(rowid, {_TICKET_COLS}) VALUES (new.id, {_NEW}); END",
    "CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN "
    f"INSERT INTO tickets_fts(tickets_fts, rowid, {_TICKET_COLS}) "
    f"VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER tickets_fts_au AFTER UPDATE OF {_TICKET_COLS} ON tickets BEGIN "
    f"INSERT INTO tickets_fts(tickets_fts, rowid, {_TICKET_COLS}) "
    f"VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO tickets_fts(rowid, {_TICKET_COLS}) VALUES (new.id, {_NEW}); END",
    "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')",
    # History is append-only; the delete trigger is for whole-database tools (restore).
    "CREATE VIRTUAL TABLE ticket_events_fts USING fts5("
    "text, content='ticket_events', content_rowid='id')",
    "CREATE TRIGGER ticket_events_fts_ai AFTER INSERT ON ticket_events "
    "WHEN new.text IS NOT NULL BEGIN "
    "INSERT INTO ticket_events_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER ticket_events_fts_ad AFTER DELETE ON ticket_events "
    "WHEN old.text IS NOT NULL BEGIN "
    "INSERT INTO ticket_events_fts(ticket_events_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "INSERT INTO ticket_events_fts(rowid, text) "
    "SELECT id, text FROM ticket_events WHERE text IS NOT NULL",
    # How many rows hold each word: the search's plan is chosen by it (queue_search).
    "CREATE VIRTUAL TABLE tickets_fts_vocab USING fts5vocab('tickets_fts', 'row')",
    "CREATE VIRTUAL TABLE ticket_events_fts_vocab USING fts5vocab('ticket_events_fts', 'row')",
]
SQLITE_FTS_DOWN = [
    "DROP TABLE IF EXISTS tickets_fts_vocab",
    "DROP TABLE IF EXISTS ticket_events_fts_vocab",
    "DROP TRIGGER IF EXISTS ticket_events_fts_ai",
    "DROP TRIGGER IF EXISTS ticket_events_fts_ad",
    "DROP TABLE IF EXISTS ticket_events_fts",
    "DROP TRIGGER IF EXISTS tickets_fts_ai",
    "DROP TRIGGER IF EXISTS tickets_fts_ad",
    "DROP TRIGGER IF EXISTS tickets_fts_au",
    "DROP TABLE IF EXISTS tickets_fts",
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


_RESOLUTION = "coalesce(problem_nature, '') || ' ' || coalesce(solution, '')"


def _vector(part: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple', coalesce({part}, '')), '{weight}')"


POSTGRES_FTS = [
    "DROP INDEX IF EXISTS ix_tickets_search",
    "ALTER TABLE tickets DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"{_vector('subject', 'A')} || {_vector('description', 'B')} || "
    f"{_vector(_RESOLUTION, 'C')}) STORED",
    "CREATE INDEX ix_tickets_search ON tickets USING gin (search_vector)",
    "CREATE INDEX ix_ticket_events_search ON ticket_events "
    "USING gin (to_tsvector('simple', text)) WHERE text IS NOT NULL",
]
POSTGRES_FTS_DOWN = [
    "DROP INDEX IF EXISTS ix_ticket_events_search",
    "DROP INDEX IF EXISTS ix_tickets_search",
    "ALTER TABLE tickets DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(description, ''))) STORED",
    "CREATE INDEX ix_tickets_search ON tickets USING gin (search_vector)",
]


def upgrade() -> None:
    # Plain index statements (no batch: SQLite needs no table copy for indexes, and a
    # copy would lose the FTS triggers).
    op.drop_index("ix_tickets_status", table_name="tickets")
    op.drop_index("ix_tickets_customer", table_name="tickets")
    op.create_index("ix_tickets_customer", "tickets", ["customer_id", "id"])
    for name, columns in OPEN_INDEXES.items():
        op.create_index(
            name,
            "tickets",
            columns,
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_FTS if sqlite else POSTGRES_FTS:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_FTS_DOWN if sqlite else POSTGRES_FTS_DOWN:
        op.execute(statement)
    for name in OPEN_INDEXES:
        op.drop_index(name, table_name="tickets")
    op.drop_index("ix_tickets_customer", table_name="tickets")
    op.create_index("ix_tickets_customer", "tickets", ["customer_id"])
    op.create_index("ix_tickets_status", "tickets", ["status"])
