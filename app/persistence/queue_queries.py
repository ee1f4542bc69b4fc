"""SQL for the ticket queue's read model: columns (not entities), keyset pages.

Every sort order is a tuple of key expressions ending in ``tickets.id``, all in one
direction, so the next page is one row-value comparison ``(k1, …, id) > (…)`` that
an index on the same columns can answer (DESIGN.md, "Measured"). Nullable keys are
coalesced to a sentinel so the comparison never meets NULL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    false,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.sql.expression import ColumnClause

from app.domain.queue import AT_RISK_STATES, QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES, Status
from app.persistence.orm import Customer, Product, Ticket, User
from app.persistence.orm_queue import open_predicate

tickets = Ticket.__table__
customers = Customer.__table__
products = Product.__table__
users = User.__table__
assignees = users.alias("assignee")

_OPEN = frozenset(s.value for s in OPEN_STATUSES)


def row_columns() -> list[ColumnElement[Any]]:
    due, state = tickets.c.sla_due_at, tickets.c.sla_state
    t = tickets.c
    return [
        t.id,
        t.number,
        t.priority,
        t.status,
        t.subject,
        customers.c.code.label("customer_code"),
        customers.c.name.label("customer_name"),
        assignees.c.username.label("assignee"),
        due.label("sla_due_at"),
        state.label("sla_state"),
        t.updated_at,
        t.version,
    ]


# The names rows are read by (each column's label, or its own name): the queue's row fields.
ROW_FIELDS: tuple[str, ...] = tuple(str(c.key) for c in row_columns())


def sort_key_label(i: int) -> str:
    """The label of a page row's ``i``-th sort-key column."""
    return f"sort_key_{i}"


def sort_keys(sort: QueueSort) -> list[ColumnElement[Any]]:
    t = tickets.c
    due = tickets.c.sla_due_at
    if sort.column == QueueColumn.SLA_DUE and not isinstance(due, ColumnClause):
        return [t.id]
    keys: dict[QueueColumn, list[ColumnElement[Any]]] = {
        QueueColumn.NUMBER: [t.number, t.id],
        QueueColumn.PRIORITY: [t.priority, t.created_at, t.id],  # ix_tickets_queue
        QueueColumn.STATUS: [t.status, t.id],
        QueueColumn.SUBJECT: [t.subject, t.id],
        # Customers in name order, each customer's tickets by id: a nested loop over
        # ix_customers_name_id and ix_tickets_customer, no sort of all tickets.
        QueueColumn.CUSTOMER: [customers.c.name, customers.c.id, t.id],
        QueueColumn.ASSIGNEE: [assignees.c.username, t.id],  # nullable: see page_segments
        QueueColumn.SLA_DUE: [due, t.id],  # nullable: see page_segments
        QueueColumn.UPDATED: [t.updated_at, t.id],
    }
    return keys[sort.column]


def _queue_from(*, assigned_only: bool = False) -> Any:
    """Tickets with their customer and assignee. ``assigned_only`` joins the assignee
    inner, which lets planners drive the assignee sort from the users' name index."""
    with_customer = tickets.join(customers, customers.c.id == tickets.c.customer_id)
    on = assignees.c.id == tickets.c.assignee_id
    return (
        with_customer.join(assignees, on)
        if assigned_only
        else with_customer.outerjoin(assignees, on)
    )


def conditions(
    flt: QueueFilter,
    user_id: int,
    dialect: str,
    *,
    customer_code: str | None = None,
    assignee_name: str | None = None,
    product_code: str | None = None,
) -> list[ColumnElement[bool]]:
    """WHERE clauses on ``tickets`` alone (subqueries, no joins) for a filter.

    Codes and names arrive already cleaned by the service.
    """
    t = tickets.c
    where: list[ColumnElement[bool]] = []
    where.extend(_view_conditions(flt.view, user_id, dialect))
    if flt.statuses:
        if flt.statuses <= _OPEN:
            where.append(t.status.in_(sorted(flt.statuses)))
            # Implied, and spelled out so the open tickets' partial indexes apply.
            where.append(open_predicate(t.status))
        else:
            # Closed history is most tickets: walk the sort's index and test the status
            # (SQLite, without value statistics, would otherwise sort every closed one).
            where.append(_unindexed(t.status, dialect).in_(sorted(flt.statuses)))
    if flt.priorities:
        where.append(t.priority.in_(sorted(flt.priorities)))
    if customer_code is not None:
        where.append(
            t.customer_id.in_(select(customers.c.id).where(customers.c.code == customer_code))
        )
    if assignee_name is not None:
        where.append(t.assignee_id.in_(select(users.c.id).where(users.c.username == assignee_name)))
    if product_code is not None:
        where.append(t.product_id.in_(select(products.c.id).where(products.c.code == product_code)))
    return where


