"""The queue's indexes, declared so the models describe the schema (migrations 0004, 0015).

Each ends with ``id`` so a keyset page is one row-value comparison over the index.

Two families (issue 19):

* over all tickets, for the "All" view and for history-wide filters;
* partial, over the open tickets only (``OPEN_PREDICATE``), for every view that shows
  open work. Open tickets are a small and roughly constant set (most tickets are
  closed history), so walking these costs the same at 10k or 10M tickets; a full
  index over all tickets would make "All open" walk past closed rows and grow with
  history.

The predicate is written with literal values, never bound parameters: SQLite uses a
partial index only when the query carries the index's own ``WHERE`` term, and a
parameter cannot be proven equal to it. ``queue_queries`` writes the same term.

The full-text structures (SQLite FTS5 tables and triggers, PostgreSQL ``search_vector``
and the events' GIN index) are database-specific and live only in the migrations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Index, and_, literal_column

from app.domain.queue import AT_RISK_STATES
from app.domain.tickets import OPEN_STATUSES
from app.persistence.orm import Customer, Ticket

OPEN_STATUS_VALUES = tuple(sorted(s.value for s in OPEN_STATUSES))


def open_predicate(status: Any = Ticket.__table__.c.status) -> ColumnElement[bool]:
    """``status IN ('assigned', …)`` with literal values (see the module docstring)."""
    return status.in_([literal_column(f"'{value}'") for value in OPEN_STATUS_VALUES])


OPEN_PREDICATE = open_predicate()


AT_RISK_VALUES = tuple(sorted(AT_RISK_STATES))


def at_risk_predicate(state: Any = Ticket.__table__.c.sla_state) -> ColumnElement[bool]:
    """``sla_state IN ('at_risk', 'breached')`` with literal values (as the open one)."""
    return state.in_([literal_column(f"'{value}'") for value in AT_RISK_VALUES])


def _open(name: str, *columns: Any) -> Index:
    return Index(name, *columns, sqlite_where=OPEN_PREDICATE, postgresql_where=OPEN_PREDICATE)


# The "At risk" view's whole filter, its terms in the view's order (SQLite matches them).
AT_RISK_OPEN = and_(at_risk_predicate(), OPEN_PREDICATE)


def _at_risk(name: str, *columns: Any) -> Index:
    return Index(name, *columns, sqlite_where=AT_RISK_OPEN, postgresql_where=AT_RISK_OPEN)


T = Ticket
# The columns each queue sort orders by, under the name its indexes end with
# (``queue_pins`` names the same indexes by the same suffixes); every index adds ``id``.
SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "number": (T.number,),
    "priority": (T.priority, T.created_at),
    "status": (T.status,),
    "subject": (T.subject,),
    "customer": (T.customer_id,),  # inner side of the customers walk
    "assignee": (T.assignee_id,),  # inner side of the users walk
    "sla_due": (T.sla_due_at,),
    "updated": (T.updated_at,),
}
QUEUE_INDEXES = (
    # Over all tickets ("All" view): one per sort key.
    Index("ix_tickets_updated_id", T.updated_at, T.id),
    Index("ix_tickets_status_id", T.status, T.id),
    Index("ix_tickets_subject_id", T.subject, T.id),
    Index("ix_tickets_assignee_id", T.assignee_id, T.id),
    # The customer sort walks customers by name, then each one's tickets.
    Index("ix_customers_name_id", Customer.name, Customer.id),
    # Over the open tickets: one per sort key of the open views ...
    *(_open(f"ix_tickets_open_{name}", *keys, T.id) for name, keys in SORT_KEYS.items()),
    # ... and the default (most urgent first) order within one customer (the customer
    # filter, which people keep on).
    _open("ix_tickets_open_customer_priority", T.customer_id, T.priority, T.created_at, T.id),
    # ... and each sort within the views that pick tickets by one status (Waiting,
    # Awaiting approval) or one assignee (My tickets; Unassigned is NULL): those tickets
    # are not spread evenly over the other orders (migration 0022). Sorted by the
    # leading column itself, the plain open index above serves.
    *(
        _open(f"ix_tickets_open_{lead}_{name}", column, *keys, T.id)
        for lead, column in (("status", T.status), ("assignee", T.assignee_id))
        for name, keys in SORT_KEYS.items()
        if name != lead
    ),
    # All tickets by deadline: those without one are read by id (PostgreSQL's index on
    # the deadline alone sorted every closed ticket for them; migration 0026).
    Index("ix_tickets_sla_due_id", T.sla_due_at, T.id),
    # "At risk": one per sort key over its own tickets (migration 0027). Its share of the
    # open tickets varies by desk and by order, so walking the open indexes and testing
    # each ticket read up to all open ones for a page (PostgreSQL 50-175 ms at 1M).
    *(_at_risk(f"ix_tickets_risk_{name}", *keys, T.id) for name, keys in SORT_KEYS.items()),
)
