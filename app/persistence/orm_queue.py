"""The queue's indexes (migration 0004), declared so the models describe the schema.

Each ends with ``id`` so a keyset page is one row-value comparison over the index.
The full-text structures (SQLite FTS5 table and triggers, PostgreSQL ``search_vector``)
are database-specific and live only in the migration.
"""

from __future__ import annotations

from sqlalchemy import Index

from app.persistence.orm import Customer, Ticket

QUEUE_INDEXES = (
    Index("ix_tickets_updated_id", Ticket.updated_at, Ticket.id),
    Index("ix_tickets_status_id", Ticket.status, Ticket.id),
    Index("ix_tickets_subject_id", Ticket.subject, Ticket.id),
    Index("ix_tickets_assignee_id", Ticket.assignee_id, Ticket.id),
    # The customer sort walks customers by name, then each one's tickets.
    Index("ix_customers_name_id", Customer.name, Customer.id),
)
