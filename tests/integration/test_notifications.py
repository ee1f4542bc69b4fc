"""The outbox against a real SMTP server that is down, comes back, and is shared."""

from __future__ import annotations

import threading
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import PermissionDenied, ValidationError
from app.persistence.orm_sla import OutboxMessage
from app.services.notifications import NotificationService, SmtpSettings
from tests.support.people import People
from tests.support.smtp import free_port, smtp_server
from tests.support.tickets import printer_offline_ticket

JO = "jo@acme.example"


def open_and_comment(services: Services, people: People, *texts: str) -> str:
    number = printer_offline_ticket(services, people)
    for text in texts:
        services.tickets.comment(people.care, number, text)
    return number


def comment_in(mail: EmailMessage) -> str:
    """The comment quoted by the default template (its third non-empty line)."""
    return [line for line in mail.get_content().splitlines() if line.strip()][2]


def outbox(services: Services) -> list[OutboxMessage]:
    with services.db.session() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_messages_wait_for_a_server_that_is_down_and_are_delivered_once(
    services: Services, people: People, clock: FakeClock
) -> None:
    open_and_comment(services, people, "We are on it.", "Fixed the driver.")
    port = free_port()
    down = SmtpSettings(host="127.0.0.1", port=port, timeout=2)
    send = services.notifications.send_pending

    report = send(down)
    assert (report.sent, report.retrying, report.failed) == (0, 2, 0)
    assert "cannot reach the SMTP server" in report.errors[0]
    assert "Connection" in report.errors[0]
    # A server that is down is nobody's message's fault: no attempt is spent, so the
    # queue goes out on the first run after it is back, not after a back-off.
    assert [(m.status, m.attempts) for m in outbox(services)] == [("queued", 0), ("queued", 0)]
    clock.advance(minutes=30)
    assert send(down).retrying == 2

    with smtp_server(port) as (inbox, up):
        assert send(up).sent == 2
        delivered_at = clock.now()
        assert send(up).sent == 0
        clock.advance(hours=3)
        assert send(up).sent == 0
        received = inbox.to(JO)
    assert sorted(comment_in(m) for m in received) == [
        "Fixed the driver.",
        "We are on it.",
    ]
    stored = outbox(services)
    assert [m.status for m in stored] == ["sent", "sent"]
    assert sorted(m["Message-ID"] for m in received) == sorted(m.message_id for m in stored)
    assert all(m.sent_at == delivered_at and m.last_error is None for m in stored)
    assert all(m.smtp_reply and m.smtp_reply.startswith("250") for m in stored)


class _Refusing:
    """A server that is up but refuses every message (e.g. a content filter)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        return "554 5.7.1 Message refused"


def test_after_too_many_attempts_a_message_is_failed_visibly_and_can_be_retried(
    services: Services, people: People, clock: FakeClock
) -> None:
    open_and_comment(services, people, "Please reboot it.")
    sender = NotificationService(services.ctx, max_attempts=2)
    port = free_port()
    refusing = Controller(_Refusing(), hostname="127.0.0.1", port=port)
    refusing.start()
    try:
        settings = SmtpSettings(host="127.0.0.1", port=port, timeout=2)
        assert sender.send_pending(settings).retrying == 1
        clock.advance(minutes=1)
        assert sender.send_pending(settings).failed == 1
        clock.advance(days=1)
        assert sender.send_pending(settings).failed == 0  # failed messages wait for a person
    finally:
        refusing.stop()
    failed = services.notifications.list_outbox(people.manager, status="failed")
    assert [(m.to_address, m.attempts) for m in failed] == [(JO, 2)]
    assert failed[0].last_error and "554" in failed[0].last_error
    with pytest.raises(PermissionDenied):
        services.notifications.retry_failed(people.engineer)
    assert services.notifications.retry_failed(people.manager) == 1
    with smtp_server(port) as (inbox, up):
        assert sender.send_pending(up).sent == 1
        assert len(inbox.messages) == 1
    assert outbox(services)[0].status == "sent"


def test_two_senders_at_once_never_send_a_message_twice(services: Services, people: People) -> None:
    open_and_comment(services, people, *(f"update {i}" for i in range(12)))
    with smtp_server() as (inbox, up):
        results: list[int] = []
        errors: list[BaseException] = []

        def drain() -> None:
            try:
                results.append(services.notifications.send_pending(up).sent)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        workers = [threading.Thread(target=drain) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert not errors
        assert sum(results) == 12
        bodies = [comment_in(m) for m in inbox.messages]
    assert sorted(bodies) == sorted(f"update {i}" for i in range(12))
    assert {m.status for m in outbox(services)} == {"sent"}


def test_templates_are_editable_in_the_database(services: Services, people: People) -> None:
    notes = services.notifications
    assert notes.templates(people.care)["public_comment"][0] == "[$number] $subject"
    with pytest.raises(PermissionDenied):
        notes.set_template(people.care, "public_comment", "x", "y")
    with pytest.raises(ValidationError, match="unknown template"):
        notes.set_template(people.manager, "birthday", "x", "y")
    with pytest.raises(ValidationError, match="Invalid placeholder"):
        notes.set_template(people.manager, "public_comment", "News $", "body")
    notes.set_template(
        people.manager, "public_comment", "News on $number for $customer", "Hello $contact: $text"
    )
    number = open_and_comment(services, people, "It works again.")
    with smtp_server() as (inbox, up):
        assert notes.send_pending(up).sent == 1
        (mail,) = inbox.messages
    # The ticket tag comes back even if an edited template drops it: replies must thread.
    assert mail["Subject"] == f"[{number}] News on {number} for Acme Corp"
    assert mail.get_content().strip() == "Hello Jo Smith: It works again."
    # Internal notes never reach the customer.
    services.tickets.comment(people.engineer, number, "driver was ancient", internal=True)
    assert len(outbox(services)) == 1
