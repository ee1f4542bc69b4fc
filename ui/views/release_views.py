"""The version matrix and the pending-verifications list, as panes or windows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.errors import describe
from app.reports.render import csv_safe
from app.services.auth import Actor
from app.services.release_views import PendingVerification, VersionMatrix
from ui.models.version_matrix_model import VersionMatrixModel
from ui.tasks import TaskRunner
from ui.timefmt import locale_time


def table_view(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class VersionMatrixView(QWidget):
    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Version matrix"))
        self._services, self._actor, self._runner = services, actor, runner
        self.model = VersionMatrixModel(self)
        self.view = table_view(self.tr("Version matrix"))
        self.view.setModel(self.model)
        refresh = QPushButton(self.tr("&Refresh"))
        export = QPushButton(self.tr("&Export CSV…"))
        self.status = QLabel()
        legend = QLabel(
            self.tr(
                "Blue: waiting for the customer's verification · "
                "Amber: production behind the latest release"
            )
        )
        legend.setProperty("role", "hint")
        legend.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(refresh)
        bar.addWidget(export)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        layout.addWidget(legend)
        refresh.clicked.connect(self.refresh)
        export.clicked.connect(self._ask_export)

    def refresh(self) -> None:
        self.status.setText(self.tr("Loading…"))
        self._runner.submit(
            lambda: self._services.releases.matrix(self._actor),
            self._loaded,
            lambda e: self.status.setText(describe(e)),
            label="version matrix",
        )

    def _loaded(self, matrix: VersionMatrix) -> None:
        self.model.set_matrix(matrix)
        # Wide enough for each header ("PORTAL production"); cells are short versions.
        # The header is bold in our style sheet, hence the generous padding.
        metrics = self.view.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.view.setColumnWidth(column, metrics.horizontalAdvance(title) + 44)
        names = (metrics.horizontalAdvance(name) for _, name, _ in matrix.rows)
        self.view.setColumnWidth(1, min(260, max(names, default=80) + 24))
        self.status.setText(
            self.tr("%n customer(s)", "", len(matrix.rows))
            + " × "
            + self.tr("%n product(s)", "", len(matrix.products))
        )

    def export_csv(self, path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv_safe.writer(handle).writerows(self.model.matrix.to_csv_rows())
        self.status.setText(self.tr("Exported to {path}").format(path=path))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export version matrix"),
            "version-matrix.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                self.status.setText(
                    self.tr("Cannot write {path}: {error}").format(path=path, error=exc)
                )


class PendingVerificationsView(QWidget):
    """Whom we wait for, since when; opens the wizard on the chosen promotion."""

    resume_requested = Signal(str, str, str)  # product, version, customer

    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pending verifications"))
        self._services, self._actor, self._runner = services, actor, runner
        columns = [
            self.tr("Customer"),
            self.tr("Product"),
            self.tr("Version"),
            self.tr("Waiting since"),
            self.tr("Verifying contacts"),
        ]
        self.model = QStandardItemModel(0, len(columns), self)
        self.model.setHorizontalHeaderLabels(columns)
        self.view = table_view(self.tr("Pending verifications"))
        self.view.setModel(self.model)
        # Long contact lists wrap to the window, not off its edge (1024 px screens)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.status = QLabel()
        refresh = QPushButton(self.tr("&Refresh"))
        self.open_button = QPushButton(self.tr("&Record answer…"))
        bar = QHBoxLayout()
        bar.addWidget(refresh)
        bar.addWidget(self.open_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        refresh.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self._resume)
        self.view.doubleClicked.connect(self._resume)
        self._rows: list[PendingVerification] = []

    def refresh(self) -> None:
        self._runner.submit(
            lambda: self._services.promotions.pending_verifications(self._actor),
            self._loaded,
            lambda e: self.status.setText(describe(e)),
            label="pending verifications",
        )

    def _loaded(self, rows: list[PendingVerification]) -> None:
        self._rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            since = locale_time(row.since) if row.since else "–"
            items = [
                QStandardItem(v)
                for v in (
                    row.customer,
                    row.product,
                    row.version,
                    since,
                    ", ".join(row.contacts) or "–",
                )
            ]
            for item in items:
                item.setToolTip(item.text())  # the whole text where a column cuts it
            self.model.appendRow(items)
        # Greek headers and local dates run long; the last column takes the rest.
        for column in range(self.model.columnCount() - 1):
            self.view.resizeColumnToContents(column)
        self.status.setText(self.tr("%n waiting", "", len(rows)))
        self.open_button.setEnabled(bool(rows))

    def _resume(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and index.row() < len(self._rows):
            row = self._rows[index.row()]
            self.resume_requested.emit(row.product, row.version, row.customer)