def _unindexed(status: Any, dialect: str) -> Any:
    """``status`` as SQLite cannot look up by index (``status || ''``): the planner then
    walks the page's own index instead of gathering one status's rows to sort them."""
    return status.concat(literal("")) if dialect == "sqlite" else status


def _view_conditions(view: SavedView, user_id: int, dialect: str) -> list[ColumnElement[bool]]:
    t = tickets.c
    one_status = _unindexed(t.status, dialect)
    state = tickets.c.sla_state
    # Literal values: SQLite uses a partial index only for its own WHERE term (orm_queue).
    is_open = open_predicate(t.status)
    if view == SavedView.AT_RISK:
        if not isinstance(state, ColumnClause):
            return [false()]
        return [state.in_(sorted(AT_RISK_STATES)), is_open]
    views: dict[SavedView, list[ColumnElement[bool]]] = {
        SavedView.MY: [t.assignee_id == user_id, is_open],
        SavedView.UNASSIGNED: [t.assignee_id.is_(None), is_open],
        # A share of the open tickets: walk the open tickets' index of the page's order
        # and test the status (``is_open`` is implied; spelled out for SQLite).
        SavedView.WAITING: [one_status == Status.WAITING_ON_CUSTOMER.value, is_open],
        SavedView.AWAITING_APPROVAL: [one_status == Status.RESOLVED.value, is_open],
        SavedView.ALL_OPEN: [is_open],
        SavedView.ALL: [],
    }
    return views[view]


# One step of a page: given how many rows are still wanted, the statement to run.
Segment = Callable[[int], Select[Any]]


