"""Reading query plans (issue 19): capture the statements a service call runs, ask the
database how it would run each one, and name what grows with the size of the history.

SQLite: ``EXPLAIN QUERY PLAN``; PostgreSQL: ``EXPLAIN (FORMAT JSON)``. The rules:

* no full scan of ``tickets`` (SQLite ``SCAN tickets`` without an index; PostgreSQL
  ``Seq Scan`` on tickets);
* no walk of a whole index over ``tickets`` without a LIMIT to stop it (it costs the
  whole history). A walk of a partial index under a LIMIT that tests nothing (no
  PostgreSQL ``Filter``: the statement's conditions on the tickets are the index's own
  predicate, e.g. the "At risk" view over its own indexes) passes: every entry it reads
  is a row of the result, so the LIMIT stops it after a page however big the desk. A
  whole walk of a partial index over open tickets only (its predicate has the open
  statuses) that feeds a sort is judged as the sort is: it reads no more than a bitmap
  read of the same rows would (the dashboard's at-risk list on a desk with few);
* no walk through closed history for open work: a statement that wants open tickets
  only (the queue's literal open-status predicate) walks an index over the open
  tickets (partial), or looks up a selective key, never an index over all tickets in
  the hope of meeting open ones (it grows with closed history);
* no sort of all open tickets: SQLite's ``USE TEMP B-TREE FOR ORDER BY`` is accepted
  only when tickets are reached through a selective search (one customer, engineer,
  product, priority, SLA state, or a set of ids), PostgreSQL's ``Sort`` only over
  fewer than half the open tickets (the planner's own estimate).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.dialects.postgresql import dialect as pg_dialect

import app.persistence.all_models  # noqa: F401 - every index on Base.metadata
from app.persistence.orm import Base

# Names a query gives the tickets table (queue_queries, queue_search, reports).
TICKET_NAMES = {"tickets", "searched", "probed"}
# SQLite: a SEARCH on one of these columns reaches a bounded share of the tickets.
_SELECTIVE = re.compile(
    r"\((?:rowid|id|customer_id|assignee_id|product_id|number|priority|sla_state|"
    r"created_at|resolved_at|closed_at)\b"
)
# The common-word search walks tickets in rowid order testing each one until a LIMIT
# is met (app.persistence.queue_search): a scan that stops, by design.
_WALK_TEST = "sd_has_words"
_SELECTIVE_EQ = re.compile(r"\((?:rowid|id|customer_id|assignee_id|product_id|number|sla_state)=\?")
_INDEX = re.compile(r"USING (?:COVERING )?INDEX (\w+)")
# The queue's open-work predicate as the queries write it (app.persistence.orm_queue).
OPEN_SQL = "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"
_PG_KEY_EQ = re.compile(r"\((?:\w+\.)?(?:id|customer_id|assignee_id|product_id|number) = ")
_PG_STATUS = re.compile(r"status\)?(?:::text)? = (?:ANY \(\'\{([^}]*)\}|'(\w+)')")
_OPEN_STATUSES = {"assigned", "in_progress", "new", "resolved", "waiting_on_customer"}


def _open_statuses_only(cond: str) -> bool:
    """A lookup by open statuses only (``status = 'new'``, ``= ANY ('{new,…}')``):
    it meets open tickets only."""
    found = _PG_STATUS.search(cond)
    if found is None:
        return False
    values = (found.group(1) or found.group(2) or "").split(",")
    return set(values) <= _OPEN_STATUSES


_ACCESS = re.compile(r"^(SCAN|SEARCH) (\w+)(?: AS (\w+))?(.*)$")


@dataclass
class Statement:
    label: str
    sql: str
    params: Any


@dataclass
class Captured:
    statements: list[Statement] = field(default_factory=list)
    label: str = ""


@contextmanager
def capture(engine: Engine) -> Iterator[Captured]:
    """Records every SELECT run on ``engine`` with the label current at the time."""
    found = Captured()

    def record(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")) and "EXPLAIN" not in sql:
            found.statements.append(Statement(found.label, sql, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)


def partial_indexes(conn: Connection) -> set[str]:
    """The names of the database's partial indexes (those with a WHERE)."""
    if conn.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%WHERE%'"
    else:
        query = "SELECT indexrelid::regclass::text FROM pg_index WHERE indpred IS NOT NULL"
    return {str(name) for (name,) in conn.exec_driver_sql(query)}


def _open_only(stmt: Statement) -> bool:
    return OPEN_SQL in stmt.sql


def sqlite_problems(conn: Connection, stmt: Statement, partial: set[str]) -> list[str]:
    rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {stmt.sql}", stmt.params).all()
    details = [str(r[3]) for r in rows]
    limited = bool(re.search(r"\bLIMIT\b", stmt.sql, re.IGNORECASE))
    problems = []
    selective = reads_tickets = False
    for detail in details:
        access = _ACCESS.match(detail)
        if access is None or access.group(2) not in TICKET_NAMES:
            continue
        reads_tickets = True
        kind, rest = access.group(1), access.group(4)
        if kind == "SCAN" and "USING" not in rest and not (limited and _WALK_TEST in stmt.sql):
            problems.append(f"full scan: {detail}")
        elif kind == "SCAN" and not limited:
            problems.append(f"whole index walked, no LIMIT: {detail}")
        index = _INDEX.search(rest)
        key_lookup = kind == "SEARCH" and _SELECTIVE_EQ.search(rest)
        if _open_only(stmt) and index and index.group(1) not in partial and not key_lookup:
            problems.append(f"walks closed history for open work: {detail}")
        if kind == "SEARCH" and _SELECTIVE.search(rest):
            selective = True
    sorted_ = any("TEMP B-TREE FOR" in d and "ORDER BY" in d for d in details)
    if sorted_ and reads_tickets and not selective:
        problems.append("sort of every matching ticket: " + " | ".join(details))
    return problems


