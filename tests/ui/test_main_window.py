"""The main window: saved views with counts, keyboard navigation, remembered layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import SavedView
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, wait
from ui.views.sidebar import COUNT_ROLE


def test_views_count_keys_move_through_the_queue_and_the_layout_is_remembered(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    for subject in ("Mail down", "Backup failed", "Slow portal"):
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        )
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    sidebar = window.sidebar.list

    def count(view: SavedView) -> int | None:
        for row in range(sidebar.count()):
            if sidebar.item(row).data(Qt.ItemDataRole.UserRole) == view.value:
                return sidebar.item(row).data(COUNT_ROLE)
        return None

    wait(qtbot, lambda: count(SavedView.UNASSIGNED) == 3)
    assert count(SavedView.MY) == 0
    wait(qtbot, lambda: window.queue.model.rowCount() == 3)

    window.actions_["next"].trigger()
    wait(qtbot, lambda: window.current.view is not None)
    first = window.current.view.number  # type: ignore[union-attr]
    window.actions_["next"].trigger()
    wait(qtbot, lambda: window.current.view.number != first)  # type: ignore[union-attr]
    window.actions_["previous"].trigger()
    wait(qtbot, lambda: window.current.view.number == first)  # type: ignore[union-attr]
    assert window.actions_["new_ticket"].shortcut().toString() == "Ctrl+N"
    assert window.actions_["take_next"].shortcut().toString() == "Ctrl+Shift+N"

    window.sidebar.select(SavedView.UNASSIGNED)
    window.main_split.setSizes([300, 1100])
    saved = window.main_split.saveState()
    close(window)

    again = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    settings = again.ctx.settings
    for name in ("mainSplit", "queueSplit", "detailSplit", "historySplit"):
        assert settings.value(f"splitters/{name}") is not None
    # The offscreen test screen clamps restored windows: compare what was kept.
    assert settings.value("splitters/mainSplit") == saved
    assert again.sidebar.current() == SavedView.UNASSIGNED
    close(again)


def test_a_manager_assigns_several_selected_tickets_at_once(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    numbers = [
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        ).number
        for subject in ("Mail down", "Backup failed", "Slow portal")
    ]
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    wait(qtbot, lambda: window.queue.model.rowCount() == 3)
    window.queue.table.selectAll()
    assert sorted(window.queue.selected_numbers()) == numbers

    window.actions_["assign_selected"].trigger()
    wait(qtbot, lambda: window.commands.assign_dialog is not None)
    dialog = window.commands.assign_dialog
    assert dialog is not None
    dialog.engineer.setCurrentIndex(dialog.engineer.findData("eng2"))
    click(qtbot, dialog.ok_button)
    wait(qtbot, lambda: "Assigned 3 of 3" in window.statusBar().currentMessage())
    for number in numbers:
        view = services.tickets.show(people.manager, number, with_history=False)
        assert (view.assignee, view.status) == ("eng2", "assigned")
    close(window)


def test_the_first_window_fits_the_screen_it_opens_on(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    """No saved geometry yet (a first start): the window is as big as the screen allows,
    never bigger (the offscreen test screen is smaller than the 1440x900 it asks for)."""
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    room = window.screen().availableGeometry()
    assert room.width() < 1440 or room.height() < 900  # else this proves nothing
    least = window.minimumSizeHint()  # the layout's own floor (866 wide: a 1024 screen fits)
    assert window.width() <= max(room.width(), least.width())
    assert window.height() <= max(room.height(), least.height())
    assert room.contains(window.geometry().topLeft())
    close(window)
