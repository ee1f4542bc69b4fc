"""Saved searches (issue 14, item 19): a person keeps the queue as they see it under a
name, on any desk (the database holds it per user), renames and deletes it; nobody
else sees it. Both engines."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.domain.errors import Conflict, NotFound, ValidationError
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.persistence.orm_saved_searches import SavedSearch
from app.services.auth import Passwords
from tests.support.people import People

MINE = QueueFilter(
    view=SavedView.ALL_OPEN,
    search="  outbox ",
    statuses=frozenset({"in_progress", "new"}),
    priorities=frozenset({1, 2}),
    customer="ACME",
    assignee="eli",
)
NEWEST = QueueSort(QueueColumn.UPDATED, descending=True)


def test_a_saved_search_follows_its_owner_to_another_desk(
    services: Services, people: People, db_url: str, clock: FakeClock, fast_passwords: Passwords
) -> None:
    saved = services.saved_searches.save(people.engineer, " ACME urgent ", MINE, NEWEST)
    assert saved.name == "ACME urgent" and saved.filter.search == "outbox"

    # Another desk: a second connection to the same database, the same person.
    other = open_services(db_url, clock=clock, passwords=fast_passwords)
    try:
        [found] = other.saved_searches.list(people.engineer)
    finally:
        other.db.dispose()
    assert found.name == "ACME urgent"
    assert found.filter == QueueFilter(
        view=SavedView.ALL_OPEN,
        search="outbox",
        statuses=frozenset({"in_progress", "new"}),
        priorities=frozenset({1, 2}),
        customer="ACME",
        assignee="eli",
    )
    assert found.sort == NEWEST
    # Somebody else's sidebar stays theirs.
    assert services.saved_searches.list(people.engineer2) == []


def test_rename_replace_and_delete(services: Services, people: People, clock: FakeClock) -> None:
    s = services.saved_searches
    me = people.care
    s.save(me, "Waiting", QueueFilter(view=SavedView.WAITING), QueueSort())
    s.save(me, "Mine", QueueFilter(view=SavedView.MY, search="printer"), QueueSort())
    with pytest.raises(Conflict, match="already have a saved search called 'Mine'"):
        s.save(me, "Mine", QueueFilter(view=SavedView.ALL), QueueSort())
    clock.advance(timedelta(minutes=5))
    s.save(me, "Mine", QueueFilter(view=SavedView.ALL), NEWEST, replace=True)
    assert [(v.name, v.filter.view) for v in s.list(me)] == [
        ("Mine", SavedView.ALL),
        ("Waiting", SavedView.WAITING),
    ]

    with pytest.raises(Conflict):
        s.rename(me, "Waiting", "Mine")
    renamed = s.rename(me, "Waiting", "Waiting on ACME")
    assert renamed.filter.view == SavedView.WAITING
    s.delete(me, "Mine")
    assert [v.name for v in s.list(me)] == ["Waiting on ACME"]
    with pytest.raises(NotFound):
        s.delete(me, "Mine")
    # One person's names do not collide with another's.
    s.save(people.engineer, "Waiting on ACME", QueueFilter(), QueueSort())
    assert [v.name for v in s.list(people.engineer)] == ["Waiting on ACME"]


def test_what_is_refused(services: Services, people: People) -> None:
    s = services.saved_searches
    with pytest.raises(ValidationError, match="name is required"):
        s.save(people.engineer, "   ", QueueFilter(), QueueSort())
    with pytest.raises(ValidationError, match="name is too long"):
        s.save(people.engineer, "x" * 81, QueueFilter(), QueueSort())
    with pytest.raises(ValidationError, match="unknown status"):
        s.save(people.engineer, "Odd", QueueFilter(statuses=frozenset({"lost"})), QueueSort())
    with pytest.raises(ValidationError, match="P1 to P4"):
        s.save(people.engineer, "Odd", QueueFilter(priorities=frozenset({7})), QueueSort())
    assert s.list(people.engineer) == []


def test_a_row_from_another_version_still_lists(services: Services, people: People) -> None:
    """A value this version does not know falls back to the default, not an error."""
    services.saved_searches.save(people.engineer, "Old", QueueFilter(), QueueSort())
    with services.db.unit_of_work() as uow:
        [row] = uow.saved_searches.of_user(people.engineer.user_id)
        assert isinstance(row, SavedSearch)
        row.criteria = '{"view": "gone", "statuses": ["new", "gone"], "sort": "gone"}'
        uow.commit()
    [old] = services.saved_searches.list(people.engineer)
    assert old.filter == QueueFilter(view=SavedView.ALL_OPEN, statuses=frozenset({"new"}))
    assert old.sort == QueueSort()
