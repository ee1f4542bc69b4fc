"""A public comment is e-mailed to the customer: the composer says so, and to whom,
before Send; an internal note says nobody is e-mailed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, wait


def test_the_composer_names_who_a_public_comment_is_emailed_to(
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
        subject="Mail down",
        service_type="managed_hosting",
    ).number
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    composer = window.composer

    wait(qtbot, lambda: "jo@acme.example" in composer.recipient.text())
    assert "Jo Smith" in composer.recipient.text()
    assert composer.send_button.text() == "Send to customer"

    composer.internal.setChecked(True)
    assert "nobody is e-mailed" in composer.recipient.text()
    assert composer.send_button.text() == "Add internal note"
    close(window)


def test_a_ticket_without_a_contact_says_its_public_comment_reaches_nobody_by_mail(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Backup failed", service_type="managed_hosting"
    ).number
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    wait(qtbot, lambda: window.composer.number == number)
    assert "nobody is e-mailed" in window.composer.recipient.text()
    assert window.composer.send_button.text() == "Add public comment"
    close(window)
