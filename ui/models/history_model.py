"""A ticket's history as a list model: one row per event, oldest first.

Events of one ticket are few (tens), so filtering by kind happens here in memory;
the events come from the ticket service (``TicketView.history``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.dto import EventView
from ui.history_text import headline, internal_mark, minutes_label
from ui.models.queue_format import local_time
from ui.plain import plain_tip

Index = QModelIndex | QPersistentModelIndex

SUMMARY_TEXT_MAX = 80


def summary(event: EventView) -> str:
    """One line in the user's language: when · who did what (old → new) · text · time
    spent · internal. The words are the history cards' (ui.history_text)."""
    parts = [local_time(event.occurred_at), headline(event)]
    if event.text:
        line = " ".join(event.text.split())
        if len(line) > SUMMARY_TEXT_MAX:
            line = line[: SUMMARY_TEXT_MAX - 1] + "…"
        parts.append(line)
    if event.minutes:
        parts.append(minutes_label(event.minutes))
    if event.internal:
        parts.append(internal_mark())
    return " · ".join(parts)


class HistoryModel(QAbstractListModel):
    EventRole = Qt.ItemDataRole.UserRole + 1
    IsInternalRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[EventView] = []
        self._kinds: set[str] | None = None
        self._shown: list[EventView] = []

    def set_events(self, events: Sequence[EventView]) -> None:
        self.beginResetModel()
        self._events = sorted(events, key=lambda e: e.seq)
        self._apply()
        self.endResetModel()

    def set_kind_filter(self, kinds: set[str] | None) -> None:
        """Show only these kinds of event; None (or empty) shows everything."""
        self.beginResetModel()
        self._kinds = set(kinds) if kinds else None
        self._apply()
        self.endResetModel()

    def kinds(self) -> list[str]:
        """The kinds present in the ticket's history, in order of first appearance."""
        return list(dict.fromkeys(e.kind for e in self._events))

    def total_minutes(self) -> int:
        """Time logged on the ticket, whatever the filter shows."""
        return sum(e.minutes for e in self._events)

    def event_at(self, row: int) -> EventView | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return None
        event = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(event)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(event.text or summary(event))  # typed text, never markup
        roles: dict[int, Any] = {
            self.EventRole: event,
            self.IsInternalRole: event.internal,
            self.KindRole: event.kind,
        }
        return roles.get(role)

    def _apply(self) -> None:
        kinds = self._kinds
        self._shown = [e for e in self._events if kinds is None or e.kind in kinds]
