"""The queue: the filter bar (queue_filter_bar) over the ticket table (paged in SQL by the
model).

Fixed row height and fixed column widths: nothing is ever resized to contents over
the whole table.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import status_label
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.roles import Role
from app.domain.tickets import Status
from ui.app_context import AppContext
from ui.domain_labels import label
from ui.i18n import translate
from ui.models.queue_format import span
from ui.models.queue_model import QueueModel
from ui.views.queue_filter_bar import QueueFilterBar
from ui.views.queue_sla_delegate import SlaDelegate

ROW_HEIGHT = 30
COLUMN_WIDTHS = {
    QueueColumn.NUMBER: 96,
    # "Priority" and its sort indicator (the default sort) need 91 px; at 64 the arrow
    # sat on the word's last letter. Status and customer gave the 27 px ("Waiting on
    # customer", the widest status, is 124 px of text), so a 1024 px desk keeps them.
    QueueColumn.PRIORITY: 91,
    QueueColumn.STATUS: 134,
    QueueColumn.SUBJECT: 340,
    QueueColumn.CUSTOMER: 139,
    QueueColumn.ASSIGNEE: 90,
    QueueColumn.SLA_DUE: 110,
    QueueColumn.UPDATED: 130,
}
# Columns whose words the language sets share these columns' pixels by what the words
# need (worded_widths); the rest of the table keeps its widths whatever the language.
WORDED = (QueueColumn.PRIORITY, QueueColumn.STATUS, QueueColumn.SLA_DUE)
# On a narrow window (1024 px) these columns step aside, widest-first, so the subject
# keeps room and the queue never scrolls sideways; they come back when there is room.
OPTIONAL_COLUMNS = (QueueColumn.UPDATED, QueueColumn.ASSIGNEE, QueueColumn.CUSTOMER)
# 214: a Greek desk at 1024 px keeps the customer column with the SLA's words whole.
SUBJECT_MIN = 214


def follow_viewport(table: QTableView, model: QueueModel) -> None:
    """Tell the model which rows show whenever the table scrolls, resizes or grows, so it
    fetches those first and reads ahead around them (a million positions, issue 19); and
    stay with the ticket at the top when a refresh moves it."""

    def report() -> None:
        rows = model.rowCount()
        if rows:
            last = table.rowAt(table.viewport().height() - 1)
            model.viewing(max(0, table.rowAt(0)), last if last >= 0 else rows - 1)

    def keep_place(row: int) -> None:
        """A refresh moved the ticket at the top to ``row``: stay with it."""
        table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    bar = table.verticalScrollBar()
    bar.valueChanged.connect(report)
    bar.rangeChanged.connect(report)
    model.place_moved.connect(keep_place)


def worded_widths(table: QTableView) -> dict[QueueColumn, int]:
    """COLUMN_WIDTHS, with priority, status and SLA sharing their pixels by what their
    words need in this language and font, measured once (never over the rows): each at
    least its header with the sort arrow, the statuses and an overdue SLA whole. Greek
    statuses are shorter, its "καθυστέρηση 5ημ 23ώ" longer (137 px of text: elided at
    110). What is left goes to the SLA."""
    columns = list(QueueColumn)
    metrics, style, header = table.fontMetrics(), table.style(), table.horizontalHeader()
    # As QStyledItemDelegate insets a cell's text (a margin each side).
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    late = translate("QueueCells", "overdue {span}").format(span=span(timedelta(days=9, hours=23)))
    words = {
        QueueColumn.PRIORITY: 0,
        QueueColumn.STATUS: max(metrics.horizontalAdvance(label(status_label(s))) for s in Status),
        QueueColumn.SLA_DUE: metrics.horizontalAdvance(late),
    }
    need = {c: max(words[c] + margin, header.sectionSizeHint(columns.index(c))) for c in WORDED}
    room = sum(COLUMN_WIDTHS[c] for c in WORDED) - need[QueueColumn.PRIORITY]
    room -= need[QueueColumn.STATUS]
    need[QueueColumn.SLA_DUE] = max(need[QueueColumn.SLA_DUE], room)
    return {**COLUMN_WIDTHS, **need}


class QueueView(QFrame):
    ticket_selected = Signal(object)  # ticket number or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.ctx = ctx
        self.filter = QueueFilter()
        self.model = QueueModel(ctx.services, ctx.actor, ctx.runner, self)
        self._restore_sort()
        self.filter_bar = QueueFilterBar()
        self.filter_bar.edited.connect(self._filters_changed)
        # The bar's widgets by the names the panes, stories and benchmarks drive them by.
        bar = self.filter_bar
        self.search, self.clear_button, self.total = bar.search, bar.clear_button, bar.total
        self.status, self.priority, self.customer = bar.status, bar.priority, bar.customer
        self.assignee, self.product = bar.assignee, bar.product
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        self.model.total_changed.connect(self._show_total)
        self._load_choices()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(translate("QueueView", "Ticket queue"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        many = self.ctx.actor.role in (Role.MANAGER, Role.ADMIN)
        table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if many
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        table.horizontalHeader().setSortIndicator(
            list(QueueColumn).index(self.model.sort_order.column),
            Qt.SortOrder.DescendingOrder
            if self.model.sort_order.descending
            else Qt.SortOrder.AscendingOrder,
        )
        table.setSortingEnabled(True)
        table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.widths = worded_widths(table)
        for i, column in enumerate(QueueColumn):
            table.setColumnWidth(i, self.widths[column])
        header.setSectionResizeMode(
            list(QueueColumn).index(QueueColumn.SUBJECT), QHeaderView.ResizeMode.Stretch
        )
        sla = list(QueueColumn).index(QueueColumn.SLA_DUE)
        table.setItemDelegateForColumn(sla, SlaDelegate(self.model, table))
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        follow_viewport(table, self.model)
        return table

    def _show_total(self, count: int) -> None:
        """The exact count; "1,000+" only while the exact one is still being counted."""
        more = "+" if self.model.total_capped else ""
        self.total.setText(self.tr("%1 tickets").replace("%1", f"{count:,}{more}"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        columns = list(QueueColumn)
        room = self.table.viewport().width() or self.width()
        shown = [c for c in columns if c != QueueColumn.SUBJECT]
        needed = SUBJECT_MIN + sum(self.widths[c] for c in shown)
        for column in OPTIONAL_COLUMNS:
            hide = needed > room
            self.table.setColumnHidden(columns.index(column), hide)
            if hide:
                needed -= self.widths[column]

    def _load_choices(self) -> None:
        svc, actor = self.ctx.services, self.ctx.actor

        def load() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
            customers = [(c.name, c.code) for c in svc.customers.list_customers(actor)]
            products = [(p.name, p.code) for p in svc.customers.list_products(actor)]
            users = [
                (u.full_name or u.username, u.username)
                for u in svc.users.list_users(actor)
                if u.active and u.role == Role.ENGINEER
            ]
            return customers, products, users

        # Behind the first page (``later``): 2,000 customers at 1M, and a worker running
        # Python beside the first paint stalled it (ui.tasks says why).
        self.ctx.runner.submit(
            load,
            lambda choices: self.filter_bar.fill_choices(*choices),
            lambda _e: None,
            label="filters",
            later=True,
        )

    # -- filtering -------------------------------------------------------------------------

    def set_view(self, view: SavedView) -> None:
        """A sidebar view starts unfiltered: its count and its list then agree."""
        self.filter_bar.clear()
        self.filter = QueueFilter(view=view)
        self.model.set_filter(self.filter)
        self.clear_button.hide()

    def apply_search(self, flt: QueueFilter, sort: QueueSort) -> None:
        """Show a saved search: its view, search, filters and sort (the sidebar's hook)."""
        self.filter_bar.show_filter(flt)
        self.filter = flt
        self.filter_bar.set_clearable(flt != QueueFilter(view=flt.view))
        self.table.horizontalHeader().setSortIndicator(
            list(QueueColumn).index(sort.column),
            Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
        )  # the header's signal sets and remembers the model's sort
        self.model.set_sort(sort)
        self.model.set_filter(flt)

    # -- sort order, remembered between sessions -------------------------------------------

    def _restore_sort(self) -> None:
        saved = str(self.ctx.settings.value("queue/sort", ""))
        name, _, direction = saved.partition(":")
        if name in {c.value for c in QueueColumn}:
            self.model.set_sort(QueueSort(QueueColumn(name), direction == "desc"))

    def _keep_sort(self, column: int, order: Qt.SortOrder) -> None:
        sort = QueueSort(list(QueueColumn)[column], order == Qt.SortOrder.DescendingOrder)
        self.ctx.settings.setValue(
            "queue/sort", f"{sort.column.value}:{'desc' if sort.descending else 'asc'}"
        )

    def _filters_changed(self) -> None:
        self.filter = self.filter_bar.read(self.filter)
        self.filter_bar.set_clearable(self.filter != QueueFilter(view=self.filter.view))
        self.model.set_filter(self.filter)

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    # -- selection -------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # A refresh that drops the row (e.g. the ticket just closed) keeps it on screen.
        number = self.model.number_at(current.row()) if current.isValid() else None
        if number is not None:
            self.ticket_selected.emit(number)

    def current_number(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.number_at(index.row()) if index.isValid() else None

    def selected_numbers(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [n for n in (self.model.number_at(r) for r in rows) if n]

    def select_number(self, number: str) -> bool:
        row = self.model.row_of(number)
        if row is None:
            return False
        self._select_row(row)
        return True

    def step_selection(self, step: int) -> None:
        """Next (+1) / previous (-1) ticket, fetching more rows at the end if needed."""
        row = self.table.currentIndex().row() + step if self.table.currentIndex().isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if 0 <= row < self.model.rowCount():
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def refresh(self) -> None:
        self.model.refresh()
