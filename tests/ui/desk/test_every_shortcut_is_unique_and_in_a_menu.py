"""One key, one action: no key sequence is bound twice in the main window (Qt calls that
an "ambiguous shortcut overload" and runs neither), and the workflow keys are listed in
a menu where people can find them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in
from ui.main_window import MainWindow
from ui.ticket_actions import STEP_INFO, Step


def _bindings(window: MainWindow) -> dict[str, list[str]]:
    """Every key sequence of the window's actions and shortcuts, with who binds it."""
    keys: dict[str, list[str]] = defaultdict(list)
    for action in {*window.findChildren(QAction), *window.actions()}:
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                keys[sequence.toString()].append(action.text() or action.objectName())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() == Qt.ShortcutContext.WidgetShortcut:
            continue  # only while its own widget has focus: cannot clash window-wide
        for sequence in shortcut.keys():  # noqa: SIM118 (QShortcut.keys, not a dict)
            parent = shortcut.parent()
            where = parent.objectName() if parent is not None else ""
            keys[sequence.toString()].append(f"shortcut on {where}")
    return keys


def _menu_actions(window: MainWindow) -> set[QAction]:
    found: set[QAction] = set()
    pending = [a.menu() for a in window.menuBar().actions() if a.menu()]
    while pending:
        menu = pending.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            found.add(action)
            if action.menu():
                pending.append(action.menu())
    return found


def test_no_key_sequence_is_bound_twice(
    qtbot: QtBot, db_url: str, fast_passwords: Passwords, tmp_path: Path, people: People
) -> None:
    for user in ("eng", "mia"):  # each role gets its own set of actions
        window = log_in(qtbot, db_url, user, fast_passwords, tmp_path)
        keys = _bindings(window)
        assert len(keys) > 15  # the collector really sees the window's shortcuts
        duplicates = {key: who for key, who in keys.items() if len(who) > 1}
        assert duplicates == {}, f"bound twice for {user}: {duplicates}"
        close(window)


def test_workflow_shortcuts_are_listed_in_a_menu(
    qtbot: QtBot, db_url: str, fast_passwords: Passwords, tmp_path: Path, people: People
) -> None:
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    in_menus = _menu_actions(window)
    for step in (Step.TAKE, Step.START, Step.WAIT, Step.RESOLVE):
        action = window.detail.steps.actions[step]
        assert action in in_menus, f"{step} is in no menu"
        assert action.isVisible()  # listed (disabled) even with no ticket selected
        assert action.shortcut() == QKeySequence(STEP_INFO[step].shortcut)
    assert window.actions_["promotion_wizard"].shortcut() != QKeySequence("Ctrl+Shift+R")
    close(window)
