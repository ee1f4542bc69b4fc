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
    Integer,
    Select,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    tuple_,
    union,
)
from sqlalchemy.sql.expression import ColumnClause

from app.domain.queue import AT_RISK_STATES, QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES, Status, format_number
from app.persistence.orm import Customer, Product, Ticket, User

tickets = Ticket.__table__
customers = Customer.__table__
products = Product.__table__
users = User.__table__
assignees = users.alias("assignee")

# SQLite's FTS5 index over subject and description (migration 0004).
_fts = table("tickets_fts", column("rowid", Integer))
_OPEN = sorted(s.value for s in OPEN_STATUSES)


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
    where.extend(_view_conditions(flt.view, user_id))
    if flt.statuses:
        where.append(t.status.in_(sorted(flt.statuses)))
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


def _view_conditions(view: SavedView, user_id: int) -> list[ColumnElement[bool]]:
    t = tickets.c
    state = tickets.c.sla_state
    is_open = t.status.in_(_OPEN)
    if view == SavedView.AT_RISK:
        if not isinstance(state, ColumnClause):
            return [false()]
        return [state.in_(sorted(AT_RISK_STATES)), is_open]
    views: dict[SavedView, list[ColumnElement[bool]]] = {
        SavedView.MY: [t.assignee_id == user_id, is_open],
        SavedView.UNASSIGNED: [t.assignee_id.is_(None), is_open],
        SavedView.WAITING: [t.status == Status.WAITING_ON_CUSTOMER.value],
        SavedView.AWAITING_APPROVAL: [t.status == Status.RESOLVED.value],
        SavedView.ALL_OPEN: [is_open],
        SavedView.ALL: [],
    }
    return views[view]


def _tsquery(terms: Sequence[str]) -> ColumnElement[Any]:
    return func.to_tsquery("simple", " & ".join(f"{w}:*" for w in terms))


def common_words_probe(terms: Sequence[str], enough: int) -> Select[Any]:
    """PostgreSQL: how many tickets match the words, counting no further than ``enough``."""
    matches = literal_column("tickets.search_vector").op("@@")(_tsquery(terms))
    return select(func.count()).select_from(
        select(tickets.c.id).where(matches).limit(enough).subquery()
    )


def search_condition(
    number: int | None,
    terms: Sequence[str],
    phrase: str,
    dialect: str,
    *,
    common: bool = False,
) -> ColumnElement[bool] | None:
    """Tickets matching a search: its number, or its words (FTS) or its customer.

    ``common`` (PostgreSQL): the words match many tickets, so filtering while walking
    the sort index finds a page at once; for rare words that walk is the trap of
    DESIGN.md "Measured", and the matches are collected first instead.
    """
    if number is not None:
        return tickets.c.number == format_number(number)
    if not terms:
        return None
    others = tickets.alias("searched")
    by_customer = select(others.c.id).where(
        others.c.customer_id.in_(
            select(customers.c.id).where(
                or_(
                    func.lower(customers.c.code) == phrase,
                    func.lower(customers.c.name).startswith(phrase, autoescape=True),
                )
            )
        )
    )
    if dialect == "sqlite":
        fts = " ".join(f'"{w}"*' for w in terms)
        by_text = select(_fts.c.rowid).where(literal_column("tickets_fts").op("MATCH")(fts))
        return tickets.c.id.in_(union(by_text, by_customer))
    if common:
        return or_(
            literal_column("tickets.search_vector").op("@@")(_tsquery(terms)),
            tickets.c.id.in_(by_customer),
        )
    # Rare words: collect the matches first (GIN), so the planner never walks the sort
    # index hoping to meet them.
    by_text = select(others.c.id).where(
        literal_column("searched.search_vector").op("@@")(_tsquery(terms))
    )
    hits = union(by_text, by_customer).cte("search_hits").prefix_with("MATERIALIZED")
    return tickets.c.id.in_(select(hits.c.id))


# One step of a page: given how many rows are still wanted, the statement to run.
Segment = Callable[[int], Select[Any]]


def page_segments(
    where: Sequence[ColumnElement[bool]], sort: QueueSort, after: Sequence[Any] | None
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
            nulls_first_ascending=False, desc=desc, after=after,
        )  # fmt: skip
        return segments, 2
    if sort.column == QueueColumn.ASSIGNEE:
        # Unassigned sorts first, like an empty name; ix_tickets_assignee_id per engineer.
        assigned = tickets.c.assignee_id
        segments = _two_segments(
            where, keys[0], assigned.is_not(None), assigned.is_(None),
            nulls_first_ascending=True, desc=desc, after=after, assigned_only=True,
        )  # fmt: skip
        return segments, 2
    return [lambda n: _page(where, keys, keys, descending=desc, after=after, limit=n)], len(keys)


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
) -> list[Segment]:
    keys = [value, tickets.c.id]
    ids = [tickets.c.id]

    def valued(key: Sequence[Any] | None) -> Segment:
        return lambda n: _page(
            [*where, present], keys, keys,
            descending=desc, after=key, limit=n, assigned_only=assigned_only,
        )  # fmt: skip

    def valueless(key: Sequence[Any] | None) -> Segment:
        return lambda n: _page(
            [*where, absent], keys, ids, descending=desc, after=key[1:] if key else None, limit=n
        )

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
) -> Select[Any]:
    stmt = (
        select(*row_columns(), *(k.label(sort_key_label(i)) for i, k in enumerate(labelled)))
        .select_from(_queue_from(assigned_only=assigned_only))
        .where(*where)
    )
    if after is not None:
        here, there = tuple_(*ordered), tuple_(*after, types=[k.type for k in ordered])
        stmt = stmt.where(here < there if descending else here > there)
        # Implied by the row comparison; spelled out so planners bound the leading index.
        lead = literal(after[0], ordered[0].type)
        stmt = stmt.where(ordered[0] <= lead if descending else ordered[0] >= lead)
    order = [k.desc() if descending else k.asc() for k in ordered]
    return stmt.order_by(*order).limit(limit)


def rows_query(ids: Sequence[int]) -> Select[Any]:
    return select(*row_columns()).select_from(_queue_from()).where(tickets.c.id.in_(list(ids)))


def count_query(where: Sequence[ColumnElement[bool]], cap: int | None) -> Select[Any]:
    inner = select(tickets.c.id).where(*where)
    if cap is not None:
        inner = inner.limit(cap)
    return select(func.count()).select_from(inner.subquery())
