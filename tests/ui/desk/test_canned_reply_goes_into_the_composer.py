"""An engineer picks a manager's canned reply in the composer: it arrives filled in for
the ticket, at the cursor, and is sent like anything typed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, open_ticket_number, show_pane, wait
from ui.views.ticket_area import COMMENT


def test_a_canned_reply_is_inserted_filled_in(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="Printer offline",
        service_type="managed_hosting",
    ).number
    services.canned_replies.save(people.manager, "Reboot", "Dear $contact, please restart it.")
    services.canned_replies.save(people.manager, "Ask logs", "Please send logs for $number.")

    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    composer = window.composer
    wait(qtbot, lambda: composer.number == number)
    show_pane(qtbot, window, COMMENT)  # tabbed on a narrow window
    composer.canned.load()
    wait(qtbot, lambda: composer.canned.titles == ["Ask logs", "Reboot"])
    assert [a.text() for a in composer.canned.menu_.actions()] == ["Ask logs", "Reboot"]

    qtbot.keyClicks(composer.text, "Hello. ")
    composer.canned.menu_.actions()[0].trigger()
    expected = f"Hello. Please send logs for {number}."
    wait(qtbot, lambda: composer.text.toPlainText() == expected)
    click(qtbot, composer.send_button)  # sent like anything typed (and the draft is gone)
    wait(qtbot, lambda: composer.status.text() == "Sent")
    history = services.tickets.show(people.care, number).history
    assert history[-1].text == expected
    close(window)
