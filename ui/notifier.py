"""Desktop notifications for what concerns me: a ticket assigned to me, a customer's
reply on one of my tickets, one of my tickets becoming at risk or breached.

Each check reads my tickets (one keyset page of "My tickets" in the background) and
compares them with the last reading; the first reading only sets the baseline, so
logging in never floods the tray. :func:`news` is the Qt-free comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from app.domain.queue import QueueFilter, QueueSort, SavedView
from app.services.queue import QueueRow
from ui.app_context import AppContext
from ui.theme import app_icon

WATCHED = 200  # my most urgent tickets; nobody works more at once


@dataclass(frozen=True)
class Seen:
    status: str
    sla_state: str | None


def news(
    before: Mapping[str, Seen], after: Mapping[str, Seen], subjects: Mapping[str, str]
) -> list[str]:
    """Sentences for what changed between two readings of my tickets."""
    said: list[str] = []
    for number, now in after.items():
        subject = subjects.get(number, "")
        was = before.get(number)
        if was is None:
            said.append(f"{number} was assigned to you: {subject}")
            continue
        if was.status == "waiting_on_customer" and now.status == "in_progress":
            said.append(f"The customer replied on {number}: {subject}")
        if now.sla_state in ("at_risk", "breached") and now.sla_state != was.sla_state:
            state = "is at risk" if now.sla_state == "at_risk" else "breached its SLA"
            said.append(f"{number} {state}: {subject}")
    return said


class DeskNotifier(QObject):
    said = Signal(str)  # every notification, also without a system tray (tests, logs)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._seen: dict[str, Seen] | None = None
        self._checking = False
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("SupportDesk")
            self.tray.show()

    def check(self, *_: object) -> None:
        if self._checking:
            return
        self._checking = True
        queue, actor = self.ctx.services.queue, self.ctx.actor
        flt, sort = QueueFilter(view=SavedView.MY), QueueSort()
        self.ctx.runner.submit(
            lambda: queue.page(actor, flt, sort, None, WATCHED).rows,
            self._compare,
            lambda _exc: setattr(self, "_checking", False),  # the next change tries again
            label="notifications",
        )

    def _compare(self, rows: list[QueueRow]) -> None:
        self._checking = False
        after = {r.number: Seen(r.status, r.sla_state) for r in rows}
        before, self._seen = self._seen, after
        if before is None:
            return  # the first reading is the baseline
        for sentence in news(before, after, {r.number: r.subject for r in rows}):
            self.said.emit(sentence)
            if self.tray is not None:
                self.tray.showMessage("SupportDesk", sentence, app_icon(), 8000)
