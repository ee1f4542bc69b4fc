"""The queue model at 100k tickets keeps the GUI thread turning while pages load.

Not collected with the suite (the name does not start with ``test_``): it runs in a
process of its own, started by test_queue_model.py's
``test_with_100k_tickets_the_gui_keeps_turning_in_a_process_of_its_own`` (why there)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, SavedView
from app.services.queue import QueuePage, QueueRow
from tests.support.people import People
from tests.support.queue_data import RARE_WORD, bulk_tickets
from tests.ui.queue.support import LATENCY_S
from ui.models.queue_model import CACHE_MAX, COLUMNS, PAGE_SIZE, QueueModel
from ui.tasks import TaskRunner


@pytest.mark.slow
def test_with_100k_tickets_the_gui_keeps_turning_while_pages_load(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner
) -> None:
    bulk_tickets(services.db.engine, 100_000)
    gui = threading.current_thread()
    page_threads: list[threading.Thread] = []
    real_page, real_rows = services.queue.page, services.queue.rows

    # A slow database (~1 s a page): if any page or row fetch ran on the GUI thread, the
    # heartbeat below would stall for at least that long and the 500 ms limit would fail.
    def page_spy(*args: Any, **kwargs: Any) -> QueuePage:
        page_threads.append(threading.current_thread())
        time.sleep(LATENCY_S)
        return real_page(*args, **kwargs)

    def rows_spy(*args: Any, **kwargs: Any) -> list[QueueRow]:
        page_threads.append(threading.current_thread())
        time.sleep(LATENCY_S)
        return real_rows(*args, **kwargs)

    services.queue.page = page_spy  # type: ignore[method-assign]
    services.queue.rows = rows_spy  # type: ignore[method-assign]
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    started = time.perf_counter()
    ticks_while_loading = 0

    model = QueueModel(services, people.care, runner)
    view = QTableView()  # a real view asks for data, sizes and more rows as people scroll
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    steps: list[Callable[[], None]] = [
        lambda: None,  # the first page of "All open"
        lambda: model.sort(COLUMNS.index(QueueColumn.CUSTOMER), Qt.SortOrder.DescendingOrder),
        lambda: model.sort(COLUMNS.index(QueueColumn.UPDATED), Qt.SortOrder.AscendingOrder),
        lambda: model.set_filter(QueueFilter(view=SavedView.ALL, search=RARE_WORD)),
        lambda: model.set_filter(QueueFilter(view=SavedView.ALL, search="mail")),
        lambda: model.sort(COLUMNS.index(QueueColumn.SUBJECT), Qt.SortOrder.DescendingOrder),
        lambda: model.set_filter(QueueFilter(priorities=frozenset({1}))),
    ]
    for step in steps:
        step()
        # The call returned before its data: the query runs elsewhere, the GUI goes on.
        assert model.loading
        before = len(ticks)
        qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
        ticks_while_loading += len(ticks) - before
        assert model.cached_rows <= CACHE_MAX  # rows near the view, never the whole table
    # A jump far down: the rows come by id (slowly here), the GUI goes on meanwhile.
    qtbot.waitUntil(lambda: not model.streaming, timeout=20_000)
    view.scrollToBottom()
    last = model.rowCount() - 1
    before = len(ticks)
    qtbot.waitUntil(lambda: model.row_data(last) is not None, timeout=20_000)
    ticks_while_loading += len(ticks) - before
    heartbeat.stop()

    assert model.rowCount() > PAGE_SIZE and model.cached_rows <= CACHE_MAX
    assert page_threads and gui not in page_threads
    beats = [started, *ticks]
    longest_gap = max(b - a for a, b in itertools.pairwise(beats))
    assert ticks_while_loading > 0
    assert longest_gap < 0.5, f"the GUI thread stalled for {longest_gap * 1000:.0f} ms"
    print(  # figures for the curious; timings proper live in benchmarks/queue_bench.py
        f"\n{len(ticks)} heartbeats in {time.perf_counter() - started:.2f} s, "
        f"{ticks_while_loading} while loading, longest gap {longest_gap * 1000:.0f} ms"
    )
