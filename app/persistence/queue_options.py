"""How a queue read shapes its pages (split from queue_repository): the page options
by engine and view, and whether a PostgreSQL page may plan as an ordered walk."""

from __future__ import annotations

from collections.abc import Hashable

from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.persistence.orm import Ticket
from app.persistence.queue_segments import PageOptions

# A read's page options by engine, "Unassigned" or not, searched or not (made once).
_OPTIONS: dict[tuple[bool, bool, bool], PageOptions] = {}


def page_options(postgres: bool, unassigned: bool, shape: Hashable | None) -> PageOptions:
    """PostgreSQL bounds a key's lead and walks groups LATERAL; SQLite splits crowded
    keys. "Unassigned" orders by ``assignee_id`` first. A search (no shape) keeps one
    statement per tier (queue_search plans them)."""
    plain = shape is None
    found = _OPTIONS.get((postgres, unassigned, plain))
    if found is None:
        lead = Ticket.__table__.c.assignee_id if unassigned and not plain else None
        found = _OPTIONS[(postgres, unassigned, plain)] = PageOptions(
            lead_bound=postgres, split_keys=not postgres, lateral=postgres and not plain, lead=lead
        )
    return found


# Sorts whose PostgreSQL pages walk customers / users and LATERAL each one's tickets.
_GROUP_WALKS = frozenset({QueueColumn.CUSTOMER, QueueColumn.ASSIGNEE})


def grouped(view: SavedView, sort: QueueSort) -> bool:
    """Whether a PostgreSQL page may sort by groups (queue_statements.ordered_walks):
    the LATERAL walks per customer / user, and "All" by number, read from the unique
    index on the number alone (one ticket per group; no index over all tickets has
    ``(number, id)``, so without it the planner sorted every ticket)."""
    by_number = view == SavedView.ALL and sort.column == QueueColumn.NUMBER
    return by_number or sort.column in _GROUP_WALKS


def walks_fit(flt: QueueFilter, keyed: frozenset[str]) -> bool:
    """Whether a PostgreSQL page reads best as an ordered walk whatever the planner
    estimates (queue_statements.ordered_walks): a view's own index gives its order and
    holds its tickets densely ("At risk": its own partial indexes, migration 0027). Not
    for searches (their words' GIN index is read by bitmap), nor when a condition
    outside that index may keep few of its tickets (a customer, engineer, product,
    status or priority filter): there sorting the few matches is the right plan."""
    # One open status in "All open" / "All" reads the open tickets' status-led indexes,
    # as dense as the "Waiting" view's.
    one_status = len(flt.statuses) == 1 and flt.view in (SavedView.ALL_OPEN, SavedView.ALL)
    statuses = bool(flt.statuses) and not one_status
    return not (keyed or statuses or flt.priorities)
