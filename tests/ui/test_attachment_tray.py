"""Pasting a screenshot into the composer attaches it as a PNG; pasting text is text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from ui.views.attachment_tray import AttachmentTray, ComposerText


def test_a_pasted_image_becomes_a_png_attachment_and_text_stays_text(qtbot: QtBot) -> None:
    text, tray = ComposerText(), AttachmentTray()
    qtbot.addWidget(text)
    qtbot.addWidget(tray)
    text.files_given.connect(tray.add_paths)
    text.image_given.connect(tray.add_image)
    shot = QImage(32, 16, QImage.Format.Format_RGB32)
    shot.fill(QColor("orange"))
    mime = QMimeData()
    mime.setImageData(shot)
    assert text.canInsertFromMimeData(mime)
    text.insertFromMimeData(mime)
    [pasted] = tray.pending()
    assert pasted.name == "pasted-image-1.png"
    upload = pasted.upload()
    back = QImage.fromData(upload.data)
    assert (back.width(), back.height(), upload.data[:4]) == (32, 16, b"\x89PNG")
    assert text.toPlainText() == ""

    words = QMimeData()
    words.setText("just words")
    text.insertFromMimeData(words)
    assert text.toPlainText() == "just words"
    assert len(tray.pending()) == 1
    tray.remove(0)
    assert tray.pending() == []
