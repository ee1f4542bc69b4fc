"""Two desks edit the same ticket: the second save shows both versions in the conflict
dialog and nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, open_ticket_number, wait
from ui.main_window import MainWindow


def retype(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.detail.subject.selectAll()
    qtbot.keyClicks(window.detail.subject, text)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def test_the_second_save_shows_the_conflict_dialog_and_overwrites_nothing(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Printer offline", service_type="managed_hosting"
    )
    first = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    second = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    for window in (first, second):
        open_ticket_number(qtbot, window, ticket.number)

    retype(qtbot, second, "Printer offline in building B")  # not saved yet
    retype(qtbot, first, "Printer offline since the update")
    click(qtbot, first.detail.save_button)

    def first_saved() -> bool:
        view = first.current.view
        return view is not None and view.version > ticket.version

    wait(qtbot, first_saved)

    click(qtbot, second.detail.save_button)
    wait(qtbot, lambda: second.detail.conflict_dialog is not None)
    dialog = second.detail.conflict_dialog
    assert dialog is not None
    rows = {
        cell_text(dialog.table, r, 0): (
            cell_text(dialog.table, r, 1),
            cell_text(dialog.table, r, 2),
        )
        for r in range(dialog.table.rowCount())
    }
    assert rows == {
        "subject": ("Printer offline in building B", "Printer offline since the update")
    }
    stored = services.tickets.show(people.manager, ticket.number)
    assert stored.subject == "Printer offline since the update"
    assert [e.kind for e in stored.history].count("field") == 1

    click(qtbot, dialog.keep_theirs)
    wait(
        qtbot,
        lambda: second.detail.subject.text() == "Printer offline since the update",
    )
    assert not second.detail.save_button.isEnabled()
    assert services.tickets.show(people.manager, ticket.number).subject == (
        "Printer offline since the update"
    )
    assert services.history.verify(ticket.number).ok
    close(first)
    close(second)


def test_applying_mine_on_top_is_an_explicit_new_save(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="VPN drops", service_type="managed_hosting"
    )
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, ticket.number)
    retype(qtbot, window, "VPN drops every hour")
    services.tickets.edit(
        people.manager, ticket.number, {"criticality": "high"}, expected_version=ticket.version
    )
    click(qtbot, window.detail.save_button)
    wait(qtbot, lambda: window.detail.conflict_dialog is not None)
    click(qtbot, window.detail.conflict_dialog.apply_mine)  # type: ignore[union-attr]
    wait(qtbot, lambda: window.current.view.subject == "VPN drops every hour")  # type: ignore[union-attr]
    stored = services.tickets.show(people.manager, ticket.number)
    assert (stored.subject, stored.criticality) == ("VPN drops every hour", "high")
    close(window)
