"""The SQL of one statement of a queue page: an ordered walk of the tickets (a
``Segment``), or the PostgreSQL LATERAL walk of groups (customers, assignees) for the
customer and assignee sorts. Split from queue_segments (which plans the segments).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, select, true, tuple_
from sqlalchemy.sql.util import ClauseAdapter

from app.persistence.queue_queries import (
    ROW_FIELDS,
    _bind,
    _queue_from,
    assignees,
    customers,
    row_columns,
    sort_key_label,
    tickets,
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One statement of a page. ``shape`` names its text (None: not reused, e.g. a
    search's words are in it); ``build`` makes it; ``values`` are its named values
    besides the filter's (:func:`filter_values`) and ``page_limit``, the rows still
    wanted."""

    shape: Hashable | None
    build: Callable[[], Select[Any]]
    values: dict[str, Any] = field(default_factory=dict)


def after_values(after: Sequence[Any] | None) -> dict[str, Any]:
    return {} if after is None else {f"after_{i}": v for i, v in enumerate(after)}


def lateral_page(
    where: Sequence[ColumnElement[bool]],
    group: Any,
    keys: Sequence[ColumnElement[Any]],
    *,
    descending: bool,
    outer: Sequence[ColumnElement[bool]] = (),
    leading: Sequence[ColumnElement[Any]] = (),
) -> Select[Any]:
    """PostgreSQL: the groups (``customers`` by name and id, or the assignees by user
    name) in the sort's order, and for each a LATERAL walk of its tickets by id (an
    index ``(customer_id, id)`` / ``(assignee_id, id)``) LIMITed to the page; the
    planner's incremental sort then orders at most a page per group. ``keys``: the
    sort's key columns (the last is ``tickets.id``); ``outer``: conditions on the
    group's columns (the groups after the page key). ``leading``: a ticket column the
    view fixes by ``IS NULL`` ("Unassigned"): each group's walk is ordered by it and the
    group's column first, the order of the index they lead (``(assignee_id,
    customer_id, id)``); by id alone PostgreSQL derived no order from ``IS NULL`` and
    walked each customer's open tickets by ``(customer_id, id)`` testing each one (at 1M
    6,254 refused per customer: "Unassigned" by customer, first page, executed in 16 ms
    over 7,166 buffers; 0.34 ms over 105 now)."""
    link = (
        tickets.c.customer_id == customers.c.id
        if group is customers
        else tickets.c.assignee_id == assignees.c.id
    )
    by = [*leading, link.left, tickets.c.id] if leading else [tickets.c.id]
    walked = (
        select(tickets)
        .where(*where, link)
        .order_by(*(c.desc() if descending else c.asc() for c in by))
        .limit(_bind("page_limit", Integer))
        .lateral("walked")
    )
    adapt = ClauseAdapter(walked).traverse
    if group is customers:
        on = assignees.c.id == walked.c.assignee_id
        source = customers.join(walked, true()).outerjoin(assignees, on)
        columns = row_columns(joined=True)
    else:
        # Each row's customer looked up by its key (scalar subqueries): joined, the
        # planner hashed every customer once per engineer walked (2,000 at 1M: the
        # later engineers' walk 0.09 -> 0.69 ms from 10k to 1M).
        source = assignees.join(walked, true())
        columns = row_columns(joined=False)
        columns[ROW_FIELDS.index("assignee")] = assignees.c.username.label("assignee")
    ordered = [adapt(k) for k in keys]
    stmt = (
        select(
            *(adapt(c) for c in columns),
            *(k.label(sort_key_label(i)) for i, k in enumerate(ordered)),
        )
        .select_from(source)
        .where(*outer)
    )
    order = [k.desc() if descending else k.asc() for k in ordered]
    return stmt.order_by(*order).limit(_bind("page_limit", Integer))


def page_select(
    where: Sequence[ColumnElement[bool]],
    labelled: Sequence[ColumnElement[Any]],
    ordered: Sequence[ColumnElement[Any]],
    *,
    descending: bool,
    after: bool,
    assigned_only: bool = False,
    leading: Sequence[ColumnElement[Any]] = (),
    lead_bound: bool = True,
) -> Select[Any]:
    """``after``: continue after the key in the values ``after_0``, ``after_1``, …
    ``leading``: ticket columns the conditions fix, ordered by first (the index they
    lead gives the order; see queue_segments.page_segments)."""
    # The customer and assignee sorts need those tables in the FROM (their sort keys).
    joined = any(k.table is not tickets for k in (*labelled, *ordered) if hasattr(k, "table"))
    by_customer = any(getattr(k, "table", None) is customers for k in ordered)
    source = (
        _queue_from(assigned_only=assigned_only, by_customer=by_customer) if joined else tickets
    )
    stmt = (
        select(
            *row_columns(joined=joined),
            *(k.label(sort_key_label(i)) for i, k in enumerate(labelled)),
        )
        .select_from(source)
        .where(*where)
    )
    if after:
        there = [_bind(f"after_{i}", k.type) for i, k in enumerate(ordered)]
        here = tuple_(*ordered)
        stmt = stmt.where(here < tuple_(*there) if descending else here > tuple_(*there))
        if lead_bound:
            # Implied by the row comparison; spelled out so PostgreSQL bounds the leading
            # index. Not for SQLite: it reads row values itself, and beside an equality
            # on the same column (a priority filter) the extra range made it pick the
            # index over all tickets instead of the open tickets' one.
            lead = there[0]
            stmt = stmt.where(ordered[0] <= lead if descending else ordered[0] >= lead)
    order = [k.desc() if descending else k.asc() for k in (*leading, *ordered)]
    return stmt.order_by(*order).limit(_bind("page_limit", Integer))
