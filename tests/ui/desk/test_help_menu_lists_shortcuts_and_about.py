"""Help menu: the keyboard shortcuts (F1) listed from the window's own actions, and
About with the version and the database in use."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app import __version__
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, wait
from ui.views.help import AboutDialog, ShortcutsDialog


def test_help_lists_every_shortcut_and_says_version_and_database(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert "Help" in menus
    window.help.shortcuts.trigger()
    wait(qtbot, lambda: isinstance(window.help.dialog, ShortcutsDialog))
    table = window.help.dialog.table  # type: ignore[union-attr]
    listed = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert listed["Resolve"] == "Ctrl+Shift+R"
    assert listed["New ticket"] == "Ctrl+N"
    assert listed["Keyboard shortcuts"] == "F1"
    window.help.dialog.reject()  # type: ignore[union-attr]

    window.help.about.trigger()
    wait(qtbot, lambda: isinstance(window.help.dialog, AboutDialog))
    text = window.help.dialog.text.text()  # type: ignore[union-attr]
    assert __version__ in text
    assert window.ctx.connection_label in text
    close(window)
