"""How the queue's keyset pages are read: the statements of one page (segments).

Most pages are one statement over one index; a nullable sort key, a crowded first key
(SQLite) and the customer / assignee sorts (PostgreSQL: LATERAL walks per group) take
two or more, each an ordered index walk. Plans are cached per filter shape, sort and
form of the page key (:func:`page_segments`); the statements' SQL is compiled once
per shape (queue_statements). Split from queue_queries (columns, filters, counts).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, null, select, true, tuple_
from sqlalchemy.sql.expression import ColumnClause
from sqlalchemy.sql.util import ClauseAdapter

from app.domain.queue import QueueColumn, QueueSort
from app.persistence.queue_queries import (
    _bind,
    _queue_from,
    assignees,
    customers,
    row_columns,
    sort_key_label,
    sort_keys,
    tickets,
    users,
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


def _after_values(after: Sequence[Any] | None) -> dict[str, Any]:
    return {} if after is None else {f"after_{i}": v for i, v in enumerate(after)}


def page_plan(
    where: Sequence[ColumnElement[bool]],
    tiers: Sequence[Sequence[ColumnElement[bool]]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    lead_bound: bool = True,
    shape: Hashable | None = None,
    split_keys: bool = False,
    lateral: bool = False,
    lead: ColumnElement[Any] | None = None,
) -> tuple[list[tuple[tuple[int, ...], Segment]], int]:
    """Like :func:`page_segments`, over ranking tiers (a search's subject hits before
    its other hits, app.persistence.queue_search). With two or more tiers the page key
    starts with the tier number; each segment comes with that prefix. ``shape``: the
    filter's (:func:`filter_shape`), None when ``tiers`` carry a search's values."""
    if len(tiers) <= 1:
        extra = list(tiers[0]) if tiers else []
        segments, width = page_segments(
            [*where, *extra],
            sort,
            after,
            lead_bound=lead_bound,
            shape=shape,
            split_keys=split_keys,
            lateral=lateral,
            lead=lead,
        )
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


@dataclass(frozen=True, slots=True)
class _Slot:
    """Stands for the page key's ``i``-th value while a plan is made for the cache."""

    i: int


# Plans by filter shape, sort and the form of the page key (none, after a row without a
# value, after one with): building them (sort keys, conditions, closures) cost 0.05-0.15
# ms a page, as much as SQLite's own page at 1M. Only the key's values change per call.
_PLANS: dict[Hashable, tuple[list[Segment], int]] = {}


