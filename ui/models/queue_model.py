"""The ticket queue as a Qt table model that never holds the whole table.

An input (view, sort, filter, search) shows its first page at once: one LIMIT query
on the fitting index, cooked on the worker, nothing else before it. Behind it the model
learns every position of the view: the ordered ticket ids (8 bytes a row,
``queue_cache.RowIds``), streamed by keyset in growing chunks on a worker of their own
(``queue_stream``; it steps aside while rows people wait for are loading), so the
scroll bar grows to the view's real length and a drag to anywhere finds its rows by id.
Only the rows near the viewport are held, each cooked into display strings, tooltips
and sort keys once, on the worker, when they arrive (``queue_format.cook``); far ones
are evicted and come back by id when scrolled to again (issue 19: a million rows of
"All"). The GUI thread never waits for the database (:class:`TaskRunner`). Sorting and
filtering are SQL: a header click calls :meth:`sort`, which reloads. ``refresh()``
reloads in place and maps persistent indexes by ticket id (``queue_merge``), so
selection and the current row survive; scrolled below the rows a refresh reloads, it
streams the view's new order and applies it in one step that keeps the place
(``queue_merge.adopt``). What loads when: ``queue_loading``; this half answers Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.queue import QueueRow
from ui.domain_labels import label
from ui.models import queue_format as fmt
from ui.models.queue_loading import QueueLoader
from ui.models.queue_style import (
    _SLOTS,
    BACKGROUND,
    DISPLAY,
    FOREGROUND,
    ROW_ROLE,
    SORT_KEY_ROLE,
    TICKET_ID_ROLE,
    SlaBrushes,
    brushes,
    dark_palette,
)
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)
COLUMNS = list(QueueColumn)
PAGE_SIZE = 50  # an input's first page: a screenful and a half, nothing more waited for
CACHE_MAX = 2000
TIME_LEFT_EVERY_MS = 30_000  # the SLA column's "2h 05m left" is re-read this often


class QueueModel(QueueLoader):
    SortKeyRole = SORT_KEY_ROLE
    TicketIdRole = TICKET_ID_ROLE
    RowRole = ROW_ROLE  # the whole QueueRow

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: Any = None,
        *,
        flt: QueueFilter | None = None,
        sort: QueueSort | None = None,
        page_size: int = PAGE_SIZE,
        cache_max: int = CACHE_MAX,
        now: Callable[[], datetime] | None = None,
        autoload: bool = True,
    ) -> None:
        super().__init__(
            services,
            actor,
            runner,
            parent,
            flt=flt or QueueFilter(),
            sort=sort or QueueSort(),
            page_size=page_size,
            cache_max=cache_max,
            now=now or services.ctx.clock.now,
        )
        self._id_array = self._ids.array  # the same array, always (RowIds keeps it)
        self._rows = self._cache.rows  # the same dict, one attribute hop less in data()
        self._sla = SlaBrushes()
        # Cells are cooked once, so "time left" is re-read here, not at every paint.
        self._minute = QTimer(self)
        self._minute.setInterval(TIME_LEFT_EVERY_MS)
        self._minute.timeout.connect(self.touch_times)
        self._minute.start()
        if autoload:
            self._reload(reset=True)

    # -- what the window calls ---------------------------------------------------------------

    @property
    def filter(self) -> QueueFilter:
        return self._filter

    @property
    def sort_order(self) -> QueueSort:
        return self._sort

    @property
    def loading(self) -> bool:
        return self._loads > 0

    @property
    def streaming(self) -> bool:
        """Ids of the view's far rows are still arriving (the scroll bar still grows, or a
        refresh's new order is on its way)."""
        return self._stream.running

    @property
    def total(self) -> int:
        """Matching tickets as last counted (capped, see QueueService.count); -1 unknown."""
        return self._total

    @property
    def cached_rows(self) -> int:
        return len(self._cache)

    def set_filter(self, flt: QueueFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self._reload(reset=True)

    def set_sort(self, sort: QueueSort) -> None:
        if sort != self._sort:
            self._sort = sort
            self._reload(reset=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks: sort in SQL, never in memory."""
        if 0 <= column < len(COLUMNS):
            self.set_sort(QueueSort(COLUMNS[column], order == Qt.SortOrder.DescendingOrder))

    def number_at(self, row: int) -> str | None:
        data = self.row_data(row)
        return data.number if data else None

    def row_of(self, number: str) -> int | None:
        """Row of a ticket shown and cached (the window selects what it can see)."""
        for pos, entry in self._cache.items():
            if entry[fmt.ROW].number == number:
                return pos
        return None

    def row_of_id(self, ticket_id: int) -> int | None:
        return self._ids.find(ticket_id, self._cache.positions_of())

    def viewing(self, first: int, last: int) -> None:
        """The rows a view shows (it scrolled or resized): they are fetched first, by id,
        then the rows around them (``queue_fetch``)."""
        self._fetcher.viewing(first, last)

    def row_data(self, row: int) -> QueueRow | None:
        entry = self._rows.get(row)
        return entry[fmt.ROW] if entry is not None else None

    def ticket_ids(self, rows: Iterable[int]) -> list[int]:
        return [self._ids[r] for r in rows if 0 <= r < len(self._ids)]

    def touch_times(self) -> None:
        """Re-read the time-left column at the current time (the model's own timer)."""
        if self._ids:
            now = self._now()
            self._cache.map((pos, fmt.recook_time_left(e, now)) for pos, e in self._cache.items())
            col = fmt.SLA_COLUMN
            self.dataChanged.emit(self.index(0, col), self.index(len(self._ids) - 1, col))

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        # Called for every painted cell: the array's own len, no Python __len__.
        return 0 if parent.isValid() else len(self._id_array)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label(COLUMNS[section].label)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Lookups only: the cells were cooked when the row's page arrived."""
        slot = _SLOTS.get(role)
        if slot is None:
            if role in (FOREGROUND, BACKGROUND):
                return self._sla_colour(index, role)
            if role == TICKET_ID_ROLE and self._valid(index):
                return self._ids[index.row()]
            return None
        entry = self._rows.get(index.row())
        if entry is None:
            return self._missing(index, role)
        if slot < 0:
            return entry[fmt.ROW]
        return entry[slot][index.column()]  # slot < ROW: cells

    def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData) -> None:  # noqa: N802
        """What the delegate paints a cell with, in ONE call from C++ instead of seven
        data() calls (Font, Alignment, Foreground, CheckState, Decoration, Display,
        Background — QStyledItemDelegate's span): the Python calls were most of what a
        repaint cost beyond a plain QStandardItemModel (issue 19). The SLA colours are
        left to the view's SlaDelegate: a QBrush handed to Qt through a QVariant cost
        ~40 µs a cell while painting, a brush set on the style option next to nothing."""
        # The stubs know neither len() nor indexing on a span; PySide6 supports both.
        cells: Any = span
        entry = self._rows.get(index.row())
        if entry is not None and len(cells) == 7:
            shown = cells[5]
            if shown.role() == DISPLAY:
                shown.setData(entry[0][index.column()])  # 0: fmt.DISPLAY, spelled out: hot
                return
        for wanted in cells:  # any other caller: role by role
            value = self.data(index, wanted.role())
            if value is not None:
                wanted.setData(value)

    def sla_brushes(self, row: int) -> tuple[QBrush | None, QBrush | None]:
        """(text, background) brushes of a row's SLA cell on the current palette."""
        entry = self._rows.get(row)
        if entry is None:
            return None, None
        state = entry[fmt.ROW].sla_state or ""
        brush = self._sla.get()
        return brush[FOREGROUND].get(state), brush[BACKGROUND].get(state)

    def _valid(self, index: Index) -> bool:
        return self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid)

    def _missing(self, index: Index, role: int) -> Any:
        if not self._valid(index):
            return None
        self._fetcher.near(index.row())
        return "…" if role == DISPLAY else None

    def _sla_colour(self, index: Index, role: int) -> QBrush | None:
        if index.column() != fmt.SLA_COLUMN:
            return None
        entry = self._rows.get(index.row())
        if entry is None:
            return None
        return self._sla.get()[role].get(entry[fmt.ROW].sla_state or "")

    @staticmethod
    def _sla_brush(row: QueueRow, column: QueueColumn, role: int) -> QBrush | None:
        """The colour of an SLA cell on the current palette (tests, and the legend)."""
        if column != QueueColumn.SLA_DUE:
            return None
        return brushes(dark_palette()).get(int(role), {}).get(row.sla_state or "")
