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

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect what is left, here, and give collection back to the interpreter."""
        self._timer.stop()
        gc.collect()
        gc.enable()

    def collect_due(self) -> None:
        """The oldest generation whose count passed its threshold, as gc would itself."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
