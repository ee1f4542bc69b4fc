"""A Greek desk at 1024 px: the sidebar is 194 px wide and "Αποθήκευση αναζήτησης…" on
one line needs 209, so the button sat on the sidebar's left edge with its words cut at
both ends. It keeps an inset from both edges and puts its words on two lines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, mias_window, wait
from ui.i18n import Translations
from ui.views.saved_search_list import BUTTON_INSET

SAVE = "Αποθήκευση αναζήτησης…"


def test_at_1024_in_greek_the_save_search_button_is_whole_and_inset(
    qtbot: QtBot,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    greek: Translations,
) -> None:
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    searches = window.sidebar.searches
    button = searches.save_button
    try:
        window.resize(1024, 700)
        wait(qtbot, lambda: window.width() == 1024)
        QApplication.processEvents()
        assert button.text() == SAVE.replace(" ", "\n")  # two lines
        assert button.width() >= button.sizeHint().width()  # not cut
        assert button.x() >= BUTTON_INSET
        assert button.geometry().right() < searches.width() - BUTTON_INSET
        split = window.findChild(QSplitter, "mainSplit")
        assert split is not None
        split.setSizes([320, window.width() - 320])  # a wider sidebar: one line again
        wait(qtbot, lambda: button.text() == SAVE)
    finally:
        close(window)
