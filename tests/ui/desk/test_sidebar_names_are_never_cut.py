"""At 1024 px the sidebar is narrow: "Waiting on custo…" and "Awaiting custome…12" were
cut, the count painted over the name. Every view's name now fits the room left of its
count (wrapping to a second line), and the row is tall enough for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import SavedView
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, wait
from ui.views.sidebar import COUNT_ROLE, WRAP, _CountDelegate, count_text


def test_at_1024_every_view_name_fits_beside_its_count(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    window.resize(1024, 700)
    qtbot.waitExposed(window)
    views = window.sidebar.list
    wait(qtbot, lambda: views.item(0).data(COUNT_ROLE) is not None)  # counts shown
    wait(qtbot, lambda: window.sidebar.width() <= 200)  # the small-screen sidebar
    delegate = views.itemDelegate()
    assert isinstance(delegate, _CountDelegate)
    fm = QFontMetrics(views.font())
    for row in range(views.count()):
        item = views.item(row)
        index = views.model().index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(views.viewport())
        option.widget = views
        option.font = views.font()
        option.rect = views.visualItemRect(item)
        delegate.initStyleOption(option, index)
        room = delegate.name_rect(option, index)
        needed = fm.boundingRect(QRect(0, 0, room.width(), 10_000), int(WRAP), item.text())
        name = item.text()
        assert needed.width() <= room.width(), f"{name!r} is wider than {room.width()} px"
        assert needed.height() <= room.height(), f"{name!r} needs {needed.height()} px"
        count = fm.horizontalAdvance(count_text(item.data(COUNT_ROLE)))
        assert room.right() < option.rect.right() - count, f"{name!r} runs under its count"
        # No word is broken inside: each fits the line on its own.
        for word in name.split():
            assert fm.horizontalAdvance(word) <= room.width(), word
    assert {SavedView(views.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(7)} == set(
        SavedView
    )
    close(window)
