"""Helpers for desktop-client stories: log in through the login dialog, drive panes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from app.connection import ConnectionProfile
from app.services.auth import Passwords
from tests.support.people import PASSWORD
from ui.connection import SecretStore
from ui.dialogs.login import LoginDialog
from ui.login_flow import Outcome, attempt_login
from ui.main import open_main_window
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

WAIT_MS = 10_000


class NoKeyring(SecretStore):
    """Tests never touch the machine's keyring."""

    def __init__(self) -> None:
        self._keyring = None


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click like a person: once the button is shown, laid out and enabled."""
    qtbot.waitUntil(
        lambda: button.isVisible() and button.isEnabled() and not button.rect().isEmpty(),
        timeout=WAIT_MS,
    )
    QApplication.processEvents()  # pending layout requests place the button first
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait(qtbot: QtBot, condition: Callable[[], object], timeout: int = WAIT_MS) -> None:
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)


def log_in(qtbot: QtBot, url: str, username: str, passwords: Passwords, folder: Path) -> MainWindow:
    """Type the user name and password into the login dialog and open the main window."""
    runner = TaskRunner()
    settings = QSettings(str(folder / f"{username}.ini"), QSettings.Format.IniFormat)
    dialog = LoginDialog(
        runner, settings, NoKeyring(), str(folder / "unused.db"), db_url=url, passwords=passwords
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.clear()  # the dialog remembers the last user name
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    click(qtbot, dialog.login_button)
    wait(
        qtbot, lambda: dialog.result_ is not None or dialog.error.text() not in ("", "Connecting…")
    )
    assert dialog.result_ is not None, dialog.error.text()
    window = open_main_window(dialog.result_, runner, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def mias_window(qtbot: QtBot, db_url: str, passwords: Passwords, folder: Path) -> MainWindow:
    """Mia's main window without the login dialog (its own story is told elsewhere),
    shown, with its splitters laid out (their shares are restored after the first show)."""
    result = attempt_login(ConnectionProfile.from_url(db_url), "mia", PASSWORD, passwords=passwords)
    assert result.outcome == Outcome.OK, result.message
    settings = QSettings(str(folder / "mia.ini"), QSettings.Format.IniFormat)
    window = open_main_window(result, TaskRunner(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def close(window: MainWindow) -> None:
    window.close()
    window.ctx.runner.shutdown()
    window.ctx.services.db.dispose()


def open_ticket_number(qtbot: QtBot, window: MainWindow, number: str) -> None:
    """Search the queue for ``number`` and select it."""
    window.queue.search.clear()
    qtbot.keyClicks(window.queue.search, number)
    wait(qtbot, lambda: window.queue.model.row_of(number) is not None)
    assert window.queue.select_number(number)
    wait(qtbot, lambda: window.current.view is not None and window.current.view.number == number)


def show_pane(qtbot: QtBot, window: MainWindow, index: int) -> None:
    """Bring a ticket pane (ui.views.ticket_area: TICKET, HISTORY, COMMENT) into view:
    on a narrow window they are tabbed, and a person clicks the pane's tab."""
    tabs = window.area.tabs
    if tabs.isVisible():
        qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    wait(qtbot, lambda: not tabs.isVisible() or tabs.currentIndex() == index)
