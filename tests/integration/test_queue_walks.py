"""A queue page after a key in the assignee sort starts at the key (issue 19: a page's
cost must not grow with the desk): the rest of the key's engineer's tickets are sought
from the key's ticket id, then the later engineers are walked. On SQLite one row-value
comparison over (engineer name, ticket id) walked that engineer's open tickets from the
first (queue_walks.user_segments)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from tests.support.people import People

OPEN = QueueFilter(view=SavedView.ALL_OPEN)


@pytest.mark.parametrize("descending", [False, True])
def test_a_page_after_a_key_seeks_the_keys_engineer_at_the_key(
    services: Services, people: People, descending: bool
) -> None:
    t = services.tickets
    for i in range(5):
        number = t.open_ticket(
            people.care, customer="ACME", subject=f"Ticket {i}",
            service_type="first_level_support", criticality="medium",
        ).number  # fmt: skip
        t.take(people.engineer if i < 4 else people.engineer2, number)
    sort = QueueSort(QueueColumn.ASSIGNEE, descending)
    whole = services.queue.page(people.care, OPEN, sort, None, 100).rows
    first = services.queue.page(people.care, OPEN, sort, None, 2)
    seen: list[tuple[str, Any]] = []

    def record(_c: object, _cu: object, statement: str, params: object, *_: object) -> None:
        seen.append((statement, params))

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        rest = services.queue.page(people.care, OPEN, sort, first.next_key, 100)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    assert [r.id for r in [*first.rows, *rest.rows]] == [r.id for r in whole]
    # Descending, the key falls in the first engineer (by name, the later one) whose
    # tickets the first page did not finish; ascending in the four tickets' engineer.
    same = [(s, p) for s, p in seen if "tickets.assignee_id = (SELECT users.id" in s]
    assert len(same) == 1
    if services.db.dialect == "sqlite":
        statement, params = same[0]
        with services.db.engine.connect() as conn:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
        details = " | ".join(str(row[-1]) for row in plan)
        assert ("id<?" if descending else "id>?") in details, details


@pytest.mark.parametrize("descending", [False, True])
def test_unassigned_by_customer_walks_each_customers_unassigned_tickets_in_order(
    services: Services, people: People, descending: bool
) -> None:
    """PostgreSQL derives no order from ``assignee_id IS NULL``: each customer's LATERAL
    walk (and the key's customer's rest) orders by that column and the customer first,
    the order of ``ix_tickets_open_assignee_customer``; by id alone it walked every open
    ticket of each customer testing the assignee (16 ms a first page at 1M)."""
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex Industries")
    t = services.tickets
    for i in range(6):
        number = t.open_ticket(
            people.care, customer="ACME" if i % 2 else "GLOBEX", subject=f"Ticket {i}",
            service_type="first_level_support", criticality="medium",
        ).number  # fmt: skip
        if i in (1, 4):
            t.take(people.engineer, number)
    flt = QueueFilter(view=SavedView.UNASSIGNED)
    sort = QueueSort(QueueColumn.CUSTOMER, descending)
    whole = services.queue.page(people.care, flt, sort, None, 100).rows
    seen: list[str] = []

    def record(_c: object, _cu: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        paged, page = [], services.queue.page(people.care, flt, sort, None, 1)
        paged += page.rows
        while page.next_key is not None:
            page = services.queue.page(people.care, flt, sort, page.next_key, 1)
            paged += page.rows
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    assert [r.id for r in paged] == [r.id for r in whole]
    assert len(whole) == 4 and all(r.assignee is None for r in whole)
    if services.db.dialect == "postgresql":
        way = " DESC" if descending else " ASC"
        walks = [s for s in seen if "LATERAL" in s]
        rests = [s for s in seen if "tickets.customer_id = %(after_1)s" in s]
        assert walks and rests
        assert all(
            f"ORDER BY tickets.assignee_id{way}, tickets.customer_id{way}" in s for s in walks
        )
        assert all(f"ORDER BY tickets.assignee_id{way}, tickets.id{way}" in s for s in rests)


def test_the_engineers_lateral_walk_looks_each_rows_customer_up_by_its_key(
    services: Services, people: People
) -> None:
    """PostgreSQL, by assignee: the customers are not joined to the engineers' LATERAL
    walk (the planner hashed every customer once per engineer: 2,000 at 1M) but read per
    row by key; the rows are the same as a plain page's."""
    t = services.tickets
    for i in range(3):
        number = t.open_ticket(
            people.care, customer="ACME", subject=f"Ticket {i}",
            service_type="first_level_support", criticality="medium",
        ).number  # fmt: skip
        t.take(people.engineer if i else people.engineer2, number)
    seen: list[str] = []

    def record(_c: object, _cu: object, statement: str, *_: object) -> None:
        seen.append(statement)

    sort = QueueSort(QueueColumn.ASSIGNEE)
    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        rows = services.queue.page(people.care, OPEN, sort, None, 100).rows
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    assert len(rows) == 3 and {r.customer_code for r in rows} == {"ACME"}
    assert all(r.customer_name for r in rows)
    assert [r.assignee for r in rows] == sorted(r.assignee or "" for r in rows)
    if services.db.dialect == "postgresql":
        walks = [s for s in seen if "LATERAL" in s]
        assert walks and not any("JOIN customers" in s for s in walks)
