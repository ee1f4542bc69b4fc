"""The floors of ``benchmarks.million``: each queue page and count as hand-written SQL run
on a raw DBAPI cursor of the same database (no session, no row objects, no conversion of
values), returning the same rows as the app, over the index that fits the page: on
SQLite named with ``INDEXED BY`` (its sampled statistics mislead its planner at 1M, see
app.persistence.queue_queries), on PostgreSQL its planner's choice. The nullable sorts
(assignee, SLA deadline) are two index walks joined by ``UNION ALL``, the customer and
assignee sorts walk customers / users by name first. So the ratio app / floor is the
app's own overhead; a slow floor points at the schema."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from app.domain.queue import AT_RISK_STATES, QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import OPEN_STATUSES
from app.persistence.queue_pins import SORT_SUFFIX

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
    """The saved view's conditions (app.persistence.queue_queries._view_conditions); the
    open predicate spelled out so SQLite may use the open tickets' partial indexes."""
    is_open = f"t.status IN {OPEN}"
    return {
        SavedView.MY: [f"t.assignee_id = {int(user_id)}", is_open],
        SavedView.UNASSIGNED: ["t.assignee_id IS NULL", is_open],
        SavedView.AT_RISK: [f"t.sla_state IN {AT_RISK}", is_open],
        SavedView.WAITING: ["t.status = 'waiting_on_customer'", is_open],
        SavedView.AWAITING_APPROVAL: ["t.status = 'resolved'", is_open],
        SavedView.ALL_OPEN: [is_open],
        SavedView.ALL: [],
    }[view]


def fitting_index(view: SavedView, sort: QueueSort) -> str | None:
    """The SQLite index that reads this view in this order (None: the planner's choice,
    e.g. the "All" view over the indexes on all tickets). Open views: the open tickets'
    partial indexes (orm_queue; "At risk" its own), led by status for the one-status
    views and by the assignee for "My tickets" and "Unassigned"."""
    key = SORT_SUFFIX[sort.column]
    if view == SavedView.ALL:  # the inner side of the customers' / users' walk
        return {"customer": "ix_tickets_customer", "assignee": "ix_tickets_assignee_id"}.get(key)
    if view in (SavedView.ALL_OPEN, SavedView.AT_RISK):  # At risk: its own (0027)
        return f"ix_tickets_{'risk' if view == SavedView.AT_RISK else 'open'}_{key}"
    if view in (SavedView.WAITING, SavedView.AWAITING_APPROVAL):
        return "ix_tickets_open_status" if key == "status" else f"ix_tickets_open_status_{key}"
    if view in (SavedView.MY, SavedView.UNASSIGNED):
        if key == "assignee":
            return "ix_tickets_open_assignee"
        return f"ix_tickets_open_assignee_{key}"
    return None


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


UNASSIGNED = "t.assignee_id IS NULL"
# Sorts whose first key holds few values (statuses, priorities, subjects): many tickets
# share the page key's first value (app.persistence.queue_queries._CROWDED_LEADS).
CROWDED_LEADS = (QueueColumn.STATUS, QueueColumn.PRIORITY, QueueColumn.SUBJECT)


def page_sql(
    where: list[str],
    sort: QueueSort,
    limit: int,
    offset: int = 0,
    index: str | None = None,
    *,
    postgres: bool = False,
) -> str:
    """One page. ``index``: SQLite's ``INDEXED BY`` for the tickets. ``postgres``: the
    customer and assignee sorts walk customers / users by name and LATERAL each one's
    tickets by id with the page's LIMIT (one join sorted each customer's tickets in
    full: 0.3-1.6 s at 1M); "Unassigned" orders by ``assignee_id`` first (PostgreSQL
    derives no order from ``IS NULL``, so its index led by that column did not fit)."""
    skip = f" OFFSET {offset}" if offset else ""
    pin = f" INDEXED BY {index}" if index else ""
    way = " DESC" if sort.descending else ""
    lead = f"t.assignee_id{way}, " if postgres and UNASSIGNED in where else ""
    if sort.column in (QueueColumn.ASSIGNEE, QueueColumn.SLA_DUE):
        return _two_walks(where, sort, limit, pin, postgres=postgres) + skip
    if postgres and sort.column == QueueColumn.CUSTOMER:
        return _lateral_customers(where, limit, way) + skip
    if sort.column == QueueColumn.CUSTOMER:
        source = (
            f"customers c {_lead_join(pin)} tickets t{pin} ON c.id = t.customer_id "
            "LEFT JOIN users u ON u.id = t.assignee_id"
        )
    else:
        source = FROM.replace("tickets t", f"tickets t{pin}", 1)
    order = order_by(sort) if sort.column == QueueColumn.CUSTOMER else _ticket_order(sort, way)
    return (
        f"SELECT {COLUMNS} FROM {source}{_cond(where)} ORDER BY {lead}{order} LIMIT {limit}{skip}"
    )


