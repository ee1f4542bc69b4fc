"""Notices other desks' changes and says so on the GUI thread.

SQLite: a thread polls :meth:`ChangeFeed.token` (one tiny query) every interval.
PostgreSQL: a second thread LISTENs for ``NOTIFY supportdesk_changes``; the poll
stays on as a fallback (a dropped connection, a notification lost in a restart).
Bursts of changes are coalesced into one ``changed()`` per ~100 ms.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from app.bootstrap import Services
from app.domain.errors import DomainError

COALESCE_MS = 100
JOIN_TIMEOUT_S = 3.0
RECONNECT_MAX_S = 30.0
log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    changed = Signal()
    # (reachable, message): the poll lost the database / reached it again. While it is
    # lost the poll backs off (1 s, 2 s, 4 s … at most RECONNECT_MAX_S) and keeps trying.
    connection = Signal(bool, str)
    # Internal: raised from the watcher threads, delivered on the GUI thread.
    _poked = Signal()

    def __init__(self, services: Services, parent: Any = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._feed = services.changes
        self._interval_s = interval_ms / 1000
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._last: int | None = None
        # Set once the first token is read / LISTEN is in place: changes from then on
        # are noticed (for tests and diagnostics).
        self.primed = threading.Event()
        self.listening = threading.Event()
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self.changed)
        self._poked.connect(self._on_poked, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._threads = [threading.Thread(target=self._poll, name="supportdesk-poll", daemon=True)]
        if self._feed.supports_listen:
            self._threads.append(
                threading.Thread(target=self._listen, name="supportdesk-listen", daemon=True)
            )
        for thread in self._threads:
            thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave watcher threads behind at quit
            app.aboutToQuit.connect(self.stop, Qt.ConnectionType.UniqueConnection)

    @Slot()
    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(JOIN_TIMEOUT_S)
        self._threads = []
        self.listening.clear()
        self.primed.clear()
        self._last = None
        self._coalesce.stop()

    # -- worker threads ----------------------------------------------------------------------

    def _poll(self) -> None:
        pause: float | None = None  # None while connected; the back-off while not
        while not self._stop.is_set():
            try:
                token = self._feed.token()
            except DomainError as exc:
                log.warning("change poll failed: %s", exc.message)
                if pause is None:
                    self._say_connection(False, exc.message)
                pause = min(RECONNECT_MAX_S, max(1.0, (pause or 0.5) * 2))
            else:
                if pause is not None:
                    pause = None
                    self._say_connection(True, "")
                    self._poke()  # whatever changed meanwhile: refresh
                elif self._last is not None and token != self._last:
                    self._poke()
                self._last = token
                self.primed.set()
            self._stop.wait(self._interval_s if pause is None else pause)

    def _say_connection(self, reachable: bool, message: str) -> None:
        try:
            self.connection.emit(reachable, message)
        except RuntimeError:  # the watcher's Qt object is gone: the app is closing
            self._stop.set()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                self._feed.listen(
                    lambda _payload: self._poke(), self._stop, on_ready=self.listening.set
                )
            except DomainError as exc:
                self.listening.clear()
                log.warning("%s; retrying, polling meanwhile", exc.message)
                self._stop.wait(max(self._interval_s, 1.0))

    def _poke(self) -> None:
        try:
            self._poked.emit()
        except RuntimeError:  # the watcher's Qt object is gone: the app is closing
            self._stop.set()

    # -- GUI thread --------------------------------------------------------------------------

    @Slot()
    def _on_poked(self) -> None:
        if not self._coalesce.isActive():
            self._coalesce.start()
