"""The ticket's files under its history: image previews and named files. A click opens
a temporary copy with the system's viewer (the stored bytes are never edited in place);
the context menu saves a copy anywhere. Bytes are read and images decoded off the GUI
thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QScrollArea,
    QToolButton,
    QWidget,
)

from app.domain.errors import describe
from app.services.attachments import AttachmentView, human_size
from app.services.dto import TicketView
from ui.app_context import AppContext
from ui.theme import icon

THUMB = 72
PREVIEW_MAX_BYTES = 10 * 1024 * 1024  # larger images are listed, not previewed


def thumbnail(data: bytes) -> QImage:
    """Decode and shrink an image (QImage is safe off the GUI thread; QPixmap is not)."""
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaled(
        THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class AttachmentStrip(QScrollArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number: str | None = None
        self.buttons: dict[int, QToolButton] = {}
        self.previewed: set[int] = set()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFixedHeight(THUMB + 44)
        self.setAccessibleName(self.tr("Files of this ticket"))
        inner = QWidget()
        self.row = QHBoxLayout(inner)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        self.setWidget(inner)
        self.setVisible(False)

    def show_ticket(self, view: TicketView | None) -> None:
        self.number = view.number if view else None
        self._clear()
        if view is None:
            self.setVisible(False)
            return
        attachments, actor, number = self.ctx.services.attachments, self.ctx.actor, view.number
        self.ctx.runner.submit(
            lambda: attachments.list(actor, number),
            lambda files: self._listed(number, files),
            lambda _exc: None,  # the history still names the files
            label="attachments",
        )

    def _listed(self, number: str, files: list[AttachmentView]) -> None:
        if number != self.number:
            return  # the user moved on
        self._clear()
        self.setVisible(bool(files))
        for f in files:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIcon(icon("attach"))
            button.setIconSize(QSize(THUMB, THUMB) if f.is_image else QSize(24, 24))
            button.setText(f"{f.filename}\n{human_size(f.size)}")
            button.setToolTip(
                self.tr("Open %1 (right-click to save a copy)").replace("%1", f.filename)
            )
            button.setAccessibleName(self.tr("File %1").replace("%1", f.filename))
            button.clicked.connect(lambda _=False, a=f: self.open_file(a))
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.customContextMenuRequested.connect(lambda _pos, a=f: self._menu(a))
            self.row.insertWidget(self.row.count() - 1, button)
            self.buttons[f.id] = button
            if f.is_image and f.size <= PREVIEW_MAX_BYTES:
                self._preview(f)

    def _preview(self, f: AttachmentView) -> None:
        attachments, actor = self.ctx.services.attachments, self.ctx.actor
        self.ctx.runner.submit(
            lambda: thumbnail(attachments.content(actor, f.id)[1]),
            lambda image: self._show_preview(f.id, image),
            lambda _exc: None,
            label="image preview",
        )

    def _show_preview(self, attachment_id: int, image: QImage) -> None:
        button = self.buttons.get(attachment_id)
        if button is not None and not image.isNull():
            button.setIcon(QIcon(QPixmap.fromImage(image)))
            self.previewed.add(attachment_id)

    def has_preview(self, attachment_id: int) -> bool:
        return attachment_id in self.previewed

    # -- open / save ---------------------------------------------------------------------

    def open_file(self, f: AttachmentView) -> None:
        attachments, actor = self.ctx.services.attachments, self.ctx.actor
        self.ctx.runner.submit(
            lambda: attachments.save_copy(actor, f.id),
            self._open_path,
            self._failed,
            label="open file",
        )

    @staticmethod
    def _open_path(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _menu(self, f: AttachmentView) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_file(f))
        menu.addAction(self.tr("Save a copy…"), lambda: self.save_file(f))
        menu.exec(self.cursor().pos())

    def save_file(self, f: AttachmentView, target: str | None = None) -> None:
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), f.filename)
        if not target:
            return
        attachments, actor, where = self.ctx.services.attachments, self.ctx.actor, Path(target)
        self.ctx.runner.submit(
            lambda: attachments.save_copy(actor, f.id, where),
            lambda _path: None,
            self._failed,
            label="save file",
        )

    def _failed(self, exc: Exception) -> None:
        self.setToolTip(describe(exc))

    def _clear(self) -> None:
        self.buttons.clear()
        self.previewed.clear()
        while self.row.count() > 1:
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
