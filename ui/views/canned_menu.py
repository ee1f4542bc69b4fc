"""The composer's "Canned reply" button: the templates managers keep, filled in for the
current ticket (customer, contact, number, due time) and inserted at the cursor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.domain.errors import describe
from app.services.canned_replies import CannedView
from ui.app_context import AppContext
from ui.theme import icon


class CannedReplyButton(QToolButton):
    chosen = Signal(str)  # the filled-in text
    failed = Signal(str)

    def __init__(
        self, ctx: AppContext, number: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._number = number
        self.setText(self.tr("Canned reply"))
        self.setIcon(icon("reply"))
        self.setAccessibleName(self.tr("Insert a canned reply"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self.load)
        self.setMenu(self.menu_)
        self.titles: list[str] = []

    def load(self) -> None:
        """Refresh the list off the GUI thread (managers may have added one)."""
        canned, actor = self.ctx.services.canned_replies, self.ctx.actor
        self.ctx.runner.submit(
            lambda: canned.list(actor),
            self._fill,
            lambda exc: self.failed.emit(describe(exc)),
            label="canned replies",
        )

    def _fill(self, replies: list[CannedView]) -> None:
        self.menu_.clear()
        self.titles = [r.title for r in replies]
        if not replies:
            empty = self.menu_.addAction(self.tr("No canned replies yet (managers add them)"))
            empty.setEnabled(False)
        for reply in replies:
            action = self.menu_.addAction(reply.title)
            action.triggered.connect(lambda _=False, t=reply.title: self.insert(t))

    def insert(self, title: str) -> None:
        number = self._number()
        if not number:
            return
        canned, actor = self.ctx.services.canned_replies, self.ctx.actor
        self.ctx.runner.submit(
            lambda: canned.render(actor, title, number),
            self.chosen.emit,
            lambda exc: self.failed.emit(describe(exc)),
            label="canned reply",
        )
