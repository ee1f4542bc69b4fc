"""SQLite's lean queue read (issue 19): each thread reads on a connection it holds
(app.persistence.queue_held) and a page's statements carry the actor check in their
LIMIT (app.persistence.queue_actor). What must not change: an inactive actor reads
nothing, every read sees the commits before it, one connection per thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from app.bootstrap import Services
from app.domain.errors import AuthenticationFailed
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.persistence.queue_connection import queue_read
from app.persistence.queue_repository import QueueRepository
from tests.support.people import People

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
ALL = QueueFilter(view=SavedView.ALL)


def _open(services: Services, people: People, subject: str, customer: str = "ACME") -> str:
    return services.tickets.open_ticket(
        people.care, customer=customer, subject=subject, service_type="first_level_support"
    ).number


class Seen:
    """The statements sent and the driver connection each ran on."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.params: list[Any] = []
        self.raw: list[Any] = []

    def __call__(self, conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if sql.startswith("BEGIN"):  # an observed read begins one (queue_statements)
            return
        self.sql.append(sql)
        self.params.append(params)
        self.raw.append(conn.connection.dbapi_connection)

    def clear(self) -> None:
        self.sql.clear()
        self.params.clear()
        self.raw.clear()


@pytest.fixture
def seen(services: Services) -> Iterator[Seen]:
    found = Seen()
    event.listen(services.db.engine, "before_cursor_execute", found)
    yield found
    event.remove(services.db.engine, "before_cursor_execute", found)


def _rows_now(engine: Engine, sql: str, params: Any) -> list[Any]:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(sql, params)
        return list(cur.fetchall())
    finally:
        raw.close()


def test_a_page_is_one_statement_with_the_actor_check_in_its_limit(
    services: Services, people: People, seen: Seen
) -> None:
    _open(services, people, "Printer offline")
    queue = services.queue
    seen.clear()
    assert len(queue.page(people.engineer, QueueFilter(), QueueSort()).rows) == 1
    assert len(seen.sql) == 1  # was 2: the check, then the page
    assert "FROM tickets" in seen.sql[0] and "LIMIT CASE WHEN (EXISTS" in seen.sql[0]
    # An empty page: the check alone tells "nothing there" from "not allowed".
    seen.clear()
    assert queue.page(people.engineer, QueueFilter(customer="NOBODY"), QueueSort()).rows == []
    assert len(seen.sql) == 2 and "FROM tickets" not in seen.sql[1]


@pytest.mark.parametrize("customer", ["ACME", "NOBODY"])
def test_an_inactive_actor_is_refused_and_its_statements_return_nothing(
    services: Services, people: People, seen: Seen, customer: str
) -> None:
    """Whether the page would have rows or not; the statements that did run (the
    page's, with the check in its LIMIT) return no row for that actor, run again now."""
    _open(services, people, "Printer offline")
    eng = people.engineer
    sorts = [QueueSort(c) for c in QueueColumn] + [QueueSort(QueueColumn.SLA_DUE, True)]
    assert services.queue.page(eng, QueueFilter(), QueueSort()).rows
    services.users.set_active(people.admin, eng.username, False)
    for sort in sorts:
        for flt in (QueueFilter(customer=customer), ALL, QueueFilter(view=SavedView.MY)):
            seen.clear()
            with pytest.raises(AuthenticationFailed, match="no longer active"):
                services.queue.page(eng, flt, sort)
            with pytest.raises(AuthenticationFailed, match="no longer active"):
                services.queue.ids(eng, flt, sort)
            ran = [(s, p) for s, p in zip(seen.sql, seen.params, strict=True) if "tickets" in s]
            for sql, params in ran:
                assert "LIMIT CASE WHEN (EXISTS" in sql, sql
                assert _rows_now(services.db.engine, sql, params) == [], sql


def test_a_thread_reads_on_one_held_connection_of_its_own(
    services: Services, people: People, seen: Seen
) -> None:
    _open(services, people, "Printer offline")
    engine = services.db.engine
    queue = services.queue
    seen.clear()
    queue.page(people.engineer, QueueFilter(), QueueSort())
    queue.count(people.engineer, QueueFilter())
    queue.ids(people.engineer, QueueFilter(), QueueSort(QueueColumn.SLA_DUE))
    mine = {id(r) for r in seen.raw}
    assert len(mine) == 1
    assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]  # held, not returned
    seen.clear()
    other: list[int] = []

    def read_there() -> None:
        queue.page(people.engineer, QueueFilter(), QueueSort())
        other.append(engine.pool.checkedout())  # type: ignore[attr-defined]

    thread = threading.Thread(target=read_there)
    thread.start()
    thread.join()
    assert other == [2]  # its own connection, not this thread's
    assert not {id(r) for r in seen.raw} & mine
    del thread
    gc.collect()
    assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]  # its thread ended
    # A read inside a read on the same thread: a connection of its own.
    inner: list[Any] = []

    def outer(repo: QueueRepository) -> None:
        queue_read(engine, lambda r: inner.append(r._conn))
        inner.append(repo._conn)

    queue_read(engine, outer)
    assert inner[0] is not inner[1]


def test_every_read_sees_the_commits_before_it(
    services: Services, people: People, seen: Seen
) -> None:
    """Nothing stays open on the held connection between reads: a page of two
    statements (by SLA due: with a deadline, then without) ends its snapshot."""
    engine = services.db.engine
    by_due = QueueSort(QueueColumn.SLA_DUE)
    queue = services.queue
    first = _open(services, people, "Printer offline")
    assert [r.number for r in queue.page(people.care, ALL, by_due).rows] == [first]
    raw = seen.raw[-1]
    assert not raw.in_transaction
    second = _open(services, people, "Scanner offline")  # another connection's commit
    assert {r.number for r in queue.page(people.care, ALL, by_due).rows} == {first, second}
    assert seen.raw[-1] is raw and not raw.in_transaction
    services.tickets.cancel(people.care, first, "duplicate")
    assert [r.number for r in queue.page(people.care, QueueFilter(), by_due).rows] == [second]
    assert queue.rows(people.care, [1, 2])[0].status in ("cancelled", "new")
    assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]


def test_dispose_closes_the_held_connections(
    services: Services, people: People, seen: Seen
) -> None:
    _open(services, people, "Printer offline")
    queue = services.queue
    queue.page(people.engineer, QueueFilter(), QueueSort())
    raw = seen.raw[-1]
    services.db.engine.dispose()
    with pytest.raises(Exception, match="closed"):
        raw.execute("SELECT 1")
    assert len(queue.page(people.engineer, QueueFilter(), QueueSort()).rows) == 1
    assert seen.raw[-1] is not raw
