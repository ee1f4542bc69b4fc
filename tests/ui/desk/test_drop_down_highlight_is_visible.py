"""The highlighted item of a drop-down is painted in the highlight colour with readable
text, in the light and the dark palette (it used to be a blank white box in light)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from ui.theme import DARK, LIGHT, build_palette, stylesheet


@pytest.fixture
def themed(qtbot: QtBot) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, sheet = app.style().name(), app.palette(), app.styleSheet()
    app.setStyle("Fusion")
    yield app
    app.setStyle(style)
    app.setPalette(palette)
    app.setStyleSheet(sheet)


def _near(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_the_highlighted_drop_down_item_shows_the_highlight_colour(
    qtbot: QtBot, themed: QApplication, colours: dict[str, str]
) -> None:
    themed.setPalette(build_palette(colours))
    themed.setStyleSheet(stylesheet(colours))
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["Critical", "High", "Medium", "Low"])
    combo.show()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(1, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    right = min(rect.right(), image.width()) - 2  # the row may be wider than the viewport
    sample = [image.pixelColor(x, rect.center().y()) for x in range(rect.left() + 2, right, 3)]
    highlight = QColor(colours["highlight"])
    share = sum(_near(c, highlight) for c in sample) / len(sample)
    assert share > 0.6, f"highlighted row is not in the highlight colour ({share:.0%})"
    combo.hidePopup()
