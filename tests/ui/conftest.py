"""Every Qt test runs as the desktop does: reference cycles collected on the GUI thread
only (ui.gui_collector), so a worker thread never destroys a Qt object."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from ui.gui_collector import GuiThreadCollector


@pytest.fixture(autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    collector = GuiThreadCollector(qapp)
    collector.start()
    yield collector
    collector.stop()
    collector.deleteLater()
