"""Care opens Unmatched mail, sees a stranger's mail as plain text, opens a ticket for
ACME with it (the sender becomes a contact) and discards the spam with a reason."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.mails import plain, raw
from tests.support.people import People
from tests.ui.desk import click, close, log_in, wait
from ui.views.unmatched_mail import UnmatchedMailView


def test_care_turns_a_strangers_mail_into_a_ticket_and_discards_spam(
    qtbot: QtBot,
    qtmodeltester: object,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services.mail.ingest(
        raw(plain("Site down", "<b>Help</b> us!", sender="Nia <nia@newco.example>"))
    )
    services.mail.ingest(raw(plain("Cheap pills", "Buy.", sender="x@spam.example")))
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    assert window.actions_["unmatched_mail"].isVisible()
    window.actions_["unmatched_mail"].trigger()
    view = window.tools._open["unmatched"]
    assert isinstance(view, UnmatchedMailView)
    wait(qtbot, lambda: view.model.rowCount() == 2 and view.customer.count() > 0)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    assert view.body.toPlainText() == "<b>Help</b> us!"  # shown as typed, never as HTML

    view.customer.setCurrentIndex(view.customer.findData("ACME"))
    click(qtbot, view.attach_button)
    wait(qtbot, lambda: view.model.rowCount() == 1)
    wait(qtbot, lambda: window.current.view is not None)
    opened = window.current.view
    assert opened is not None
    assert (opened.subject, opened.customer_code, opened.contact) == ("Site down", "ACME", "Nia")

    spam = view.current()
    assert spam is not None and spam.sender == "x@spam.example"
    view.discard_mail(spam, "spam")
    wait(qtbot, lambda: view.model.rowCount() == 0)
    assert "No mail waits" in view.status.text()
    close(window)
