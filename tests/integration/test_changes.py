"""The change feed other desks watch: a counter that moves with every ticket change,
in the same transaction, and on PostgreSQL a NOTIFY delivered at commit."""

from __future__ import annotations

import threading

import pytest

from app.bootstrap import Services
from app.domain.errors import DatabaseUnavailable, InvalidTransition
from tests.support.people import People


def open_one(services: Services, people: People) -> str:
    return services.tickets.open_ticket(
        people.care, customer="ACME", subject="Printer offline", service_type="managed_hosting"
    ).number


def test_every_ticket_change_moves_the_token_and_refusals_do_not(
    services: Services, people: People
) -> None:
    feed = services.changes
    before = feed.token()
    number = open_one(services, people)
    opened = feed.token()
    assert opened > before
    services.tickets.take(people.engineer, number)
    taken = feed.token()
    assert taken > opened
    with pytest.raises(InvalidTransition):
        services.tickets.resolve(people.engineer, number, problem_nature="x", solution="y")
    assert feed.token() == taken  # nothing was written, nothing to notice


def test_listen_hears_a_commit_on_postgresql(services: Services, people: People) -> None:
    feed = services.changes
    stop = threading.Event()
    if not feed.supports_listen:
        with pytest.raises(DatabaseUnavailable, match="poll token"):
            feed.listen(lambda _: None, stop)
        return
    heard: list[str] = []
    ready = threading.Event()
    got_one = threading.Event()

    def on_note(payload: str) -> None:
        heard.append(payload)
        got_one.set()

    listener = threading.Thread(
        target=feed.listen, args=(on_note, stop), kwargs={"on_ready": ready.set}, daemon=True
    )
    listener.start()
    try:
        assert ready.wait(5)
        number = open_one(services, people)
        assert got_one.wait(5)
    finally:
        stop.set()
        listener.join(5)
    assert not listener.is_alive()
    assert heard[0] == number  # the payload names the ticket
