"""Python's cycle collector, run on the GUI thread only.

CPython collects reference cycles on whichever thread allocates past the threshold.
When that is a worker (a ``TaskRunner`` job) and a cycle holds a Qt object, Qt's
destructor runs on the worker: it takes Qt's signal-slot lock, and shiboken then waits
for the GIL, while the GUI thread, holding the GIL, waits in ``QObject::connect`` for
that same lock. CI hung exactly so (py-spy: worker ``gc_collect_main`` →
``QObject::~QObject`` → ``GilState::acquire``; GUI thread ``QMenu::actionEvent`` →
``QObject::connect`` → ``QBasicMutex::lockInternal``); before that, such a collection
freed a model's timer off its thread (a crash). So while the GUI runs, automatic
collection is off and a timer on the GUI thread collects by the same thresholds.

Once the main window is up, what exists then (the imported modules, the services, the
window) lives as long as the session: :meth:`GuiThreadCollector.settle` freezes it, so no
later collection walks it again. Without, the first generation-1 pass after login walked
the login's imports: 150–258 ms of frozen GUI in the 1M desktop drive (issue 19).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500  # cycles are rare here: reference counting frees almost everything


class GuiThreadCollector(QObject):
    """Owns the cycle collector while started; lives on (and collects on) the GUI thread."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._oldest = 2  # the oldest generation collect_due may collect

    def young_only(self) -> None:
        """Until the next settle(): no full (generation-2) pass. While the login dialog
        waits, the services' and the window's imports fill the heap with objects that live
        for the session; a full pass walked them all (90-95 ms of frozen typing in the 1M
        drive). settle() freezes them, after which a full pass walks only what came later."""
        self._oldest = 1

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def settle(self) -> None:
        """Everything alive now is the session's: leave it out of every later collection
        (``gc.freeze`` moves the lists, it walks nothing). Cheap, call after each login."""
        gc.freeze()
        self._oldest = 2

    def release(self) -> None:
        """The session ended (log out): collect what it left, the frozen part included;
        young passes only until the next session's settle() (the login comes again)."""
        gc.unfreeze()
        gc.collect()
        self.young_only()

    def stop(self) -> None:
        """Collect what is left, here, and give collection back to the interpreter."""
        self._timer.stop()
        gc.collect()
        gc.enable()

    def collect_due(self) -> None:
        """The oldest generation whose count passed its threshold, as gc would itself."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        for generation in range(self._oldest, -1, -1):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
