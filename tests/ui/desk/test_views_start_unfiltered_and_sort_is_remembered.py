"""A sidebar view starts without the previous view's search and filters (its count and
its list agree), a Clear-filters button drops them, and the sort order is remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, SavedView
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, wait
from ui.models.queue_model import COLUMNS


def test_switching_views_clears_filters_and_the_sort_survives_a_restart(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    for subject in ("Mail down", "Backup failed", "Slow portal"):
        number = services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        ).number
        services.tickets.take(people.engineer, number)
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    queue = window.queue
    window.sidebar.select(SavedView.ALL_OPEN)
    wait(qtbot, lambda: queue.model.rowCount() == 3)
    qtbot.keyClicks(queue.search, "backup")
    wait(qtbot, lambda: queue.model.rowCount() == 1)
    assert queue.clear_button.isVisible()

    window.sidebar.select(SavedView.MY)
    wait(qtbot, lambda: queue.model.rowCount() == 3)  # all three are mine: none hidden
    assert queue.search.text() == "" and queue.filter == QueueFilter(view=SavedView.MY)
    assert not queue.clear_button.isVisible()

    queue.priority.setCurrentIndex(queue.priority.findData(1))
    wait(qtbot, lambda: queue.model.rowCount() == 0)
    click(qtbot, queue.clear_button)
    wait(qtbot, lambda: queue.model.rowCount() == 3)
    assert queue.priority.currentIndex() == 0

    queue.table.sortByColumn(COLUMNS.index(QueueColumn.SUBJECT), Qt.SortOrder.DescendingOrder)
    wait(qtbot, lambda: queue.model.sort_order.column == QueueColumn.SUBJECT)
    close(window)

    again = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    assert again.queue.model.sort_order.column == QueueColumn.SUBJECT
    assert again.queue.model.sort_order.descending
    header = again.queue.table.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMNS.index(QueueColumn.SUBJECT)
    close(again)
