"""The queue: search box, quick filters and the ticket table (paged in SQL by the model).

Fixed row height and fixed column widths: nothing is ever resized to contents over
the whole table.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import status_label
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.roles import Role
from app.domain.tickets import Status
from ui.app_context import AppContext
from ui.domain_labels import label as core_label
from ui.i18n import translate
from ui.models.queue_model import QueueModel
from ui.theme import icon
from ui.views.queue_sla_delegate import SlaDelegate

ROW_HEIGHT = 30
COLUMN_WIDTHS = {
    QueueColumn.NUMBER: 96,
    QueueColumn.PRIORITY: 64,
    QueueColumn.STATUS: 150,
    QueueColumn.SUBJECT: 340,
    QueueColumn.CUSTOMER: 150,
    QueueColumn.ASSIGNEE: 90,
    QueueColumn.SLA_DUE: 110,
    QueueColumn.UPDATED: 130,
}
SEARCH_DELAY_MS = 250
# On a narrow window (1024 px) these columns step aside, widest-first, so the subject
# keeps room and the queue never scrolls sideways; they come back when there is room.
OPTIONAL_COLUMNS = (QueueColumn.UPDATED, QueueColumn.ASSIGNEE, QueueColumn.CUSTOMER)
SUBJECT_MIN = 220
# The search box's least width beside the filters; below it they move to their own row.
SEARCH_MIN = 240


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


def text_width(combo: QComboBox) -> int:
    """How wide ``combo`` must be to show its current choice unclipped."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    # As QComboBox measures its own items (its sizeHint), so both agree on "fits".
    text = QSize(combo.fontMetrics().boundingRect(combo.currentText()).width(), 0)
    style = combo.style()
    return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width()


def _combo(name: str, first: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, None)
    # As wide as their text when there is room, yet shrinkable on a narrow window.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumWidth(64)
    return combo


