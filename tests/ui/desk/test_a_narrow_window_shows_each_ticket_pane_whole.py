"""Seen under Xvfb at 1024×700 in Greek: the detail pane got ~185 px beside the history
(the composer's one-row controls kept that column ~630 px wide) and its fields were cut
off at the right. On a narrow window the detail, the history and the composer now take
turns under tabs, each as wide as the area; on a wide one they are side by side again,
with the shares the user left them at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, mias_window, open_ticket_number, show_pane, wait
from ui.i18n import Translations
from ui.views.ticket_area import COMMENT, HISTORY, TALL_FROM, TICKET, WIDE_FROM


def in_view(pane: QWidget, widget: QWidget, *, across_only: bool = False) -> bool:
    """The widget lies wholly inside the pane (not cut off at its right or bottom);
    ``across_only``: left to right only (a scrolling pane shows the rest further down)."""
    left = widget.mapTo(pane, QPoint(0, 0)).x()
    if across_only:
        return left >= 0 and left + widget.width() <= pane.width()
    top_left = widget.mapTo(pane, QPoint(0, 0))
    return pane.rect().contains(widget.rect().translated(top_left))


def test_at_1024_by_700_in_greek_each_ticket_pane_gets_the_whole_width(
    qtbot: QtBot,
    greek: Translations,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="Mail down",
        service_type="second_level_support",
    ).number
    services.tickets.take(people.engineer, number)
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    window.resize(1024, 700)
    qtbot.waitExposed(window)
    open_ticket_number(qtbot, window, number)
    detail = window.detail
    wait(qtbot, detail.scroll_area.isVisible)
    wait(qtbot, lambda: detail.width() >= 300)  # was ~185 beside the history
    viewport = detail.scroll_area.viewport()
    wait(qtbot, lambda: detail.body.width() <= viewport.width())  # nothing past its edge
    for field in (detail.service_type, detail.criticality, detail.subject, detail.description):
        assert in_view(viewport, field, across_only=True), field.accessibleName()

    # The other panes take their turn at the same size (a person clicks the tabs).
    assert window.area.narrow and window.area.tabs.currentIndex() == TICKET
    show_pane(qtbot, window, HISTORY)
    wait(qtbot, lambda: window.history.isVisible() and not detail.isVisible())
    wait(qtbot, lambda: window.history.width() >= 0.9 * window.area.width())  # laid out
    assert window.history.list.height() >= 100  # cards to read, not a slit
    show_pane(qtbot, window, COMMENT)
    composer = window.composer
    wait(qtbot, lambda: composer.isVisible() and composer.width() >= 0.9 * window.area.width())
    QApplication.processEvents()
    for widget in (composer.text, composer.tray, composer.send_button, composer.internal):
        assert in_view(composer, widget), type(widget).__name__

    # Wide again: side by side, nothing hidden, the detail has its room.
    window.resize(1920, 1080)
    wait(qtbot, lambda: not window.area.narrow and not window.area.tabs.isVisible())
    wait(qtbot, lambda: detail.isVisible() and window.history.isVisible() and composer.isVisible())
    wait(qtbot, lambda: detail.width() >= 500 and window.history.width() >= 500)
    assert detail.x() + detail.width() <= window.history.mapTo(window.area, QPoint(0, 0)).x()
    for widget in (composer.tray, composer.send_button, composer.internal):
        assert in_view(composer, widget), type(widget).__name__
    close(window)


def test_side_by_side_shares_survive_a_narrow_spell_and_a_restart(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    window.resize(1800, 1000)
    split = window.area.split
    wait(qtbot, lambda: not window.area.narrow and split.width() > 1200)
    split.setSizes([int(split.width() * 0.3), int(split.width() * 0.7)])
    detail_share = split.sizes()[0] / sum(split.sizes())

    window.resize(1024, 700)  # tabbed: the splitter's sizes now say nothing
    wait(qtbot, lambda: window.area.narrow)
    window.resize(1800, 1000)  # and back: the detail's share is the user's again
    wait(qtbot, lambda: not window.area.narrow)
    wait(qtbot, lambda: abs(split.sizes()[0] / sum(split.sizes()) - detail_share) < 0.02)

    window.resize(1024, 700)  # closed while tabbed: the side-by-side shares are kept
    wait(qtbot, lambda: window.area.narrow)
    close(window)
    kept = QSettings(str(tmp_path / "mia.ini"), QSettings.Format.IniFormat)
    shares = [float(s) for s in str(kept.value("splitterShares/detailSplit")).split(",")]
    assert shares[0] == pytest.approx(detail_share, abs=0.02)


def test_a_short_window_tabs_the_panes_until_the_queue_gives_them_height(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    """Seen under Xvfb at 1280x720: side by side under a ~310 px high area, the history
    kept one card above the composer."""
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    window.resize(1400, 660)
    area = window.area
    wait(qtbot, lambda: area.width() >= WIDE_FROM and 0 < area.height() < TALL_FROM)
    wait(qtbot, lambda: area.narrow and area.tabs.isVisible())

    centre = window.centre  # the queue gives the panes more height
    centre.setSizes([centre.height() - TALL_FROM - 40, TALL_FROM + 40])
    wait(qtbot, lambda: not area.narrow and window.detail.isVisible())
    wait(qtbot, lambda: window.history.isVisible() and window.composer.isVisible())
    close(window)
