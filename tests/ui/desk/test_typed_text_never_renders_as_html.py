"""HTML typed into a subject or a comment shows as the characters typed: in the queue's
and the history's tooltips and in the detail pane, never as markup (no <img src=file:…>)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, wait

SUBJECT = "Logo <img src=file:///etc/hostname> is <b>broken</b>"
COMMENT = "See <a href='http://evil.example'>this</a> & <i>that</i>"


def shown_as(tip: object) -> str:
    """What a tooltip displays: Qt renders text that might be rich text as HTML."""
    assert isinstance(tip, str)
    doc = QTextDocument()
    if QtGui.Qt.mightBeRichText(tip):
        doc.setHtml(tip)
    else:
        doc.setPlainText(tip)
    return doc.toPlainText()


def test_subjects_and_comments_show_as_typed_in_tooltips(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = services.tickets.open_ticket(
        people.care, customer="ACME", subject=SUBJECT, service_type="managed_hosting"
    ).number
    services.tickets.comment(people.care, number, COMMENT, internal=True)
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    wait(qtbot, lambda: window.queue.model.row_of(number) is not None)
    model = window.queue.model
    row = model.row_of(number)
    assert row is not None
    subject_column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)].index(
        "Subject"
    )
    wait(qtbot, lambda: model.data(model.index(row, subject_column)) == SUBJECT)
    tip = model.data(model.index(row, subject_column), Qt.ItemDataRole.ToolTipRole)
    assert shown_as(tip) == SUBJECT

    open_ticket_number(qtbot, window, number)
    history = window.history.model
    wait(qtbot, lambda: history.rowCount() >= 2)
    tips = [
        shown_as(history.data(history.index(r, 0), Qt.ItemDataRole.ToolTipRole))
        for r in range(history.rowCount())
    ]
    assert COMMENT in tips
    assert window.detail.subject.text() == SUBJECT  # a line edit: plain by nature
    close(window)
