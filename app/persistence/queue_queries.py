"""SQL for the ticket queue's read model: columns (not entities), keyset pages.

Every sort order is a tuple of key expressions ending in ``tickets.id``, all in one
direction, so the next page is one row-value comparison ``(k1, …, id) > (…)`` that
an index on the same columns can answer (DESIGN.md, "Measured"). Nullable keys are
coalesced to a sentinel so the comparison never meets NULL.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    false,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.sql.expression import ColumnClause

from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES, Status
from app.persistence.orm import Customer, Product, Ticket, User
from app.persistence.orm_queue import at_risk_predicate, open_predicate

tickets = Ticket.__table__
customers = Customer.__table__
products = Product.__table__
users = User.__table__
assignees = users.alias("assignee")

_OPEN = frozenset(s.value for s in OPEN_STATUSES)


def row_columns(*, joined: bool = True) -> list[ColumnElement[Any]]:
    """The row's columns. ``joined``: read from the customer and assignee joined in
    (:func:`_queue_from`); else looked up per row returned, so a page that sorts by a
    ticket column reads ``tickets`` alone and no planner can start from the customers
    (SQLite at 1M did: all ~100k open tickets sorted for "All open" by number)."""
    due, state = tickets.c.sla_due_at, tickets.c.sla_state
    t = tickets.c
    code: ColumnElement[Any]
    name: ColumnElement[Any]
    assignee: ColumnElement[Any]
    if joined:
        code, name, assignee = customers.c.code, customers.c.name, assignees.c.username
    else:
        of_customer = customers.c.id == t.customer_id
        code = select(customers.c.code).where(of_customer).scalar_subquery()
        name = select(customers.c.name).where(of_customer).scalar_subquery()
        assignee = select(users.c.username).where(users.c.id == t.assignee_id).scalar_subquery()
    return [
        t.id,
        t.number,
        t.priority,
        t.status,
        t.subject,
        code.label("customer_code"),
        name.label("customer_name"),
        assignee.label("assignee"),
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
    """The key columns of a sort order (made once per column: building them cost as
    much as a page's SQL)."""
    found = _SORT_KEYS.get(sort.column)
    if found is None:
        found = _SORT_KEYS[sort.column] = _sort_keys(sort)
    return list(found)


_SORT_KEYS: dict[QueueColumn, list[ColumnElement[Any]]] = {}


def _sort_keys(sort: QueueSort) -> list[ColumnElement[Any]]:
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


def _queue_from(*, assigned_only: bool = False, by_customer: bool = False) -> Any:
    """Tickets with their customer and assignee. ``assigned_only`` joins the assignee
    inner and names it first, ``by_customer`` names the customers first: the order of
    the sort's walk (customers or users by name, then each one's tickets), which SQLite
    keeps when the tickets are pinned (``queue_pins.pin_index``: ``CROSS JOIN``)."""
    of_customer = customers.c.id == tickets.c.customer_id
    on = assignees.c.id == tickets.c.assignee_id
    if assigned_only:
        return assignees.join(tickets, on).join(customers, of_customer)
    if by_customer:
        return customers.join(tickets, of_customer).outerjoin(assignees, on)
    return tickets.join(customers, of_customer).outerjoin(assignees, on)


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

    Codes and names arrive already cleaned by the service. Each value is a named bind
    (:func:`filter_values`), so the statement's text depends only on the filter's shape
    (:func:`filter_shape`) and is compiled once per shape (queue_repository).
    """
    t = tickets.c
    where: list[ColumnElement[bool]] = []
    where.extend(_view_conditions(flt.view, dialect))
    if flt.statuses:
        if len(flt.statuses) == 1 and flt.statuses <= _OPEN:
            # One open status reads like the one-status views ("Waiting"): a literal
            # (the statuses are part of the shape), from the open tickets' indexes led
            # by status; the open predicate once, from the view or here. Twice, PostgreSQL
            # multiplied the two and guessed 330 of 35,051 "in progress" tickets at 1M,
            # then sorted them all (51 ms against a 4 ms floor).
            where.append(_one_status(Status(next(iter(flt.statuses)))))
            if flt.view == SavedView.ALL:
                where.append(open_predicate(t.status))
        elif flt.statuses <= _OPEN:
            where.append(t.status.in_(sorted(flt.statuses)))
            # Implied, and spelled out so the open tickets' partial indexes apply.
            where.append(open_predicate(t.status))
        else:
            # Closed history is most tickets: walk the sort's index and test the status
            # (SQLite, without value statistics, would otherwise sort every closed one).
            where.append(_unindexed(t.status, dialect).in_(sorted(flt.statuses)))
    if flt.priorities:
        where.append(t.priority.in_(sorted(flt.priorities)))
    # A customer or an engineer: equal to one id (codes and user names are unique), not
    # IN a list of ids, so an index led by that column gives the page's order.
    if customer_code is not None:
        of = select(customers.c.id).where(customers.c.code == _bind("customer_code", String))
        where.append(t.customer_id == of.scalar_subquery())
    if assignee_name is not None:
        named = users.c.username == _bind("assignee_name", String)
        where.append(t.assignee_id == select(users.c.id).where(named).scalar_subquery())
    if product_code is not None:  # no index of its own: PostgreSQL semi-joins the ids
        code = products.c.code == _bind("product_code", String)
        where.append(t.product_id.in_(select(products.c.id).where(code)))
    return where


def _bind(name: str, type_: Any) -> BindParameter[Any]:
    """A named parameter whose value comes with each execution (never in the text)."""
    return bindparam(name, None, type_=type_)


def filter_shape(flt: QueueFilter, dialect: str, **named: str | None) -> Hashable:
    """What the text of :func:`conditions` depends on: everything but the values."""
    present = tuple(sorted(k for k, v in named.items() if v is not None))
    return (dialect, flt.view, flt.statuses, flt.priorities, present)


def filter_values(
    user_id: int,
    *,
    customer_code: str | None = None,
    assignee_name: str | None = None,
    product_code: str | None = None,
) -> dict[str, Any]:
    """The named values :func:`conditions` binds."""
    return {
        "user_id": user_id,
        "customer_code": customer_code,
        "assignee_name": assignee_name,
        "product_code": product_code,
    }


def _unindexed(status: Any, dialect: str) -> Any:
    """``status`` as SQLite cannot look up by index (``status || ''``): the planner then
    walks the page's own index instead of gathering one status's rows to sort them."""
    return status.concat(literal("")) if dialect == "sqlite" else status


def _one_status(status: Status) -> ColumnElement[bool]:
    # A literal, like the open predicate: part of the statement's shape, not a value.
    return tickets.c.status == literal_column(f"'{status.value}'")


def _view_conditions(view: SavedView, dialect: str) -> list[ColumnElement[bool]]:
    t = tickets.c
    state = tickets.c.sla_state
    # Literal values: SQLite uses a partial index only for its own WHERE term (orm_queue).
    is_open = open_predicate(t.status)
    if view == SavedView.AT_RISK:
        if not isinstance(state, ColumnClause):
            return [false()]
        # Literal values too, like the open predicate (part of the statement's shape).
        return [at_risk_predicate(state), is_open]
    views: dict[SavedView, list[ColumnElement[bool]]] = {
        SavedView.MY: [t.assignee_id == _bind("user_id", Integer), is_open],
        SavedView.UNASSIGNED: [t.assignee_id.is_(None), is_open],
        # One status: read from the open tickets' indexes led by status (migration 0022;
        # ``is_open`` is implied, spelled out for SQLite's partial indexes).
        SavedView.WAITING: [_one_status(Status.WAITING_ON_CUSTOMER), is_open],
        SavedView.AWAITING_APPROVAL: [_one_status(Status.RESOLVED), is_open],
        SavedView.ALL_OPEN: [is_open],
        SavedView.ALL: [],
    }
    return views[view]


def rows_query(ids: Sequence[int]) -> Select[Any]:
    return select(*row_columns()).select_from(_queue_from()).where(tickets.c.id.in_(list(ids)))


def count_query(where: Sequence[ColumnElement[bool]], capped: bool) -> Select[Any]:
    """``capped``: count at most the value ``count_cap``."""
    inner = select(tickets.c.id).where(*where)
    if capped:
        inner = inner.limit(_bind("count_cap", Integer))
    return select(func.count()).select_from(inner.subquery())
