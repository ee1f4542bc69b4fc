"""The desk's day through the widgets: an engineer opens a ticket for ACME in the
new-ticket dialog, takes it, starts, comments, resolves; customer care records the
customer's approval. The history pane shows every step."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import click, close, log_in, open_ticket_number, show_pane, wait
from ui.main_window import MainWindow
from ui.models.history_model import HistoryModel
from ui.ticket_actions import Step
from ui.views.ticket_area import COMMENT, TICKET


def history_kinds(window: MainWindow) -> list[str]:
    model = window.history.model
    return [
        model.data(model.index(row, 0), HistoryModel.EventRole).kind
        for row in range(model.rowCount())
    ]


def status_of(window: MainWindow) -> str | None:
    return window.current.view.status if window.current.view else None


def test_a_ticket_from_opening_to_customer_approval_through_the_widgets(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    eng = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    detail, buttons = eng.detail, eng.detail.buttons.buttons

    # Open a ticket in the new-ticket dialog; the new ticket becomes the current one.
    eng.actions_["new_ticket"].trigger()
    wait(qtbot, lambda: eng.commands.new_ticket_dialog is not None)
    dialog = eng.commands.new_ticket_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.customer.lineEdit(), "Acme")
    dialog.customer.setCurrentIndex(dialog.customer.findData("ACME"))
    assert dialog.contact.currentText() == "Jo Smith"
    qtbot.keyClicks(dialog.subject, "Invoices stuck in export")
    dialog.criticality.setCurrentIndex(dialog.criticality.findData("high"))
    click(qtbot, dialog.ok_button)
    wait(qtbot, lambda: status_of(eng) == "new")
    view = eng.current.view
    assert view is not None
    number = view.number
    assert (view.subject, view.customer_code, view.contact) == (
        "Invoices stuck in export",
        "ACME",
        "Jo Smith",
    )
    assert detail.steps.visible_steps() == [Step.TAKE]

    click(qtbot, buttons[Step.TAKE])
    wait(qtbot, lambda: status_of(eng) == "assigned")
    assert detail.info["assignee"].text() == "eng"

    click(qtbot, buttons[Step.START])
    wait(qtbot, lambda: status_of(eng) == "in_progress")

    show_pane(qtbot, eng, COMMENT)  # tabbed on a narrow window
    qtbot.keyClicks(eng.composer.text, "Found a stuck export job; restarting it.")
    eng.composer.internal.setChecked(True)
    eng.composer.minutes.setValue(25)
    click(qtbot, eng.composer.send_button)
    wait(qtbot, lambda: "comment" in history_kinds(eng))
    assert eng.composer.text.toPlainText() == ""

    show_pane(qtbot, eng, TICKET)
    click(qtbot, buttons[Step.RESOLVE])
    wait(qtbot, lambda: detail.steps.active_dialog is not None)
    resolve = detail.steps.active_dialog
    click(qtbot, resolve.ok_button)  # type: ignore[union-attr]
    assert "nature" in resolve.error.text()  # type: ignore[union-attr]  # inline, nothing sent
    qtbot.keyClicks(resolve.nature, "Export job hung on a lock.")  # type: ignore[union-attr]
    qtbot.keyClicks(resolve.solution, "Restarted the job; added a timeout.")  # type: ignore[union-attr]
    click(qtbot, resolve.ok_button)  # type: ignore[union-attr]
    wait(qtbot, lambda: status_of(eng) == "resolved")
    assert detail.steps.visible_steps() == []  # the customer's answer is care's to record
    close(eng)

    care = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    open_ticket_number(qtbot, care, number)
    assert care.detail.steps.visible_steps() == [Step.APPROVE, Step.REJECT, Step.CANCEL]
    click(qtbot, care.detail.buttons.buttons[Step.APPROVE])
    wait(qtbot, lambda: care.detail.steps.active_dialog is not None)
    answer = care.detail.steps.active_dialog
    assert answer.contact.currentText() == "Jo Smith"  # type: ignore[union-attr]
    answer.channel.setCurrentIndex(answer.channel.findData("phone"))  # type: ignore[union-attr]
    click(qtbot, answer.ok_button)  # type: ignore[union-attr]
    wait(qtbot, lambda: status_of(care) == "closed" or care.detail.notice.text())
    assert status_of(care) == "closed", care.detail.notice.text()

    wait(qtbot, lambda: "customer_approval" in history_kinds(care))
    assert history_kinds(care) == [
        "created",
        "assigned",
        "status",  # taken
        "status",  # started
        "comment",
        "resolution",
        "status",
        "customer_approval",
        "status",
    ]
    assert care.history.total.text() == "Total time 25 min"
    internal = care.history.model.index(4, 0).data(HistoryModel.IsInternalRole)
    assert internal is True
    assert care.detail.steps.visible_steps() == []
    close(care)