def page_plan(
    where: Sequence[ColumnElement[bool]],
    tiers: Sequence[Sequence[ColumnElement[bool]]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    lead_bound: bool = True,
) -> tuple[list[tuple[tuple[int, ...], Segment]], int]:
    """Like :func:`page_segments`, over ranking tiers (a search's subject hits before
    its other hits, app.persistence.queue_search). With two or more tiers the page key
    starts with the tier number; each segment comes with that prefix."""
    if len(tiers) <= 1:
        extra = list(tiers[0]) if tiers else []
        segments, width = page_segments([*where, *extra], sort, after, lead_bound=lead_bound)
        return [((), s) for s in segments], width
    first, inner = (0, None) if after is None else (after[0], after[1:])
    if not isinstance(first, int) or not 0 <= first < len(tiers):
        raise ValueError("the page key does not belong to this search")
    plan: list[tuple[tuple[int, ...], Segment]] = []
    width = len(sort_keys(sort))
    for tier in range(first, len(tiers)):
        segments, width = page_segments(
            [*where, *tiers[tier]], sort, inner if tier == first else None, lead_bound=lead_bound
        )
        plan += [((tier,), s) for s in segments]
    return plan, width + 1


def page_segments(
    where: Sequence[ColumnElement[bool]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    lead_bound: bool = True,
) -> tuple[list[Segment], int]:
    """The statements that fill one page, in order, and the width of the page key.

    Usually one statement. A nullable sort key (SLA due time, assignee) coalesced to a
    sentinel would hide its index, so those sorts run in two segments, each on an index:
    tickets with a value by ``(value, id)``, those without by ``id``. The key stays
    ``(value, id)``, value None in the second segment.
    """
    keys = sort_keys(sort)
    if after is not None and len(after) != len(keys):
        raise ValueError("the page key does not belong to this sort order")
    desc = sort.descending
    due = tickets.c.sla_due_at
    if sort.column == QueueColumn.SLA_DUE and isinstance(due, ColumnClause):
        # No deadline sorts last (first when descending).
        segments = _two_segments(
            where, due, due.is_not(None), due.is_(None),
            nulls_first_ascending=False, desc=desc, after=after, absent_lead=due,
            lead_bound=lead_bound,
        )  # fmt: skip
        return segments, 2
    if sort.column == QueueColumn.ASSIGNEE:
        # Unassigned sorts first, like an empty name; ix_tickets_assignee_id per engineer.
        assigned = tickets.c.assignee_id
        segments = _two_segments(
            where, keys[0], assigned.is_not(None), assigned.is_(None),
            nulls_first_ascending=True, desc=desc, after=after, assigned_only=True,
            absent_lead=assigned, lead_bound=lead_bound,
        )  # fmt: skip
        return segments, 2
    return [
        lambda n: _page(
            where, keys, keys, descending=desc, after=after, limit=n, lead_bound=lead_bound
        )
    ], len(keys)


def _two_segments(
    where: Sequence[ColumnElement[bool]],
    value: ColumnElement[Any],
    present: ColumnElement[bool],
    absent: ColumnElement[bool],
    *,
    nulls_first_ascending: bool,
    desc: bool,
    after: Sequence[Any] | None,
    assigned_only: bool = False,
    absent_lead: ColumnElement[Any],
    lead_bound: bool,
) -> list[Segment]:
    """``absent_lead``: the ticket column that is NULL in the second segment; its rows
    are ordered by it too (a constant there), so the order is that of the index
    ``(column, id)`` and the planner reads it in order instead of walking the primary
    key."""
    keys = [value, tickets.c.id]
    ids = [tickets.c.id]

    def valued(key: Sequence[Any] | None) -> Segment:
        return lambda n: _page(
            [*where, present], keys, keys, descending=desc, after=key, limit=n,
            assigned_only=assigned_only, lead_bound=lead_bound,
        )  # fmt: skip

    def valueless(key: Sequence[Any] | None) -> Segment:
        return lambda n: _page(
            [*where, absent], keys, ids, descending=desc, after=key[1:] if key else None,
            limit=n, order_lead=absent_lead, lead_bound=lead_bound,
        )  # fmt: skip

    nulls_first = nulls_first_ascending != desc
    if after is None:
        return [valueless(None), valued(None)] if nulls_first else [valued(None), valueless(None)]
    if after[0] is None:  # already among the tickets without a value
        return [valueless(after), valued(None)] if nulls_first else [valueless(after)]
    return [valued(after)] if nulls_first else [valued(after), valueless(None)]


def _page(
    where: Sequence[ColumnElement[bool]],
    labelled: Sequence[ColumnElement[Any]],
    ordered: Sequence[ColumnElement[Any]],
    *,
    descending: bool,
    after: Sequence[Any] | None,
    limit: int,
    assigned_only: bool = False,
    order_lead: ColumnElement[Any] | None = None,
    lead_bound: bool = True,
) -> Select[Any]:
    stmt = (
        select(*row_columns(), *(k.label(sort_key_label(i)) for i, k in enumerate(labelled)))
        .select_from(_queue_from(assigned_only=assigned_only))
        .where(*where)
    )
    if after is not None:
        here, there = tuple_(*ordered), tuple_(*after, types=[k.type for k in ordered])
        stmt = stmt.where(here < there if descending else here > there)
        if lead_bound:
            # Implied by the row comparison; spelled out so PostgreSQL bounds the leading
            # index. Not for SQLite: it reads row values itself, and beside an equality
            # on the same column (a priority filter) the extra range made it pick the
            # index over all tickets instead of the open tickets' one.
            lead = literal(after[0], ordered[0].type)
            stmt = stmt.where(ordered[0] <= lead if descending else ordered[0] >= lead)
    leading = [] if order_lead is None else [order_lead]
    order = [k.desc() if descending else k.asc() for k in (*leading, *ordered)]
    return stmt.order_by(*order).limit(limit)


def rows_query(ids: Sequence[int]) -> Select[Any]:
    return select(*row_columns()).select_from(_queue_from()).where(tickets.c.id.in_(list(ids)))


def count_query(where: Sequence[ColumnElement[bool]], cap: int | None) -> Select[Any]:
    inner = select(tickets.c.id).where(*where)
    if cap is not None:
        inner = inner.limit(cap)
    return select(func.count()).select_from(inner.subquery())
