"""The queue model bench's measuring parts (split from ``queue_model_bench``): the event
loop pump, the probe on the input path, a view configured as the queue's, and each
measurement (inputs, page scrolls, repaint, the whole of "All", a refresh far down).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from ui.models import queue_format
from ui.models.queue_model import COLUMNS, QueueModel
from ui.views.queue_sla_delegate import SlaDelegate
from ui.views.queue_view import COLUMN_WIDTHS, ROW_HEIGHT, follow_viewport

RUNS = 5
REPAINTS = 20
ROUNDS = 15  # repaint rounds: each ~0.25 s; more of them, steadier medians
SCROLL_PAGES = 20
STREAMING_FROM = 20_000  # ids known before the scrolls while the stream runs
VIEW_SIZE = (1280, 900)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pump_until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    """Run the event loop until ``done()``. In ``QEventLoop.exec`` the GUI thread sleeps
    with the GIL released, as in the app; a Python loop around processEvents() would
    hold the GIL and starve the worker thread it is waiting for. Events delivered after
    the quit may make ``done()`` false again (a page's arrival submits its count): then
    the loop runs on."""
    deadline = time.perf_counter() + timeout_s

    def stop_when(loop: QEventLoop) -> None:
        if done() or time.perf_counter() > deadline:
            loop.quit()

    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the model did not answer in time")
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda loop=loop: stop_when(loop))
        poll.start()
        loop.exec()
        poll.stop()


def make_view(model: Any) -> QTableView:
    """Configured as ui/views/queue_view.py configures the queue (fixed row height)."""
    view = QTableView()
    view.setModel(model)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    for i, column in enumerate(QueueColumn):
        view.setColumnWidth(i, COLUMN_WIDTHS[column])
    if isinstance(model, QueueModel):
        view.setItemDelegateForColumn(COLUMNS.index(QueueColumn.SLA_DUE), SlaDelegate(model, view))
        follow_viewport(view, model)
    view.resize(*VIEW_SIZE)
    view.show()
    pump_until(view.isVisible)
    QCoreApplication.processEvents()
    return view


class Probe:
    """Times the worker's database call and cooking, and the model's GUI-thread part."""

    def __init__(self, services: Services, model: QueueModel) -> None:
        self.db: list[float] = []
        self.cpu: list[float] = []  # CPU time of the page's worker + cook + GUI parts
        self.cook: list[float] = []
        self.gui: list[float] = []
        self.hop: list[float] = []  # worker done -> GUI thread starts on the rows
        self.entered: list[float] = []  # when the page query was entered (on its worker)
        self._cooked_at = 0.0
        self.reloaded_at = 0.0
        real_page, real_cook, real_first = (
            services.queue.page,
            queue_format.cook_all,
            model._on_first,
        )

        def page(*args: Any, **kwargs: Any) -> Any:
            t, cpu = time.perf_counter(), time.thread_time()
            self.entered.append(t)
            try:
                return real_page(*args, **kwargs)
            finally:
                self.db.append(time.perf_counter() - t)
                self.cpu.append(time.thread_time() - cpu)

        def cook(*args: Any) -> Any:
            t, cpu = time.perf_counter(), time.thread_time()
            try:
                return real_cook(*args)
            finally:
                self._cooked_at = time.perf_counter()
                self.cook.append(self._cooked_at - t)
                self.cpu.append(time.thread_time() - cpu)

        def first(*args: Any, **kwargs: Any) -> None:
            t, cpu = time.perf_counter(), time.thread_time()
            self.hop.append(t - self._cooked_at)
            real_first(*args, **kwargs)
            self.gui.append(time.perf_counter() - t)
            self.cpu.append(time.thread_time() - cpu)

        services.queue.page = page  # type: ignore[method-assign]
        queue_format.cook_all = cook  # type: ignore[assignment]  # a timing wrapper, same call
        model._on_first = first  # type: ignore[method-assign]
        # The GUI thread's part of each id chunk (rows appended: the view's header grows).
        self.chunk_gui: list[float] = []
        real_ids = model._on_ids

        def on_ids(*args: Any, **kwargs: Any) -> None:
            t = time.thread_time()
            real_ids(*args, **kwargs)
            self.chunk_gui.append(time.thread_time() - t)

        model._on_ids = on_ids  # type: ignore[method-assign]
        model.reloaded.connect(self._on_reloaded)

    def _on_reloaded(self) -> None:
        self.reloaded_at = time.perf_counter()

    def clear(self) -> None:
        for got in (self.db, self.cpu, self.cook, self.gui, self.hop, self.entered):
            got.clear()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def time_input(
    model: QueueModel,
    view: QTableView,
    probe: Probe,
    act: Callable[[], None],
    back: Callable[[], None],
) -> dict[str, float]:
    """Median of RUNS: input -> first rows in the model, its parts, then the first paint."""
    totals, dbs, cooks, guis, hops, paints, paint_cpu, cpus = [], [], [], [], [], [], [], []
    waits = []  # input -> its page query starts on a worker (thread wake-up, GIL, queue)
    runner = model._runner
    for _ in range(RUNS):
        back()
        # Counts included (an exact count still running would hold a worker); the id
        # stream of the previous input (the model's own worker) may go on, as it does
        # when people click on.
        pump_until(lambda: not model.loading and runner.pending == 0, timeout_s=600)
        probe.clear()
        probe.reloaded_at = 0.0
        start = time.perf_counter()
        act()
        pump_until(lambda: probe.reloaded_at > 0, timeout_s=600)
        totals.append(probe.reloaded_at - start)
        waits.append(probe.entered[-1] - start if probe.entered else 0.0)
        dbs.append(probe.db[0] if probe.db else 0.0)
        cooks.append(probe.cook[0] if probe.cook else 0.0)
        guis.append(probe.gui[-1] if probe.gui else 0.0)
        hops.append(probe.hop[-1] if probe.hop else 0.0)
        cpus.append(sum(probe.cpu[:3]))  # page, cook, first: this input's path
        t, cpu = time.perf_counter(), time.thread_time()
        view.viewport().repaint()
        paints.append(time.perf_counter() - t)
        paint_cpu.append(time.thread_time() - cpu)
        pump_until(lambda: not model.loading)
    return {
        "input_to_rows_ms": ms(statistics.median(totals)),
        "db_page_ms": ms(statistics.median(dbs)),
        "to_worker_ms": ms(statistics.median(waits)),
        "cook_ms": ms(statistics.median(cooks)),
        "model_gui_ms": ms(statistics.median(guis)),
        "hop_ms": ms(statistics.median(hops)),
        "path_cpu_ms": ms(statistics.median(cpus)),
        "first_paint_ms": ms(statistics.median(paints)),
        "first_paint_cpu_ms": ms(statistics.median(paint_cpu)),
    }


def visible(view: QTableView) -> range:
    top = max(0, view.rowAt(0))
    bottom = view.rowAt(view.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else view.model().rowCount() - 1) + 1)


def rows_in(model: QueueModel, view: QTableView) -> bool:
    return all(model.row_data(r) is not None for r in visible(view))


def show_rows(model: QueueModel, view: QTableView, value: int) -> tuple[float, float, bool]:
    """The scroll bar to ``value``, painted (the paint asks for missing rows by id), the
    rows waited for, painted again: (wall ms, GUI-thread CPU ms, had to wait)."""
    bar = view.verticalScrollBar()
    start, cpu = time.perf_counter(), time.thread_time()
    bar.setValue(value)
    view.viewport().repaint()
    missed = not rows_in(model, view)
    if missed:
        pump_until(lambda: rows_in(model, view))
        view.viewport().repaint()
    return time.perf_counter() - start, time.thread_time() - cpu, missed


def stream_all(model: QueueModel, probe: Probe | None = None) -> dict[str, Any]:
    """Switch to "All" and time the id stream to its end (every position known)."""
    chunks = [0]
    if probe is not None:
        probe.chunk_gui.clear()
    model.rowsInserted.connect(lambda *_: chunks.__setitem__(0, chunks[0] + 1))
    start = time.perf_counter()
    model.set_filter(QueueFilter(view=SavedView.ALL))
    model.set_sort(QueueSort())
    pump_until(lambda: not model.loading and not model.streaming, timeout_s=600)
    gui = sorted(probe.chunk_gui) if probe is not None else [0.0]
    return {
        "rows": model.rowCount(),
        "seconds": round(time.perf_counter() - start, 2),
        "chunks": chunks[0],
        "chunk_gui_cpu_median_ms": ms(statistics.median(gui)) if gui else 0.0,
        "chunk_gui_cpu_max_ms": ms(gui[-1]) if gui else 0.0,
    }


def page_down(
    model: QueueModel, view: QTableView, pages: int
) -> tuple[list[float], list[float], int, list[float]]:
    """``pages`` page scrolls back to back: their wall times (sorted), GUI-thread CPU times,
    how many had to wait for rows, and the wall times (sorted) of those that did not (the
    paint alone: what a stream competes with, without the read-ahead's misses)."""
    bar = view.verticalScrollBar()
    totals, gui_cpu, misses, hits = [], [], 0, []
    for _ in range(pages):
        took, cpu, missed = show_rows(model, view, bar.value() + bar.pageStep())
        totals.append(took)
        gui_cpu.append(cpu)
        misses += missed
        if not missed:
            hits.append(took)
    return sorted(totals), gui_cpu, misses, sorted(hits)


def p90(ordered: list[float]) -> float:
    return ms(ordered[int(len(ordered) * 0.9)]) if ordered else 0.0


def paging_figures(
    totals: list[float], gui_cpu: list[float], misses: int, hits: list[float]
) -> dict[str, Any]:
    """The figures of a run of page scrolls (:func:`page_down`'s sorted seconds)."""
    return {
        "pages": len(totals),
        "misses": misses,
        "page_scroll_ms": ms(statistics.median(totals)),
        "page_scroll_p90_ms": p90(totals),
        "page_scroll_max_ms": ms(totals[-1]),
        "gui_cpu_ms": ms(statistics.median(gui_cpu)),
        "rows_held_median_ms": ms(statistics.median(hits)) if hits else 0.0,
        "rows_held_p90_ms": p90(hits),
    }


def scroll_while_streaming(model: QueueModel, view: QTableView) -> dict[str, Any]:
    """Page scrolls while the id stream of "All" still runs (a fresh load of it, scrolled
    once STREAMING_FROM ids are known): what competes with the stream's steps for the
    GIL, the cores and the database. Whether it still ran at the end is reported: a
    figure measured after it ended would not be this one."""
    model.set_sort(QueueSort())
    model.set_filter(QueueFilter(view=SavedView.UNASSIGNED))  # leave All, so it loads anew
    pump_until(lambda: not model.loading)
    model.set_filter(QueueFilter(view=SavedView.ALL))
    pump_until(lambda: not model.loading)  # the first page is in: its stream has started
    pump_until(lambda: model.rowCount() >= STREAMING_FROM or not model.streaming, timeout_s=600)
    known = model.rowCount()
    show_rows(model, view, ROW_HEIGHT * (known // 4))
    start = time.perf_counter()
    paged = paging_figures(*page_down(model, view, SCROLL_PAGES * 3))
    seconds = time.perf_counter() - start
    return {
        **paged,
        "streaming_at_end": model.streaming,
        "ids_known_before": known,
        "ids_known_after": model.rowCount(),
        "seconds": round(seconds, 2),
    }


def scroll_pages(model: QueueModel, view: QTableView) -> dict[str, Any]:
    """Page after page down from the middle of "All" (every position known), then jumps
    to far places; beside it the same page scroll over a plain QStandardItemModel."""
    bar = view.verticalScrollBar()
    show_rows(model, view, bar.maximum() // 2)
    paged = paging_figures(*page_down(model, view, SCROLL_PAGES * 3))
    jumps = []
    for i in range(SCROLL_PAGES):
        took, _cpu, _missed = show_rows(model, view, (bar.maximum() * (i * 7 % 19)) // 19)
        jumps.append(took)
    plain = plain_copy(model, min(model.rowCount(), 2000))
    plain_view = make_view(plain)
    plain_bar = plain_view.verticalScrollBar()
    floors = []
    for _ in range(SCROLL_PAGES):
        start = time.perf_counter()
        plain_bar.setValue(plain_bar.value() + plain_bar.pageStep())
        QCoreApplication.processEvents()
        plain_view.viewport().repaint()
        floors.append(time.perf_counter() - start)
    plain_view.close()
    return {
        **paged,
        "jump_ms": ms(statistics.median(jumps)),
        "jump_max_ms": ms(max(jumps)),
        "plain_page_scroll_ms": ms(statistics.median(floors)),
    }


def plain_copy(model: QueueModel, rows: int) -> QStandardItemModel:
    plain = QStandardItemModel(rows, len(COLUMNS))
    for r in range(rows):
        for c in range(len(COLUMNS)):
            plain.setItem(r, c, QStandardItem(str(model.data(model.index(r, c)))))
    return plain


def scroll_everything(model: QueueModel, view: QTableView, step: int) -> dict[str, Any]:
    """The whole "All" view, top to bottom, ``step`` rows at a time, each place painted
    and its rows waited for (they come by id; far ones are evicted behind)."""
    model.set_filter(QueueFilter(view=SavedView.ALL))
    model.set_sort(QueueSort())
    pump_until(lambda: not model.loading and not model.streaming, timeout_s=600)
    bar = view.verticalScrollBar()
    before = rss_mb()
    start = time.perf_counter()
    steps = 0
    for value in range(0, bar.maximum() + 1, step * ROW_HEIGHT):
        show_rows(model, view, value)
        steps += 1
    show_rows(model, view, bar.maximum())
    return {
        "rows": model.rowCount(),
        "steps": steps,
        "cached_rows": model.cached_rows,
        "seconds": round(time.perf_counter() - start, 1),
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(rss_mb(), 1),
    }


def refresh_far(model: QueueModel, view: QTableView) -> dict[str, Any]:
    """The "All" view, every position known, the view in its middle; ``refresh()`` as after another
    desk's change: is the same ticket still at the top once the model has settled, and how
    long until the rows on screen are in again."""
    model.set_filter(QueueFilter(view=SavedView.ALL))
    model.set_sort(QueueSort())
    pump_until(lambda: not model.loading and not model.streaming, timeout_s=600)
    bar = view.verticalScrollBar()
    show_rows(model, view, bar.maximum() // 2)
    top = view.rowAt(0)
    ticket = model.ticket_ids([top])
    start = time.perf_counter()
    model.refresh()
    pump_until(lambda: not model.loading and rows_in(model, view), timeout_s=600)
    rows_back = time.perf_counter() - start
    pump_until(lambda: not model.loading and not model.streaming, timeout_s=600)
    settled = time.perf_counter() - start
    pump_until(lambda: rows_in(model, view), timeout_s=600)
    after = view.rowAt(0)
    return {
        "rows": model.rowCount(),
        "top_before": top,
        "top_after": after,
        "same_ticket_at_top": model.ticket_ids([after]) == ticket,
        "rows_on_screen_s": round(rows_back, 3),
        "settled_s": round(settled, 2),
    }
