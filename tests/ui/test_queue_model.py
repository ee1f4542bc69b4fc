"""The queue model: pages on demand, sorts and filters in SQL, keeps the selection
on refresh, bounded row cache — and passes Qt's model tester."""

from __future__ import annotations

import gc
import itertools
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.roles import Role
from app.services.auth import Actor
from app.services.queue import QueuePage, QueueRow
from tests.support.people import People
from tests.support.queue_data import RARE_WORD, bulk_tickets
from ui.models import queue_format as fmt
from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_model import CACHE_MAX, COLUMNS, PAGE_SIZE, QueueModel
from ui.tasks import TaskRunner
from ui.views.queue_sla_delegate import SlaDelegate

ALL = QueueFilter(view=SavedView.ALL)
LATENCY_S = 1.0  # injected per page in the 100k test (twice the allowed GUI stall)
SUBJECTS = [
    ("Invoices are not sent", "critical"),
    ("Cannot log in", "low"),
    ("Monthly report is empty", "high"),
    ("Printer offline", "medium"),
    ("Backup failed", "high"),
]


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def numbers(services: Services, people: People, clock: FakeClock) -> list[str]:
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
        qtbot.waitUntil(lambda r=r: model.row_data(r) is not None, timeout=5000)


def test_first_page_arrives_then_the_ids_of_the_rest(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    model = QueueModel(services, people.care, runner, flt=ALL, page_size=2)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        pass
    # Most urgent first: the first page's rows, cooked, before anything else.
    assert [model.number_at(r) for r in range(2)] == [numbers[0], numbers[2]]
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        assert model.streaming
    assert inserted.args[1:] == [2, 4]  # first and LAST new row (the -1 of beginInsertRows)
    fetch_all(model, runner)
    assert model.total == model.rowCount() == 5  # the scroll bar is the view's length
    assert model.row_data(4) is None  # known by id only, until a view asks for it
    assert model.data(model.index(4, 0)) == "…"
    cached_all(qtbot, model)
    assert shown(model) == [numbers[i] for i in (0, 2, 4, 3, 1)]
    assert not model.canFetchMore(QModelIndex())  # nothing to page: every position is known
    assert model.data(model.index(0, COLUMNS.index(QueueColumn.PRIORITY))) == "P1"
    assert model.data(model.index(0, 0), QueueModel.TicketIdRole) == model.row_data(0).id  # type: ignore[union-attr]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Subject"


def test_header_click_sorts_in_sql(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=2)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.sort(COLUMNS.index(QueueColumn.SUBJECT), Qt.SortOrder.DescendingOrder)
    assert model.sort_order == QueueSort(QueueColumn.SUBJECT, descending=True)
    assert model.rowCount() == 2  # one page: the sort ran in the database
    fetch_all(model, runner)
    cached_all(qtbot, model)
    subjects = [model.row_data(r).subject for r in range(5)]  # type: ignore[union-attr]
    assert subjects == sorted((s for s, _ in SUBJECTS), reverse=True)


def test_search_and_quick_filters_reload_the_queue(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    model = make_model(qtbot, services, people, runner)
    with qtbot.waitSignal(model.total_changed, timeout=5000) as total:
        model.set_filter(QueueFilter(search="printer"))
    assert total.args == [1]
    assert runner.wait_idle(5000)
    assert shown(model) == [numbers[3]]
    model.set_filter(QueueFilter(priorities=frozenset({2})))
    assert runner.wait_idle(5000)
    assert set(shown(model)) == {numbers[2], numbers[4]}


def test_refresh_keeps_the_selected_ticket_selected(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    model = make_model(qtbot, services, people, runner)
    selection = QItemSelectionModel(model)
    printer = model.row_of(numbers[3])
    assert printer == 3
    selection.setCurrentIndex(
        model.index(printer, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    # Meanwhile: a critical ticket arrives and the backup ticket is cancelled.
    urgent = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Everything is down",
        service_type="first_level_support",
        criticality="critical",
    ).number
    services.tickets.cancel(people.care, numbers[4], "duplicate")
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.refresh()
    assert shown(model) == [numbers[0], urgent, numbers[2], numbers[3], numbers[1]]
    current = selection.currentIndex()
    assert current.row() == model.row_of(numbers[3]) == 3
    assert [model.number_at(i.row()) for i in selection.selectedRows()] == [numbers[3]]


def test_a_failed_load_is_told_in_words_and_stops_the_spinner(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner
) -> None:
    ghost = Actor(user_id=999, username="ghost", role=Role.CARE)
    failures: list[str] = []
    runner.failed.connect(failures.append)
    model = QueueModel(services, ghost, runner)  # results arrive through the event loop
    with qtbot.waitSignal(model.load_failed, timeout=5000) as got:
        pass
    assert not model.loading and model.rowCount() == 0
    assert runner.wait_idle(5000)
    assert got.args == ["user 'ghost' is no longer active."]
    assert failures == got.args  # one message, not one per query


def test_row_cache_is_bounded_and_refills_on_demand(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=2, cache_max=2)
    fetch_all(model, runner)
    cached_all(qtbot, model)  # as a view scrolled down to the last row
    assert model.rowCount() == 5 and model.cached_rows <= 4  # two blocks of two at most
    assert model.row_data(0) is None  # evicted: the far block went
    assert model.data(model.index(0, 0)) == "…"  # placeholder, while it reloads
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == numbers[0], timeout=5000)


def test_the_queue_model_passes_the_qt_model_tester(
    qtbot: QtBot,
    qtmodeltester: object,
    services: Services,
    people: People,
    runner: TaskRunner,
    numbers: list[str],
) -> None:
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=2)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    # The tester keeps watching while the model pages, sorts, filters and refreshes.
    fetch_all(model, runner)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert runner.wait_idle(5000)
    services.tickets.cancel(people.care, numbers[1], "duplicate")
    model.set_filter(QueueFilter())
    fetch_all(model, runner)
    model.refresh()
    assert runner.wait_idle(5000)
    fetch_all(model, runner)  # the id stream (the model's own worker) is in too
    assert model.rowCount() == 4


def test_sla_cells_read_as_time_left_and_colour_by_state() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    row = QueueRow(
        1, "SD-000001", 1, "in_progress", "x", "ACME", "Acme", None,
        now + timedelta(hours=2, minutes=5), "at_risk", now, 3,
    )  # fmt: skip
    assert fmt.time_left(row, now) == "2h 05m left"
    assert fmt.time_left(row, now + timedelta(hours=3)) == "overdue 55m"
    assert fmt.display(row, QueueColumn.ASSIGNEE, now) == "—"
    brush = QueueModel._sla_brush(row, QueueColumn.SLA_DUE, Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().red() == 255
    assert QueueModel._sla_brush(row, QueueColumn.SUBJECT, Qt.ItemDataRole.BackgroundRole) is None


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


# -- the row cache (issue 19): cells cooked once, off the GUI thread; data() only looks up ---


class CookSpy:
    """Counts the formatter's work and where it ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows = 0
        self.formatting = 0
        self.threads: set[threading.Thread] = set()
        real_cook = fmt.cook

        def cook(row: QueueRow, now: datetime) -> fmt.Entry:
            self.rows += 1
            self.threads.add(threading.current_thread())
            return real_cook(row, now)

        def counted(real: Callable[..., Any]) -> Callable[..., Any]:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                self.formatting += 1
                return real(*args, **kwargs)

            return wrapper

        monkeypatch.setattr(fmt, "cook", cook)
        for name in ("display", "tooltip", "sort_value", "time_left", "local_time", "span"):
            monkeypatch.setattr(fmt, name, counted(getattr(fmt, name)))


ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole,
    QueueModel.SortKeyRole,
    QueueModel.RowRole,
    QueueModel.TicketIdRole,
)


def test_cells_are_cooked_once_per_row_off_the_gui_thread_and_data_only_looks_up(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    people: People,
    runner: TaskRunner,
    numbers: list[str],
) -> None:
    spy = CookSpy(monkeypatch)
    model = make_model(qtbot, services, people, runner, flt=ALL)
    assert model.rowCount() == 5
    assert spy.rows == 5  # each row once, when its page arrived
    assert threading.current_thread() not in spy.threads  # on the TaskRunner's worker
    cooked, formatted = spy.rows, spy.formatting
    answers = [
        model.data(model.index(r, c), role) for _ in range(3) for r in range(5)
        for c in range(len(COLUMNS)) for role in ROLES
    ]  # fmt: skip
    assert spy.rows == cooked and spy.formatting == formatted  # lookups only
    assert answers[0] == numbers[0]
    subject = model.index(0, COLUMNS.index(QueueColumn.SUBJECT))
    assert model.data(subject) == SUBJECTS[0][0]
    assert model.data(subject, Qt.ItemDataRole.ToolTipRole) == SUBJECTS[0][0]
    assert model.data(model.index(0, 0), QueueModel.SortKeyRole) == numbers[0]


class CountingModel(QueueModel):
    """Counts data() calls (a subclass: patching a method on a live QObject instance
    leaves shiboken's override lookup pointing at a freed function after the undo)."""

    data_calls = 0

    def data(self, index: Any, role: int = 0) -> Any:
        self.data_calls += 1
        return super().data(index, role)


def test_a_painted_view_gets_the_cached_cells_through_one_call_per_cell(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    people: People,
    runner: TaskRunner,
    numbers: list[str],
) -> None:
    spy = CookSpy(monkeypatch)
    view = QTableView()
    qtbot.addWidget(view)
    model = CountingModel(services, people.care, runner, view, flt=ALL)
    assert runner.wait_idle(5000)
    painted: dict[tuple[int, int], str] = {}

    class Recorder(QStyledItemDelegate):
        def initStyleOption(self, option: Any, index: Any) -> None:  # noqa: N802
            super().initStyleOption(option, index)  # Qt asks the model for its 7 roles
            painted[index.row(), index.column()] = option.text

    view.setModel(model)
    view.setItemDelegate(Recorder(view))
    view.resize(1200, 400)
    formatted = spy.formatting
    model.data_calls = 0
    view.show()
    view.grab()
    assert painted[0, 0] == numbers[0]
    assert painted[0, COLUMNS.index(QueueColumn.PRIORITY)] == "P1"
    assert len(painted) == 5 * len(COLUMNS)
    assert model.data_calls == 0  # the delegate's roles came in one multiData call per cell
    assert spy.formatting == formatted


def sla_model(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, now: datetime
) -> QueueModel:
    """Open work with SLA deadlines hours ahead, in every state (the bulk loader's)."""
    bulk_tickets(services.db.engine, 200, start=now - timedelta(hours=1))
    return make_model(qtbot, services, people, runner, sort=QueueSort(QueueColumn.SLA_DUE))


def test_the_sla_column_keeps_its_colours_through_the_delegate(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, clock: FakeClock
) -> None:
    model = sla_model(qtbot, services, people, runner, clock.now())
    rows = [r for r in range(model.rowCount()) if model.row_data(r).sla_state == "at_risk"]  # type: ignore[union-attr]
    assert rows
    at_risk = model.index(rows[0], fmt.SLA_COLUMN)
    fg, bg = model.sla_brushes(rows[0])
    assert fg is not None and fg == model.data(at_risk, Qt.ItemDataRole.ForegroundRole)
    assert bg is not None and bg == model.data(at_risk, Qt.ItemDataRole.BackgroundRole)
    delegate = SlaDelegate(model)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, at_risk)
    assert option.palette.color(QPalette.ColorRole.Text) == fg.color()  # type: ignore[attr-defined]
    assert option.backgroundBrush == bg  # type: ignore[attr-defined]
    assert option.text == model.data(at_risk) != ""  # type: ignore[attr-defined]
    assert model.sla_brushes(rows[0] + 10_000) == (None, None)


def test_the_minute_timer_rereads_time_left_in_the_cache(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, clock: FakeClock
) -> None:
    model = sla_model(qtbot, services, people, runner, clock.now())
    cell = model.index(0, fmt.SLA_COLUMN)
    before = model.data(cell)
    clock.advance(minutes=7)
    assert model.data(cell) == before  # cooked at arrival: no clock read in data()
    assert model._minute.isActive()  # the model's own timer calls this every 30 s
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model._minute.timeout.emit()
    row = model.row_data(0)
    assert row is not None and model.data(cell) == fmt.time_left(row, clock.now()) != before


def test_row_ids_keep_order_and_membership_in_an_array_and_a_bitmap() -> None:
    ids = RowIds()
    ids.extend([5, 900_001, 17])
    assert len(ids) == 3 and ids[1] == 900_001
    assert 17 in ids and 900_001 in ids and 6 not in ids and 10**9 not in ids
    assert ids.find(17) == 2 and ids.find(6) is None
    assert ids.find(17, {17: 2}) == 2
    ids.delete(0, 2)
    assert ids.tolist() == [17] and 5 not in ids and 900_001 not in ids
    array_before = ids.array
    ids.replace([3, 4])
    assert ids.array is array_before  # the model holds this array for rowCount()
    assert ids.tolist() == [3, 4] and 17 not in ids and 4 in ids


def test_row_cache_evicts_the_blocks_farthest_from_where_rows_arrive() -> None:
    cache = RowCache(block=10, max_rows=30)
    entry: Any = ((), (), (), None)
    for first in range(0, 100, 10):  # scrolling down, a page at a time
        cache.put(first, [entry] * 10)
        assert len(cache) <= 30
    assert sorted({pos // 10 for pos in cache.rows}) == [7, 8, 9]
    cache.put(0, [entry] * 10)  # back to the top (rows paged in again)
    assert cache.get(0) is entry and cache.get(95) is None  # the far end went first
    assert len(cache) <= 30


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


def test_rows_scrolled_away_and_back_come_back_the_same_and_stay_selected(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner
) -> None:
    bulk_tickets(services.db.engine, 1_000)
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=50, cache_max=200)
    fetch_all(model, runner)
    assert model.rowCount() == 1_000  # every position, before any row past the first page
    assert model.cached_rows == 50
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    top = scroll_to(qtbot, view, model, 0)
    top_ids = model.ticket_ids(visible_rows(view))
    selection = view.selectionModel()
    rows = QItemSelectionModel.SelectionFlag.Rows
    selection.select(model.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | rows)
    selection.select(model.index(5, 0), QItemSelectionModel.SelectionFlag.Select | rows)
    selection.setCurrentIndex(model.index(5, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    chosen = model.ticket_ids([3, 5])
    for row in range(0, 1_000, 37):  # down to the end, a view's worth at a time
        scroll_to(qtbot, view, model, row)
        assert model.cached_rows <= 200
    scroll_to(qtbot, view, model, 999)
    assert model.row_data(0) is None and model.row_data(5) is None  # evicted
    assert scroll_to(qtbot, view, model, 0) == top  # back: fetched again by id, same cells
    assert model.ticket_ids(visible_rows(view)) == top_ids
    assert sorted(i.row() for i in selection.selectedRows()) == [3, 5]
    assert selection.currentIndex().row() == 5
    # A refresh after scrolling far keeps the selection and current row by ticket id.
    scroll_to(qtbot, view, model, 800)
    with qtbot.waitSignal(model.reloaded, timeout=10_000):
        model.refresh()
    fetch_all(model, runner)
    assert model.rowCount() == 1_000
    assert model.ticket_ids(sorted(i.row() for i in selection.selectedRows())) == chosen
    assert model.ticket_ids([selection.currentIndex().row()]) == chosen[1:]
    assert model.cached_rows <= 200


def test_the_model_is_freed_by_reference_counting_not_by_the_cycle_collector(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, numbers: list[str]
) -> None:
    """No reference cycle through the model: the cyclic collector may run on a worker
    thread, and a QObject (with its timer) deleted there crashes the GUI thread later."""
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=2)
    fetch_all(model, runner)
    model.data(model.index(4, 0))  # a row fetch, through the fetcher's callbacks
    assert runner.wait_idle(5000)
    gone = weakref.ref(model)
    gc.disable()
    try:
        del model
        assert gone() is None
    finally:
        gc.enable()
