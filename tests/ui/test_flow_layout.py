"""The step buttons' flow layout: a row that wraps instead of widening the detail pane."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.views.flow_layout import FlowLayout

WORDS = ("Ενέκρινε ο πελάτης…", "Απέρριψε ο πελάτης…", "Ακύρωση…")


def _pane(qtbot: QtBot, width: int) -> tuple[QWidget, QWidget, list[QPushButton], QLabel]:
    pane = QWidget()
    qtbot.addWidget(pane)
    column = QVBoxLayout(pane)
    holder = QWidget()
    flow = FlowLayout(holder)
    flow.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(text) for text in WORDS]
    for button in buttons:
        flow.addWidget(button)
    below = QLabel("below")
    column.addWidget(holder)
    column.addWidget(below)
    column.addStretch(1)
    pane.resize(width, 400)
    pane.show()
    qtbot.waitExposed(pane)
    return pane, holder, buttons, below


def test_buttons_share_a_row_when_there_is_room(qtbot: QtBot) -> None:
    pane, _, buttons, _ = _pane(qtbot, 900)  # the pane kept alive: it owns the buttons
    assert pane.isVisible()
    assert len({button.y() for button in buttons}) == 1
    assert buttons[0].geometry().right() < buttons[1].x() < buttons[2].x()


def test_a_narrow_pane_wraps_them_without_overlap_and_keeps_its_width(qtbot: QtBot) -> None:
    pane, holder, buttons, below = _pane(qtbot, 200)
    wide = max(button.sizeHint().width() for button in buttons)
    assert holder.minimumSizeHint().width() <= wide  # not the sum of the row
    rects = [button.geometry() for button in buttons]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert all(rect.right() < holder.width() for rect in rects)  # all in view
    assert below.y() >= holder.y() + max(rect.bottom() for rect in rects)  # nothing drawn over
    hidden = buttons[1]
    hidden.hide()
    qtbot.waitUntil(lambda: buttons[2].y() == buttons[0].y() or buttons[2].x() == buttons[0].x())
    assert not buttons[2].geometry().intersects(buttons[0].geometry())
    assert pane.width() == 200
