"""How the queue's keyset pages are read: the statements of one page (segments).

Most pages are one statement over one index; a nullable sort key, a crowded first key
(SQLite) and the customer / assignee sorts (PostgreSQL: LATERAL walks per group) take
two or more, each an ordered index walk. Plans are cached per filter shape, sort and
form of the page key (:func:`page_segments`); the statements' SQL is compiled once
per shape (queue_statements). Split from queue_queries (columns, filters, counts).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, null
from sqlalchemy.sql.expression import ColumnClause

from app.domain.queue import QueueColumn, QueueSort
from app.persistence.queue_page_sql import Segment, after_values, lateral_page, page_select
from app.persistence.queue_queries import customers, sort_keys, tickets
from app.persistence.queue_walks import (
    CROWDED_LEADS,
    customer_segments,
    lead_segments,
    user_segments,
)


@dataclass(frozen=True, slots=True, eq=False)
class PageOptions:
    """How a read shapes its pages' statements (the same for every page of a read).

    ``lead_bound`` (PostgreSQL): a page after a key also bounds the key's first column
    (``k1 >= ?``) so the planner bounds the leading index. ``split_keys`` (SQLite): a
    page after a key whose first value is crowded, or in the customer sort, reads in two
    walks (queue_walks). ``lateral`` (PostgreSQL): the customer and assignee sorts walk
    groups with LATERAL (queue_page_sql.lateral_page). ``lead``: a ticket column the view
    fixes by ``IS NULL`` ("Unassigned"), ordered by first (see :func:`_page_segments`).
    ``eq=False``: a column's ``==`` makes SQL, not a bool.
    """

    lead_bound: bool = True
    split_keys: bool = False
    lateral: bool = False
    lead: ColumnElement[Any] | None = None

    @property
    def key(self) -> tuple[bool, ...]:
        """What a cached plan depends on (the lead column is fixed by the view)."""
        return (self.lead_bound, self.split_keys, self.lateral, self.lead is not None)


DEFAULT = PageOptions()


def page_plan(
    where: Sequence[ColumnElement[bool]],
    tiers: Sequence[Sequence[ColumnElement[bool]]],
    sort: QueueSort,
    after: Sequence[Any] | None,
    *,
    shape: Hashable | None = None,
    options: PageOptions = DEFAULT,
    search_shape: Hashable | None = None,
) -> tuple[list[tuple[tuple[int, ...], Segment]], int]:
    """Like :func:`page_segments`, over ranking tiers (a search's subject hits before
    its other hits, app.persistence.queue_search). With two or more tiers the page key
    starts with the tier number; each segment comes with that prefix. ``shape``: the
    filter's (:func:`filter_shape`), None when ``tiers`` carry a search's values;
    ``search_shape``: the search's (the filter's and the plan's), whose values are binds
    passed with each execution, so its statements are cached like a filter's."""
    if len(tiers) <= 1:
        extra = list(tiers[0]) if tiers else []
        one = shape if search_shape is None else search_shape
        segments, width = page_segments([*where, *extra], sort, after, shape=one, options=options)
        return [((), s) for s in segments], width
    first, inner = (0, None) if after is None else (after[0], after[1:])
    if not isinstance(first, int) or not 0 <= first < len(tiers):
        raise ValueError("the page key does not belong to this search")
    plan: list[tuple[tuple[int, ...], Segment]] = []
    width = len(sort_keys(sort))
    # Searches keep one statement per tier (queue_search plans them).
    plain = PageOptions(lead_bound=options.lead_bound)
    for tier in range(first, len(tiers)):
        key = inner if tier == first else None
        tier_shape = None if search_shape is None else (search_shape, tier)
        segments, width = page_segments(
            [*where, *tiers[tier]], sort, key, shape=tier_shape, options=plain
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
    shape: Hashable | None = None,
    options: PageOptions = DEFAULT,
) -> tuple[list[Segment], int]:
    """:func:`_page_segments`, from a cache when the filter has a shape."""
    if shape is None:
        return _page_segments(where, sort, after, shape=shape, options=options)
    form = None if after is None else (len(after), after[0] is None)
    key = (shape, sort, form, options.key)
    cached = _PLANS.get(key)
    if cached is None:
        slots: tuple[_Slot | None, ...] | None = None
        if after is not None:  # a row without a value keeps its None (it picks segments)
            slots = tuple(None if i == 0 and v is None else _Slot(i) for i, v in enumerate(after))
        cached = _page_segments(where, sort, slots, shape=shape, options=options)
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
    shape: Hashable | None = None,
    options: PageOptions = DEFAULT,
) -> tuple[list[Segment], int]:
    """The statements that fill one page, in order, and the width of the page key.

    Usually one statement. A nullable sort key (SLA due time, assignee) coalesced to a
    sentinel would hide its index, so those sorts run in two segments, each on an index:
    tickets with a value by ``(value, id)``, those without by ``id``. The key stays
    ``(value, id)``, value None in the second segment.

    ``lateral`` (PostgreSQL): the customer and assignee sorts walk customers / users by
    name and, per each, a LATERAL walk of its tickets by id with the page's LIMIT
    (queue_page_sql.lateral_page); one join sorted each customer's tickets in full (the
    first customer by name has ~85k tickets at 1M: 0.3-1.6 s a page). ``lead``: a
    ticket column the view fixes by ``IS NULL`` ("Unassigned"), put first in the ORDER
    BY: PostgreSQL derives no order from ``IS NULL`` (it does from ``=``), so it could
    not read the index led by that column in order and walked the sort's open index
    testing each ticket (60k tickets for a page of new ones by update time at 1M).
    """
    lead_bound, split_keys, lateral = options.lead_bound, options.split_keys, options.lateral
    lead = options.lead
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
            lateral=lateral, split=split_keys,
        )  # fmt: skip
        return segments, 2
    by_customer = sort.column == QueueColumn.CUSTOMER
    # The LATERAL walk orders each customer's tickets by the view's IS NULL column too.
    inner_lead = [] if lead is None else [lead]
    if by_customer:
        # Customers lead that walk (SQLite: ``CROSS JOIN`` the pinned tickets; PostgreSQL:
        # LATERAL per customer): a ticket column first would sort every ticket of the view
        # (SQLite: 15-60 ms for "Unassigned" by customer at 1M).
        lead = None
    if (split_keys or lateral) and by_customer and after is not None:
        # See queue_walks.customer_segments (SQLite pins the tickets; PostgreSQL walks LATERAL).
        segments = customer_segments(
            where, keys, desc=desc, after=after, lead_bound=lead_bound, shape=base,
            lateral=lateral, leading=inner_lead,
        )  # fmt: skip
        return segments, len(keys)
    if split_keys and after is not None and sort.column in CROWDED_LEADS:
        return lead_segments(where, keys, desc=desc, after=after, shape=base), len(keys)
    has_after = after is not None
    if lateral and by_customer:
        first = Segment(
            None if base is None else (base, "lateral"),
            lambda: lateral_page(where, customers, keys, descending=desc, leading=inner_lead),
        )
        return [first], len(keys)
    leading = [] if lead is None else [lead]
    one = Segment(
        None if base is None else (base, "one", has_after),
        lambda: page_select(
            where, keys, keys, descending=desc, after=has_after, lead_bound=lead_bound,
            leading=leading,
        ),
        after_values(after),
    )  # fmt: skip
    return [one], len(keys)


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
    split: bool = False,
) -> list[Segment]:
    """``absent_lead``: the ticket column that is NULL in the second segment; its rows
    are ordered by it too (a constant there), so the order is that of the index
    ``(column, id)`` and the planner reads it in order instead of walking the primary
    key. ``lead``, ``lateral``: see :class:`PageOptions` (``lateral`` only with the
    assignee sort: users by name, each one's tickets by id)."""
    keys = [value, tickets.c.id]
    ids = [tickets.c.id]
    # The key of a row without a value: (None, id), read from ``tickets`` alone.
    nothing = [null(), tickets.c.id]
    # The view's own lead, unless it is the NULL column itself (then ordered by once).
    leading = [] if lead is None or lead is absent_lead else [lead]

    def valued(key: Sequence[Any] | None) -> list[Segment]:
        if lateral:
            return user_segments([*where, present], keys, desc=desc, after=key, shape=shape)
        if split and key is not None:
            return user_segments(
                [*where, present], keys, desc=desc, after=key, shape=shape, lateral=False
            )
        return [
            Segment(
                None if shape is None else (shape, "valued", key is not None),
                lambda: page_select(
                    [*where, present], keys, keys, descending=desc, after=key is not None,
                    assigned_only=assigned_only, lead_bound=lead_bound, leading=leading,
                ),
                after_values(key),
            )
        ]  # fmt: skip

    def valueless(key: Sequence[Any] | None) -> list[Segment]:
        return [
            Segment(
                None if shape is None else (shape, "valueless", key is not None),
                lambda: page_select(
                    [*where, absent], nothing, ids, descending=desc, after=key is not None,
                    leading=[*leading, absent_lead], lead_bound=lead_bound,
                ),
                after_values(key[1:] if key else None),
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
