"""The Language menu: System / English / Ελληνικά, remembered in QSettings.

Widgets take their words when they are built, so a new choice applies from the next
start; the menu says so instead of half-translating the open windows.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ui.i18n import LANGUAGE_KEY, LANGUAGES, SYSTEM, translate


def language_menu(parent: QWidget, settings: QSettings) -> QMenu:
    menu = QMenu(translate("LanguageMenu", "&Language"), parent)
    group = QActionGroup(menu)
    current = str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    choices = {SYSTEM: translate("LanguageMenu", "Same as the system"), **LANGUAGES}
    for code, name in choices.items():
        action = QAction(name, menu, checkable=True)
        action.setData(code)
        action.setChecked(code == current)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _choose(parent, settings, str(action.data())))
    return menu


def _choose(parent: QWidget, settings: QSettings, code: str) -> None:
    if code == str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM):
        return
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()
    QMessageBox.information(
        parent,
        translate("LanguageMenu", "Language"),
        translate("LanguageMenu", "SupportDesk will use the new language from its next start."),
    )
