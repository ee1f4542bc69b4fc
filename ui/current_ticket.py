"""The ticket the user is looking at: loads it (with history) off the GUI thread and
tells every pane when a fresh copy arrives."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.domain.errors import describe
from app.services.dto import TicketView
from ui.app_context import AppContext


class CurrentTicket(QObject):
    loaded = Signal(object)  # TicketView with history, or None when nothing is selected
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: TicketView | None = None
        self._wanted: str | None = None

    @property
    def number(self) -> str | None:
        return self._wanted

    def open(self, number: str | None) -> None:
        self._wanted = number
        if number is None:
            self.view = None
            self.loaded.emit(None)
            return
        self.reload()

    def reload(self) -> None:
        number = self._wanted
        if number is None:
            return
        tickets, actor = self.ctx.services.tickets, self.ctx.actor
        self.ctx.runner.submit(
            lambda: tickets.show(actor, number),
            lambda view: self._arrived(number, view),
            lambda exc: self.failed.emit(describe(exc)),
            label=f"load {number}",
        )

    def _arrived(self, number: str, view: TicketView) -> None:
        if number != self._wanted:  # the user moved on while it loaded
            return
        self.view = view
        self.loaded.emit(view)
