"""The ticket queue's read side: keyset pages, counts and search, as plain rows.

Reads select columns, not ORM entities (2-3 times cheaper, DESIGN.md "Measured"),
and never use OFFSET: a page continues after the previous page's sort key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection

from app.domain.errors import ValidationError
from app.domain.queue import (
    QueueFilter,
    QueueSort,
    SavedView,
    search_number,
    search_terms,
)
from app.domain.tickets import Status, parse_enum
from app.persistence import queue_queries as q
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.users import clean_username

PAGE_LIMIT_MAX = 1000
# Counts stop here: the sidebar shows "1,000+" rather than making the database count
# every match of a common word (seconds on PostgreSQL, DESIGN.md "Measured").
COUNT_CAP = 1000

# PostgreSQL: words matching at least this many tickets are "common" (see search_condition).
COMMON_WORDS = 2000

# The sort-key values of a page's last row; opaque to callers, valid for one sort.
QueueKey = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class QueueRow:
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
        with self._reading(actor) as (conn, user_id):
            where = self._where(conn, flt, user_id)
            segments, n_keys = q.page_segments(where, sort, after)
            raw: list[Any] = []
            for segment in segments:
                if len(raw) < limit:
                    raw += conn.execute(segment(limit - len(raw))).all()
        rows = [_row(r[:-n_keys]) for r in raw]
        next_key = tuple(raw[-1][-n_keys:]) if len(raw) == limit else None
        return QueuePage(rows, next_key)

    def rows(self, actor: Actor, ids: Iterable[int]) -> list[QueueRow]:
        """Fresh rows for these ticket ids (any order; missing ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        if len(wanted) > PAGE_LIMIT_MAX:
            raise ValidationError(f"ask for at most {PAGE_LIMIT_MAX} tickets at once.")
        with self._reading(actor) as (conn, _):
            return [_row(r) for r in conn.execute(q.rows_query(wanted))]

    def count(self, actor: Actor, flt: QueueFilter, *, cap: int | None = COUNT_CAP) -> int:
        """How many tickets match, counted in SQL; at most ``cap`` (meaning "cap or more")."""
        with self._reading(actor) as (conn, user_id):
            where = self._where(conn, flt, user_id)
            return int(conn.execute(q.count_query(where, cap)).scalar_one())

    def view_counts(self, actor: Actor, *, cap: int | None = COUNT_CAP) -> dict[SavedView, int]:
        """The sidebar's counts, one cheap capped count per saved view."""
        with self._reading(actor) as (conn, user_id):
            return {
                view: int(
                    conn.execute(
                        q.count_query(self._where(conn, QueueFilter(view=view), user_id), cap)
                    ).scalar_one()
                )
                for view in SavedView
            }

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _reading(self, actor: Actor) -> Iterator[tuple[Connection, int]]:
        """A read transaction on one connection, after checking the actor is still active."""
        with storage_errors(), self.ctx.db.unit_of_work(write=False) as uow:
            user = acting_user(uow, actor)
            yield uow.session.connection(), user.id

    def _where(self, conn: Connection, flt: QueueFilter, user_id: int) -> list[ColumnElement[bool]]:
        for status in flt.statuses:
            parse_enum(Status, "status", status)
        for priority in flt.priorities:
            if priority not in (1, 2, 3, 4):
                raise ValidationError(f"priority must be 1 to 4, not {priority!r}.")
        dialect = self.ctx.db.dialect
        where = q.conditions(
            flt,
            user_id,
            dialect,
            customer_code=clean_code("customer", flt.customer) if flt.customer else None,
            assignee_name=clean_username(flt.assignee) if flt.assignee else None,
            product_code=clean_code("product", flt.product) if flt.product else None,
        )
        text = flt.search.strip()
        number, terms = search_number(text), search_terms(text)
        common = False
        if dialect == "postgresql" and number is None and terms:
            probe = q.common_words_probe(terms, COMMON_WORDS)
            common = conn.execute(probe).scalar_one() >= COMMON_WORDS
        found = q.search_condition(number, terms, text.lower(), dialect, common=common)
        if found is not None:
            where.append(found)
        return where


def _row(values: Sequence[Any]) -> QueueRow:
    return QueueRow(*values)
