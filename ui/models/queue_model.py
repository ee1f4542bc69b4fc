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
(``queue_merge.adopt``).
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
    Signal,
)
from PySide6.QtGui import QBrush

from app.bootstrap import Services
from app.domain.errors import describe
from app.domain.queue import QueueColumn, QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.queue import COUNT_CAP, IDS_LIMIT_MAX, QueueKey, QueuePage, QueueRow
from ui.domain_labels import label
from ui.models import queue_format as fmt
from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_fetch import RowFetcher
from ui.models.queue_merge import adopt, merge
from ui.models.queue_stream import Chunk, Foreground, IdStream
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
REFRESH_MAX = 1000  # a refresh reloads at most this many rows; the rest page in again
FIRST_ID_CHUNK = 5_000  # then doubled per chunk, up to IDS_LIMIT_MAX
TIME_LEFT_EVERY_MS = 30_000  # the SLA column's "2h 05m left" is re-read this often


class QueueModel(QAbstractTableModel):
    SortKeyRole = SORT_KEY_ROLE
    TicketIdRole = TICKET_ID_ROLE
    RowRole = ROW_ROLE  # the whole QueueRow

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    load_failed = Signal(str)
    # The first page of a new filter/sort (or a refresh) is in place.
    reloaded = Signal()
    # Every position of the view is known (the scroll bar has its final length).
    streamed = Signal()
    # A refresh moved the view's place: the row to show at the top (the same ticket).
    place_moved = Signal(int)

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
        self._now = now or services.ctx.clock.now
        self._ids = RowIds()
        self._id_array = self._ids.array  # the same array, always (RowIds keeps it)
        self._cache = RowCache(page_size, max(cache_max, page_size))
        self._rows = self._cache.rows  # the same dict, one attribute hop less in data()
        self._sla = SlaBrushes()
        self._generation = 0
        self._loads = 0
        self._foreground = Foreground()
        self._fetcher = RowFetcher(
            self,
            services,
            actor,
            runner,
            ids=self._ids,
            cache=self._cache,
            now=self._now,
            foreground=self._foreground,
        )
        # The id stream has its own worker: a chunk of 100,000 ids (~1 s at 1M) must not
        # hold up the next input's first page, nor light the busy spinner.
        self._stream = IdStream(services, actor, self._foreground)
        self._restream: RowIds | None = None  # a refresh's new order, on its way
        self._again = False  # refreshed again meanwhile: once more when it lands
        self._total = -1
        self.total_capped = False  # the total is a lower bound ("1,000+"); exact soon
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

    def refresh(self) -> None:
        """Reload what is shown, keeping selection and current row by ticket id — and the
        place: a view scrolled below the rows a refresh reloads gets the view's whole new
        order instead, applied when complete (meanwhile its rows' contents refresh)."""
        view = self._fetcher.view
        if view is not None and view[1] >= self._head() and len(self._ids) > self._head():
            self._refresh_in_place()
        else:
            self._reload(reset=False)

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
        return entry[slot][index.column()]  # type: ignore[index]  # slot < ROW: cells

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

    # -- loading -----------------------------------------------------------------------------

    def _cooked(self, page: QueuePage) -> tuple[list[fmt.Entry], QueueKey | None]:
        """Worker thread: the page's cells, formatted once, before the GUI sees them."""
        return fmt.cook_all(page.rows, self._now()), page.next_key

    def _head(self) -> int:
        """How many rows a refresh reloads from the top."""
        return max(self._page_size, min(len(self._ids), REFRESH_MAX))

    def _reload(self, *, reset: bool) -> None:
        self._generation += 1
        gen, flt, sort = self._generation, self._filter, self._sort
        want = self._page_size if reset else self._head()
        self._stream.stop()  # the old order's ids stop at their next step
        self._restream, self._again = None, False
        self._start_loading()
        self._foreground.begin()

        def load() -> tuple[list[fmt.Entry], QueueKey | None] | None:
            if gen != self._generation:
                return None  # typed on: a newer input's page is queued behind this one
            return self._cooked(self._services.queue.page(self._actor, flt, sort, None, want))

        self._runner.submit(
            load,
            lambda got: self._on_first(gen, got, reset=reset),
            lambda exc: self._on_failed(gen, exc),
            label="queue: first page",
        )

    def _count(self, gen: int, flt: QueueFilter, cap: int | None) -> None:
        """Count fast with a cap first ("1,000+"), then exactly when the cap was hit, so
        the header never says 1,000 where the dashboard says 3,041."""

        def load() -> int:
            if gen != self._generation:
                return -1  # moved on before it started: not worth a query
            return self._services.queue.count(self._actor, flt, cap=cap)

        self._runner.submit(
            load,
            lambda n: self._on_count(gen, n, flt if cap is not None and n >= cap else None),
            # The page load reports the same failure; one message is enough.
            lambda exc: log.warning("queue count failed: %s", describe(exc)),
            label="queue: count",
        )

    def _on_first(
        self,
        gen: int,
        got: tuple[list[fmt.Entry], QueueKey | None] | None,
        *,
        reset: bool,
    ) -> None:
        self._stop_loading()
        self._foreground.end()
        if gen != self._generation or got is None:
            return  # the user moved on; a newer load is on its way
        entries, next_key = got
        self._fetcher.clear()
        if reset:
            self.beginResetModel()
            self._cache.clear()
            self._ids.replace([e[fmt.ROW].id for e in entries])
            self._cache.put(0, entries)
            self.endResetModel()
        else:
            merge(self, self._ids, self._cache, entries)
            if self._ids:
                last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        self.reloaded.emit()
        if next_key is not None:
            self._stream_ids(gen, next_key, FIRST_ID_CHUNK, start=True)
        # Counted after the first page, not beside it: on two cores (and one GIL) a
        # count running alongside delayed the rows people wait for (issue 19).
        self._count(gen, self._filter, COUNT_CAP)

    def _stream_ids(self, gen: int, after: QueueKey, limit: int, *, start: bool) -> None:
        """The ids of the rest of the view, a chunk at a time, each after the last; the
        next chunk is asked for only once this one is in (``queue_stream``)."""
        go = self._stream.start if start else self._stream.more
        go(
            self._filter,
            self._sort,
            after,
            limit,
            known=self._ids,
            on_chunk=lambda got: self._on_ids(gen, limit, got),
            on_failed=lambda exc: self._on_failed(gen, exc, loading=False),
        )

    def _on_ids(self, gen: int, limit: int, got: Chunk) -> None:
        if gen != self._generation:
            return
        fresh, seen, next_key = got
        if fresh:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._ids.append_fresh(fresh, seen)
            self.endInsertRows()
        if next_key is None:
            self._stream.done()
            self.streamed.emit()
        else:
            self._stream_ids(gen, next_key, min(IDS_LIMIT_MAX, 2 * limit), start=False)

    def _refresh_in_place(self) -> None:
        """Scrolled far down: the shown rows' contents now, the view's new order (every
        id, streamed) applied in one step once complete, the place kept by ticket id."""
        self._fetcher.refetch()
        if self._restream is not None:
            self._again = True  # one is on its way: once more when it lands
            return
        self._restream = RowIds()
        self._restream_chunk(self._generation, self._restream, None, FIRST_ID_CHUNK)

    def _restream_chunk(
        self, gen: int, staging: RowIds, after: QueueKey | None, limit: int
    ) -> None:
        go = self._stream.start if after is None else self._stream.more
        go(
            self._filter,
            self._sort,
            after,
            limit,
            known=staging,
            on_chunk=lambda got: self._on_restream(gen, staging, limit, got),
            on_failed=lambda exc: self._on_restream_failed(gen, exc),
        )

    def _on_restream(self, gen: int, staging: RowIds, limit: int, got: Chunk) -> None:
        if gen != self._generation or staging is not self._restream:
            return
        fresh, seen, next_key = got
        staging.append_fresh(fresh, seen)
        if next_key is not None:
            self._restream_chunk(gen, staging, next_key, min(IDS_LIMIT_MAX, 2 * limit))
            return
        self._stream.done()
        self._restream = None
        view = self._fetcher.view
        self._fetcher.clear()
        top = adopt(self, self._ids, self._cache, staging, view[0] if view else None)
        if top is not None and view is not None and top != view[0]:
            self.place_moved.emit(top)
        self._fetcher.refetch()
        self.reloaded.emit()
        self.streamed.emit()
        self._count(gen, self._filter, COUNT_CAP)
        if self._again:
            self._again = False
            self.refresh()

    def _on_restream_failed(self, gen: int, exc: Exception) -> None:
        self._restream, self._again = None, False
        self._on_failed(gen, exc, loading=False)

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
            self._foreground.end()
        if gen == self._generation:
            self.load_failed.emit(describe(exc))
            self._runner.failed.emit(describe(exc))

    # -- what the row fetcher tells (queue_fetch.Owner) --------------------------------------

    @property
    def generation(self) -> int:
        """Bumped by every reload: answers of an older one are dropped."""
        return self._generation

    def placed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def fetch_failed(self, gen: int, exc: Exception) -> None:
        self._on_failed(gen, exc, loading=False)

    def _start_loading(self) -> None:
        self._loads += 1
        if self._loads == 1:
            self.loading_changed.emit(True)

    def _stop_loading(self) -> None:
        self._loads = max(0, self._loads - 1)
        if self._loads == 0:
            self.loading_changed.emit(False)