def page_segments(
    where: Sequence[ColumnElement[bool]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    lead_bound: bool = True,
    shape: Hashable | None = None,
    split_keys: bool = False,
    lateral: bool = False,
    lead: ColumnElement[Any] | None = None,
) -> tuple[list[Segment], int]:
    """:func:`_page_segments`, from a cache when the filter has a shape."""
    options = {"lead_bound": lead_bound, "split_keys": split_keys, "lateral": lateral}
    if shape is None:
        return _page_segments(where, sort, after, shape=shape, lead=lead, **options)
    form = None if after is None else (len(after), after[0] is None)
    key = (shape, sort, form, lead is not None, *options.values())
    cached = _PLANS.get(key)
    if cached is None:
        slots: tuple[_Slot | None, ...] | None = None
        if after is not None:  # a row without a value keeps its None (it picks segments)
            slots = tuple(None if i == 0 and v is None else _Slot(i) for i, v in enumerate(after))
        cached = _page_segments(where, sort, slots, shape=shape, lead=lead, **options)
        if len(_PLANS) > 512:
            _PLANS.clear()
        _PLANS[key] = cached
    segments, width = cached
    if after is None:
        return segments, width
    return [
        Segment(
            s.shape,
            s.build,
            {k: after[v.i] if isinstance(v, _Slot) else v for k, v in s.values.items()},
        )
        for s in segments
    ], width


def _page_segments(
    where: Sequence[ColumnElement[bool]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    lead_bound: bool = True,
    shape: Hashable | None = None,
    split_keys: bool = False,
    lateral: bool = False,
    lead: ColumnElement[Any] | None = None,
) -> tuple[list[Segment], int]:
    """The statements that fill one page, in order, and the width of the page key.

    Usually one statement. A nullable sort key (SLA due time, assignee) coalesced to a
    sentinel would hide its index, so those sorts run in two segments, each on an index:
    tickets with a value by ``(value, id)``, those without by ``id``. The key stays
    ``(value, id)``, value None in the second segment.

    ``lateral`` (PostgreSQL): the customer and assignee sorts walk customers / users by
    name and, per each, a LATERAL walk of its tickets by id with the page's LIMIT
    (:func:`_lateral_page`); one join sorted each customer's tickets in full (the
    first customer by name has ~85k tickets at 1M: 0.3-1.6 s a page). ``lead``: a
    ticket column the view fixes by ``IS NULL`` ("Unassigned"), put first in the ORDER
    BY: PostgreSQL derives no order from ``IS NULL`` (it does from ``=``), so it could
    not read the index led by that column in order and walked the sort's open index
    testing each ticket (60k tickets for a page of new ones by update time at 1M).
    """
    keys = sort_keys(sort)
    if after is not None and len(after) != len(keys):
        raise ValueError("the page key does not belong to this sort order")
    desc = sort.descending
    base = None if shape is None else (shape, sort, lead_bound, lateral, lead is not None)
    due = tickets.c.sla_due_at
    if sort.column == QueueColumn.SLA_DUE and isinstance(due, ColumnClause):
        # No deadline sorts last (first when descending).
        segments = _two_segments(
            where, due, due.is_not(None), due.is_(None),
            nulls_first_ascending=False, desc=desc, after=after, absent_lead=due,
            lead_bound=lead_bound, shape=base, lead=lead,
        )  # fmt: skip
        return segments, 2
    if sort.column == QueueColumn.ASSIGNEE:
        # Unassigned sorts first, like an empty name; ix_tickets_assignee_id per engineer.
        assigned = tickets.c.assignee_id
        segments = _two_segments(
            where, keys[0], assigned.is_not(None), assigned.is_(None),
            nulls_first_ascending=True, desc=desc, after=after, assigned_only=True,
            absent_lead=assigned, lead_bound=lead_bound, shape=base, lead=lead,
            lateral=lateral,
        )  # fmt: skip
        return segments, 2
    by_customer = sort.column == QueueColumn.CUSTOMER
    if by_customer:
        # Customers lead that walk (SQLite: ``CROSS JOIN`` the pinned tickets; PostgreSQL:
        # LATERAL per customer): a ticket column first would sort every ticket of the view
        # (SQLite: 15-60 ms for "Unassigned" by customer at 1M).
        lead = None
    if (split_keys or lateral) and by_customer and after is not None:
        # See _customer_segments (SQLite pins the tickets; PostgreSQL walks LATERAL).
        segments = _customer_segments(
            where, keys, desc=desc, after=after, lead_bound=lead_bound, shape=base,
            lateral=lateral,
        )  # fmt: skip
        return segments, len(keys)
    if split_keys and after is not None and sort.column in _CROWDED_LEADS:
        return _lead_segments(where, keys, desc=desc, after=after, shape=base), len(keys)
    has_after = after is not None
    if lateral and by_customer:
        first = Segment(
            None if base is None else (base, "lateral"),
            lambda: _lateral_page(where, customers, keys, descending=desc),
        )
        return [first], len(keys)
    leading = [] if lead is None else [lead]
    one = Segment(
        None if base is None else (base, "one", has_after),
        lambda: _page(
            where, keys, keys, descending=desc, after=has_after, lead_bound=lead_bound,
            leading=leading,
        ),
        _after_values(after),
    )  # fmt: skip
    return [one], len(keys)


# Sort keys whose first column holds few values (5 statuses, 4 priorities, a few hundred
# subjects): many tickets share the key's first value.
_CROWDED_LEADS = frozenset({QueueColumn.STATUS, QueueColumn.PRIORITY, QueueColumn.SUBJECT})


def _lead_segments(
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[ColumnElement[Any]],
    *,
    desc: bool,
    after: Sequence[Any],
    shape: Hashable | None,
) -> list[Segment]:
    """SQLite, a page after a key whose first value many tickets share: the rest of that
    value's tickets (``k1 = ?`` and the rest of the key after it: a seek on the index),
    then the later values (``k1 > ?``). SQLite seeks a row-value comparison by its first
    column only, so one statement walked the key's whole group up to the key (10-20k
    index entries for a middle page by status at 1M: 2-6 ms)."""
    bound = [_bind(f"after_{i}", k.type) for i, k in enumerate(keys)]
    first, rest, b_first, b_rest = keys[0], keys[1:], bound[0], bound[1:]
    here: ColumnElement[Any] = tuple_(*rest) if len(rest) > 1 else rest[0]
    there: ColumnElement[Any] = tuple_(*b_rest) if len(rest) > 1 else b_rest[0]
    same = [first == b_first, here < there if desc else here > there]
    later = [first < b_first if desc else first > b_first]
    values = _after_values(after)

    def segment(part: str, extra: list[ColumnElement[bool]]) -> Segment:
        return Segment(
            None if shape is None else (shape, part),
            lambda: _page(
                [*where, *extra], keys, keys, descending=desc, after=False, lead_bound=False
            ),
            values,
        )

    return [segment("same lead", same), segment("later leads", later)]


def _customer_segments(
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[ColumnElement[Any]],
    *,
    desc: bool,
    after: Sequence[Any],
    lead_bound: bool,
    shape: Hashable | None,
    lateral: bool = False,
) -> list[Segment]:
    """The customer sort after a key: the rest of that customer's tickets (by id, from
    the key's id on), then the customers after it by name. One row-value comparison
    over ``(name, customer id, ticket id)`` spans two tables, so no index could start at
    the key: the page walked the key's customer's tickets from its first (10 ms for the
    biggest customer at 1M). ``lateral`` (PostgreSQL): the later customers are walked
    as on a first page (:func:`_lateral_page`), and the key's customer's tickets are
    ordered by id alone (the customer is fixed; PostgreSQL would sort them all to
    order by its name first)."""
    name, customer, ticket = keys
    b_name, b_customer, b_ticket = (_bind(f"after_{i}", k.type) for i, k in enumerate(keys))
    here, there = tuple_(name, customer), tuple_(b_name, b_customer)
    later = [here < there if desc else here > there]
    values = _after_values(after)
    if lateral:
        same_key = [tickets.c.customer_id == b_customer]
        same_key.append(tickets.c.id < b_ticket if desc else tickets.c.id > b_ticket)
        return [
            Segment(
                None if shape is None else (shape, "same customer", "lateral"),
                lambda: _page(
                    [*where, *same_key], keys, [tickets.c.id], descending=desc, after=False,
                    lead_bound=lead_bound,
                ),
                values,
            ),
            Segment(
                None if shape is None else (shape, "later customers", "lateral"),
                lambda: _lateral_page(where, customers, keys, descending=desc, outer=later),
                values,
            ),
        ]  # fmt: skip
    same = [customer == b_customer, ticket < b_ticket if desc else ticket > b_ticket]

    def segment(part: str, extra: list[ColumnElement[bool]]) -> Segment:
        return Segment(
            None if shape is None else (shape, part),
            lambda: _page(
                [*where, *extra], keys, keys, descending=desc, after=False,
                lead_bound=lead_bound,
            ),
            values,
        )  # fmt: skip

    return [segment("same customer", same), segment("later customers", later)]


def _lateral_page(
    where: Sequence[ColumnElement[bool]],
    group: Any,
    keys: Sequence[ColumnElement[Any]],
    *,
    descending: bool,
    outer: Sequence[ColumnElement[bool]] = (),
) -> Select[Any]:
    """PostgreSQL: the groups (``customers`` by name and id, or the assignees by user
    name) in the sort's order, and for each a LATERAL walk of its tickets by id (an
    index ``(customer_id, id)`` / ``(assignee_id, id)``) LIMITed to the page; the
    planner's incremental sort then orders at most a page per group. ``keys``: the
    sort's key columns (the last is ``tickets.id``); ``outer``: conditions on the
    group's columns (the groups after the page key)."""
    link = (
        tickets.c.customer_id == customers.c.id
        if group is customers
        else tickets.c.assignee_id == assignees.c.id
    )
    ticket_order = tickets.c.id.desc() if descending else tickets.c.id.asc()
    walked = (
        select(tickets)
        .where(*where, link)
        .order_by(ticket_order)
        .limit(_bind("page_limit", Integer))
        .lateral("walked")
    )
    adapt = ClauseAdapter(walked).traverse
    if group is customers:
        on = assignees.c.id == walked.c.assignee_id
        source = customers.join(walked, true()).outerjoin(assignees, on)
    else:
        source = assignees.join(walked, true()).join(
            customers, customers.c.id == walked.c.customer_id
        )
    ordered = [adapt(k) for k in keys]
    stmt = (
        select(
            *(adapt(c) for c in row_columns(joined=True)),
            *(k.label(sort_key_label(i)) for i, k in enumerate(ordered)),
        )
        .select_from(source)
        .where(*outer)
    )
    order = [k.desc() if descending else k.asc() for k in ordered]
    return stmt.order_by(*order).limit(_bind("page_limit", Integer))


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
    shape: Hashable | None,
    lead: ColumnElement[Any] | None = None,
    lateral: bool = False,
) -> list[Segment]:
    """``absent_lead``: the ticket column that is NULL in the second segment; its rows
    are ordered by it too (a constant there), so the order is that of the index
    ``(column, id)`` and the planner reads it in order instead of walking the primary
    key. ``lead``, ``lateral``: see :func:`page_segments` (``lateral`` only with the
    assignee sort: users by name, each one's tickets by id)."""
    keys = [value, tickets.c.id]
    ids = [tickets.c.id]
    # The key of a row without a value: (None, id), read from ``tickets`` alone.
    nothing = [null(), tickets.c.id]
    # The view's own lead, unless it is the NULL column itself (then ordered by once).
    leading = [] if lead is None or lead is absent_lead else [lead]

    def valued(key: Sequence[Any] | None) -> list[Segment]:
        if lateral:
            return _user_segments([*where, present], keys, desc=desc, after=key, shape=shape)
        return [
            Segment(
                None if shape is None else (shape, "valued", key is not None),
                lambda: _page(
                    [*where, present], keys, keys, descending=desc, after=key is not None,
                    assigned_only=assigned_only, lead_bound=lead_bound, leading=leading,
                ),
                _after_values(key),
            )
        ]  # fmt: skip

    def valueless(key: Sequence[Any] | None) -> list[Segment]:
        return [
            Segment(
                None if shape is None else (shape, "valueless", key is not None),
                lambda: _page(
                    [*where, absent], nothing, ids, descending=desc, after=key is not None,
                    leading=[*leading, absent_lead], lead_bound=lead_bound,
                ),
                _after_values(key[1:] if key else None),
            )
        ]  # fmt: skip

    if lead is not None and lead is absent_lead:
        # The view keeps only tickets without a value ("Unassigned" by assignee): the
        # other segment met every engineer's open tickets to refuse each (SQLite: 14 ms
        # at 1M).
        return valueless(after if after is not None and after[0] is None else None)
    nulls_first = nulls_first_ascending != desc
    if after is None:
        if nulls_first:
            return [*valueless(None), *valued(None)]
        return [*valued(None), *valueless(None)]
    if after[0] is None:  # already among the tickets without a value
        return [*valueless(after), *valued(None)] if nulls_first else valueless(after)
    return valued(after) if nulls_first else [*valued(after), *valueless(None)]


def _user_segments(
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[ColumnElement[Any]],
    *,
    desc: bool,
    after: Sequence[Any] | None,
    shape: Hashable | None,
) -> list[Segment]:
    """PostgreSQL, the assigned tickets by assignee name: users by name, each one's
    tickets by id (:func:`_lateral_page`); after a key, first the rest of that user's
    tickets, then the users after it (as :func:`_customer_segments`)."""
    if after is None:
        return [
            Segment(
                None if shape is None else (shape, "valued", "lateral"),
                lambda: _lateral_page(where, assignees, keys, descending=desc),
            )
        ]
    b_name, b_ticket = (_bind(f"after_{i}", k.type) for i, k in enumerate(keys))
    named = select(users.c.id).where(users.c.username == b_name).scalar_subquery()
    same = [tickets.c.assignee_id == named]
    same.append(tickets.c.id < b_ticket if desc else tickets.c.id > b_ticket)
    later = [assignees.c.username < b_name if desc else assignees.c.username > b_name]
    values = _after_values(after)
    return [
        Segment(
            None if shape is None else (shape, "valued", "same user"),
            lambda: _page(
                [*where, *same], keys, [tickets.c.id], descending=desc, after=False,
                assigned_only=True, lead_bound=False,
            ),
            values,
        ),
        Segment(
            None if shape is None else (shape, "valued", "later users"),
            lambda: _lateral_page(where, assignees, keys, descending=desc, outer=later),
            values,
        ),
    ]  # fmt: skip


def _page(
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
    lead gives the order; see :func:`page_segments`)."""
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
