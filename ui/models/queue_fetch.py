"""Rows of the queue by id, for the places the view shows: what is visible first, then
the rows around it, read ahead (issue 19: a million positions, a few thousand rows held).

The model knows every position's ticket id (``RowIds``) and holds cooked rows near the
viewport (``RowCache``). The view tells :meth:`RowFetcher.viewing` which rows it shows
whenever it scrolls or resizes; one request for the viewport is in flight at a time and
its arrival asks again for wherever the view is by then, so a fast drag over a million
rows costs a handful of fetches, not one per place passed. Rows asked for by ``data()``
outside any reported viewport (a view that does not report, a test) come in a window
around the row (:meth:`near`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Protocol

from app.bootstrap import Services
from app.services.auth import Actor
from app.services.queue import PAGE_LIMIT_MAX
from ui.models import queue_format as fmt
from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_stream import Foreground
from ui.tasks import TaskRunner

# Rows around an uncached one fetched together (data() without a reported viewport).
NEAR_WINDOW = 160
# Read ahead around the viewport, in viewports: below (the usual way), and above.
AHEAD_BELOW = 8
AHEAD_ABOVE = 2
# While the next BATCH viewports below (and one above) are held, the read-ahead waits
# until that many viewports are missing and fetches them at once: one small fetch per
# page scrolled could not keep up with paging down (a fetch's latency is several pages'
# paint time; 24 of 60 back-to-back pages waited for rows with one-page fetches).
BATCH = 3


class Owner(Protocol):
    """What the fetcher tells its model (held weakly, see RowFetcher)."""

    @property
    def generation(self) -> int: ...

    def placed(self, first: int, last: int) -> None: ...

    def fetch_failed(self, gen: int, exc: Exception) -> None: ...


class RowFetcher:
    def __init__(
        self,
        owner: Owner,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        *,
        ids: RowIds,
        cache: RowCache,
        now: Callable[[], object],
        foreground: Foreground,
    ) -> None:
        # Weakly: a model <-> fetcher cycle would leave the model to the cyclic collector,
        # which may run on a worker thread and delete the QObject there (its timer then
        # fires at freed memory: the segfault of commit 722fd60, seen again here).
        self._owner = weakref.ref(owner)
        self._services, self._actor, self._runner = services, actor, runner
        self._ids, self._cache, self._now = ids, cache, now
        self._foreground = foreground  # rows people wait for: the id stream steps aside
        self._requested: set[int] = set()  # ticket ids on their way
        self._view: tuple[int, int] | None = None  # first and last visible row
        self._view_busy = False  # a request for the viewport is in flight

    def clear(self) -> None:
        """A new order: nothing on its way belongs to it (late answers are dropped by
        their generation)."""
        self._requested.clear()
        self._view_busy = False

    @property
    def view(self) -> tuple[int, int] | None:
        """The first and last row the view last reported showing."""
        return self._view

    def refetch(self) -> None:
        """Fresh contents for the rows on screen and read ahead around them, held or not
        (a refresh: their status or assignee may have changed); held rows stay shown
        until their fresh ones replace them."""
        if self._view is None or not len(self._ids):
            return
        first, last = self._view
        span = max(1, last - first + 1)
        lo = max(0, first - AHEAD_ABOVE * span)
        hi = min(len(self._ids), last + 1 + AHEAD_BELOW * span, lo + PAGE_LIMIT_MAX)
        wanted = {self._ids[pos]: pos for pos in range(lo, hi)}
        self._requested.update(wanted)
        self._fetch(wanted, for_view=False)

    def viewing(self, first: int, last: int) -> None:
        self._foreground.touch()  # the view moves: the id stream steps aside
        self._view = (first, last)
        if not self._view_busy:
            self._fetch_for_view()

    def near(self, row: int) -> None:
        """``data()`` met an uncached row: it, and a window around it, unless the
        viewport's own request is about to bring it."""
        if self._view_busy and self._in_view(row):
            return
        half = min(NEAR_WINDOW, self._cache.max_rows // 2) // 2
        self._fetch(self._unfetched(row - half, row + half + 1), for_view=False)

    # -- internals -------------------------------------------------------------------------

    def _in_view(self, row: int) -> bool:
        return self._view is not None and self._view[0] <= row <= self._view[1]

    def _fetch_for_view(self) -> None:
        if self._view is None or not len(self._ids):
            return
        first, last = self._view
        span = max(1, last - first + 1)
        wanted = self._unfetched(first, last + 1)  # what is on screen, alone: fastest
        if not wanted:
            wanted = self._unfetched(first - AHEAD_ABOVE * span, last + 1 + AHEAD_BELOW * span)
            plenty = not self._unfetched(first - span, last + 1 + BATCH * span)
            if plenty and len(wanted) < BATCH * span:
                return  # read ahead far enough: wait for a batch's worth
        if wanted:
            self._fetch(wanted, for_view=True)

    def _unfetched(self, lo: int, hi: int) -> dict[int, int]:
        """ticket id -> position of the rows in [lo, hi) neither held nor on their way."""
        ids, rows, requested = self._ids, self._cache.rows, self._requested
        lo, hi = max(0, lo), min(len(ids), hi)
        wanted: dict[int, int] = {}
        for pos in range(lo, hi):
            if pos not in rows:
                ticket_id = ids[pos]
                if ticket_id not in requested:
                    wanted[ticket_id] = pos
                    if len(wanted) == PAGE_LIMIT_MAX:
                        break
        return wanted

    def _fetch(self, wanted: dict[int, int], *, for_view: bool) -> None:
        if not wanted:
            return
        self._requested.update(wanted)
        self._view_busy = self._view_busy or for_view
        self._foreground.begin()
        gen, services, actor, now = self._generation(), self._services, self._actor, self._now
        fetcher = weakref.ref(self)  # the callbacks hold nothing strongly either

        def load() -> list[fmt.Entry]:
            return fmt.cook_all(services.queue.rows(actor, wanted), now())  # type: ignore[arg-type]

        def arrived(entries: list[fmt.Entry]) -> None:
            me = fetcher()
            if me is not None:
                me._arrived(gen, wanted, entries, for_view)

        def lost(exc: Exception) -> None:
            me = fetcher()
            if me is not None:
                me._lost(gen, wanted, exc, for_view)

        self._runner.submit(load, arrived, lost, label="queue: rows")

    def _generation(self) -> int:
        owner = self._owner()
        return -2 if owner is None else owner.generation

    def _arrived(
        self, gen: int, wanted: dict[int, int], entries: Sequence[fmt.Entry], for_view: bool
    ) -> None:
        self._requested.difference_update(wanted)
        self._foreground.end()
        if gen != self._generation():
            return
        if for_view:
            self._view_busy = False
        places = []
        ids = self._ids
        for entry in entries:
            pos = wanted.get(entry[fmt.ROW].id)
            # Positions hold within a generation except after a refresh's merge.
            if pos is not None and pos < len(ids) and ids[pos] == entry[fmt.ROW].id:
                self._cache.set(pos, entry)
                places.append(pos)
        if self._view is not None:
            self._cache.trim(around=(self._view[0] + self._view[1]) // 2)
        elif places:
            self._cache.trim(around=(min(places) + max(places)) // 2)
        owner = self._owner()
        if places and owner is not None:
            owner.placed(min(places), max(places))
        if for_view:
            self._fetch_for_view()  # wherever the view is now; then the rows around it

    def _lost(self, gen: int, wanted: dict[int, int], exc: Exception, for_view: bool) -> None:
        self._requested.difference_update(wanted)
        self._foreground.end()
        if gen == self._generation() and for_view:
            self._view_busy = False
        owner = self._owner()
        if owner is not None:
            owner.fetch_failed(gen, exc)
