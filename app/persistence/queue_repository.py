"""The ticket queue's reads: keyset pages, fresh rows and capped counts.

Rows come back as ``{column name: value}`` (the names of
:func:`app.persistence.queue_queries.row_columns`), never by position, so adding or
reordering a column cannot shift a value into the wrong field.

The lean read path (issue 19): ``queue_connection.queue_read`` holds one connection for a
whole read (the actor check and every statement of a page; SQLite: the thread's own,
held between reads, queue_held) and runs SQLAlchemy Core on it; no ORM session, no
entity, no identity map. SQLite pages carry the actor check in their LIMIT
(queue_actor). The repository still works on a unit of work's session (``uow.queue``)
for callers inside a transaction.

Round trips on PostgreSQL (each a wake-up of the server process under load): no
pre-ping (a lost connection reads again instead), autocommit (no BEGIN, and no
ROLLBACK unless the read began a transaction), the actor check merged into the read's
settings (:meth:`QueueRepository.settle`): a page 6 -> 2-3, a rare-word search 9 -> 5
(engineer "search", benchmarks/search_round_trips.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select
from sqlalchemy.orm import Session

from app.domain.queue import QueueFilter, QueueSort, SavedView
from app.persistence import queue_queries as q
from app.persistence import queue_search as s
from app.persistence.queue_actor import ACTOR_CHECK, actor_query, checked
from app.persistence.queue_options import grouped, page_options, walks_fit
from app.persistence.queue_pins import sqlite_index
from app.persistence.queue_segments import PageOptions, page_plan
from app.persistence.queue_statements import CACHE_MAX, prelude, run, walk_settings
from app.persistence.search_stats import table_size


@dataclass(slots=True)
class QueueCriteria:
    """A queue filter as the service checked and cleaned it. Not frozen: a frozen
    dataclass sets each of its nine fields through ``object.__setattr__`` (~2 µs of
    every page); nothing changes it after the service made it."""

    flt: QueueFilter
    user_id: int  # whose "my tickets" view
    customer_code: str | None = None
    assignee_name: str | None = None
    product_code: str | None = None
    number: int | None = None  # a search that names a ticket number
    terms: tuple[str, ...] = ()  # the search's words, safe for full-text queries
    phrase: str = ""  # the whole search, lower-cased (matched against customers)
    # Words matching at least this many tickets are common: walk the view's index and
    # test each ticket; rarer words: drive from the full-text index (queue_search).
    # None: scaled to the desk's size (``common_threshold``).
    common_words: int | None = None


@dataclass(frozen=True, slots=True)
class QueueRecords:
    rows: list[Sequence[Any]]  # values in ROW_FIELDS order
    last_key: tuple[Any, ...] | None  # the sort key of the last row (None: no rows)


ROW_FIELDS: tuple[str, ...] = q.ROW_FIELDS
_WIDTH = len(ROW_FIELDS)
# Walking the view's index costs about ``page / share of matches`` rows, collecting the
# matches about their number: the two meet near sqrt(WALK_COST * page * tickets).
WALK_COST = 5


def common_threshold(tickets: int, page: int) -> int:
    """How many matches make words common on a desk of ``tickets`` (see WALK_COST)."""
    return max(200, math.isqrt(WALK_COST * page * max(tickets, 1)))


_IDLE = 0  # psycopg.pq.TransactionStatus.IDLE: no transaction open


class ActorInactive(Exception):
    """The acting user is gone or no longer active (QueueRepository.check_actor)."""


class QueueRepository:
    def __init__(self, source: Session | Connection, *, own_read: bool = False) -> None:
        """``own_read``: the connection is this repository's alone for one read, ended
        with a rollback (queue_connection.queue_read), so a page may change its transaction's
        planner settings (queue_statements.ordered_walks); not on a unit of work's
        session, whose later statements would plan with them."""
        self._source = source
        self._own_read = own_read
        # The actor to check in the read's first statement (check_actor), and whether
        # that read is in autocommit (queue_read on PostgreSQL).
        self._actor: int | None = None

    def check_actor(self, user_id: int) -> None:
        """Raise :class:`ActorInactive` unless the user exists and is active. On a
        read's own connection the check rides on the read's statements (issue 19,
        app.persistence.queue_actor): PostgreSQL's first statement (its settings, else a
        statement of its own just before its data), a SQLite page's LIMIT (else a
        statement of its own before any ticket is read); its data is never read for an
        inactive actor."""
        if self._own_read:
            self._actor = user_id
        elif self.active_user_id(user_id) is None:
            raise ActorInactive(user_id)

    def settle(self, settings: str | None = None) -> None:
        """Run ``settings`` (a ``SELECT`` of transaction-local ``set_config`` calls, no
        parameters) and the pending actor check, in one statement; on a connection in
        autocommit, after a ``BEGIN`` sent with it (the settings need a transaction).
        Nothing to run: no statement."""
        actor, self._actor = self._actor, None
        if actor is None and settings is None:
            return
        conn = self._conn
        if conn.dialect.name == "sqlite":  # no settings there: the check alone
            if actor is not None and self.active_user_id(actor) is None:
                raise ActorInactive(actor)
            return
        parts = [settings] if settings else ["SELECT"]
        if actor is not None:
            check = ACTOR_CHECK.format(int(actor))
            parts.append(f", {check}" if settings else f" {check}")
        raw = conn.connection.dbapi_connection
        begin = (
            settings is not None
            and bool(getattr(raw, "autocommit", False))
            and raw.info.transaction_status == _IDLE  # type: ignore[union-attr]
        )
        found = prelude(conn, "".join(parts), begin=begin, own_read=self._own_read)
        if actor is not None and found[0][-1] is None:
            raise ActorInactive(actor)

    @property
    def _conn(self) -> Connection:
        source = self._source
        return source.connection() if isinstance(source, Session) else source

    def active_user_id(self, user_id: int) -> int | None:
        """The user's id if the user exists and is active (the actor check, in Core)."""
        own = self._own_read
        found = run(self._conn, ("actor",), actor_query, {"actor_id": user_id}, own_read=own)
        return int(found[0][0]) if found else None

    def page(
        self,
        criteria: QueueCriteria,
        sort: QueueSort,
        after: Sequence[Any] | None,
        limit: int,
    ) -> QueueRecords:
        """Up to ``limit`` rows in ``sort`` order, starting after the key ``after``."""
        found, prefix, width = self._walk(self._conn, criteria, sort, after, limit, lean=False)
        last_key = (*prefix, *found[-1][_WIDTH : _WIDTH + width]) if found else None
        return QueueRecords([r[:_WIDTH] for r in found], last_key)

    def ids(
        self,
        criteria: QueueCriteria,
        sort: QueueSort,
        after: Sequence[Any] | None,
        limit: int,
    ) -> tuple[list[int], tuple[Any, ...] | None]:
        """The ticket ids of up to ``limit`` rows in ``sort`` order after ``after``, and
        the last row's key: a page's own statements cut down to the id and its sort-key
        columns (the desktop's scroll bar over a whole view, ui/models/queue_model.py)."""
        found, prefix, width = self._walk(self._conn, criteria, sort, after, limit, lean=True)
        last_key = (*prefix, *found[-1][1 : 1 + width]) if found else None
        return [row[0] for row in found], last_key

    def _walk(
        self,
        conn: Connection,
        criteria: QueueCriteria,
        sort: QueueSort,
        after: Sequence[Any] | None,
        limit: int,
        *,
        lean: bool,
    ) -> tuple[list[Sequence[Any]], tuple[int, ...], int]:
        """The rows of a page, each followed by its sort key; the last row's search tier
        (the key's start) and the width of the rest. ``lean``: the id and the key only."""
        dialect = conn.dialect.name
        postgres = dialect == "postgresql"
        plain = criteria.number is None and not criteria.terms
        ready = _READY.get((dialect, criteria.flt, sort)) if plain else None
        if ready is None:
            ready = self._prepare(conn, criteria, sort, limit)
            if plain:
                if len(_READY) > CACHE_MAX:
                    _READY.clear()
                _READY[(dialect, criteria.flt, sort)] = ready
        where, plan, shape, options, index, walks_fit = ready
        tiers = plan.tiers if plan else []
        # A search's statements are compiled once per shape too (the filter's and the
        # plan's: kind, engine, number of words); its words travel as values. Compiling
        # per call was most of a rare word's time on PostgreSQL (engineer "search").
        search_shape = None if plan is None else (self._shape(conn, criteria), plan.shape)
        segments, n_keys = page_plan(
            where, tiers, sort, after, shape=shape, options=options, search_shape=search_shape
        )
        values = _filter_values(criteria)
        if plan is not None:
            values.update(plan.values)
        found: list[Sequence[Any]] = []
        prefix: tuple[int, ...] = ()
        own = self._own_read
        if len(segments) > 1 and not conn.in_transaction():
            conn.begin()  # SQLite: the page's statements read one snapshot
        if postgres and shape is not None and self._own_read and walks_fit:
            self.settle(walk_settings(grouped=grouped(criteria.flt.view, sort)))
        # SQLite, a filter's page: the actor check rides in each statement's LIMIT
        # (queue_actor); any other read checks first.
        actor = self._actor if not postgres and plan is None else None
        if actor is None:
            self.settle()
        else:
            self._actor = None
            values["actor_id"] = actor
        empty = plan.empty if plan else frozenset()
        for here, segment in segments:
            if len(found) < limit and not (here and here[0] in empty):
                build = segment.build if actor is None else checked(segment.build)
                build = _lean(build) if lean else build
                statement = None if segment.shape is None else (segment.shape, lean, actor is None)
                wanted = {**values, **segment.values, "page_limit": limit - len(found)}
                got = run(
                    conn,
                    statement,
                    build,
                    wanted,
                    sqlite_index=index,
                    own_read=own,
                    last_times_only=lean,  # the id stream: ids and the last row's key
                )
                if got:
                    found += got
                    prefix = here
        if actor is not None and not found:  # nothing: not there, or not allowed?
            self._actor = actor
            self.settle()
        return found, prefix, n_keys - len(prefix)

    def _prepare(
        self, conn: Connection, criteria: QueueCriteria, sort: QueueSort, limit: int
    ) -> _Ready:
        """What a page of this filter and sort reads by; the same for every page of a
        filter without a search (cached in ``_READY``)."""
        where, plan, shape = self._where(conn, criteria, limit)
        postgres = conn.dialect.name == "postgresql"
        options = page_options(postgres, criteria.flt.view == SavedView.UNASSIGNED, shape)
        keyed = frozenset(
            name
            for name, value in (
                ("customer", criteria.customer_code),
                ("assignee", criteria.assignee_name),
                ("product", criteria.product_code),
            )
            if value is not None
        )
        index = sqlite_index(criteria.flt, sort, keyed=keyed) if shape is not None else None
        return where, plan, shape, options, index, walks_fit(criteria.flt, keyed)

    def rows(self, ids: Sequence[int]) -> list[Sequence[Any]]:
        """Fresh rows for these ticket ids (any order; missing ids are left out), values
        in ROW_FIELDS order."""
        self.settle()
        return run(self._conn, None, lambda: q.rows_query(ids), {}, own_read=self._own_read)

    def count(self, criteria: QueueCriteria, cap: int | None) -> int:
        """How many tickets match; at most ``cap`` (meaning "cap or more")."""
        conn = self._conn
        where, plan, shape = self._where(conn, criteria, cap or 100)
        if plan is not None:
            where = [*where, *plan.matches]
            shape = (self._shape(conn, criteria), plan.shape)
        statement = None if shape is None else (shape, "count", cap is not None)
        self.settle()
        values = {**_filter_values(criteria), "count_cap": cap, **(plan.values if plan else {})}
        found = run(
            conn,
            statement,
            lambda: q.count_query(where, cap is not None),
            values,
            own_read=self._own_read,
        )
        return int(found[0][0])

    @staticmethod
    def _shape(conn: Connection, c: QueueCriteria) -> Hashable:
        return q.filter_shape(
            c.flt,
            conn.dialect.name,
            customer_code=c.customer_code,
            assignee_name=c.assignee_name,
            product_code=c.product_code,
        )

    def _where(
        self, conn: Connection, c: QueueCriteria, page: int
    ) -> tuple[list[ColumnElement[bool]], s.SearchPlan | None, Hashable | None]:
        """The filter's conditions, the search's plan and the filter's shape (None when
        the statements carry a search's words: not reused)."""
        shape = self._shape(conn, c)
        where = _conditions(shape, c)
        if c.number is not None:
            return where, s.number_plan(c.number), None
        if not c.terms:
            return where, None, shape
        if conn.dialect.name == "sqlite":
            self.settle()  # the actor check, before the words are looked up
        threshold = c.common_words
        tickets = table_size(conn, "tickets")
        if threshold is None:
            threshold = common_threshold(tickets, page)
        plan = s.plan_words(conn, c.terms, c.phrase, threshold, tickets, settle=self.settle)
        return where, plan, None


