"""Building blocks every administration section uses: a filterable, sortable list; a
form with an inline problem line; a section base that runs service calls off the GUI
thread and shows refusals where the user is looking."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import describe
from ui.admin.records import Column, RecordFilter, RecordModel, RecordRole
from ui.app_context import AppContext

R = TypeVar("R")
T = TypeVar("T")
W = TypeVar("W", bound=QWidget)
BUTTONS_PER_ROW = 3


class RecordList(QWidget, Generic[R]):
    """A filter box over a sortable table of records; emits the record chosen."""

    chosen = Signal(object)  # the selected record, or None

    def __init__(
        self,
        name: str,
        columns: Sequence[Column[R]],
        key: Callable[[R], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key  # what identifies a record across reloads
        self.model: RecordModel[R] = RecordModel(columns, self)
        self.proxy = RecordFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter {0}…").format(name.lower()))
        self.filter.setAccessibleName(self.tr("Filter {0}").format(name.lower()))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName(name)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumWidth(180)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)  # fixed row heights
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._emit())
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_records(self, records: Sequence[R], keep: Callable[[R], bool] | None = None) -> None:
        """Show ``records``; select the first one ``keep`` accepts (default: the one that
        was selected before, by key)."""
        before = self.current()
        was = self.key(before) if before is not None else None
        self.model.set_records(records)
        wanted = keep or (lambda r: was is not None and self.key(r) == was)
        for row in range(self.proxy.rowCount()):
            if wanted(self.proxy.index(row, 0).data(RecordRole)):
                self.select_row(row)
                break
        self._emit()

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select(self, match: Callable[[R], bool]) -> bool:
        for row in range(self.proxy.rowCount()):
            if match(self.proxy.index(row, 0).data(RecordRole)):
                self.select_row(row)
                return True
        return False

    def current(self) -> R | None:
        index = self.table.currentIndex()
        record: R | None = index.data(RecordRole) if index.isValid() else None
        return record

    def _emit(self) -> None:
        self.chosen.emit(self.current())

    def _count(self, *_: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = str(total) if shown == total else self.tr("{0} of {1}").format(shown, total)
        self.count.setText(text)


class Form(QGroupBox):
    """Labelled fields, a row of buttons and a line that says what is wrong."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Buttons three to a row, right-aligned, so a form stays narrow at 1024×700.
        self.buttons = QGridLayout()
        self.buttons.setColumnStretch(0, 1)
        self._button_count = 0
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Problem"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # user input may be echoed
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        layout.addStretch(1)

    def row(self, label: str, widget: W) -> W:
        widget.setAccessibleName(label.replace("&", ""))
        self.form.addRow(label, widget)
        return widget

    def button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        row, column = divmod(self._button_count, BUTTONS_PER_ROW)
        self.buttons.addWidget(button, row, column + 1)
        self._button_count += 1
        return button

    def problem(self, text: str) -> None:
        """Say what is wrong (an empty text clears the line)."""
        self.message.setProperty("role", "error" if text else "muted")
        self.message.setText(text)
        self._repolish()

    def done(self, text: str) -> None:
        self.message.setProperty("role", "muted")
        self.message.setText(text)
        self._repolish()

    def _repolish(self) -> None:
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def mark(widget: QLineEdit, problem: str) -> str:
    """Show a field as invalid (red border) while ``problem`` is not empty."""
    widget.setProperty("invalid", bool(problem))
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return problem


class Section(QWidget):
    """One page of the Administration window."""

    title = ""
    icon_name = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.actor = ctx.actor

    def load(self) -> None:
        """(Re)read everything this section shows."""

    def call(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        form: Form | None = None,
        *,
        label: str = "",
    ) -> None:
        """Run ``fn`` in the background; a refusal is shown on ``form`` (or the window)."""

        def failed(exc: Exception) -> None:
            text = describe(exc, sentence=True)
            if form is not None:
                form.problem(text)
            else:
                self.ctx.runner.failed.emit(text)

        self.ctx.runner.submit(fn, on_done, failed, label=label or self.title)

    def reload(
        self,
        records: RecordList[Any],
        fetch: Callable[[], Sequence[Any]],
        *,
        keep: Callable[[Any], bool] | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Re-read a list, select ``keep``'s record, then ``then()`` (e.g. say what was
        done: only once the list shows it, so the next click acts on what is seen)."""

        def show(rows: Sequence[Any]) -> None:
            records.set_records(rows, keep)
            if then is not None:
                then()

        self.call(fetch, show)


def text_of(value: Any) -> str:
    return "" if value is None else str(value)
