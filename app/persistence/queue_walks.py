"""A queue page after a key in two walks (queue_segments plans them): where one
row-value comparison would start no index walk at the key, the rest of the key's group
is read first, then the later groups. SQLite: a crowded first key (status, priority,
subject); both engines: the customer sort; PostgreSQL: the assignee sort's users.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, select, tuple_

from app.domain.queue import QueueColumn
from app.persistence.queue_page_sql import Segment, after_values, lateral_page, page_select
from app.persistence.queue_queries import _bind, assignees, customers, tickets, users

# Sort keys whose first column holds few values (5 statuses, 4 priorities, a few hundred
# subjects): many tickets share the key's first value.
CROWDED_LEADS = frozenset({QueueColumn.STATUS, QueueColumn.PRIORITY, QueueColumn.SUBJECT})


def lead_segments(
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
    values = after_values(after)

    def segment(part: str, extra: list[ColumnElement[bool]]) -> Segment:
        return Segment(
            None if shape is None else (shape, part),
            lambda: page_select(
                [*where, *extra], keys, keys, descending=desc, after=False, lead_bound=False
            ),
            values,
        )

    return [segment("same lead", same), segment("later leads", later)]


def customer_segments(
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[ColumnElement[Any]],
    *,
    desc: bool,
    after: Sequence[Any],
    lead_bound: bool,
    shape: Hashable | None,
    lateral: bool = False,
    leading: Sequence[ColumnElement[Any]] = (),
) -> list[Segment]:
    """The customer sort after a key: the rest of that customer's tickets (by id, from
    the key's id on), then the customers after it by name. One row-value comparison
    over ``(name, customer id, ticket id)`` spans two tables, so no index could start at
    the key: the page walked the key's customer's tickets from its first (10 ms for the
    biggest customer at 1M). ``lateral`` (PostgreSQL): the later customers are walked
    as on a first page (:func:`lateral_page`), and the key's customer's tickets are
    ordered by id alone (the customer is fixed; PostgreSQL would sort them all to
    order by its name first). ``leading``: see queue_page_sql.lateral_page."""
    name, customer, ticket = keys
    b_name, b_customer, b_ticket = (_bind(f"after_{i}", k.type) for i, k in enumerate(keys))
    here, there = tuple_(name, customer), tuple_(b_name, b_customer)
    later = [here < there if desc else here > there]
    values = after_values(after)
    if lateral:
        same_key = [tickets.c.customer_id == b_customer]
        same_key.append(tickets.c.id < b_ticket if desc else tickets.c.id > b_ticket)
        return [
            Segment(
                None if shape is None else (shape, "same customer", "lateral"),
                lambda: page_select(
                    [*where, *same_key], keys, [tickets.c.id], descending=desc, after=False,
                    lead_bound=lead_bound, leading=leading,
                ),
                values,
            ),
            Segment(
                None if shape is None else (shape, "later customers", "lateral"),
                lambda: lateral_page(
                    where, customers, keys, descending=desc, outer=later, leading=leading
                ),
                values,
            ),
        ]  # fmt: skip
    same = [customer == b_customer, ticket < b_ticket if desc else ticket > b_ticket]

    def segment(part: str, extra: list[ColumnElement[bool]]) -> Segment:
        return Segment(
            None if shape is None else (shape, part),
            lambda: page_select(
                [*where, *extra], keys, keys, descending=desc, after=False,
                lead_bound=lead_bound,
            ),
            values,
        )  # fmt: skip

    return [segment("same customer", same), segment("later customers", later)]


def user_segments(
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[ColumnElement[Any]],
    *,
    desc: bool,
    after: Sequence[Any] | None,
    shape: Hashable | None,
    lateral: bool = True,
) -> list[Segment]:
    """The assigned tickets by assignee name: users by name, each one's tickets by id;
    after a key, first the rest of that user's tickets, then the users after it (as
    :func:`customer_segments`). ``lateral`` (PostgreSQL): the users walked as in
    :func:`lateral_page`. SQLite (not ``lateral``, only after a key): one row-value
    comparison over ``(user name, ticket id)`` spans two tables, so the page walked the
    key's user's open tickets from that user's first (all of them at 1M, a few
    thousand); now that user's tickets are sought from the key's id in the index
    ``(assignee_id, id)`` the page is pinned to, then the later users are walked as on a
    first page."""
    if after is None:
        if not lateral:
            raise ValueError("SQLite splits a page by user only after a key")
        return [
            Segment(
                None if shape is None else (shape, "valued", "lateral"),
                lambda: lateral_page(where, assignees, keys, descending=desc),
            )
        ]
    b_name, b_ticket = (_bind(f"after_{i}", k.type) for i, k in enumerate(keys))
    named = select(users.c.id).where(users.c.username == b_name).scalar_subquery()
    same = [tickets.c.assignee_id == named]
    same.append(tickets.c.id < b_ticket if desc else tickets.c.id > b_ticket)
    later = [assignees.c.username < b_name if desc else assignees.c.username > b_name]
    values = after_values(after)
    if not lateral:
        # The key's user's tickets from ``tickets`` alone (the user's name, fixed, is
        # the key's own value), so the pinned index is sought at (user, id).
        return [
            Segment(
                None if shape is None else (shape, "valued", "same user", "split"),
                lambda: page_select(
                    [*where, *same], [b_name, tickets.c.id], [tickets.c.id], descending=desc,
                    after=False, lead_bound=False,
                ),
                values,
            ),
            Segment(
                None if shape is None else (shape, "valued", "later users", "split"),
                lambda: page_select(
                    [*where, *later], keys, keys, descending=desc, after=False,
                    assigned_only=True, lead_bound=False,
                ),
                values,
            ),
        ]  # fmt: skip
    return [
        Segment(
            None if shape is None else (shape, "valued", "same user"),
            lambda: page_select(
                [*where, *same], keys, [tickets.c.id], descending=desc, after=False,
                assigned_only=True, lead_bound=False,
            ),
            values,
        ),
        Segment(
            None if shape is None else (shape, "valued", "later users"),
            lambda: lateral_page(where, assignees, keys, descending=desc, outer=later),
            values,
        ),
    ]  # fmt: skip
