"""A long history title ran into its timestamp ("…set the subject: Invoices stuck in
'pending export' for the year-end closing28 Nov 15:23"): it was cut at a fixed 120 px
from the right, measured in the regular font while drawn in bold. The title now ends
before the time and the time spent, whatever their width."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from app.services.dto import EventView
from ui.history_text import headline
from ui.views.history_pane import EventDelegate, _bold

LONG = "Invoices stuck in 'pending export' for the year-end closing of every subsidiary"


def event(minutes: int, internal: bool) -> EventView:
    return EventView(
        id=1,
        seq=1,
        occurred_at=datetime(2026, 11, 28, 13, 23, tzinfo=UTC),
        actor="eli",
        kind="field",
        field="subject",
        old_value="Invoices stuck",
        new_value=LONG,
        text=None,
        minutes=minutes,
        internal=internal,
        data={},
    )


def test_a_long_title_ends_before_its_time(qtbot: QtBot) -> None:
    font = QFont()
    font.setPointSize(10)
    bold = QFontMetrics(_bold(font))
    for width in (300, 420, 640):  # the history pane from 1024 px wide upwards
        for e in (event(0, False), event(150, True)):
            line = QRect(40, 10, width, QFontMetrics(font).height())
            title, title_rect, meta, meta_rect = EventDelegate.head(font, line, e)
            assert title != headline(e) and title.endswith("…"), (width, title)
            drawn = bold.horizontalAdvance(title)
            assert title_rect.left() + drawn < meta_rect.left(), (width, title, meta)
            assert QFontMetrics(font).horizontalAdvance(meta) <= meta_rect.width()
            assert meta_rect.right() <= line.right() + 1
            assert re.search(r"\d\d:\d\d$", meta) and (e.minutes == 0 or "2 h 30 min" in meta)
    # With room enough, the whole title shows.
    wide = QRect(0, 0, 1400, 20)
    title, *_ = EventDelegate.head(font, wide, event(0, False))
    assert title == headline(event(0, False))