def postgres_problems(
    conn: Connection, stmt: Statement, open_tickets: int, partial: set[str]
) -> list[str]:
    raw = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {stmt.sql}", stmt.params).scalar_one()
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    problems: list[str] = []
    _walk_pg(plan, problems, open_tickets, stopped=False, partial=partial)
    if _open_only(stmt):
        _closed_history_pg(plan, problems, partial)
    return problems


def _closed_history_pg(node: dict[str, Any], problems: list[str], partial: set[str]) -> None:
    if node["Node Type"] in ("Index Scan", "Index Only Scan") and (
        node.get("Relation Name") == "tickets" and node.get("Index Name") not in partial
    ):
        cond = str(node.get("Index Cond", ""))
        if not (_PG_KEY_EQ.search(cond) or _open_statuses_only(cond)):
            problems.append(f"walks closed history for open work: {node.get('Index Name')}")
    for child in node.get("Plans", []):
        _closed_history_pg(child, problems, partial)


def _reads_tickets(node: dict[str, Any]) -> bool:
    if node.get("Relation Name") == "tickets":
        return True
    return any(_reads_tickets(child) for child in node.get("Plans", []))


def _walk_pg(
    node: dict[str, Any],
    problems: list[str],
    open_tickets: int,
    stopped: bool,
    *,
    partial: frozenset[str] | set[str] = frozenset(),
    limited: bool = False,
    small_sort: bool = False,
) -> None:
    """``stopped``: a LIMIT above ends this subtree early, by the planner's own costs;
    ``limited``: a LIMIT is above it with no sort between (it ends when a page is made);
    ``small_sort``: a sort above takes its rows, fewer than half the open tickets."""
    kind = node["Node Type"]
    on_tickets = node.get("Relation Name") == "tickets"
    if kind == "Limit":
        child = node["Plans"][0]
        stopped = node["Total Cost"] < 0.5 * max(child["Total Cost"], 1e-9)
        limited = True
    if kind == "Seq Scan" and on_tickets and not stopped:
        problems.append(f"full scan: Seq Scan on tickets ({node.get('Plan Rows')} rows)")
    walks = kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
    index = node.get("Index Name")
    bounded = _keeps_all(node, partial, limited) or (small_sort and index in OPEN_INDEXES)
    if walks and on_tickets and not stopped and not bounded:
        problems.append(f"whole index walked: {index}")
    if kind == "Sort" and _reads_tickets(node):
        rows = int(node["Plans"][0].get("Plan Rows", 0))
        if rows >= open_tickets // 2:
            problems.append(f"sort of {rows} rows (open tickets: {open_tickets})")
        small_sort = rows < open_tickets // 2
    # A sort reads all of its input before the LIMIT above it can stop anything.
    below = kind not in ("Sort", "Incremental Sort", "Aggregate", "HashAggregate", "Hash")
    for child in node.get("Plans", []):
        _walk_pg(
            child, problems, open_tickets, stopped and kind != "Sort",
            partial=partial, limited=limited and below, small_sort=small_sort,
        )  # fmt: skip


def _keeps_all(node: dict[str, Any], partial: frozenset[str] | set[str], limited: bool) -> bool:
    """A walk of a partial index that keeps every entry it reads (PostgreSQL drops the
    conditions the index's predicate implies, so no ``Filter`` is left), under a LIMIT:
    it stops after a page. A ``Filter`` left (a customer, a status) may throw away most
    of the index before the page is full: that walk grows with the desk."""
    return limited and node.get("Index Name") in partial and "Filter" not in node


def _open_indexes() -> frozenset[str]:
    """The partial indexes over open tickets only (their predicate has the open
    statuses): what they hold is bounded by the open work, not by the history."""
    found = set()
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            where = index.dialect_options["postgresql"].get("where")
            if where is not None and OPEN_SQL in str(where.compile(dialect=pg_dialect())):
                found.add(str(index.name))
    return frozenset(found)


OPEN_INDEXES = _open_indexes()


def problems_of(
    engine: Engine, statements: list[Statement], open_tickets: int
) -> dict[str, list[str]]:
    """Each statement's problems, keyed by ``label: first line of SQL``."""
    found: dict[str, list[str]] = {}
    with engine.connect() as conn:
        partial = partial_indexes(conn)
        for stmt in statements:
            if engine.dialect.name == "sqlite":
                problems = sqlite_problems(conn, stmt, partial)
            else:
                problems = postgres_problems(conn, stmt, open_tickets, partial)
            if problems:
                key = f"{stmt.label}: {' '.join(stmt.sql.split())[:160]}"
                found[key] = problems
        conn.rollback()
    return found
