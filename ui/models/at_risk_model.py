"""Tickets whose SLA is at risk or breached right now, as a table model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.services.dashboard import AtRiskTicket
from ui.i18n import translate
from ui.plain import plain_tip
from ui.timefmt import locale_day_month, locale_time
from ui.value_labels import value_label

Index = QModelIndex | QPersistentModelIndex
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = (
    QT_TRANSLATE_NOOP("AtRiskModel", "Ticket"),
    QT_TRANSLATE_NOOP("AtRiskModel", "P"),
    QT_TRANSLATE_NOOP("AtRiskModel", "Customer"),
    QT_TRANSLATE_NOOP("AtRiskModel", "Subject"),
    QT_TRANSLATE_NOOP("AtRiskModel", "SLA"),
    QT_TRANSLATE_NOOP("AtRiskModel", "Due"),
    QT_TRANSLATE_NOOP("AtRiskModel", "Assignee"),
)
STATE_COLOURS = {"breached": "#b3261e", "at_risk": "#b26a00"}


def _due(moment: datetime | None, short: bool) -> str:
    """``27/11 12:07`` in the cell (narrow screens); the whole date in the tooltip."""
    if moment is None:
        return "–"
    return (
        f"{locale_day_month(moment)} {locale_time(moment).split(' ')[-1]}"
        if short
        else locale_time(moment)
    )


class AtRiskModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AtRiskTicket] = []

    def set_rows(self, rows: Sequence[AtRiskTicket]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def numbers(self) -> list[str]:
        return [r.number for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return translate("AtRiskModel", str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (
                row.number,
                f"P{row.priority}",
                row.customer,
                row.subject,
                value_label(row.state),
                _due(row.due_at, role == Qt.ItemDataRole.DisplayRole),
                row.assignee or "–",
            )[column]
            # The tooltip carries the whole text a narrow column cuts; typed text is
            # never markup.
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tip(text)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QColor(STATE_COLOURS.get(row.state, "#1f2730"))
        return row.number if role == NUMBER_ROLE else None
