"""Every queue page, count, search and report query runs over an index, on both engines,
on a desk shaped like a real one (issue 19): no full scan of the tickets, no walk of a
whole index without a LIMIT, no sort of every open ticket. The plans are the
databases' own (``EXPLAIN QUERY PLAN`` / ``EXPLAIN (FORMAT JSON)``) for the statements
the services really run, captured as they run. Rules: tests/support/query_plans.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.pool import NullPool

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.persistence.orm import Ticket
from app.persistence.orm_queue import OPEN_PREDICATE
from app.persistence.queue_statements import ORDERED_WALKS, STRICT_WALKS
from tests.support.databases import PostgresFactory, SqliteFactory
from tests.support.desk_shape import COMMON, RARE_COMMENT_WORD, RARE_WORD
from tests.support.people import People
from tests.support.query_plans import Captured, Statement, _walk_pg, capture, problems_of
from tests.support.search_plan_support import plan_desk

# Big enough for the planners to choose as they do at a million tickets (with fresh
# statistics), small enough to load in seconds: ~2,500 open tickets among 25,000.
TICKETS = 25_000
PAGE = 50

FILTERS = {
    "customer": QueueFilter(customer="C0000"),
    "small customer": QueueFilter(customer="C0100"),
    "assignee": QueueFilter(assignee="desk_eng03"),
    # One engineer inside a one-status view: SQLite reads it like "My tickets" (pinned).
    "Waiting, assignee": QueueFilter(view=SavedView.WAITING, assignee="desk_eng03"),
    "statuses": QueueFilter(statuses=frozenset({"new", "in_progress"})),
    # One open status: the open tickets' status-led indexes, like the "Waiting" view.
    "one status": QueueFilter(statuses=frozenset({"in_progress"})),
    "All, one open status": QueueFilter(view=SavedView.ALL, statuses=frozenset({"new"})),
    "priorities": QueueFilter(priorities=frozenset({1})),
    "product": QueueFilter(product="NOPROD"),
    "All, customer": QueueFilter(view=SavedView.ALL, customer="C0003"),
    "All, closed": QueueFilter(view=SavedView.ALL, statuses=frozenset({"closed"})),
}
SEARCHES = {
    "rare word": RARE_WORD,
    "common word": COMMON[0],
    "two common words": f"{COMMON[0]} {COMMON[1]}",
    "word only in a comment": RARE_COMMENT_WORD,
    "customer": "C0002",
    "number": "SD-000042",
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest) -> Iterator[tuple[Services, People]]:
    factory: SqliteFactory | PostgresFactory = request.getfixturevalue(
        "sqlite_factory" if request.param == "sqlite" else "postgres_factory"
    )
    with plan_desk(factory, TICKETS) as found:
        yield found


def _queue_calls(services: Services, people: People, seen: Captured) -> None:
    q, actor = services.queue, people.engineer

    def pages(label: str, flt: QueueFilter, sort: QueueSort) -> None:
        seen.label = f"{label}, {sort.column.value} {'desc' if sort.descending else 'asc'}"
        first = q.page(actor, flt, sort, None, PAGE)
        if first.next_key is not None:
            seen.label += ", next page"
            q.page(actor, flt, sort, first.next_key, PAGE)

    sorts = [QueueSort(c, d) for c in QueueColumn for d in (False, True)]
    for view in SavedView:
        for sort in sorts:
            pages(view.value, QueueFilter(view=view), sort)
        seen.label = f"count {view.value}"
        q.count(actor, QueueFilter(view=view))
    for name, flt in FILTERS.items():
        for sort in sorts[::2]:
            pages(name, flt, sort)
        seen.label = f"count {name}"
        q.count(actor, flt)
    for name, text in SEARCHES.items():
        for view in (SavedView.ALL_OPEN, SavedView.ALL, SavedView.MY):
            flt = QueueFilter(view=view, search=text)
            for sort in (QueueSort(), QueueSort(QueueColumn.UPDATED, True)):
                pages(f"search {name}, {view.value}", flt, sort)
            seen.label = f"count search {name}, {view.value}"
            q.count(actor, flt)
    seen.label = "view counts"
    q.view_counts(actor)


def _report_calls(services: Services, people: People, seen: Captured) -> None:
    seen.label = "period report, all customers"
    services.reports.period_report(
        people.manager, customer=None, start=date(2026, 1, 1), end=date(2026, 10, 31)
    )
    seen.label = "period report, one customer"
    services.reports.period_report(
        people.manager, customer="C0001", start=date(2026, 1, 1), end=date(2026, 10, 31)
    )
    seen.label = "dashboard"
    services.dashboard.figures(people.manager)


def _open_tickets(services: Services) -> int:
    with services.db.engine.connect() as conn:
        query = select(func.count()).select_from(Ticket).where(OPEN_PREDICATE)
        return int(conn.execute(query).scalar() or 0)


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}\n    " + "\n    ".join(p) for where, p in problems.items())


def _by_settings(statements: list[Statement]) -> dict[str, list[Statement]]:
    """The statements grouped by the planner settings their read ran them under ("":
    none; else queue_statements.ORDERED_WALKS or STRICT_WALKS, PostgreSQL pages). A read
    starts with the actor check, on PostgreSQL merged into its settings' statement
    (QueueRepository.settle); the settings hold until that read ends."""
    groups: dict[str, list[Statement]] = {}
    under = ""
    for stmt in statements:
        if "users.active" in stmt.sql:
            under = ""
        walks = next((w for w in (STRICT_WALKS, ORDERED_WALKS) if stmt.sql.startswith(w)), None)
        if walks is not None:  # STRICT_WALKS first: it starts with ORDERED_WALKS
            under = walks
            continue
        groups.setdefault(under, []).append(stmt)
    return groups


@contextmanager
def _settings_engine(engine: Engine, settings: str) -> Iterator[Engine]:
    """An engine on the same database whose connections plan as a page's read does."""
    other = create_engine(engine.url, poolclass=NullPool)

    @event.listens_for(other, "connect")
    def _settings(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute(settings.replace("true)", "false)"))  # for the whole session
        cursor.close()
        dbapi_conn.commit()

    try:
        yield other
    finally:
        other.dispose()


def test_every_queue_page_count_and_search_uses_an_index(desk: tuple[Services, People]) -> None:
    services, people = desk
    with capture(services.db.engine) as seen:
        _queue_calls(services, people, seen)
    # The calls really ran their SQL (SQLite: ~700, a page's actor check rides in its
    # LIMIT, app.persistence.queue_actor; PostgreSQL: ~800).
    assert len(seen.statements) > 650
    open_tickets = _open_tickets(services)
    groups = _by_settings(seen.statements)
    if services.db.dialect == "postgresql":  # the pages read with settings, explained so
        assert len(groups.get(ORDERED_WALKS, [])) > 30
        assert len(groups.get(STRICT_WALKS, [])) > 100
    else:
        assert set(groups) == {""}
    problems = problems_of(services.db.engine, groups.pop("", []), open_tickets)
    for settings, statements in groups.items():
        with _settings_engine(services.db.engine, settings) as engine:
            problems |= problems_of(engine, statements, open_tickets)
    assert problems == {}, f"{len(problems)} statements grow with history:\n{_report(problems)}"


# Report statements known to scan the tickets (PostgreSQL hash-joins the period's work
# events with every ticket): the reports' rollups (issue 19 item 6) replace them. Any
# other report statement that scans fails the test.
KNOWN_REPORT_SCANS = ("sum(ticket_events.minutes)",)


def test_every_report_query_uses_an_index(desk: tuple[Services, People]) -> None:
    services, people = desk
    with capture(services.db.engine) as seen:
        _report_calls(services, people, seen)
    assert len(seen.statements) > 10
    problems = problems_of(services.db.engine, seen.statements, _open_tickets(services))
    unexpected = {
        where: found
        for where, found in problems.items()
        if not any(known in where for known in KNOWN_REPORT_SCANS)
    }
    assert unexpected == {}, f"{len(unexpected)} statements grow:\n{_report(unexpected)}"


# The checker's rule for partial indexes (tests/support/query_plans.py), on plans as
# PostgreSQL's EXPLAIN (FORMAT JSON) writes them: a walk that keeps every entry it reads
# under a LIMIT passes; one that tests its entries, or has no LIMIT, or feeds a sort, fails.
_RISK = "ix_tickets_risk_number"


def _scan(index: str, **extra: Any) -> dict[str, Any]:
    return {"Node Type": "Index Scan", "Relation Name": "tickets", "Index Name": index, **extra}


def _limit(child: dict[str, Any]) -> dict[str, Any]:
    # Costs as for a page the planner thinks ends late (not "stopped" by its own costs).
    return {"Node Type": "Limit", "Total Cost": 90.0, "Plans": [child]}


def _pg_problems(plan: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    _walk_pg(
        plan, problems, open_tickets=1000, stopped=False, partial={_RISK, "ix_tickets_breached"}
    )
    return problems


def _sort(rows: int, child: dict[str, Any]) -> dict[str, Any]:
    return {"Node Type": "Sort", "Total Cost": 100.0, "Plans": [{**child, "Plan Rows": rows}]}


def test_a_partial_index_walk_that_keeps_every_entry_under_a_limit_passes() -> None:
    assert _pg_problems(_limit(_scan(_RISK, **{"Total Cost": 100.0}))) == []


def test_a_whole_open_index_read_for_a_small_sort_passes_as_the_sort_does() -> None:
    # As a bitmap read of the same few rows would (the dashboard's at-risk list).
    assert _pg_problems(_limit(_sort(10, _scan(_RISK, Filter="(status = 'new')")))) == []


@pytest.mark.parametrize(
    "plan",
    [
        # tests each entry: may read the whole index for a page
        _limit(_scan(_RISK, **{"Total Cost": 100.0, "Filter": "(customer_id = 7)"})),
        # no LIMIT: reads it all
        _scan(_RISK, **{"Total Cost": 100.0}),
        # a sort of many rows between reads all of it before the LIMIT stops anything
        _limit(_sort(900, _scan(_RISK))),
        # a small sort, but the index is not over open tickets only (closed history)
        _limit(_sort(10, _scan("ix_tickets_breached"))),
        # not partial: over all tickets
        _limit(_scan("ix_tickets_updated_id", **{"Total Cost": 100.0})),
    ],
    ids=["filter", "no limit", "big sort", "sort, not open only", "not partial"],
)
def test_other_whole_index_walks_still_fail(plan: dict[str, Any]) -> None:
    assert any("whole index walked" in p for p in _pg_problems(plan))
