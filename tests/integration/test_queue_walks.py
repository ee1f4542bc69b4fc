"""A queue page after a key in the assignee sort starts at the key (issue 19: a page's
cost must not grow with the desk): the rest of the key's engineer's tickets are sought
from the key's ticket id, then the later engineers are walked. On SQLite one row-value
comparison over (engineer name, ticket id) walked that engineer's open tickets from the
first (queue_walks.user_segments)."""

from __future__ import annotations

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
    seen: list[tuple[str, object]] = []

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
