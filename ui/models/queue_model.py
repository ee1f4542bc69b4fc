"""The ticket queue as a Qt table model that never holds the whole table.

It keeps the ordered ticket ids loaded so far plus a bounded cache of their rows.
Pages come from :class:`QueueService` by keyset, through the :class:`TaskRunner`, so
the GUI thread never waits for the database. Sorting and filtering are SQL: a header
click calls :meth:`sort`, which reloads. ``refresh()`` reloads in place and maps
persistent indexes by ticket id, so selection and the current row survive.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from app.bootstrap import Services
from app.domain.errors import describe
from app.domain.queue import QueueColumn, QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.queue import COUNT_CAP, QueueKey, QueuePage, QueueRow
from ui.domain_labels import label
from ui.models import queue_format as fmt
from ui.plain import plain_tip
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)
COLUMNS = list(QueueColumn)
PAGE_SIZE = 100
CACHE_MAX = 2000
REFRESH_MAX = 1000  # a refresh reloads at most this many rows; the rest page in again
MISSING_WINDOW = 60  # rows around an uncached one fetched together

# SLA colours: (foreground, background); translucent backgrounds suit both palettes.
SLA_COLOURS = {
    "on_track": (QColor(46, 125, 50), None),
    "at_risk": (QColor(150, 90, 0), QColor(255, 179, 0, 70)),
    "breached": (QColor(183, 28, 28), QColor(229, 57, 53, 70)),
}
# On a dark base the same hues must be light to stay readable.
SLA_COLOURS_DARK = {
    "on_track": (QColor(129, 199, 132), None),
    "at_risk": (QColor(255, 213, 79), QColor(255, 179, 0, 50)),
    "breached": (QColor(255, 171, 145), QColor(229, 57, 53, 60)),
}


def _dark_palette() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


class QueueModel(QAbstractTableModel):
    SortKeyRole = Qt.ItemDataRole.UserRole + 1
    TicketIdRole = Qt.ItemDataRole.UserRole + 2
    RowRole = Qt.ItemDataRole.UserRole + 3  # the whole QueueRow

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    load_failed = Signal(str)
    # The first page of a new filter/sort (or a refresh) is in place.
    reloaded = Signal()

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
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._filter = flt or QueueFilter()
        self._sort = sort or QueueSort()
        self._page_size = page_size
        self._cache_max = max(cache_max, page_size)
        self._now = now or services.ctx.clock.now
        self._ids: list[int] = []
        self._row_index: dict[int, int] = {}
        self._cache: OrderedDict[int, QueueRow] = OrderedDict()
        self._next_key: QueueKey | None = None
        self._generation = 0
        self._fetching = False
        self._loads = 0
        self._requested: set[int] = set()
        self._total = -1
        self.total_capped = False  # the total is a lower bound ("1,000+"); exact soon
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
    def total(self) -> int:
        """Matching tickets as last counted (capped, see QueueService.count); -1 unknown."""
        return self._total

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

    def refresh(self) -> None:
        """Reload what is shown, keeping selection and current row by ticket id."""
        self._reload(reset=False)

    def number_at(self, row: int) -> str | None:
        data = self.row_data(row)
        return data.number if data else None

    def row_of(self, number: str) -> int | None:
        for ticket_id, row in self._cache.items():
            if row.number == number:
                return self._row_index.get(ticket_id)
        return None

    def row_of_id(self, ticket_id: int) -> int | None:
        return self._row_index.get(ticket_id)

    def row_data(self, row: int) -> QueueRow | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._cache.get(self._ids[row])

    def ticket_ids(self, rows: Iterable[int]) -> list[int]:
        return [self._ids[r] for r in rows if 0 <= r < len(self._ids)]

    def touch_times(self) -> None:
        """Repaint the time-left column (call from a minute timer)."""
        if self._ids:
            col = COLUMNS.index(QueueColumn.SLA_DUE)
            self.dataChanged.emit(self.index(0, col), self.index(len(self._ids) - 1, col))

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        ticket_id = self._ids[index.row()]
        if role == self.TicketIdRole:
            return ticket_id
        row = self._cache.get(ticket_id)
        if row is None:
            self._request_missing(index.row())
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        self._cache.move_to_end(ticket_id)
        return self._cell(row, COLUMNS[index.column()], role)

    def _cell(self, row: QueueRow, column: QueueColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt.display(row, column, self._now())
        if role == Qt.ItemDataRole.ToolTipRole:  # subjects are typed by people: never markup
            return plain_tip(fmt.tooltip(row, column, self._now()))
        if role == self.SortKeyRole:
            return fmt.sort_value(row, column)
        if role == self.RowRole:
            return row
        return self._sla_brush(row, column, role)

    @staticmethod
    def _sla_brush(row: QueueRow, column: QueueColumn, role: int) -> QBrush | None:
        if column != QueueColumn.SLA_DUE or row.sla_state not in SLA_COLOURS:
            return None
        fg, bg = (SLA_COLOURS_DARK if _dark_palette() else SLA_COLOURS)[row.sla_state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(fg)
        if role == Qt.ItemDataRole.BackgroundRole and bg is not None:
            return QBrush(bg)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._next_key is not None and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        gen, flt, sort, after = self._generation, self._filter, self._sort, self._next_key
        self._start_loading()
        self._runner.submit(
            lambda: self._services.queue.page(self._actor, flt, sort, after, self._page_size),
            lambda page: self._on_more(gen, page),
            lambda exc: self._on_failed(gen, exc),
            label="queue: next page",
        )

    # -- loading -----------------------------------------------------------------------------

    def _reload(self, *, reset: bool) -> None:
        self._generation += 1
        gen, flt, sort = self._generation, self._filter, self._sort
        want = self._page_size if reset else max(self._page_size, min(len(self._ids), REFRESH_MAX))
        self._fetching = False
        # No paging on until the new first page is in: the old key belongs to the old order.
        self._next_key = None
        self._start_loading()
        self._runner.submit(
            lambda: self._services.queue.page(self._actor, flt, sort, None, want),
            lambda page: self._on_first(gen, page, reset),
            lambda exc: self._on_failed(gen, exc),
            label="queue: first page",
        )
        self._count(gen, flt, COUNT_CAP)

    def _count(self, gen: int, flt: QueueFilter, cap: int | None) -> None:
        """Count fast with a cap first ("1,000+"), then exactly when the cap was hit, so
        the header never says 1,000 where the dashboard says 3,041."""
        self._runner.submit(
            lambda: self._services.queue.count(self._actor, flt, cap=cap),
            lambda n: self._on_count(gen, n, flt if cap is not None and n >= cap else None),
            # The page load reports the same failure; one message is enough.
            lambda exc: log.warning("queue count failed: %s", describe(exc)),
            label="queue: count",
        )

    def _on_first(self, gen: int, page: QueuePage, reset: bool) -> None:
        self._stop_loading()
        if gen != self._generation:
            return  # the user moved on; a newer load is on its way
        self._requested.clear()
        if reset:
            self.beginResetModel()
            self._ids = []
            self._cache.clear()
            self._remember(page.rows)
            self._ids = [r.id for r in page.rows]
            self._reindex()
            self._next_key = page.next_key
            self.endResetModel()
        else:
            self._merge(page)
        self._fetching = False
        self.reloaded.emit()

    def _on_more(self, gen: int, page: QueuePage) -> None:
        self._stop_loading()
        if gen != self._generation:
            return
        self._fetching = False
        # A ticket that moved between pages may come twice: keep ids unique.
        fresh = [r for r in page.rows if r.id not in self._row_index]
        self._next_key = page.next_key
        if fresh:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._ids.extend(r.id for r in fresh)
            self._reindex(first)
            self._remember(fresh)
            self.endInsertRows()

    def _on_count(self, gen: int, total: int, exact_next: QueueFilter | None = None) -> None:
        if gen != self._generation:
            return
        self.total_capped = exact_next is not None
        if total != self._total or self.total_capped:
            self._total = total
            self.total_changed.emit(total)
        if exact_next is not None:
            self._count(gen, exact_next, None)

    def _on_failed(self, gen: int, exc: Exception, *, loading: bool = True) -> None:
        if loading:
            self._stop_loading()
            if gen == self._generation:
                self._fetching = False
        if gen == self._generation:
            self.load_failed.emit(describe(exc))
            self._runner.failed.emit(describe(exc))

    def _merge(self, page: QueuePage) -> None:
        """Move to the freshly loaded order without a reset (persistent indexes follow ids)."""
        new_ids = [r.id for r in page.rows]
        keep = set(new_ids)
        # 1. rows that left the view, removed in contiguous runs from the bottom
        row = len(self._ids) - 1
        while row >= 0:
            if self._ids[row] in keep:
                row -= 1
                continue
            end = row
            while row >= 0 and self._ids[row] not in keep:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, end)
            del self._ids[row + 1 : end + 1]
            self.endRemoveRows()
        for gone in set(self._row_index) - set(self._ids):
            self._cache.pop(gone, None)
        self._reindex()
        # 2. rows that joined, appended for now
        joined = [i for i in new_ids if i not in self._row_index]
        if joined:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(joined) - 1)
            self._ids.extend(joined)
            self._reindex(first)
            self._remember([r for r in page.rows if r.id in set(joined)])
            self.endInsertRows()
        # 3. then the new order, as a layout change that carries persistent indexes
        if self._ids != new_ids:
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            targets = {ticket_id: pos for pos, ticket_id in enumerate(new_ids)}
            moved = [self.index(targets[self._ids[i.row()]], i.column()) for i in old]
            self._ids = new_ids
            self._reindex()
            self.changePersistentIndexList(old, moved)
            self.layoutChanged.emit()
        self._remember(page.rows)
        self._next_key = page.next_key
        if self._ids:
            last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _request_missing(self, row: int) -> None:
        """Rows evicted from the cache come back in one batch around the one asked for."""
        half = min(MISSING_WINDOW, self._cache_max // 2) // 2
        lo, hi = max(0, row - half), min(len(self._ids), row + half + 1)
        wanted = [i for i in self._ids[lo:hi] if i not in self._cache and i not in self._requested]
        if not wanted:
            return
        self._requested.update(wanted)
        gen = self._generation
        self._runner.submit(
            lambda: self._services.queue.rows(self._actor, wanted),
            lambda rows: self._on_missing(gen, wanted, rows),
            lambda exc: self._on_failed(gen, exc, loading=False),
            label="queue: rows",
        )

    def _on_missing(self, gen: int, wanted: Sequence[int], rows: Sequence[QueueRow]) -> None:
        self._requested.difference_update(wanted)
        if gen != self._generation:
            return
        self._remember([r for r in rows if r.id in self._row_index])
        places = [self._row_index[r.id] for r in rows if r.id in self._row_index]
        if places:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(min(places), 0), self.index(max(places), last))

    def _remember(self, rows: Iterable[QueueRow]) -> None:
        for r in rows:
            self._cache[r.id] = r
            self._cache.move_to_end(r.id)
        while len(self._cache) > self._cache_max:
            self._cache.popitem(last=False)

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._row_index = {ticket_id: pos for pos, ticket_id in enumerate(self._ids)}
        else:
            for pos in range(start, len(self._ids)):
                self._row_index[self._ids[pos]] = pos

    def _start_loading(self) -> None:
        self._loads += 1
        if self._loads == 1:
            self.loading_changed.emit(True)

    def _stop_loading(self) -> None:
        self._loads = max(0, self._loads - 1)
        if self._loads == 0:
            self.loading_changed.emit(False)
