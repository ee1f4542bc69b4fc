"""What the queue model's tests share beside their fixtures (conftest.py): five tickets,
a model, waits for rows and for the id stream."""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.queue import QueueFilter, SavedView
from tests.support.people import People
from ui.models.queue_model import COLUMNS, QueueModel
from ui.tasks import TaskRunner
from ui.views.queue_view import follow_viewport

ALL = QueueFilter(view=SavedView.ALL)
LATENCY_S = 1.0  # injected per page in the 100k test (twice the allowed GUI stall)
SUBJECTS = [
    ("Invoices are not sent", "critical"),
    ("Cannot log in", "low"),
    ("Monthly report is empty", "high"),
    ("Printer offline", "medium"),
    ("Backup failed", "high"),
]


def five_tickets(services: Services, people: People, clock: FakeClock) -> list[str]:
    """The ``numbers`` fixture's body: SUBJECTS opened five minutes apart, their numbers."""
    made = []
    for subject, criticality in SUBJECTS:
        view = services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=subject,
            service_type="first_level_support",
            criticality=criticality,
        )
        made.append(view.number)
        clock.advance(minutes=5)
    return made


def make_model(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, **kw: object
) -> QueueModel:
    model = QueueModel(services, people.care, runner, **kw)  # type: ignore[arg-type]
    assert runner.wait_idle(5000)
    return model


def shown(model: QueueModel) -> list[str | None]:
    return [model.number_at(r) for r in range(model.rowCount())]


def fetch_all(model: QueueModel, runner: TaskRunner) -> None:
    """Until every position of the view is known (the id stream, on the model's own
    worker, is in) and the main runner is idle."""
    deadline = time.monotonic() + 10
    while (model.streaming or runner.pending) and time.monotonic() < deadline:
        QTest.qWait(5)
    assert not model.streaming and runner.wait_idle(5000)


def cached_all(qtbot: QtBot, model: QueueModel) -> None:
    """Ask for every row, as a view scrolling over them would, and wait for them."""
    for r in range(model.rowCount()):
        model.data(model.index(r, 0))
        qtbot.waitUntil(partial(_cached, model, r), timeout=5000)


def _cached(model: QueueModel, row: int) -> bool:
    return model.row_data(row) is not None


def visible_rows(view: QTableView) -> range:
    model = view.model()
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else model.rowCount() - 1) + 1)


def scroll_to(qtbot: QtBot, view: QTableView, model: QueueModel, row: int) -> list[object]:
    """Scroll so ``row`` shows, paint, wait for the visible rows; their cells."""
    view.scrollTo(model.index(row, 0))
    view.viewport().repaint()  # the paint asks for the rows, as on screen
    qtbot.waitUntil(lambda: all(model.row_data(r) is not None for r in visible_rows(view)))
    return [
        model.data(model.index(r, c), role)
        for r in visible_rows(view)
        for c in range(len(COLUMNS))
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]


def following_view(qtbot: QtBot, model: QueueModel) -> QTableView:
    """A shown 900×400 table over ``model`` that reports its viewport to it, as the
    desktop's queue view does (follow_viewport): what the read-ahead and the stream's
    steps listen to."""
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    follow_viewport(view, model)
    view.resize(900, 400)
    view.show()
    return view
