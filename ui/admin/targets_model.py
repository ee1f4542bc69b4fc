"""The SLA targets as an editable table: one row per tier × criticality, the priority
and the response/resolution targets (minutes) editable in place, the clock (business
hours or 24×7) a checkbox. An edit is not applied here: the model emits it, the
section sends it to the SLA service and reloads what was stored."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.errors import DomainError, describe
from app.domain.sla import Target

Index = QModelIndex | QPersistentModelIndex
TIER, CRITICALITY, PRIORITY, RESPONSE, RESOLUTION, BUSINESS = range(6)
COLUMNS = 6


def duration(minutes: int) -> str:
    """``90`` → ``"1 h 30 min"``; ``2880`` → ``"48 h"``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


class TargetsModel(QAbstractTableModel):
    edited = Signal(object)  # the changed Target
    refused = Signal(str)  # why an edit was not taken

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.targets: list[Target] = []
        # Spelled out here so the translation tools find every header.
        self.headers = [
            self.tr("Tier"),
            self.tr("Criticality"),
            self.tr("Priority"),
            self.tr("Response (min)"),
            self.tr("Resolution (min)"),
            self.tr("Business hours"),
        ]

    def set_targets(self, targets: list[Target]) -> None:
        self.beginResetModel()
        self.targets = list(targets)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.targets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def data(  # noqa: PLR0911 - one early answer per role
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.targets):
            return None
        t, col = self.targets[index.row()], index.column()
        if col == BUSINESS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if t.business_hours else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("business hours") if t.business_hours else self.tr("24×7")
            return None
        if role == Qt.ItemDataRole.EditRole:
            return {
                PRIORITY: t.priority,
                RESPONSE: t.response_minutes,
                RESOLUTION: t.resolution_minutes,
            }.get(col)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                TIER: t.tier,
                CRITICALITY: t.criticality.value,
                PRIORITY: f"P{t.priority}",
                RESPONSE: duration(t.response_minutes),
                RESOLUTION: duration(t.resolution_minutes),
            }[col]
        return None

    def setData(  # noqa: N802
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid():
            return False
        t, col = self.targets[index.row()], index.column()
        try:
            if col == BUSINESS and role == Qt.ItemDataRole.CheckStateRole:
                on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
                changed = replace(t, business_hours=on)
            elif role == Qt.ItemDataRole.EditRole and col in (PRIORITY, RESPONSE, RESOLUTION):
                number = int(value)
                if col == PRIORITY:
                    changed = replace(t, priority=number)
                elif col == RESPONSE:
                    changed = replace(t, response_minutes=number)
                else:
                    changed = replace(t, resolution_minutes=number)
            else:
                return False
        except DomainError as exc:  # the domain's own check (Target.__post_init__)
            self.refused.emit(describe(exc, sentence=True))
            return False
        except (ValueError, TypeError):
            return False
        if changed == t:
            return False
        self.targets[index.row()] = changed
        self.dataChanged.emit(index, index)
        self.edited.emit(changed)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (PRIORITY, RESPONSE, RESOLUTION):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == BUSINESS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < COLUMNS
        ):
            return self.headers[section]
        return None
