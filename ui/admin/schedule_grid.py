"""The week grid: 7 days × 24 hours, a cell checked when the engineer works that hour
(in their own time zone). It reads and writes the schedule text the assignment
service stores (``"mon-fri 09:00-17:00"``), so the CLI and the grid agree."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain.assignment import DAYS, WeeklySchedule

Index = QModelIndex | QPersistentModelIndex
HOURS = 24
# 2024-01-01 was a Monday: day d, hour h is datetime(2024, 1, 1 + d, h).
_MONDAY = datetime(2024, 1, 1)


def hours_of(spec: str, timezone: str = "UTC") -> set[tuple[int, int]]:
    """The (day, hour) cells a schedule covers at the start of the hour."""
    schedule = WeeklySchedule.parse(spec, timezone)
    return {
        (day, hour)
        for day in range(7)
        for hour in range(HOURS)
        if any(s.covers(_MONDAY.replace(day=1 + day, hour=hour)) for s in schedule.shifts)
    }


def spec_of(cells: set[tuple[int, int]]) -> str:
    """Cells → schedule text, one part per run of hours (a full day as two halves,
    since a shift may not start and end at the same time)."""
    parts: list[str] = []
    for day in range(7):
        hour = 0
        while hour < HOURS:
            if (day, hour) not in cells:
                hour += 1
                continue
            start = hour
            while hour < HOURS and (day, hour) in cells:
                hour += 1
            runs = [(start, 12), (12, 24)] if (start, hour) == (0, 24) else [(start, hour)]
            parts.extend(f"{DAYS[day]} {a:02d}:00-{b:02d}:00" for a, b in runs)
    return "; ".join(parts)


class ScheduleGridModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cells: set[tuple[int, int]] = set()

    def set_spec(self, spec: str, timezone: str = "UTC") -> None:
        self.beginResetModel()
        self.cells = hours_of(spec, timezone) if spec.strip() else set()
        self.endResetModel()

    def spec(self) -> str:
        return spec_of(self.cells)

    def set_block(self, days: range, hours: range, on: bool = True) -> None:
        """Fill or clear a block (e.g. Mon–Fri 09–17) in one step."""
        for day in days:
            for hour in hours:
                (self.cells.add if on else self.cells.discard)((day, hour))
        self.dataChanged.emit(self.index(0, 0), self.index(6, HOURS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else HOURS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        on = (index.row(), index.column()) in self.cells
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            day, hour = DAYS[index.row()].capitalize(), index.column()
            state = self.tr("working") if on else self.tr("off")
            return f"{day} {hour:02d}:00–{hour + 1:02d}:00: {state}"
        return None

    def setData(  # noqa: N802
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        cell = (index.row(), index.column())
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        (self.cells.add if checked else self.cells.discard)(cell)
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < HOURS:
            return f"{section:02d}" if section % 3 == 0 else ""  # room for every third
        if orientation == Qt.Orientation.Vertical and 0 <= section < 7:
            return DAYS[section].capitalize()
        return None