def _lateral_customers(where: list[str], limit: int, way: str) -> str:
    """PostgreSQL, by customer: conditions on ``c.`` stay outside the LATERAL walk."""
    outer = [w for w in where if w.startswith("(c.")]
    inner = ["t.customer_id = c.id", *(w for w in where if not w.startswith("(c."))]
    # "Unassigned": by the IS NULL column and the customer first, the order of the index
    # they lead (PostgreSQL derives none from IS NULL; app.persistence.queue_page_sql).
    by = f"t.assignee_id{way}, t.customer_id{way}, " if UNASSIGNED in where else ""
    walk = f"SELECT * FROM tickets t{_cond(inner)} ORDER BY {by}t.id{way} LIMIT {limit}"
    return (
        f"SELECT {COLUMNS} FROM customers c CROSS JOIN LATERAL ({walk}) t "
        f"LEFT JOIN users u ON u.id = t.assignee_id{_cond(outer)} "
        f"ORDER BY c.name{way}, c.id{way}, t.id{way} LIMIT {limit}"
    )


def _lead_join(pin: str) -> str:
    """SQLite keeps the left table outer with CROSS JOIN (beside a pinned index);
    PostgreSQL takes no ON after CROSS JOIN and orders joins itself."""
    return "CROSS JOIN" if pin else "JOIN"


