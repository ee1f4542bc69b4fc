"""Saved searches (issue 14, item 19): the queue's view, search, filters and sort kept
under a name in the sidebar, shown again with one click, renamed and deleted there, and
found on another desk (another settings folder, the same database)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueColumn, SavedView
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, wait
from ui.main_window import MainWindow
from ui.models.queue_model import COLUMNS
from ui.views.saved_search_list import NAME_ROLE, SavedSearchList


def names(searches: SavedSearchList) -> list[str]:
    return [searches.list.item(i).data(NAME_ROLE) for i in range(searches.list.count())]


def answer_name(qtbot: QtBot, searches: SavedSearchList, name: str) -> None:
    """Type ``name`` into the open name dialog and press Enter, like a person."""
    wait(qtbot, lambda: searches.dialog is not None and searches.dialog.isVisible())
    dialog = searches.dialog
    assert dialog is not None
    dialog.setTextValue("")
    qtbot.keyClicks(dialog.focusWidget() or dialog, name)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def click_search(qtbot: QtBot, window: MainWindow, name: str) -> None:
    searches = window.sidebar.searches
    row = names(searches).index(name)
    rect = searches.list.visualItemRect(searches.list.item(row))
    qtbot.mouseClick(searches.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_save_show_rename_and_delete_a_search_on_two_desks(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    for subject in ("Mail down", "Backup failed", "Backup slow", "Slow portal"):
        number = services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        ).number
        services.tickets.take(people.engineer, number)
    desk_a, desk_b = tmp_path / "a", tmp_path / "b"
    desk_a.mkdir()
    desk_b.mkdir()
    window = log_in(qtbot, db_url, "eng", fast_passwords, desk_a)
    queue, searches = window.queue, window.sidebar.searches
    assert searches.empty.isVisible() and names(searches) == []

    window.sidebar.select(SavedView.ALL_OPEN)
    qtbot.keyClicks(queue.search, "backup")
    queue.table.sortByColumn(COLUMNS.index(QueueColumn.SUBJECT), Qt.SortOrder.DescendingOrder)
    wait(qtbot, lambda: queue.model.rowCount() == 2 and queue.filter.search == "backup")
    click(qtbot, searches.save_button)
    answer_name(qtbot, searches, "Backups, newest subject first")
    wait(qtbot, lambda: names(searches) == ["Backups, newest subject first"])
    assert not searches.empty.isVisible()

    # Another view drops the search; one click on the saved one brings all of it back.
    window.sidebar.select(SavedView.MY)
    wait(qtbot, lambda: queue.model.rowCount() == 4 and queue.search.text() == "")
    click_search(qtbot, window, "Backups, newest subject first")
    wait(qtbot, lambda: queue.model.rowCount() == 2)
    assert queue.search.text() == "backup" and queue.filter.view == SavedView.ALL_OPEN
    assert queue.model.sort_order.column == QueueColumn.SUBJECT
    assert queue.model.sort_order.descending
    assert window.sidebar.current() == SavedView.ALL_OPEN
    subjects = [queue.model.index(r, COLUMNS.index(QueueColumn.SUBJECT)).data() for r in (0, 1)]
    assert subjects == ["Backup slow", "Backup failed"]

    searches.rename_action.trigger()
    answer_name(qtbot, searches, "Backups")
    wait(qtbot, lambda: names(searches) == ["Backups"])

    # Another desk (its own settings and connection), the same person, the same time:
    # the search is there.
    other = log_in(qtbot, db_url, "eng", fast_passwords, desk_b)
    theirs = other.sidebar.searches
    wait(qtbot, lambda: names(theirs) == ["Backups"])
    click_search(qtbot, other, "Backups")
    wait(qtbot, lambda: other.queue.model.rowCount() == 2)
    theirs.delete_action.trigger()
    wait(qtbot, lambda: theirs.confirm is not None and theirs.confirm.isVisible())
    box = theirs.confirm
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    wait(qtbot, lambda: names(theirs) == [] and theirs.empty.isVisible())
    assert services.saved_searches.list(people.engineer) == []
    close(other)
    close(window)


def test_saving_under_a_taken_name_asks_before_replacing(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    queue, searches = window.queue, window.sidebar.searches
    window.sidebar.select(SavedView.MY)
    click(qtbot, searches.save_button)
    answer_name(qtbot, searches, "Mine")
    wait(qtbot, lambda: names(searches) == ["Mine"])

    window.sidebar.select(SavedView.ALL)
    wait(qtbot, lambda: queue.filter.view == SavedView.ALL)
    click(qtbot, searches.save_button)
    answer_name(qtbot, searches, "Mine")
    wait(qtbot, lambda: searches.confirm is not None and searches.confirm.isVisible())
    box = searches.confirm
    assert box is not None and "Mine" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    wait(
        qtbot, lambda: services.saved_searches.list(people.engineer)[0].filter.view == SavedView.ALL
    )
    close(window)
