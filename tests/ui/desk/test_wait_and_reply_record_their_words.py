"""Wait on customer… asks what we wait for; Customer replied… records who, how and what."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, open_ticket_number, wait
from ui.dialogs.customer_reply import CustomerReplyDialog, WaitDialog
from ui.ticket_actions import Step


def test_waiting_and_the_customers_reply_keep_the_reason_channel_and_text(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    t = services.tickets
    number = t.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="Slow portal",
        service_type="managed_hosting",
    ).number
    t.take(people.engineer, number)
    t.start(people.engineer, number)
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    steps, buttons = window.detail.steps, window.detail.buttons.buttons

    click(qtbot, buttons[Step.WAIT])
    wait(qtbot, lambda: isinstance(steps.active_dialog, WaitDialog))
    waiting = steps.active_dialog
    assert isinstance(waiting, WaitDialog)
    click(qtbot, waiting.ok_button)
    assert "Say what the customer" in waiting.error.text()  # nothing sent without a reason
    qtbot.keyClicks(waiting.reason, "The proxy logs of Monday night")
    click(qtbot, waiting.ok_button)
    wait(qtbot, lambda: window.current.view and window.current.view.status == "waiting_on_customer")

    click(qtbot, buttons[Step.CUSTOMER_REPLIED])
    wait(qtbot, lambda: isinstance(steps.active_dialog, CustomerReplyDialog))
    reply = steps.active_dialog
    assert isinstance(reply, CustomerReplyDialog)
    assert reply.contact.currentText() == "Jo Smith"
    reply.channel.setCurrentIndex(reply.channel.findData("phone"))
    click(qtbot, reply.ok_button)
    assert "what the customer replied" in reply.error.text()
    qtbot.keyClicks(reply.text, "Logs are on the shared drive.")
    click(qtbot, reply.ok_button)
    wait(qtbot, lambda: window.current.view and window.current.view.status == "in_progress")
    close(window)

    history = t.show(people.manager, number).history
    waited = [e for e in history if e.new_value == "waiting_on_customer"]
    assert [e.text for e in waited] == ["The proxy logs of Monday night"]
    replies = [e for e in history if e.kind == "customer_reply"]
    assert [(e.text, e.data["channel"], e.data["contact"]) for e in replies] == [
        ("Logs are on the shared drive.", "phone", "Jo Smith")
    ]
