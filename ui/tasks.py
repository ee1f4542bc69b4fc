"""One place that runs database work off the GUI thread.

``submit(fn, on_done, on_error)`` runs ``fn`` on a worker thread and calls back on the
GUI thread (results travel through a queued signal). ``busy_changed(True)`` fires only
once some task has run longer than ~150 ms, so quick work never flickers a spinner.

``submit(..., later=True)`` is for work nobody is waiting for (a filter's choices, the
holidays' rules, the connection's TLS state): such tasks run one at a time, once no other
task has been in flight for ``LATER_AFTER_MS`` (at most ``LATER_AT_MOST_MS`` after they
were asked for). Why: every Python call the GUI thread makes from Qt (each painted cell's
``multiData``, a delegate's ``paint``) must take the GIL back from a worker running
Python, up to the 5 ms switch interval each time; a screenful is hundreds of such calls.
At 1M tickets the first show of "All open" was a 649 ms gap of the GUI thread with
60 ms of its own CPU, while the filters' 2,000 customers and the holidays' modules
loaded on the two workers beside it (the queue's first page is what people wait for).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal, Slot

from app.domain.errors import DomainError, describe

T = TypeVar("T")
BUSY_AFTER_MS = 150
LATER_AFTER_MS = 250  # no task in flight for this long: the screen has had its paint
LATER_AT_MOST_MS = 3000  # a task nobody waits for still runs while people keep scrolling
log = logging.getLogger(__name__)


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    failed = Signal(str)
    # Internal: (callback, argument) pairs delivered from workers to the GUI thread.
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, *, workers: int = 2) -> None:
        super().__init__(parent)
        # Two workers: a slow count never holds up the next page.
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="supportdesk-db")
        self._pending = 0  # every task not yet called back, later ones included
        self._foreground = 0  # tasks someone waits for (the spinner's and the lane's gate)
        self._later: deque[tuple[dict[str, Any], str, float]] = deque()
        self._later_running = False
        self._later_timer = QTimer(self)
        self._later_timer.setSingleShot(True)
        self._later_timer.timeout.connect(self._start_later)
        self._busy = False
        self._closed = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._on_busy_timer)
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: drop queued work, let running work finish
            app.aboutToQuit.connect(self._on_quit)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        *,
        label: str = "",
        later: bool = False,
    ) -> None:
        """Run ``fn`` in the background; exactly one of the callbacks runs afterwards.
        ``later``: nobody waits for it; it runs behind the work people wait for."""
        if self._closed:
            return
        self._pending += 1
        # The callables usually close over a QObject (a model, a dialog). If a worker thread
        # dropped the last reference to one, Qt would delete it on that thread, and its
        # timers, registered with the GUI thread, would fire at freed memory later (seen as
        # a segfault in QTimerInfoList::activateTimers). So the worker never owns them: they
        # live in this box, which the GUI thread empties after the callback (_on_deliver).
        box: dict[str, Any] = {"fn": fn, "on_done": on_done, "on_error": on_error}
        if later:
            self._later.append((box, label, time.monotonic()))
            self._pump_later()
            return
        self._foreground += 1
        self._pump_later()  # the lane waits until this one has called back (or its cap)
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
        self._start(box, label, later=False)

    def _start(self, box: dict[str, Any], label: str, *, later: bool) -> None:
        box["later"] = later

        def work() -> None:
            started = time.perf_counter()
            task = box["fn"]
            try:
                result = task()
            except Exception as exc:
                if not isinstance(exc, DomainError):
                    log.exception("background task %r failed", label or task)
                del task
                # Its frames hold the callable's locals (often the QObject): not ours to free.
                self._emit((self._fail, exc.with_traceback(None), box))
            else:
                del task
                self._emit((self._succeed, result, box))
            log.debug("task %r took %.1f ms", label, (time.perf_counter() - started) * 1000)

        future = self._pool.submit(work)
        # A task cancelled at shutdown never runs ``work``; without this its pending count
        # would never come down and shutdown would wait out its whole timeout.
        future.add_done_callback(partial(self._if_cancelled, later=later))

    # -- the lane of work nobody waits for ----------------------------------------------------

    def _pump_later(self) -> None:
        """Start the lane's timer when it may go on: nothing of it running, something
        queued; it fires once no task has been in flight for LATER_AFTER_MS (or the oldest
        has waited LATER_AT_MOST_MS)."""
        if self._closed or self._later_running or not self._later:
            return
        waited_ms = (time.monotonic() - self._later[0][2]) * 1000
        if self._foreground and waited_ms < LATER_AT_MOST_MS:
            # Woken again by the foreground's last call-back; the cap still holds.
            self._later_timer.start(max(1, int(LATER_AT_MOST_MS - waited_ms)))
            return
        self._later_timer.start(0 if self._foreground else LATER_AFTER_MS)

    def _start_later(self) -> None:
        if self._closed or self._later_running or not self._later:
            return
        box, label, _asked = self._later.popleft()
        self._later_running = True
        self._start(box, label, later=True)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Let events run until every task has called back (tests, shutdown)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self._pending:
                time.sleep(0.002)
        return self._pending == 0

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Finish running tasks, drop queued ones, deliver what is done."""
        self._closed = True
        self._drop_later()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.wait_idle(timeout_ms)

    def _drop_later(self) -> None:
        """Queued work nobody waits for is not started once the session ends."""
        self._later_timer.stop()
        self._pending -= len(self._later)
        self._later.clear()

    def _emit(
        self, item: tuple[Callable[[Any, dict[str, Any]], None], Any, dict[str, Any]]
    ) -> None:
        try:
            self._deliver.emit(item)
        except RuntimeError:  # the runner is gone (application quitting): nobody to tell
            log.debug("task finished after its runner was deleted")

    def _if_cancelled(self, future: Future[None], *, later: bool) -> None:
        if future.cancelled():
            self._emit((self._dropped, None, {"later": later}))

    def _dropped(self, _value: object, _box: dict[str, Any]) -> None:
        """A cancelled task: nothing to call back, only the pending count to settle."""

    @Slot()
    def _on_quit(self) -> None:
        self._closed = True
        self._drop_later()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- GUI thread --------------------------------------------------------------------------

    @Slot(object)
    def _on_deliver(
        self, item: tuple[Callable[[Any, dict[str, Any]], None], Any, dict[str, Any]]
    ) -> None:
        handler, value, box = item
        later = box.get("later", False)
        try:
            handler(value, box)
        finally:
            box.clear()  # the task's callables are released here, on the GUI thread
            self._pending -= 1
            if later:
                self._later_running = False
            else:
                self._foreground -= 1
                if self._foreground == 0:
                    self._busy_timer.stop()
                    if self._busy:
                        self._busy = False
                        self.busy_changed.emit(False)
            self._pump_later()

    def _succeed(self, result: Any, box: dict[str, Any]) -> None:
        on_done = box.get("on_done")
        if on_done is not None and not _receiver_gone(on_done):
            on_done(result)

    def _fail(self, exc: Exception, box: dict[str, Any]) -> None:
        on_error = box.get("on_error")
        if _receiver_gone(on_error):
            return  # its window is closed: nobody to tell (work() logged it if unexpected)
        if on_error is not None:
            on_error(exc)
        else:
            self.failed.emit(describe(exc))

    def _on_busy_timer(self) -> None:
        if self._foreground and not self._busy:
            self._busy = True
            self.busy_changed.emit(True)


def _receiver_gone(callback: Callable[..., Any] | None) -> bool:
    """A method of a Qt object whose C++ side is deleted (its window was closed while the
    task ran): calling it would raise "Internal C++ object already deleted" on the first
    widget it touches, as CI saw with a wizard page's contacts arriving after the wizard
    was gone. Lambdas cannot be checked; they are the caller's to guard."""
    receiver = getattr(callback, "__self__", None)
    return isinstance(receiver, QObject) and not shiboken6.isValid(receiver)
