"""The ticket queue's read side: keyset pages, counts and search, as plain rows.

Reads select columns, not ORM entities (2-3 times cheaper, DESIGN.md "Measured"),
and never use OFFSET: a page continues after the previous page's sort key. Each call
runs SQLAlchemy Core on one held connection (``queue_connection.queue_read``), with no ORM
session: the actor check is one indexed Core lookup on the same connection (issue 19).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

from app.domain.errors import AuthenticationFailed, ValidationError
from app.domain.queue import (
    QueueFilter,
    QueueSort,
    SavedView,
    search_number,
    search_terms,
)
from app.domain.tickets import Status, parse_enum
from app.persistence.queue_connection import queue_read
from app.persistence.queue_repository import (
    ROW_FIELDS,
    ActorInactive,
    QueueCriteria,
    QueueRepository,
)
from app.services.auth import Actor
from app.services.common import storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.users import clean_username

PAGE_LIMIT_MAX = 1000
IDS_LIMIT_MAX = 100_000  # ids only: 8 bytes a row in the client's array
# Counts stop here: the sidebar shows "1,000+" rather than making the database count
# every match of a common word (seconds on PostgreSQL, DESIGN.md "Measured").
COUNT_CAP = 1000

# Words matching at least this many tickets are "common": the page walks the view's index
# testing each ticket, instead of collecting every match first (app.persistence.queue_search).
# None: scaled to the desk's size (app.persistence.queue_repository.common_threshold).
COMMON_WORDS: int | None = None

R = TypeVar("R")

# The sort-key values of a page's last row; opaque to callers, valid for one sort.
QueueKey = tuple[Any, ...]


class QueueRow(NamedTuple):
    """One ticket as the queue shows it. A named tuple, not a dataclass: a page makes
    100-1,000 of them and a tuple is made in C from the repository's values
    (``tuple.__new__``), ~0.3 µs a row; the frozen slotted dataclass took ~2.5 µs (its
    twelve slots set one by one), more than SQLite's whole page at 1M (issue 19)."""

    id: int
    number: str
    priority: int
    status: str
    subject: str
    customer_code: str
    customer_name: str
    assignee: str | None
    sla_due_at: datetime | None
    sla_state: str | None
    updated_at: datetime
    version: int


# The repository hands rows over as values in its column order (no per-row mapping).
if QueueRow._fields != ROW_FIELDS:
    raise ImportError("QueueRow's fields must be queue_repository.ROW_FIELDS, in order")
_tuple_new = tuple.__new__


def _queue_rows(found: Iterable[Sequence[Any]]) -> list[QueueRow]:
    """``[QueueRow(*values) …]`` made in C (no Python call per row)."""
    return list(map(_tuple_new, repeat(QueueRow), found))


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[QueueRow]
    next_key: QueueKey | None


class QueueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def page(
        self,
        actor: Actor,
        flt: QueueFilter,
        sort: QueueSort,
        after: QueueKey | None = None,
        limit: int = 100,
    ) -> QueuePage:
        """Up to ``limit`` rows in ``sort`` order, starting after the key ``after``."""
        if not 1 <= limit <= PAGE_LIMIT_MAX:
            raise ValidationError(f"a page holds 1 to {PAGE_LIMIT_MAX} tickets, not {limit}.")
        found = self._read(
            actor,
            lambda queue, user_id: queue.page(self._criteria(flt, user_id), sort, after, limit),
        )
        rows = _queue_rows(found.rows)
        next_key = found.last_key if len(rows) == limit else None
        return QueuePage(rows, next_key)

    def ids(
        self,
        actor: Actor,
        flt: QueueFilter,
        sort: QueueSort,
        after: QueueKey | None = None,
        limit: int = IDS_LIMIT_MAX,
    ) -> tuple[list[int], QueueKey | None]:
        """The ticket ids of up to ``limit`` rows in ``sort`` order after ``after``, and the
        key to continue from (None at the end): what the desktop's model streams to know
        every position of a view without loading its rows (issue 19)."""
        if not 1 <= limit <= IDS_LIMIT_MAX:
            raise ValidationError(f"ask for 1 to {IDS_LIMIT_MAX} ids at once, not {limit}.")
        ids, last_key = self._read(
            actor,
            lambda queue, user_id: queue.ids(self._criteria(flt, user_id), sort, after, limit),
        )
        return ids, (last_key if len(ids) == limit else None)

    def rows(self, actor: Actor, ids: Iterable[int]) -> list[QueueRow]:
        """Fresh rows for these ticket ids (any order; missing ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        if len(wanted) > PAGE_LIMIT_MAX:
            raise ValidationError(f"ask for at most {PAGE_LIMIT_MAX} tickets at once.")
        return _queue_rows(self._read(actor, lambda queue, _: queue.rows(wanted)))

    def count(self, actor: Actor, flt: QueueFilter, *, cap: int | None = COUNT_CAP) -> int:
        """How many tickets match, counted in SQL; at most ``cap`` (meaning "cap or more")."""
        return self._read(
            actor, lambda queue, user_id: queue.count(self._criteria(flt, user_id), cap)
        )

    def view_counts(self, actor: Actor, *, cap: int | None = COUNT_CAP) -> dict[SavedView, int]:
        """The sidebar's counts, one cheap capped count per saved view."""

        def counts(queue: QueueRepository, user_id: int) -> dict[SavedView, int]:
            return {
                view: queue.count(self._criteria(QueueFilter(view=view), user_id), cap)
                for view in SavedView
            }

        return self._read(actor, counts)

    # -- internals -------------------------------------------------------------------------

    def _read(self, actor: Actor, work: Callable[[QueueRepository, int], R]) -> R:
        """``work`` on one held connection, after checking the actor is still active;
        run again once if the connection was lost (queue_connection.queue_read)."""

        def checked(queue: QueueRepository) -> R:
            try:
                queue.check_actor(actor.user_id)  # PostgreSQL: in the read's first statement
                return work(queue, actor.user_id)
            except ActorInactive:
                raise AuthenticationFailed(
                    f"user {actor.username!r} is no longer active."
                ) from None

        with storage_errors():
            return queue_read(self.ctx.db.engine, checked)

    @staticmethod
    def _criteria(flt: QueueFilter, user_id: int) -> QueueCriteria:
        """The filter checked and cleaned, with its search taken apart."""
        for status in flt.statuses:
            parse_enum(Status, "status", status)
        for priority in flt.priorities:
            if priority not in (1, 2, 3, 4):
                raise ValidationError(f"priority must be 1 to 4, not {priority!r}.")
        customer = clean_code("customer", flt.customer) if flt.customer else None
        assignee = clean_username(flt.assignee) if flt.assignee else None
        product = clean_code("product", flt.product) if flt.product else None
        text = flt.search.strip()
        if not text:  # no search: nothing to take apart
            return QueueCriteria(
                flt, user_id, customer, assignee, product, None, (), "", COMMON_WORDS
            )
        return QueueCriteria(
            flt,
            user_id,
            customer_code=customer,
            assignee_name=assignee,
            product_code=product,
            number=search_number(text),
            terms=tuple(search_terms(text)),
            phrase=text.lower(),
            common_words=COMMON_WORDS,
        )
