"""The ids of a whole view, streamed by keyset on a worker of their own, behind the
work people wait for (issue 19: a million positions, every input's first rows in 16 ms).

The queue model shows an input's first page as soon as it arrives (one LIMIT query on
the fitting index); the ids of everything behind it follow here, so the scroll bar grows
to the view's real length without holding up anything on screen:

* one worker of its own (the shared runner's two stay free for first pages and rows);
* a chunk is read as several keyset queries of ``STEP`` ids; between them the stream
  checks it is still wanted (a new input stops it within one step, not one chunk of
  100,000) and waits while a first page or visible rows are on their way, or the view
  moves (:class:`Foreground`): on two cores and one GIL a running stream made every
  input's own query wait its turn, and every page scroll's paint; when it goes on
  regardless (``YIELD_S``, so it always moves) it takes a short step (``BUSY_STEP``);
* a :class:`Walk` says what is walked and where the ids go: the model's own list (the
  GUI thread appends the fresh ones) or a list of their own (a refresh's new order,
  applied in one step when complete: ``queue_merge.adopt``).
"""

from __future__ import annotations

import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from app.bootstrap import Services
from app.domain.queue import QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.queue import IDS_LIMIT_MAX, QueueKey
from ui.models.queue_cache import RowIds
from ui.tasks import TaskRunner

STEP = 5_000  # ids per query inside a chunk, while nobody is scrolling or waiting
BUSY_STEP = 500  # ids per query when a step goes ahead while the view still moves
QUIET_S = 0.15  # the view must have been still this long before a full step
YIELD_S = 0.25  # the longest a step waits for foreground work (the stream still moves)

# What a chunk's worker hands back: fresh ids, the bitmap with them, the key to go on from.
Chunk = tuple["array[int]", bytearray, QueueKey | None]


class Foreground:
    """What people wait for or are doing, for the stream to step aside from: loads in
    flight (``begin``/``end``, GUI thread) and the view moving (``touch``, GUI thread, on
    every scroll); ``wait`` on the stream's worker.

    Why the view's movement too: a step's Python part (the rows turned into ids, the ids
    marked) holds the GIL for milliseconds, and every painted cell's ``multiData`` call
    needs it back; on PostgreSQL page scrolls while a stream ran took 47 ms at p90
    (16 ms once it was done). A page scroll's own fetch is over before the next scroll,
    so loads in flight alone left the stream running between the pages of a scroll."""

    def __init__(self) -> None:
        self._loads = 0
        self._idle = threading.Event()
        self._idle.set()
        self._moved = -QUIET_S  # time.monotonic() of the last touch

    def begin(self) -> None:
        self._loads += 1
        self._idle.clear()

    def end(self) -> None:
        self._loads = max(0, self._loads - 1)
        if self._loads == 0:
            self._idle.set()

    def touch(self) -> None:
        """The view scrolled (or resized): the stream waits until it has been still."""
        self._moved = time.monotonic()

    @property
    def moved(self) -> float:
        """``time.monotonic()`` of the last :meth:`touch`."""
        return self._moved

    def wait(self, timeout_s: float | None = None) -> bool:
        """Worker: until no load is in flight and the view has been still ``QUIET_S``,
        at most ``timeout_s`` (``YIELD_S``); whether it got there (False: the stream goes
        on anyway, with a small step)."""
        deadline = time.monotonic() + (YIELD_S if timeout_s is None else timeout_s)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self._idle.wait(left):
                return False
            still = time.monotonic() - self._moved
            if still >= QUIET_S:
                return True
            time.sleep(min(QUIET_S - still, max(0.0, deadline - time.monotonic())))


@dataclass(frozen=True, slots=True)
class Walk:
    """What one stream walks and whom it tells: set by ``start``, kept for its chunks."""

    flt: QueueFilter
    sort: QueueSort
    known: RowIds  # the ids held so far: duplicates are left out against its bitmap
    on_chunk: Callable[[Chunk], None]
    on_failed: Callable[[Exception], None]


class IdStream:
    """One stream at a time; ``stop()`` (or a newer ``start``) ends the running one at
    its next step, and its answers are dropped. Chunks grow from the first ``limit``
    (doubled per chunk, up to ``IDS_LIMIT_MAX``); the next is asked for with ``more``
    once the last is in, so a newer input never finds a chunk queued behind it."""

    def __init__(self, services: Services, actor: Actor, foreground: Foreground) -> None:
        self._services, self._actor, self._foreground = services, actor, foreground
        # Not parented to the model: a delivery that drops the model's last reference
        # would delete its children, this runner among them, inside the runner's own
        # slot (41f176d). Held by this object, it outlives that slot.
        self._runner = TaskRunner(None, workers=1)
        self._token = 0
        self._walk: Walk | None = None
        self._limit = 0
        self.running = False

    def stop(self) -> None:
        self._token += 1
        self._walk = None
        self.running = False

    def start(self, walk: Walk, after: QueueKey | None, limit: int) -> None:
        """Stream ``walk``'s ids after ``after``, ``limit`` in the first chunk;
        ``walk.on_chunk`` on the GUI thread with what came (dropped once stopped)."""
        self._token += 1
        self._walk, self._limit = walk, limit
        self.running = True
        self._next(walk, after)

    def more(self, after: QueueKey) -> None:
        """The next chunk of the running stream, twice the last one (up to the cap)."""
        if self._walk is not None:
            self._limit = min(IDS_LIMIT_MAX, 2 * self._limit)
            self._next(self._walk, after)

    def done(self) -> None:
        self._walk = None
        self.running = False

    def _next(self, walk: Walk, after: QueueKey | None) -> None:
        token, queue, actor = self._token, self._services.queue, self._actor
        foreground, limit, known = self._foreground, self._limit, walk.known

        def wanted() -> bool:
            return token == self._token

        def load() -> Chunk | None:
            fresh: array[int] = array("q")
            seen: bytearray | None = None
            key, asked = after, 0
            while asked < limit:
                quiet = foreground.wait()
                if not wanted():
                    return None  # a newer input: stop within one step
                # Going ahead while the view moves: a short turn, not a full step.
                step = min(STEP if quiet else BUSY_STEP, limit - asked)
                chunk, key = queue.ids(actor, walk.flt, walk.sort, key, step)
                asked += step
                # Marked step by step (a Python loop: short turns, between the queries).
                more, seen = known.fresh(chunk, seen)
                fresh.extend(more)
                if key is None or not quiet:
                    # The view moves: what came is handed over now (the scroll bar grows
                    # by short steps while someone pages, not after a whole chunk).
                    break
            if not wanted():
                return None
            if seen is None:
                _, seen = known.fresh(())
            return fresh, seen, key

        def arrived(got: Chunk | None) -> None:
            if got is not None and wanted():
                walk.on_chunk(got)

        def failed(exc: Exception) -> None:
            if wanted():
                self.done()
                walk.on_failed(exc)

        self._runner.submit(load, arrived, failed, label="queue: ids")
