"""The customer's screenshot arrives by mail: under the ticket's history the desk shows
a preview of it and the other file by name, and saves a byte-identical copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.mails import attach, plain, raw
from tests.support.people import People
from tests.ui.desk import close, log_in, open_ticket_number, show_pane, wait
from ui.views.ticket_area import HISTORY


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; Qt wants str
    return bytes(array.data())


def test_the_history_pane_previews_images_and_saves_copies(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    screenshot = png(640, 400)
    mail = plain("Error on login", "See the screenshot.")
    attach(mail, "screen.png", screenshot, "image/png")
    attach(mail, "notes.txt", b"tried twice", "text/plain")
    number = services.mail.ingest(raw(mail)).ticket
    assert number is not None
    files = services.attachments.list(people.care, number)
    image, text = files

    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    open_ticket_number(qtbot, window, number)
    show_pane(qtbot, window, HISTORY)  # tabbed on a narrow window
    strip = window.files
    wait(qtbot, lambda: strip.has_preview(image.id))
    assert strip.isVisible()
    assert set(strip.buttons) == {image.id, text.id}
    assert not strip.has_preview(text.id)
    assert strip.buttons[text.id].text().startswith("notes.txt")

    copy = tmp_path / "copy.png"
    strip.save_file(image, str(copy))
    wait(qtbot, lambda: copy.exists() and copy.stat().st_size == len(screenshot))
    assert copy.read_bytes() == screenshot
    close(window)
