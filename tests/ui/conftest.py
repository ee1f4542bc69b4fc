"""Every Qt test runs as the desktop does: reference cycles collected on the GUI thread
only (ui.gui_collector), so a worker thread never destroys a Qt object."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ui.gui_collector import GuiThreadCollector
from ui.i18n import Translations


@pytest.fixture(autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    collector = GuiThreadCollector(qapp)
    collector.start()
    yield collector
    collector.stop()
    gc.disable()  # between tests too (tests/conftest.py): cycles collected on this thread
    collector.deleteLater()


@pytest.fixture
def greek(qapp: QApplication) -> Iterator[Translations]:
    """The Greek translator installed for the test, English (and the locale) after it."""
    locale = QLocale()
    translations = Translations(qapp)
    assert translations.install("el") == "el"
    yield translations
    translations.install("en")
    QLocale.setDefault(locale)
