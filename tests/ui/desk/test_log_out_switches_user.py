"""File › Log out / switch user closes the session (asking about unsaved edits first) and
marks it as logged out, which makes ui.main show the login dialog again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, wait


def test_log_out_closes_the_session_unless_the_user_stays_for_unsaved_edits(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Mail down", service_type="managed_hosting"
    ).number
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    assert window.actions_["log_out"].shortcut().toString() == "Ctrl+Shift+L"
    open_ticket_number(qtbot, window, number)
    window.detail.subject.setText("Mail down since 9:00")
    window.detail.subject.textEdited.emit(window.detail.subject.text())

    window.actions_["log_out"].trigger()
    wait(qtbot, lambda: window.unsaved_box is not None)
    window.unsaved_box.button(QMessageBox.StandardButton.Cancel).click()  # type: ignore[union-attr]
    assert window.isVisible() and not window.logged_out

    window.actions_["log_out"].trigger()
    wait(qtbot, lambda: window.unsaved_box is not None)
    window.unsaved_box.button(QMessageBox.StandardButton.Discard).click()  # type: ignore[union-attr]
    wait(qtbot, lambda: not window.isVisible())
    assert window.logged_out  # ui.main.run_gui starts a new login for this
    close(window)
