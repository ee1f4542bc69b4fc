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


def _ends_with_send(qtbot: QtBot, width: int) -> tuple[QWidget, list[QPushButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder, last_at_end=True)
    flow.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(text) for text in (*WORDS, "Send to customer")]
    for button in buttons:
        flow.addWidget(button)
    holder.resize(width, 200)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, buttons


def test_the_last_item_keeps_to_the_right_end_in_one_row_and_wrapped(qtbot: QtBot) -> None:
    for width in (1000, 260):
        holder, buttons = _ends_with_send(qtbot, width)
        send = buttons[-1]
        assert send.geometry().right() == holder.width() - 1, width
        others = [b.geometry() for b in buttons[:-1]]
        assert not any(send.geometry().intersects(rect) for rect in others), width
        assert all(rect.x() == 0 for rect in others[:1]), width  # the rest still from the left
    assert send.y() > buttons[0].y()  # at 260 px Send has a row of its own, at its right
