"""Customers × products: test and production versions, as a table model.

A production cell behind the latest available release is highlighted, and so is a
test cell whose version waits for the customer's verification.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.services.release_views import MatrixCell, VersionMatrix
from ui.i18n import translate
from ui.value_labels import value_label

Index = QModelIndex | QPersistentModelIndex
BEHIND = QColor(255, 214, 153, 140)  # amber, readable on light and dark palettes
AWAITING = QColor(153, 204, 255, 140)  # blue


class VersionMatrixModel(QAbstractTableModel):
    CellRole = Qt.ItemDataRole.UserRole + 1
    FIXED = (
        QT_TRANSLATE_NOOP("VersionMatrixModel", "Customer"),
        QT_TRANSLATE_NOOP("VersionMatrixModel", "Name"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matrix = VersionMatrix((), ())

    @property
    def matrix(self) -> VersionMatrix:
        return self._matrix

    def set_matrix(self, matrix: VersionMatrix) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.FIXED) + 2 * len(self._matrix.products)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(self.FIXED):
            return translate("VersionMatrixModel", str(self.FIXED[section]))
        product, env = self._place(section)
        return f"{product} {value_label(env).lower()}"

    def cell(self, row: int, column: int) -> MatrixCell | None:
        if column < len(self.FIXED) or not 0 <= row < len(self._matrix.rows):
            return None
        return self._matrix.rows[row][2][(column - len(self.FIXED)) // 2]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if column < len(self.FIXED):
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return self._matrix.rows[row][column]
        matrix_cell = self.cell(row, column)
        if matrix_cell is None:
            return None
        if role == self.CellRole:
            return matrix_cell
        return self._cell_data(matrix_cell, self._place(column)[1], role)

    @staticmethod
    def _cell_data(matrix_cell: MatrixCell, env: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (matrix_cell.test if env == "test" else matrix_cell.production) or "–"
        waiting = env == "test" and bool(matrix_cell.awaiting_verification)
        behind = env == "production" and matrix_cell.behind
        if role == Qt.ItemDataRole.BackgroundRole and (waiting or behind):
            return QBrush(AWAITING if waiting else BEHIND)
        if role == Qt.ItemDataRole.ToolTipRole and waiting:
            return translate(
                "VersionMatrixModel", "{version} awaits the customer's verification"
            ).format(version=matrix_cell.awaiting_verification)
        if role == Qt.ItemDataRole.ToolTipRole and behind:
            return translate("VersionMatrixModel", "behind the latest release {version}").format(
                version=matrix_cell.latest
            )
        return None

    def _place(self, column: int) -> tuple[str, str]:
        offset = column - len(self.FIXED)
        return self._matrix.products[offset // 2], ("test", "production")[offset % 2]