class QueueView(QFrame):
    ticket_selected = Signal(object)  # ticket number or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.ctx = ctx
        self.filter = QueueFilter()
        self.model = QueueModel(ctx.services, ctx.actor, ctx.runner, self)
        self._restore_sort()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("QueueView", "Search number, subject, description, customer  (Ctrl+F)")
        )
        self.search.setAccessibleName(translate("QueueView", "Search tickets"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(100)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status = _combo(
            translate("QueueView", "Status filter"), translate("QueueView", "Any status")
        )
        for s in Status:
            self.status.addItem(core_label(status_label(s)), s.value)
        self.priority = _combo(
            translate("QueueView", "Priority filter"), translate("QueueView", "Any priority")
        )
        for p in range(1, 5):
            self.priority.addItem(f"P{p}", p)
        self.customer = _combo(
            translate("QueueView", "Customer filter"), translate("QueueView", "Any customer")
        )
        self.assignee = _combo(
            translate("QueueView", "Assignee filter"), translate("QueueView", "Anyone")
        )
        self.product = _combo(
            translate("QueueView", "Product filter"), translate("QueueView", "Any product")
        )
        # Filters stay visible and can be dropped in one click ("My tickets 22" listing 0
        # because of a search typed in another view was a puzzle).
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.hide()
        self.total = QLabel()
        self.total.setProperty("role", "muted")
        self.total.setAccessibleName(translate("QueueView", "Tickets shown"))
        self.filters = (self.status, self.priority, self.customer, self.assignee, self.product)
        # One row when the filters' texts fit beside the search; else they take a second
        # row of their own (a Greek desk at 1024 px clipped every label: _arrange).
        self._top_row, self._filter_row = QHBoxLayout(), QHBoxLayout()
        self._top_row.addWidget(self.search, 1)
        for w in self.filters:
            self._top_row.addWidget(w)
            w.currentIndexChanged.connect(self._filters_changed)
            w.currentIndexChanged.connect(self._arrange)
        self._top_row.addWidget(self.clear_button)
        self._top_row.addWidget(self.total)
        self.filters_wrapped = False
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 0)
        layout.addLayout(self._top_row)
        layout.addLayout(self._filter_row)  # empty, and so no height, while on one row
        layout.addWidget(self.table, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(self._search_timer.start)
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
        for i, column in enumerate(QueueColumn):
            table.setColumnWidth(i, COLUMN_WIDTHS[column])
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
        self._arrange()
        self._fit_columns()

    def _arrange(self) -> None:
        """The filters beside the search while each shows its whole choice, else below it."""
        spacing = max(self._top_row.spacing(), 0)
        needed = SEARCH_MIN + sum(text_width(w) + spacing for w in self.filters)
        needed += sum(
            w.sizeHint().width() + spacing for w in (self.clear_button, self.total) if w.isVisible()
        )
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        wrap = needed > self.width() - margins.left() - margins.right()
        if wrap == self.filters_wrapped:
            return
        self.filters_wrapped = wrap
        for w in self.filters:
            self._top_row.removeWidget(w)
        if wrap:  # a row of their own, sharing it
            for w in self.filters:
                self._filter_row.addWidget(w, 1)
        else:  # back between the search and the count, as wide as their text
            for i, w in enumerate(self.filters, start=1):
                self._filter_row.removeWidget(w)
                self._top_row.insertWidget(i, w)

    def _fit_columns(self) -> None:
        columns = list(QueueColumn)
        room = self.table.viewport().width() or self.width()
        shown = [c for c in columns if c != QueueColumn.SUBJECT]
        needed = SUBJECT_MIN + sum(COLUMN_WIDTHS[c] for c in shown)
        for column in OPTIONAL_COLUMNS:
            hide = needed > room
            self.table.setColumnHidden(columns.index(column), hide)
            if hide:
                needed -= COLUMN_WIDTHS[column]

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
            load, self._fill_choices, lambda _e: None, label="filters", later=True
        )

    def _fill_choices(
        self, choices: tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]
    ) -> None:
        for combo, items in zip((self.customer, self.product, self.assignee), choices, strict=True):
            combo.blockSignals(True)
            for label, value in items:
                combo.addItem(label, value)
            combo.blockSignals(False)

    # -- filtering -------------------------------------------------------------------------

    def set_view(self, view: SavedView) -> None:
        """A sidebar view starts unfiltered: its count and its list then agree."""
        self._clear_widgets()
        self.filter = QueueFilter(view=view)
        self.model.set_filter(self.filter)
        self.clear_button.hide()

    def apply_search(self, flt: QueueFilter, sort: QueueSort) -> None:
        """Show a saved search: its view, search, filters and sort (the sidebar's hook)."""
        self._clear_widgets()
        widgets = (self.search, self.status, self.priority, self.customer, self.assignee)
        for w in (*widgets, self.product):
            w.blockSignals(True)
        self.search.setText(flt.search)
        picks = (
            (self.status, next(iter(sorted(flt.statuses)), None)),
            (self.priority, next(iter(sorted(flt.priorities)), None)),
            (self.customer, flt.customer),
            (self.assignee, flt.assignee),
            (self.product, flt.product),
        )
        for combo, value in picks:
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        for w in (*widgets, self.product):
            w.blockSignals(False)
        self.filter = flt
        self.clear_button.setVisible(flt != QueueFilter(view=flt.view))
        self._arrange()
        self.table.horizontalHeader().setSortIndicator(
            list(QueueColumn).index(sort.column),
            Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
        )  # the header's signal sets and remembers the model's sort
        self.model.set_sort(sort)
        self.model.set_filter(flt)

    def clear_filters(self) -> None:
        self._clear_widgets()
        self._filters_changed()

    def _clear_widgets(self) -> None:
        self._search_timer.stop()
        widgets = (self.search, self.status, self.priority, self.customer, self.assignee)
        for w in (*widgets, self.product):
            w.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.priority, self.customer, self.assignee, self.product):
            combo.setCurrentIndex(0)
        for w in (*widgets, self.product):
            w.blockSignals(False)

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
        status, priority = self.status.currentData(), self.priority.currentData()
        self.filter = replace(
            self.filter,
            search=self.search.text().strip(),
            statuses=frozenset({status}) if status else frozenset(),
            priorities=frozenset({priority}) if priority else frozenset(),
            customer=self.customer.currentData(),
            assignee=self.assignee.currentData(),
            product=self.product.currentData(),
        )
        self.clear_button.setVisible(self.filter != QueueFilter(view=self.filter.view))
        self._arrange()
        self.model.set_filter(self.filter)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

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
