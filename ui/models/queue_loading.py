"""The queue model's loading half (split from ``queue_model``): what an input loads and
in which order, the id stream behind the first page, counts, and a refresh.

* An input (view, sort, filter, search) submits ONE query: the first page (``PAGE_SIZE``
  rows, LIMIT on the fitting index), cooked on the worker; the rows are in the model
  when it lands (``reloaded``). A page whose input was superseded before its worker
  started skips its query (typing, clicking through sorts).
* Then, behind it: the ids of the rest of the view (``queue_stream``: the scroll bar
  grows as they arrive; nothing shown moves) and the count (capped, then exact).
* ``refresh()`` merges the first rows in place (``queue_merge.merge``) — or, with the
  view scrolled below them, re-fetches the shown rows by id at once and streams the
  view's whole new order, applied in one step that keeps the top ticket, the selection
  and the current row (``queue_merge.adopt``; issue 19: a refresh at row 500,000 of
  a million dropped the user back near row 1,000).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Signal

from app.bootstrap import Services
from app.domain.errors import describe
from app.domain.queue import QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.queue import COUNT_CAP, QueueKey, QueuePage
from ui.models import queue_format as fmt
from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_fetch import RowFetcher
from ui.models.queue_merge import adopt, merge
from ui.models.queue_stream import Chunk, Foreground, IdStream, Walk
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)
REFRESH_MAX = 1000  # a refresh reloads at most this many rows; the rest page in again
FIRST_ID_CHUNK = 5_000  # then doubled per chunk, up to IDS_LIMIT_MAX


class QueueLoader(QAbstractTableModel):
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
        parent: Any,
        *,
        flt: QueueFilter,
        sort: QueueSort,
        page_size: int,
        cache_max: int,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._filter = flt
        self._sort = sort
        self._page_size = page_size
        self._now = now
        self._ids = RowIds()
        self._cache = RowCache(page_size, max(cache_max, page_size))
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

    def refresh(self) -> None:
        """Reload what is shown, keeping selection and current row by ticket id — and the
        place: a view scrolled below the rows a refresh reloads gets the view's whole new
        order instead, applied when complete (meanwhile its rows' contents refresh)."""
        view = self._fetcher.view
        if view is not None and view[1] >= self._head() and len(self._ids) > self._head():
            self._refresh_in_place()
        else:
            self._reload(reset=False)

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
                last = self.index(len(self._ids) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        self.reloaded.emit()
        if next_key is not None:
            # The ids of the rest of the view, a chunk at a time (queue_stream).
            walk = Walk(
                self._filter,
                self._sort,
                self._ids,
                on_chunk=lambda got: self._on_ids(gen, got),
                on_failed=lambda exc: self._on_failed(gen, exc, loading=False),
            )
            self._stream.start(walk, next_key, FIRST_ID_CHUNK)
        # Counted after the first page, not beside it: on two cores (and one GIL) a
        # count running alongside delayed the rows people wait for (issue 19).
        self._count(gen, self._filter, COUNT_CAP)

    def _on_ids(self, gen: int, got: Chunk) -> None:
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
            self._stream.more(next_key)

    def _refresh_in_place(self) -> None:
        """Scrolled far down: the shown rows' contents now, the view's new order (every
        id, streamed) applied in one step once complete, the place kept by ticket id."""
        self._fetcher.refetch()
        if self._restream is not None:
            self._again = True  # one is on its way: once more when it lands
            return
        self._restream = staging = RowIds()
        gen = self._generation
        walk = Walk(
            self._filter,
            self._sort,
            staging,
            on_chunk=lambda got: self._on_restream(gen, staging, got),
            on_failed=lambda exc: self._on_restream_failed(gen, exc),
        )
        self._stream.start(walk, None, FIRST_ID_CHUNK)

    def _on_restream(self, gen: int, staging: RowIds, got: Chunk) -> None:
        if gen != self._generation or staging is not self._restream:
            return
        fresh, seen, next_key = got
        staging.append_fresh(fresh, seen)
        if next_key is not None:
            self._stream.more(next_key)
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
    def foreground(self) -> Foreground:
        """What the id stream steps aside for (loads people wait for, the view moving)."""
        return self._foreground

    @property
    def generation(self) -> int:
        """Bumped by every reload: answers of an older one are dropped."""
        return self._generation

    def placed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

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
