"""A user action sent twice with the same key is done once; the second answer is the
first one's result. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.errors import Conflict, ValidationError
from tests.support.people import People


def open_one(services: Services, people: People, key: str | None = None) -> str:
    return services.tickets.open_ticket(
        people.care,
        customer=people.customer,
        subject="Printer on fire",
        service_type="first_level_support",
        idempotency_key=key,
    ).number


def test_the_same_open_sent_twice_opens_one_ticket(services: Services, people: People) -> None:
    first = open_one(services, people, "open-click-0001")
    again = open_one(services, people, "open-click-0001")
    other = open_one(services, people, "open-click-0002")
    assert first == again
    assert other != first
    assert sorted(t.number for t in services.tickets.list_tickets(people.care)) == [first, other]


def test_a_repeated_comment_and_time_entry_are_recorded_once(
    services: Services, people: People
) -> None:
    number = open_one(services, people)
    eng = people.engineer
    seen = services.tickets.show(eng, number, with_history=False).version
    answers = [  # e.g. the desk retried after "connection lost while saving"
        services.tickets.comment(
            eng, number, "Rebooted it.", expected_version=seen, idempotency_key="comment-k-1"
        ).version
        for _ in range(3)
    ]
    after_comment = services.tickets.show(eng, number, with_history=False).version
    for _ in range(2):
        view = services.tickets.log_work(eng, number, 30, "logs", idempotency_key="work-key-1")
    assert view.time_logged_minutes == 30
    shown = services.tickets.show(eng, number)
    assert [e.text for e in shown.history if e.kind == "comment"] == ["Rebooted it."]
    assert [e.minutes for e in shown.history if e.kind == "work"] == [30]
    # The replays changed nothing, answered with the ticket as it is, and were no conflict.
    assert answers == [after_comment] * 3 and after_comment > seen
    assert services.history.verify().ok


def test_a_key_belongs_to_one_user_and_one_kind_of_action(
    services: Services, people: People
) -> None:
    number = open_one(services, people)
    services.tickets.comment(people.engineer, number, "first", idempotency_key="shared-key-1")
    # Another person may use the same words as a key: their action is their own.
    services.tickets.comment(people.engineer2, number, "second", idempotency_key="shared-key-1")
    with pytest.raises(ValidationError, match="already used for 'comment'"):
        services.tickets.log_work(people.engineer, number, 5, idempotency_key="shared-key-1")
    texts = [e.text for e in services.tickets.show(people.care, number).history]
    assert texts.count("first") == 1 and texts.count("second") == 1


def test_a_refused_action_leaves_its_key_unused(services: Services, people: People) -> None:
    number = open_one(services, people)
    with pytest.raises(Conflict):
        services.tickets.comment(
            people.engineer, number, "late", expected_version=99, idempotency_key="retry-me-1"
        )
    view = services.tickets.comment(people.engineer, number, "now", idempotency_key="retry-me-1")
    assert [e.text for e in services.tickets.show(people.care, view.number).history][-1] == "now"


@pytest.mark.parametrize("key", ["short", "has space 123", "x" * 65, "semi;colon-key"])
def test_malformed_keys_are_refused_before_anything_runs(
    services: Services, people: People, key: str
) -> None:
    with pytest.raises(ValidationError, match="invalid idempotency key"):
        open_one(services, people, key)
    assert services.tickets.list_tickets(people.care) == []
