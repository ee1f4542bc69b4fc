"""The ticket queue's reads: keyset pages, fresh rows and capped counts.

Rows come back as ``{column name: value}`` (the names of
:func:`app.persistence.queue_queries.row_columns`), never by position, so adding or
reordering a column cannot shift a value into the wrong field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping
from sqlalchemy.orm import Session

from app.domain.queue import QueueFilter, QueueSort
from app.persistence import queue_queries as q


@dataclass(frozen=True, slots=True)
class QueueCriteria:
    """A queue filter as the service checked and cleaned it."""

    flt: QueueFilter
    user_id: int  # whose "my tickets" view
    customer_code: str | None = None
    assignee_name: str | None = None
    product_code: str | None = None
    number: int | None = None  # a search that names a ticket number
    terms: tuple[str, ...] = ()  # the search's words, safe for full-text queries
    phrase: str = ""  # the whole search, lower-cased (matched against customers)
    common_words: int = 2000  # PostgreSQL: words matching this many tickets are common


@dataclass(frozen=True, slots=True)
class QueueRecords:
    rows: list[dict[str, Any]]  # column name → value, see ROW_FIELDS
    last_key: tuple[Any, ...] | None  # the sort key of the last row (None: no rows)


ROW_FIELDS: tuple[str, ...] = q.ROW_FIELDS


class QueueRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _conn(self) -> Connection:
        return self.session.connection()

    def page(
        self,
        criteria: QueueCriteria,
        sort: QueueSort,
        after: Sequence[Any] | None,
        limit: int,
    ) -> QueueRecords:
        """Up to ``limit`` rows in ``sort`` order, starting after the key ``after``."""
        conn = self._conn
        where = self._where(conn, criteria)
        segments, n_keys = q.page_segments(where, sort, after)
        found: list[RowMapping] = []
        for segment in segments:
            if len(found) < limit:
                found += conn.execute(segment(limit - len(found))).mappings().all()
        keys = [q.sort_key_label(i) for i in range(n_keys)]
        last_key = tuple(found[-1][k] for k in keys) if found else None
        return QueueRecords([_fields(m) for m in found], last_key)

    def rows(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """Fresh rows for these ticket ids (any order; missing ids are left out)."""
        return [_fields(m) for m in self._conn.execute(q.rows_query(ids)).mappings()]

    def count(self, criteria: QueueCriteria, cap: int | None) -> int:
        """How many tickets match; at most ``cap`` (meaning "cap or more")."""
        conn = self._conn
        return int(conn.execute(q.count_query(self._where(conn, criteria), cap)).scalar_one())

    def _where(self, conn: Connection, c: QueueCriteria) -> list[ColumnElement[bool]]:
        dialect = conn.dialect.name
        where = q.conditions(
            c.flt,
            c.user_id,
            dialect,
            customer_code=c.customer_code,
            assignee_name=c.assignee_name,
            product_code=c.product_code,
        )
        common = False
        if dialect == "postgresql" and c.number is None and c.terms:
            probe = q.common_words_probe(c.terms, c.common_words)
            common = conn.execute(probe).scalar_one() >= c.common_words
        found = q.search_condition(c.number, c.terms, c.phrase, dialect, common=common)
        if found is not None:
            where.append(found)
        return where


def _fields(mapping: RowMapping) -> dict[str, Any]:
    return {name: mapping[name] for name in ROW_FIELDS}
