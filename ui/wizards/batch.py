"""Apply one service call to many customers off the GUI thread, with progress and cancel.

Each customer is its own transaction (the service call), so cancelling stops between
customers and never leaves one half-done; results say, per customer, what happened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.domain.errors import describe
from ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class BatchResult:
    customer: str
    ok: bool
    message: str


class BatchRun(QObject):
    """``start(customers, step)`` runs ``step(customer)`` for each, in the background."""

    progress = Signal(int, int, str)  # done, total, customer just handled
    finished = Signal(list)  # list[BatchResult], also when cancelled

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._cancel = threading.Event()
        self.running = False

    def start(self, customers: Sequence[str], step: Callable[[str], str]) -> None:
        if self.running:
            raise RuntimeError("a batch is running already")
        self.running = True
        self._cancel.clear()
        todo = list(customers)

        def work() -> list[BatchResult]:
            results: list[BatchResult] = []
            for index, customer in enumerate(todo, start=1):
                if self._cancel.is_set():
                    break
                try:
                    results.append(BatchResult(customer, True, step(customer)))
                except Exception as exc:  # shown per customer; the batch goes on
                    results.append(BatchResult(customer, False, describe(exc)))
                # Emitted from the worker thread: Qt queues it to the GUI thread.
                self.progress.emit(index, len(todo), customer)
            return results

        self._runner.submit(work, self._done, self._failed, label="promotion batch")

    def cancel(self) -> None:
        self._cancel.set()

    def _done(self, results: list[BatchResult]) -> None:
        self.running = False
        self.finished.emit(results)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.finished.emit([BatchResult("-", False, describe(exc))])