# What a page reads by (QueueRepository._prepare): the filter's conditions, the search
# plan (None: none), the filter's shape, the page options, SQLite's pinned index and
# whether PostgreSQL's ordered walks fit. By engine, filter and sort, for filters
# without a search: working it out per page (the filter's shape and conditions, its
# index) was ~3 µs of a small customer's ~40 µs page at 1M (issue 19).
_Ready = tuple[
    list[ColumnElement[bool]],
    "s.SearchPlan | None",
    Hashable | None,
    "PageOptions",
    str | None,
    bool,
]
_READY: dict[tuple[str, QueueFilter, QueueSort], _Ready] = {}


def _filter_values(c: QueueCriteria) -> dict[str, Any]:
    return q.filter_values(
        c.user_id,
        customer_code=c.customer_code,
        assignee_name=c.assignee_name,
        product_code=c.product_code,
    )


# The filter's conditions hold no values (named binds), so one list serves every call
# of the same shape.
_CONDITIONS: dict[Hashable, list[ColumnElement[bool]]] = {}


def _conditions(shape: Hashable, c: QueueCriteria) -> list[ColumnElement[bool]]:
    found = _CONDITIONS.get(shape)
    if found is None:
        if len(_CONDITIONS) > CACHE_MAX:
            _CONDITIONS.clear()
        found = _CONDITIONS[shape] = q.conditions(
            c.flt,
            c.user_id,
            shape[0],  # type: ignore[index]
            customer_code=c.customer_code,
            assignee_name=c.assignee_name,
            product_code=c.product_code,
        )
    return list(found)


def _lean(build: Callable[[], Select[Any]]) -> Callable[[], Select[Any]]:
    """A page statement cut down to the id and the sort-key columns."""

    def lean() -> Select[Any]:
        stmt = build()
        keys = [c for c in stmt.selected_columns if c.key == "id" or c.key in _KEY_LABELS]
        return stmt.with_only_columns(*keys, maintain_column_froms=True)

    return lean


_KEY_LABELS = frozenset(q.sort_key_label(i) for i in range(8))
