"""A new ticket the contract does not cover is refused inline: the dialog stays open with
everything typed; a manager may open it out of contract from the same dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, wait
from ui.dialogs.new_ticket import NewTicketDialog
from ui.main_window import MainWindow


def _fill(qtbot: QtBot, window: MainWindow) -> NewTicketDialog:
    window.actions_["new_ticket"].trigger()
    wait(qtbot, lambda: window.commands.new_ticket_dialog is not None)
    dialog = window.commands.new_ticket_dialog
    assert dialog is not None
    dialog.customer.setCurrentIndex(dialog.customer.findData("ACME"))
    qtbot.keyClicks(dialog.subject, "Hosting bill looks wrong")
    qtbot.keyClicks(dialog.description, "Two invoices for March.")
    dialog.service_type.setCurrentIndex(dialog.service_type.findData("managed_hosting"))
    return dialog


def test_a_refusal_keeps_the_dialog_and_a_manager_can_open_out_of_contract(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support"],
        valid_from=date(2020, 1, 1),
    )
    care = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    dialog = _fill(qtbot, care)
    assert dialog.out_of_contract.isHidden()  # not care's decision
    click(qtbot, dialog.ok_button)
    wait(qtbot, dialog.ok_button.isEnabled)
    assert "managed hosting" in dialog.error.text().lower()
    assert dialog.isVisible()  # nothing typed is lost
    assert dialog.subject.text() == "Hosting bill looks wrong"
    assert dialog.description.toPlainText() == "Two invoices for March."
    assert care.current.view is None
    dialog.refused("")  # let it close without the discard question in the test teardown
    dialog.done(0)
    close(care)

    mia = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    dialog = _fill(qtbot, mia)
    assert not dialog.out_of_contract.isHidden()
    dialog.out_of_contract.setChecked(True)
    click(qtbot, dialog.ok_button)
    wait(qtbot, lambda: mia.current.view is not None or dialog.ok_button.isEnabled())
    assert mia.current.view is not None, dialog.error.text()
    assert not dialog.isVisible()
    view = mia.current.view
    assert view is not None and view.subject == "Hosting bill looks wrong"
    created = services.tickets.show(people.manager, view.number).history[0]
    assert created.kind == "created"
    assert "out of contract" in str(created.data)
    close(mia)
