"""Which index a SQLite queue page reads its tickets by (``INDEXED BY``), issue 19.

SQLite plans from ``sqlite_stat1``, which ANALYZE with an ``analysis_limit`` fills from
samples: at 1M tickets it said 2,001 tickets per status, so the planner looked the five
open statuses up in ``ix_tickets_status_id`` and sorted ~100k rows (0.3-1.7 s a page)
instead of walking an open tickets' index in the page's order (under a millisecond).
Each page of open work therefore names the index that reads it in order
(:func:`sqlite_index`, applied to the compiled SQL by :func:`pin_index`). PostgreSQL
keeps its planner (its statistics are real).
"""

from __future__ import annotations

import re

from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES

_OPEN = frozenset(s.value for s in OPEN_STATUSES)

# The suffix of each sort's indexes (app.persistence.orm_queue.SORT_KEYS; the 1M
# benchmark's hand-written floors name the same indexes).
SORT_SUFFIX = {
    QueueColumn.NUMBER: "number",
    QueueColumn.PRIORITY: "priority",
    QueueColumn.STATUS: "status",
    QueueColumn.SUBJECT: "subject",
    QueueColumn.CUSTOMER: "customer",
    QueueColumn.ASSIGNEE: "assignee",
    QueueColumn.SLA_DUE: "sla_due",
    QueueColumn.UPDATED: "updated",
}


def _family(prefix: str, lead: str | None = None) -> dict[QueueColumn, str]:
    """Each sort's index named ``<prefix>_<suffix>``; a family led by a column (one
    status, one assignee) sorted by that very column reads the plain open index."""
    plain = f"ix_tickets_open_{lead}"
    return {
        column: plain if suffix == lead else f"{prefix}_{suffix}"
        for column, suffix in SORT_SUFFIX.items()
    }


# "All open": the open tickets' index of the sort.
_OPEN_INDEX = _family("ix_tickets_open")
# "At risk": its own tickets' index of the sort (migration 0027; the predicate is the
# view's whole filter). Through the open tickets' indexes a page tested each ticket, and
# the share at risk varies by order ("At risk by priority, last" walked the open index
# from priority 4: ~30 ms at 1M).
_RISK_INDEX = _family("ix_tickets_risk")
# Within one status (Waiting, Awaiting approval) or one assignee (My tickets, and
# Unassigned as NULL): the same orders led by that column (migration 0022).
_STATUS_INDEX = _family("ix_tickets_open_status", lead="status")
_ASSIGNEE_INDEX = _family("ix_tickets_open_assignee", lead="assignee")
_ALL_JOINED = {
    QueueColumn.CUSTOMER: "ix_tickets_customer",
    QueueColumn.ASSIGNEE: "ix_tickets_assignee_id",
}
_VIEW_INDEX = {
    SavedView.ALL_OPEN: _OPEN_INDEX,
    SavedView.AT_RISK: _RISK_INDEX,
    SavedView.WAITING: _STATUS_INDEX,
    SavedView.AWAITING_APPROVAL: _STATUS_INDEX,
    SavedView.MY: _ASSIGNEE_INDEX,
    SavedView.UNASSIGNED: _ASSIGNEE_INDEX,
}


def sqlite_index(flt: QueueFilter, sort: QueueSort, *, keyed: frozenset[str]) -> str | None:
    """The index a SQLite page of this filter and sort walks (None: the planner's
    choice). ``keyed``: the filters that narrow the tickets by key (``customer``,
    ``assignee``, ``product``): one engineer's open tickets are read like "My tickets",
    one customer's from the open tickets' customer indexes; a product's the planner
    finds."""
    if flt.search or not flt.statuses <= _OPEN:
        return None
    if keyed:
        return _keyed_index(flt.view, sort, keyed)
    found = _VIEW_INDEX.get(flt.view)
    if found is None:  # All: the planner walks the right index of all tickets, except
        return _ALL_JOINED.get(sort.column)  # under the customers' or users' walk
    return found[sort.column]


def _keyed_index(view: SavedView, sort: QueueSort, keyed: frozenset[str]) -> str | None:
    if view in (SavedView.ALL, SavedView.UNASSIGNED):
        return None
    if keyed == {"assignee"}:
        return _ASSIGNEE_INDEX[sort.column]
    if keyed != {"customer"}:
        return None
    # That customer's open tickets: in order by priority, sorted otherwise.
    by_priority = sort.column == QueueColumn.PRIORITY
    return "ix_tickets_open_customer_priority" if by_priority else "ix_tickets_open_customer"


_FROM_TICKETS = re.compile(r"\nFROM tickets(?=\s)")
_JOIN_TICKETS = re.compile(r" JOIN tickets ON ")


def pin_index(sql: str, index: str | None) -> str:
    """``sql`` (a page compiled for SQLite) with its tickets read by ``index``; joined
    after the customers or users (the customer and assignee sorts), ``CROSS JOIN``
    keeps that order (SQLite's documented way to fix the outer loop)."""
    if index is None:
        return sql
    pinned, n = _FROM_TICKETS.subn(f"\nFROM tickets INDEXED BY {index}", sql, count=1)
    if not n:
        pinned, n = _JOIN_TICKETS.subn(f" CROSS JOIN tickets INDEXED BY {index} ON ", sql, count=1)
    if not n:
        raise ValueError("no tickets in the FROM to pin an index to")
    return pinned
