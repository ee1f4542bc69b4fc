"""The floors of ``benchmarks.million``: each queue page and count as one hand-written SQL
statement run on a raw DBAPI cursor of the same database (no session, no row objects),
returning the same rows as the app. The floor uses whatever indexes the schema has, so
the ratio app / floor is the app's own overhead; a slow floor points at the schema."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from app.domain.queue import AT_RISK_STATES, QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES

OPEN = "(" + ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)) + ")"
AT_RISK = "(" + ", ".join(f"'{s}'" for s in sorted(AT_RISK_STATES)) + ")"
COLUMNS = (
    "t.id, t.number, t.priority, t.status, t.subject, c.code, c.name, u.username, "
    "t.sla_due_at, t.sla_state, t.updated_at, t.version"
)
FROM = (
    "tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assignee_id"
)


def view_where(view: SavedView, user_id: int) -> list[str]:
    """The saved view's conditions (app.persistence.queue_queries._view_conditions)."""
    is_open = f"t.status IN {OPEN}"
    return {
        SavedView.MY: [f"t.assignee_id = {int(user_id)}", is_open],
        SavedView.UNASSIGNED: ["t.assignee_id IS NULL", is_open],
        SavedView.AT_RISK: [f"t.sla_state IN {AT_RISK}", is_open],
        SavedView.WAITING: ["t.status = 'waiting_on_customer'"],
        SavedView.AWAITING_APPROVAL: ["t.status = 'resolved'"],
        SavedView.ALL_OPEN: [is_open],
        SavedView.ALL: [],
    }[view]


def filter_where(flt: QueueFilter, ids: dict[str, dict[str, int]]) -> list[str]:
    """The filter's conditions besides the view (no search: its SQL is engine-specific)."""
    out = []
    if flt.statuses:
        out.append("t.status IN (" + ", ".join(f"'{s}'" for s in sorted(flt.statuses)) + ")")
    if flt.priorities:
        out.append("t.priority IN (" + ", ".join(str(int(p)) for p in flt.priorities) + ")")
    if flt.customer:
        out.append(f"t.customer_id = {ids['customers'][flt.customer]}")
    if flt.assignee:
        out.append(f"t.assignee_id = {ids['users'][flt.assignee]}")
    if flt.product:
        out.append(f"t.product_id = {ids['products'][flt.product]}")
    return out


def order_by(sort: QueueSort) -> str:
    """The app's order (app.persistence.queue_queries.sort_keys): nulls of the assignee
    first and of the SLA deadline last when ascending, the other way round descending."""
    keys = {
        QueueColumn.NUMBER: ["t.number", "t.id"],
        QueueColumn.PRIORITY: ["t.priority", "t.created_at", "t.id"],
        QueueColumn.STATUS: ["t.status", "t.id"],
        QueueColumn.SUBJECT: ["t.subject", "t.id"],
        QueueColumn.CUSTOMER: ["c.name", "c.id", "t.id"],
        QueueColumn.ASSIGNEE: ["u.username", "t.id"],
        QueueColumn.SLA_DUE: ["t.sla_due_at", "t.id"],
        QueueColumn.UPDATED: ["t.updated_at", "t.id"],
    }[sort.column]
    way = " DESC" if sort.descending else ""
    parts = [f"{k}{way}" for k in keys]
    if sort.column == QueueColumn.ASSIGNEE:
        parts[0] += " NULLS LAST" if sort.descending else " NULLS FIRST"
    if sort.column == QueueColumn.SLA_DUE:
        parts[0] += " NULLS FIRST" if sort.descending else " NULLS LAST"
    return ", ".join(parts)


def page_sql(where: list[str], sort: QueueSort, limit: int, offset: int = 0) -> str:
    cond = " WHERE " + " AND ".join(where) if where else ""
    skip = f" OFFSET {offset}" if offset else ""
    return f"SELECT {COLUMNS} FROM {FROM}{cond} ORDER BY {order_by(sort)} LIMIT {limit}{skip}"


def count_sql(where: list[str], cap: int | None) -> str:
    cond = " WHERE " + " AND ".join(where) if where else ""
    if cap is None:
        return f"SELECT count(*) FROM tickets t{cond}"
    return f"SELECT count(*) FROM (SELECT 1 FROM tickets t{cond} LIMIT {cap}) s"


class Floor:
    """Runs hand-written SQL on one raw connection held for the whole run."""

    def __init__(self, engine: Engine) -> None:
        self.conn = engine.raw_connection()

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        try:
            cur.execute(sql)
            return list(cur.fetchall())
        finally:
            cur.close()
            self.conn.rollback()

    def ids(self) -> dict[str, dict[str, int]]:
        return {
            "customers": dict((c, i) for i, c in self.rows("SELECT id, code FROM customers")),
            "users": dict((n, i) for i, n in self.rows("SELECT id, username FROM users")),
            "products": dict((c, i) for i, c in self.rows("SELECT id, code FROM products")),
        }

    def close(self) -> None:
        self.conn.close()


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    """Median of ``runs`` timed calls after one warm-up; fewer runs for slow calls."""
    start = time.perf_counter()
    fn()
    if time.perf_counter() - start > 2.0:
        runs = min(runs, 3)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
