"""Unsaved field edits: moving to the next ticket or quitting asks Save / Discard /
Cancel; Escape on a filled-in New-ticket dialog asks before discarding it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, wait
from ui.main_window import MainWindow


def _answer(qtbot: QtBot, window: MainWindow, button: QMessageBox.StandardButton) -> None:
    wait(qtbot, lambda: window.unsaved_box is not None)
    box = window.unsaved_box
    assert box is not None and box.isVisible()
    box.button(button).click()


def test_next_ticket_and_quit_ask_before_dropping_edits(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    for subject in ("Mail down", "Backup failed"):
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        )
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    wait(qtbot, lambda: window.queue.model.rowCount() == 2)
    first = window.queue.model.number_at(0)
    assert first is not None
    open_ticket_number(qtbot, window, first)
    window.queue.search.clear()
    wait(qtbot, lambda: window.queue.model.rowCount() == 2)
    window.queue.select_number(first)
    detail = window.detail
    detail.subject.setText("Mail down since 9:00")
    detail.subject.textEdited.emit(detail.subject.text())
    assert detail.edits() == {"subject": "Mail down since 9:00"}

    window.actions_["next"].trigger()
    _answer(qtbot, window, QMessageBox.StandardButton.Cancel)
    assert window.current.number == first
    assert window.queue.current_number() == first
    assert detail.subject.text() == "Mail down since 9:00"  # kept

    window.actions_["next"].trigger()
    _answer(qtbot, window, QMessageBox.StandardButton.Discard)
    wait(qtbot, lambda: window.current.view is not None and window.current.view.number != first)

    second = window.current.number
    assert second is not None
    detail.subject.setText("Backup failed twice")
    detail.subject.textEdited.emit(detail.subject.text())
    window.close()
    assert window.isVisible()  # quitting waits for the answer
    _answer(qtbot, window, QMessageBox.StandardButton.Save)
    wait(qtbot, lambda: not window.isVisible())
    assert services.tickets.show(people.manager, second).subject == "Backup failed twice"
    close(window)


def test_escape_on_a_filled_new_ticket_dialog_asks_first(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    window.actions_["new_ticket"].trigger()
    wait(qtbot, lambda: window.commands.new_ticket_dialog is not None)
    dialog = window.commands.new_ticket_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.subject, "Printer on fire")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait(qtbot, lambda: dialog.discard_box is not None)
    assert dialog.isVisible()
    dialog.discard_box.button(QMessageBox.StandardButton.Cancel).click()  # type: ignore[union-attr]
    assert dialog.isVisible() and dialog.subject.text() == "Printer on fire"

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait(qtbot, lambda: dialog.discard_box is not None)
    dialog.discard_box.button(QMessageBox.StandardButton.Discard).click()  # type: ignore[union-attr]
    wait(qtbot, lambda: not dialog.isVisible())
    close(window)
