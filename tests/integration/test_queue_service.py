"""The queue's read side: keyset pages in every sort order, saved views, search and
counts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

import pytest
from sqlalchemy import Table, event, update

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import AuthenticationFailed, ValidationError
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.persistence.orm import Ticket
from app.persistence.queue_connection import queue_read
from app.persistence.queue_repository import ROW_FIELDS, QueueRepository
from app.persistence.queue_statements import _observed
from app.services import queue as queue_service
from app.services.queue import QueueRow
from tests.support.people import People

ALL = QueueFilter(view=SavedView.ALL)


def open_ticket(services: Services, people: People, subject: str, **extra: str) -> str:
    fields: dict[str, Any] = {
        "customer": "ACME",
        "subject": subject,
        "service_type": "first_level_support",
        "criticality": "medium",
    } | extra
    return services.tickets.open_ticket(people.care, **fields).number


def every_row(
    services: Services, people: People, flt: QueueFilter, sort: QueueSort, limit: int = 2
) -> list[QueueRow]:
    """Walk the queue page by page, as the model does when the user scrolls."""
    rows: list[QueueRow] = []
    page = services.queue.page(people.care, flt, sort, None, limit)
    rows += page.rows
    while page.next_key is not None:
        page = services.queue.page(people.care, flt, sort, page.next_key, limit)
        rows += page.rows
    return rows


@pytest.fixture
def desk(services: Services, people: People, clock: FakeClock) -> dict[str, str]:
    """A morning at the desk: five tickets in different states."""
    t = services.tickets
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex Industries")
    n = {}
    n["mail"] = open_ticket(
        services,
        people,
        "Invoices are not sent",
        criticality="critical",
        description="The mail queue is stuck since the upgrade",
    )
    clock.advance(minutes=3)
    n["login"] = open_ticket(services, people, "Cannot log in", criticality="low")
    clock.advance(minutes=3)
    n["report"] = open_ticket(
        services, people, "Monthly report is empty", customer="GLOBEX", criticality="high"
    )
    clock.advance(minutes=3)
    n["printer"] = open_ticket(services, people, "Printer offline", criticality="medium")
    clock.advance(minutes=3)
    n["backup"] = open_ticket(services, people, "Backup failed", criticality="high")
    clock.advance(minutes=3)
    t.take(people.engineer, n["mail"])
    t.start(people.engineer, n["mail"])
    t.wait_on_customer(people.engineer, n["mail"], "need the mail logs")
    t.take(people.engineer2, n["report"])
    t.start(people.engineer2, n["report"])
    t.resolve(people.engineer2, n["report"], problem_nature="no data", solution="reloaded")
    t.cancel(people.care, n["printer"], "duplicate")
    return n


def test_default_queue_is_open_tickets_most_urgent_first(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    rows = every_row(services, people, QueueFilter(), QueueSort())
    assert [r.number for r in rows] == [desk["mail"], desk["report"], desk["backup"], desk["login"]]
    mail = rows[0]
    assert (mail.status, mail.assignee, mail.customer_code) == (
        "waiting_on_customer",
        "eng",
        "ACME",
    )
    assert mail.customer_name == "Acme Corp" and mail.priority == 1 and mail.version > 1
    assert mail.sla_due_at is None or mail.sla_due_at.tzinfo is not None


@pytest.mark.parametrize("column", list(QueueColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_pages_in_sql_without_gaps_or_repeats(
    services: Services, people: People, desk: dict[str, str], column: QueueColumn, descending: bool
) -> None:
    sort = QueueSort(column, descending)
    paged = every_row(services, people, ALL, sort, limit=2)
    whole = services.queue.page(people.care, ALL, sort, None, 100).rows
    assert [r.id for r in paged] == [r.id for r in whole]
    assert len({r.id for r in paged}) == 5
    expected = {
        QueueColumn.NUMBER: lambda r: (r.number, r.id),
        QueueColumn.PRIORITY: lambda r: (r.priority, r.id),
        QueueColumn.STATUS: lambda r: (r.status, r.id),
        QueueColumn.SUBJECT: lambda r: (r.subject, r.id),
        QueueColumn.CUSTOMER: lambda r: (r.customer_name, r.id),
        QueueColumn.ASSIGNEE: lambda r: (r.assignee or "", r.id),
        QueueColumn.SLA_DUE: lambda r: r.id,  # nothing has a due time in this story
        QueueColumn.UPDATED: lambda r: (r.updated_at, r.id),
    }[column]
    assert paged == sorted(whole, key=expected, reverse=descending)


def test_pages_are_keyset_queries_never_offset(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    seen: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, params: object, *_: object) -> None:
        seen.append((statement, params))

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        every_row(services, people, ALL, QueueSort(QueueColumn.CUSTOMER, True), limit=2)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    pages = [(s, p) for s, p in seen if "sort_key_0" in s]
    # Three pages; a page after a key may take two walks (that customer's remaining
    # tickets, then the later customers: queue_queries._customer_segments).
    assert 3 <= len(pages) <= 5
    # Pages after the first continue from the previous key, in a WHERE clause (on
    # PostgreSQL the later customers' one follows the LATERAL walk's ORDER BY).
    assert all(" < " in s for s, _ in pages[1:])
    for statement, params in pages:
        if "OFFSET" in statement:  # SQLAlchemy's SQLite dialect always writes OFFSET ?
            assert isinstance(params, tuple) and params[-1] == 0


def test_saved_views_and_their_counts(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    def numbers(view: SavedView, who: object = people.engineer) -> set[str]:
        page = services.queue.page(who, QueueFilter(view=view), QueueSort(), None, 100)  # type: ignore[arg-type]
        return {r.number for r in page.rows}

    assert numbers(SavedView.MY) == {desk["mail"]}
    # Resolved work stays "mine" until the customer approves it.
    assert numbers(SavedView.MY, people.engineer2) == {desk["report"]}
    assert numbers(SavedView.UNASSIGNED) == {desk["login"], desk["backup"]}
    assert numbers(SavedView.WAITING) == {desk["mail"]}
    assert numbers(SavedView.AWAITING_APPROVAL) == {desk["report"]}
    assert numbers(SavedView.AT_RISK) == set()  # nothing has an SLA state yet
    assert numbers(SavedView.ALL) == set(desk.values())
    counts = services.queue.view_counts(people.engineer)
    assert counts == {
        SavedView.MY: 1,
        SavedView.UNASSIGNED: 2,
        SavedView.AT_RISK: 0,
        SavedView.WAITING: 1,
        SavedView.AWAITING_APPROVAL: 1,
        SavedView.ALL_OPEN: 4,
        SavedView.ALL: 5,
    }


def test_quick_filters_combine_with_the_view(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    def numbers(**kw: object) -> set[str]:
        flt = QueueFilter(view=SavedView.ALL, **kw)  # type: ignore[arg-type]
        return {r.number for r in services.queue.page(people.care, flt, QueueSort()).rows}

    assert numbers(customer="globex") == {desk["report"]}
    assert numbers(assignee="eng") == {desk["mail"]}
    assert numbers(statuses=frozenset({"new", "cancelled"})) == {
        desk["login"],
        desk["printer"],
        desk["backup"],
    }
    # One open status: read like a one-status view (a literal, the open predicate once).
    assert numbers(statuses=frozenset({"waiting_on_customer"})) == {desk["mail"]}
    in_open = QueueFilter(view=SavedView.ALL_OPEN, statuses=frozenset({"resolved"}))
    assert [r.number for r in services.queue.page(people.care, in_open, QueueSort()).rows] == [
        desk["report"]
    ]
    assert services.queue.count(people.care, in_open) == 1
    assert numbers(priorities=frozenset({2})) == {desk["report"], desk["backup"]}
    assert numbers(priorities=frozenset({2}), customer="ACME") == {desk["backup"]}
    assert numbers(customer="NOBODY") == set()
    assert numbers(product="NOPROD") == set()


@pytest.mark.parametrize("common_from", [2000, 1], ids=["rare-words", "common-words"])
def test_search_finds_words_prefixes_numbers_and_customers(
    services: Services,
    people: People,
    desk: dict[str, str],
    common_from: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PostgreSQL plans rare and common words differently; both must find the same.
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_from)

    def found(text: str) -> set[str]:
        flt = QueueFilter(view=SavedView.ALL, search=text)
        return {r.number for r in services.queue.page(people.care, flt, QueueSort()).rows}

    assert found("invoices") == {desk["mail"]}
    assert found("mail queue") == {desk["mail"]}  # words from the description
    assert found("upgr") == {desk["mail"]}  # a prefix, as the user types
    assert found("REPORT monthly") == {desk["report"]}
    assert found("globex") == {desk["report"]}  # the customer's code
    assert found("Globex Ind") == {desk["report"]}  # the start of its name
    assert found(desk["login"]) == {desk["login"]}
    assert found(desk["login"].removeprefix("SD-").lstrip("0")) == {desk["login"]}
    assert found("nothing-like-this") == set()
    assert found("'\"*:&|!()") == {
        r.number for r in services.queue.page(people.care, ALL, QueueSort()).rows
    }  # punctuation only: no search at all, never an SQL error
    assert services.queue.count(people.care, QueueFilter(view=SavedView.ALL, search="invoice")) == 1


def test_a_new_ticket_is_searchable_at_once(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    flt = QueueFilter(view=SavedView.ALL, search="scanner")
    assert services.queue.count(people.care, flt) == 0
    number = open_ticket(services, people, "Scanner jams", description="paper feed broken")
    assert [r.number for r in services.queue.page(people.care, flt, QueueSort()).rows] == [number]
    feed = QueueFilter(view=SavedView.ALL, search="feed")
    assert services.queue.count(people.care, feed) == 1


def test_counts_stop_at_the_cap(services: Services, people: People, desk: dict[str, str]) -> None:
    assert services.queue.count(people.care, ALL) == 5
    assert services.queue.count(people.care, ALL, cap=3) == 3
    assert services.queue.count(people.care, ALL, cap=None) == 5
    assert services.queue.view_counts(people.care, cap=2)[SavedView.ALL] == 2


def test_bad_filters_are_refused_in_plain_words(services: Services, people: People) -> None:
    with pytest.raises(ValidationError, match="priority must be 1 to 4"):
        services.queue.count(people.care, QueueFilter(priorities=frozenset({7})))
    with pytest.raises(ValidationError, match="unknown status 'lost'"):
        services.queue.page(people.care, QueueFilter(statuses=frozenset({"lost"})), QueueSort())
    with pytest.raises(ValidationError, match="a page holds 1 to 1000"):
        services.queue.page(people.care, QueueFilter(), QueueSort(), None, 0)
    with pytest.raises(ValidationError, match="invalid customer code"):
        services.queue.count(people.care, QueueFilter(customer="no spaces allowed"))


def test_rows_reloads_known_ids(services: Services, people: People, desk: dict[str, str]) -> None:
    first = services.queue.page(people.care, ALL, QueueSort(), None, 2).rows
    again = services.queue.rows(people.care, [r.id for r in first] + [999_999])
    assert sorted(again, key=lambda r: r.id) == sorted(first, key=lambda r: r.id)
    assert services.queue.rows(people.care, []) == []


def test_rows_are_read_by_column_name(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    # Every field of a row comes from the column of that name, not from a position.
    assert QueueRow._fields == ROW_FIELDS
    for number in (desk["mail"], desk["report"]):
        flt = QueueFilter(view=SavedView.ALL, search=number)
        (row,) = services.queue.page(people.care, flt, QueueSort(QueueColumn.ASSIGNEE)).rows
        (again,) = services.queue.rows(people.care, [row.id])
        ticket = services.tickets.show(people.care, number, with_history=False)
        for found in (row, again):
            assert found._asdict() | {"sla_due_at": None, "sla_state": None} == {
                "id": ticket.id,
                "number": ticket.number,
                "priority": ticket.priority,
                "status": ticket.status,
                "subject": ticket.subject,
                "customer_code": ticket.customer_code,
                "customer_name": ticket.customer_name,
                "assignee": ticket.assignee,
                "sla_due_at": None,
                "sla_state": None,
                "updated_at": ticket.updated_at,
                "version": ticket.version,
            }


@pytest.mark.parametrize("descending", [False, True])
def test_sla_due_sort_puts_tickets_without_a_deadline_last(
    services: Services, people: People, desk: dict[str, str], clock: FakeClock, descending: bool
) -> None:
    due = {desk["login"]: 30, desk["backup"]: 10, desk["mail"]: 10, desk["report"]: 90}
    tickets = cast(Table, Ticket.__table__)
    with services.db.engine.begin() as conn:
        for number, minutes in due.items():
            conn.execute(
                update(tickets)
                .where(tickets.c.number == number)
                .values(sla_due_at=clock.now() + timedelta(minutes=minutes), sla_state="on_track")
            )
    sort = QueueSort(QueueColumn.SLA_DUE, descending)
    for limit in (1, 2, 3, 100):
        rows = every_row(services, people, ALL, sort, limit=limit)
        dated = sorted((r for r in rows if r.sla_due_at), key=lambda r: (r.sla_due_at, r.id))
        undated = sorted((r for r in rows if r.sla_due_at is None), key=lambda r: r.id)
        expected = dated + undated  # no deadline: last, by number
        assert rows == (expected[::-1] if descending else expected)
        assert [r.number for r in dated][:2] == sorted([desk["mail"], desk["backup"]])


def test_a_read_on_its_own_connection_runs_on_the_drivers_cursor(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    """The engine's own listener (SQLite: a background job gives the write lock back
    between statements) does not send a desk's queue reads through SQLAlchemy's
    execution (a BEGIN ... ROLLBACK and a result set-up per statement); an observer
    (the query-plan test, a statement counter) still sees every statement."""
    engine = services.db.engine

    def inspect(repo: QueueRepository) -> None:
        conn = repo._conn
        assert not _observed(conn, own_read=True)
        assert _observed(conn, own_read=False) == bool(
            [*conn.dispatch.before_cursor_execute, *conn.dispatch.after_cursor_execute]
        )

    queue_read(engine, inspect)
    seen: list[str] = []

    def observe(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", observe)
    try:
        services.queue.page(people.engineer, QueueFilter(), QueueSort(), None, 10)
    finally:
        event.remove(engine, "before_cursor_execute", observe)
    assert any("FROM tickets" in sql for sql in seen)


def test_an_inactive_actor_reads_nothing_and_no_ticket_statement_runs(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    """The actor check rides on a PostgreSQL read's first statement (its settings, or
    a statement of its own): still before any ticket is read, for every kind of read.
    SQLite: a page's statements carry it in their LIMIT (a LIMIT of 0 for an inactive
    actor: nothing read, tests/integration/test_queue_held.py); other reads check first."""
    queue = services.queue
    eng = people.engineer
    assert queue.page(eng, QueueFilter(), QueueSort()).rows
    services.users.set_active(people.admin, eng.username, False)
    engine = services.db.engine
    seen: list[str] = []

    def observe(*args: object) -> None:
        seen.append(str(args[2]))

    reads = {
        "page": lambda: queue.page(eng, QueueFilter(), QueueSort()),
        "page by number": lambda: queue.page(
            eng, QueueFilter(view=SavedView.ALL), QueueSort(QueueColumn.NUMBER)
        ),
        "search": lambda: queue.page(
            eng, QueueFilter(view=SavedView.ALL, search="mail"), QueueSort()
        ),
        "count": lambda: queue.count(eng, QueueFilter()),
        "view counts": lambda: queue.view_counts(eng),
        "ids": lambda: queue.ids(eng, QueueFilter(), QueueSort()),
        "rows": lambda: queue.rows(eng, [1, 2]),
    }
    event.listen(engine, "before_cursor_execute", observe)
    try:
        for name, read in reads.items():
            seen.clear()
            with pytest.raises(AuthenticationFailed, match="no longer active"):
                read()
            # (The desk's size, read at most once a minute, is no ticket's data.)
            read_tickets = [s for s in seen if "FROM tickets" in s and "max(tickets.id)" not in s]
            if services.db.dialect == "sqlite" and name in ("page", "page by number", "ids"):
                assert all("LIMIT CASE WHEN (EXISTS" in s for s in read_tickets), name
            else:
                assert not read_tickets, name
    finally:
        event.remove(engine, "before_cursor_execute", observe)


def test_a_queue_read_hands_its_connection_back_as_it_took_it(
    services: Services, people: People, desk: dict[str, str]
) -> None:
    """PostgreSQL reads run in autocommit and begin a transaction only for their
    transaction-local planner settings (QueueRepository.settle): the connection goes
    back to the pool with no transaction, out of autocommit, and the settings gone."""
    queue = services.queue
    engine = services.db.engine
    by_number = QueueSort(QueueColumn.NUMBER)
    for read in (
        lambda: queue.page(people.engineer, QueueFilter(), QueueSort()),  # settings
        lambda: queue.page(people.engineer, QueueFilter(view=SavedView.ALL), by_number),
        lambda: queue.page(
            people.engineer, QueueFilter(view=SavedView.ALL, search="mail"), by_number
        ),
        lambda: queue.count(people.engineer, QueueFilter()),  # none
    ):
        read()
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            if services.db.dialect == "postgresql":
                assert raw is not None
                assert not raw.autocommit
                assert raw.info.transaction_status == 0  # idle: nothing left open
                assert conn.exec_driver_sql("SHOW enable_sort").scalar() == "on"
                assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "auto"
            assert conn.exec_driver_sql("SELECT count(*) FROM tickets").scalar() == 5
