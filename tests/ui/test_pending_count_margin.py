"""The pending-verifications count keeps the window's margin on the right in Greek at
1024x700 (reported as touching the edge; measured under Xvfb it ends 13 px from it, the
same layout margin as the Refresh button on the left). A guard, not a fix."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.i18n import Translations
from ui.views.release_views import PendingVerificationsView


def test_the_greek_count_keeps_the_right_margin(qapp: QApplication, qtbot: QtBot) -> None:
    locale, translations = QLocale(), Translations(qapp)
    assert translations.install("el") == "el"
    try:
        view = PendingVerificationsView(None, None, None)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.status.setText(view.tr("%n waiting", "", 3))
        view.resize(1024, 700)
        view.show()
        qtbot.waitExposed(view)
        assert view.status.text() == "3 σε αναμονή"
        layout = view.layout()
        assert layout is not None
        left = layout.contentsMargins().left()
        assert left > 0
        right_gap = view.width() - view.status.geometry().right() - 1
        assert right_gap >= left  # as far from the right edge as the buttons from the left
        text_width = view.status.fontMetrics().horizontalAdvance(view.status.text())
        assert view.status.width() >= text_width  # the whole count, not cut
    finally:
        translations.install("en")
        QLocale.setDefault(locale)
