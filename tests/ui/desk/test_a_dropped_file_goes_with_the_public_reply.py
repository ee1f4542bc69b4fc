"""An engineer drags a log file onto the ticket's composer and sends a public reply: the
file is in the ticket's history and the customer's mail carries it (a real SMTP server)."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.smtp import smtp_server
from tests.ui.desk import click, close, log_in, open_ticket_number, show_pane, wait
from ui.views.ticket_area import COMMENT


def body_of(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


def drop_files(target: object, paths: list[Path]) -> None:
    """What the window system delivers when files are dragged from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    widget = target  # the text edit's viewport receives the drag
    where = QPoint(10, 10)
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)  # type: ignore[arg-type]
    assert enter.isAccepted(), "the composer refused the drag"
    move = QDragMoveEvent(where, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, move)  # type: ignore[arg-type]
    drop = QDropEvent(QPointF(where), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)  # type: ignore[arg-type]


def test_a_file_dropped_on_the_composer_is_mailed_with_the_public_reply(
    qtbot: QtBot,
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
        subject="Export fails",
        service_type="managed_hosting",
    ).number
    log = tmp_path / "export.log"
    content = b"2026-03-02 09:00 ERROR lock timeout\n" + os.urandom(20_000)
    log.write_bytes(content)

    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    composer = window.composer
    wait(qtbot, lambda: composer.number == number)
    show_pane(qtbot, window, COMMENT)  # tabbed on a narrow window
    drop_files(composer.text.viewport(), [log])
    assert [f.name for f in composer.tray.pending()] == ["export.log"]
    assert composer.text.toPlainText() == ""  # a file, not its path, was added

    qtbot.keyClicks(composer.text, "The log shows a lock timeout; fixed, see the log.")
    click(qtbot, composer.send_button)
    wait(qtbot, lambda: composer.status.text() == "Sent")
    assert composer.tray.pending() == []
    [stored] = services.attachments.list(people.care, number)
    assert (stored.filename, stored.size) == ("export.log", len(content))
    close(window)

    # The desk ran on the real clock (its mail is due now), the fixture's on a fake one.
    sender = open_services(db_url, settings={})
    with smtp_server() as (inbox, settings):
        report = sender.notifications.send_pending(settings)
    sender.db.dispose()
    assert report.errors == []
    [mail] = [m for m in inbox.to("jo@acme.example") if "lock timeout" in body_of(m)]
    assert f"[{number}]" in mail["Subject"]
    [part] = list(mail.iter_attachments())
    assert (part.get_filename(), part.get_content()) == ("export.log", content)
