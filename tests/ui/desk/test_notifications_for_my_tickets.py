"""Desktop notifications: a ticket assigned to me, the customer's reply on my ticket and
my ticket at risk each give one notification; logging in gives none."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, wait
from ui.notifier import Seen, news


def test_assignment_and_reply_on_my_tickets_notify_me(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    t = services.tickets
    mine = t.open_ticket(
        people.care, customer="ACME", subject="Printer jam", service_type="managed_hosting"
    ).number
    t.take(people.engineer, mine)
    t.start(people.engineer, mine)
    t.wait_on_customer(people.engineer, mine, "the model number")
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    heard: list[str] = []
    window.notifier.said.connect(heard.append)
    wait(qtbot, lambda: window.notifier._seen is not None)  # the silent baseline
    assert heard == []

    new = t.open_ticket(
        people.care, customer="ACME", subject="Mail down", service_type="managed_hosting"
    ).number
    t.assign(people.manager, new, "eng")
    t.customer_replied(people.care, mine, "It is a LaserJet 4200", channel="phone")
    window.notifier.check()  # what the change watcher does on the next change
    wait(qtbot, lambda: len(heard) >= 2)
    assert sorted(heard) == sorted(
        [f"{new} was assigned to you: Mail down", f"The customer replied on {mine}: Printer jam"]
    )
    close(window)


def test_my_ticket_turning_at_risk_is_news_once() -> None:
    before = {"SD-1": Seen("in_progress", "on_track")}
    after = {"SD-1": Seen("in_progress", "at_risk")}
    assert news(before, after, {"SD-1": "Slow"}) == ["SD-1 is at risk: Slow"]
    assert news(after, after, {"SD-1": "Slow"}) == []
