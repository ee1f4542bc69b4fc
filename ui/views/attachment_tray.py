"""Files waiting to go with the next comment: dropped on the composer, pasted as an
image, or picked in a file dialog. Bytes are read on the worker thread when the
comment is sent (a 25 MB file never freezes the window).

The button, the files and the hint wrap (a flow layout): in one row their least width
was the sum of them all, which kept the composer wide on a narrow window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.services.attachments import FileUpload, human_size
from ui.theme import icon
from ui.views.flow_layout import FlowLayout


@dataclass(frozen=True)
class PendingFile:
    name: str
    size: int
    path: Path | None = None  # a file on disk, read when sent
    data: bytes | None = None  # a pasted image, already encoded

    def upload(self) -> FileUpload:
        """The file's bytes (call on the worker thread)."""
        data = self.data if self.data is not None else Path(self.path or "").read_bytes()
        return FileUpload(self.name, data)


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def png_bytes(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; Qt wants str
    buffer.close()
    return bytes(array.data())


class ComposerText(QPlainTextEdit):
    """The composer's text: a dropped file or a pasted image becomes an attachment
    instead of a path or nothing in the text."""

    files_given = Signal(list)  # list[Path]
    image_given = Signal(QImage)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt API)
        return (
            bool(local_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt API)
        files = local_files(source)
        if files:
            self.files_given.emit(files)
        elif source.hasImage():
            self.image_given.emit(QImage(source.imageData()))
        else:
            super().insertFromMimeData(source)


class AttachmentTray(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.files: list[PendingFile] = []
        self.pick_button = QPushButton(icon("attach"), self.tr("Attach files…"))
        self.pick_button.setAccessibleName(self.tr("Attach files to the comment"))
        self.pick_button.clicked.connect(self.pick)
        self.chips = FlowLayout(self)  # the pick button first, then the files or the hint
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips.addWidget(self.pick_button)
        self._pasted = 0
        self._show()

    # -- where files come from --------------------------------------------------------------

    def pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path.is_file():
                self.files.append(PendingFile(path.name, path.stat().st_size, path=path))
        self._show()

    def add_image(self, image: QImage) -> None:
        if image.isNull():
            return
        self._pasted += 1
        data = png_bytes(image)
        self.files.append(PendingFile(f"pasted-image-{self._pasted}.png", len(data), data=data))
        self._show()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        self.add_paths(local_files(event.mimeData()))
        event.acceptProposedAction()

    # -- state ------------------------------------------------------------------------------

    def pending(self) -> list[PendingFile]:
        return list(self.files)

    def clear(self) -> None:
        self.files.clear()
        self._show()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.files):
            del self.files[index]
        self._show()

    def _show(self) -> None:
        while self.chips.count() > 1:  # all but the pick button
            item = self.chips.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, f in enumerate(self.files):
            chip = QToolButton()
            chip.setText(f"{f.name} ({human_size(f.size)})  ✕")
            chip.setToolTip(self.tr("Remove %1 from the comment").replace("%1", f.name))
            chip.setAccessibleName(self.tr("Attached file %1").replace("%1", f.name))
            chip.clicked.connect(lambda _=False, i=index: self.remove(i))
            self.chips.addWidget(chip)
        if not self.files:
            hint = QLabel(self.tr("or drop files here, or paste an image"))
            hint.setProperty("role", "muted")
            hint.setTextFormat(Qt.TextFormat.PlainText)
            # As tall as the button beside it, its text centred on the button's.
            hint.setMinimumHeight(self.pick_button.sizeHint().height())
            self.chips.addWidget(hint)
        self.chips.invalidate()  # the flow keeps no sizes of its own: lay it out again
        self.changed.emit()