def _cond(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""


def _ticket_order(sort: QueueSort, way: str) -> str:
    return ", ".join(f"{k.split()[0]}{way}" for k in order_by(sort).split(", "))


def _two_walks(
    where: list[str], sort: QueueSort, limit: int, pin: str, *, postgres: bool = False
) -> str:
    """A nullable sort: the tickets with a value by (value, id), those without by id,
    each walk LIMITed, one after the other (no NULLS FIRST/LAST over every row).
    "Unassigned" by assignee has no tickets with a value: the second walk alone."""
    way = " DESC" if sort.descending else ""
    unassigned = UNASSIGNED in where
    lead = f"t.assignee_id{way}, " if postgres and unassigned else ""
    if sort.column == QueueColumn.ASSIGNEE:
        valued_from = (
            f"users u {_lead_join(pin)} tickets t{pin} ON u.id = t.assignee_id "
            "JOIN customers c ON c.id = t.customer_id"
        )
        valued = [*where, "t.assignee_id IS NOT NULL"]
        value, nulls, none_first = "u.username", "t.assignee_id", not sort.descending
        lead = ""
    else:
        valued_from = FROM.replace("tickets t", f"tickets t{pin}", 1)
        valued = [*where, "t.sla_due_at IS NOT NULL"]
        value, nulls, none_first = "t.sla_due_at", "t.sla_due_at", sort.descending
    with_value = (
        f"SELECT {COLUMNS} FROM {valued_from}{_cond(valued)} "
        f"ORDER BY {lead}{value}{way}, t.id{way} LIMIT {limit}"
    )
    if postgres and sort.column == QueueColumn.ASSIGNEE:
        walk = (
            f"SELECT * FROM tickets t{_cond(['t.assignee_id = u.id', *where])} "
            f"ORDER BY t.id{way} LIMIT {limit}"
        )
        with_value = (
            f"SELECT {COLUMNS} FROM users u CROSS JOIN LATERAL ({walk}) t "
            f"JOIN customers c ON c.id = t.customer_id "
            f"ORDER BY u.username{way}, t.id{way} LIMIT {limit}"
        )
    without = (
        f"SELECT {COLUMNS} FROM {FROM.replace('tickets t', f'tickets t{pin}', 1)}"
        f"{_cond([*where, f'{nulls} IS NULL'])} "
        f"ORDER BY {lead}{nulls}{way}, t.id{way} LIMIT {limit}"
    )
    if unassigned and sort.column == QueueColumn.ASSIGNEE:
        return without
    first, then = (without, with_value) if none_first else (with_value, without)
    return f"SELECT * FROM ({first}) a UNION ALL SELECT * FROM ({then}) b LIMIT {limit}"


def count_sql(where: list[str], cap: int | None) -> str:
    cond = " WHERE " + " AND ".join(where) if where else ""
    if cap is None:
        return f"SELECT count(*) FROM tickets t{cond}"
    return f"SELECT count(*) FROM (SELECT 1 FROM tickets t{cond} LIMIT {cap}) s"


# PostgreSQL's planner at 1M misjudges how many open tickets follow a page key (they
# cluster among the newest) and reads them by bitmap and sorts them; the app prices
# sorts and bitmap scans out of its page reads (app.persistence.queue_statements
# ORDERED_WALKS, one statement per read). The page floors run on a second connection
# with the same settings for the whole session, so they walk the same fitting indexes
# without paying that statement.
ORDERED_WALKS = ("SET enable_sort = off", "SET enable_bitmapscan = off")
# ... and, but for the LATERAL walks per customer / user and "All" by number (from the
# unique index on the number alone), incremental sorts too (STRICT_WALKS in the app).
STRICT = "SET enable_incremental_sort = off"


class Floor:
    """Runs hand-written SQL on raw connections held for the whole run: ``rows`` on a
    plain one, ``page`` (PostgreSQL) on one that plans ordered index walks."""

    def __init__(self, engine: Engine) -> None:
        self.conn = engine.raw_connection()
        self.walks = self.strict = self.conn
        if engine.dialect.name == "postgresql":
            self.walks = self._with(engine, ORDERED_WALKS)
            self.strict = self._with(engine, (*ORDERED_WALKS, STRICT))

    @staticmethod
    def _with(engine: Engine, settings: tuple[str, ...]) -> Any:
        conn = engine.raw_connection()
        cur = conn.cursor()
        for setting in settings:
            cur.execute(setting)
        cur.close()
        conn.commit()
        return conn

    def page(self, sql: str, *, grouped: bool = False) -> list[tuple[Any, ...]]:
        """A page's floor planned as the app plans it (``grouped``: may sort by group)."""
        return self.rows(sql, self.walks if grouped else self.strict)

    def rows(self, sql: str, conn: Any = None) -> list[tuple[Any, ...]]:
        conn = conn or self.conn
        cur = conn.cursor()
        try:
            cur.execute(sql)
            return list(cur.fetchall())
        finally:
            cur.close()
            conn.rollback()

    def ids(self) -> dict[str, dict[str, int]]:
        return {
            "customers": dict((c, i) for i, c in self.rows("SELECT id, code FROM customers")),
            "users": dict((n, i) for i, n in self.rows("SELECT id, username FROM users")),
            "products": dict((c, i) for i, c in self.rows("SELECT id, code FROM products")),
        }

    def close(self) -> None:
        for conn in {id(c): c for c in (self.walks, self.strict, self.conn)}.values():
            if conn is not self.conn:
                # Its session's settings must not reach the app's reads: closed, it would
                # go back to the app's pool, and the recheck's searches then planned their
                # words' collection without bitmap scans (a scan of every event, 5-10 s).
                conn.invalidate()
            conn.close()


# Sub-millisecond calls on a shared, loaded machine: a run is preempted now and then, so
# fast calls get more runs (as many as fit in about BUDGET_MS, up to MAX_RUNS).
BUDGET_MS = 60.0
MAX_RUNS = 51


def paired_median_ms(
    app: Callable[[], Any], floor: Callable[[], Any], runs: int
) -> tuple[float, float]:
    """Medians of the app call and its floor, timed alternately (app, floor, app, …)
    after a warm-up of each, so both meet the same moments of the machine's load."""
    start = time.perf_counter()
    app()
    floor()
    both = max(time.perf_counter() - start, 1e-6) * 1000  # warm-up of the pair
    fits = min(MAX_RUNS, int(BUDGET_MS / both) | 1)
    runs = min(runs, 3) if both > 2000 else max(runs, fits)
    a, f = [], []
    for _ in range(runs):
        start = time.perf_counter()
        app()
        middle = time.perf_counter()
        floor()
        a.append((middle - start) * 1000)
        f.append((time.perf_counter() - middle) * 1000)
    return statistics.median(a), statistics.median(f)


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
