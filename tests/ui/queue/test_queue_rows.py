"""The queue model's rows (issue 19): cells cooked once off the GUI thread, one call per
painted cell, the id list and the bounded row cache, rows scrolled away and back, the
place kept by a refresh far down. The id stream: test_queue_stream.py."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Table, update

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.queue import QueueColumn, QueueSort
from app.persistence.orm import Ticket
from app.services.queue import QueueRow
from tests.support.people import People
from tests.support.queue_data import bulk_tickets
from tests.ui.queue.support import (
    ALL,
    SUBJECTS,
    fetch_all,
    following_view,
    make_model,
    scroll_to,
    visible_rows,
)
from ui.models import queue_format as fmt
from ui.models import queue_loading
from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_model import COLUMNS, QueueModel
from ui.tasks import TaskRunner
from ui.views.queue_sla_delegate import SlaDelegate

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
    held = [(r, model.row_data(r)) for r in range(model.rowCount())]  # the first page's
    rows = [r for r, row in held if row is not None and row.sla_state == "at_risk"]
    assert rows
    at_risk = model.index(rows[0], fmt.SLA_COLUMN)
    fg, bg = model.sla_brushes(rows[0])
    assert fg is not None and fg == model.data(at_risk, Qt.ItemDataRole.ForegroundRole)
    assert bg is not None and bg == model.data(at_risk, Qt.ItemDataRole.BackgroundRole)
    delegate = SlaDelegate(model)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, at_risk)
    assert option.palette.color(QPalette.ColorRole.Text) == fg.color()
    assert option.backgroundBrush == bg
    assert option.text == model.data(at_risk) != ""
    assert model.sla_brushes(rows[0] + 10_000) == (None, None)


def test_the_sla_delegate_shares_one_palette_per_state_and_follows_the_view_palette(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner, clock: FakeClock
) -> None:
    """Setting the text brush on each option's palette copied the palette for every
    coloured cell of every paint (issue 19's repaint): cells of one state now share one
    palette, built from the view's, and a new view palette (a theme switch) gets its own."""
    model = sla_model(qtbot, services, people, runner, clock.now())
    held = [(r, model.row_data(r)) for r in range(model.rowCount())]
    rows = [r for r, row in held if row is not None and row.sla_state == "at_risk"]
    assert len(rows) >= 2
    fg, _bg = model.sla_brushes(rows[0])
    assert fg is not None
    table = QTableView()
    qtbot.addWidget(table)
    delegate = SlaDelegate(model, table)

    def painted(row: int) -> QPalette:
        option = QStyleOptionViewItem()
        option.palette = table.palette()  # as the view's paint does
        delegate.initStyleOption(option, model.index(row, fmt.SLA_COLUMN))
        return QPalette(option.palette)  # a copy: the option's own goes with it

    first, second = painted(rows[0]), painted(rows[1])
    assert first.color(QPalette.ColorRole.Text) == fg.color()
    assert first.cacheKey() == second.cacheKey() != table.palette().cacheKey()
    other = QPalette(table.palette())
    other.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.darkBlue)
    table.setPalette(other)  # the view's PaletteChange drops the looks built on the old one
    switched = painted(rows[0])
    assert switched.color(QPalette.ColorRole.Base) == QColor(Qt.GlobalColor.darkBlue)
    assert switched.color(QPalette.ColorRole.Text) == fg.color()


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


# -- a refresh far down keeps the place; the id stream steps aside (issue 19) ------------------


def test_a_refresh_far_down_keeps_the_place_the_selection_and_the_current_ticket(
    qtbot: QtBot,
    services: Services,
    people: People,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Scrolled below the rows a refresh reloads (1,000 at a million; 40 here), a refresh
    used to cut the list back to them and the view jumped to its top. Now the view's new
    order arrives whole and the same ticket stays at the top, selected and current."""
    monkeypatch.setattr(queue_loading, "REFRESH_MAX", 40)
    bulk_tickets(services.db.engine, 300)
    model = make_model(qtbot, services, people, runner, flt=ALL, page_size=20, cache_max=200)
    fetch_all(model, runner)
    view = following_view(qtbot, model)
    scroll_to(qtbot, view, model, 200)
    view.scrollTo(model.index(200, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    scroll_to(qtbot, view, model, 200)
    top = view.rowAt(0)
    assert top > 40
    at_top = model.ticket_ids([top])
    current = model.ticket_ids([top + 3])
    view.selectionModel().setCurrentIndex(
        model.index(top + 3, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    # Meanwhile another desk makes the ten last tickets urgent: they move above the place.
    risen = model.ticket_ids(range(290, 300))
    with services.db.engine.begin() as conn:
        conn.execute(
            update(cast(Table, Ticket.__table__)).where(Ticket.id.in_(risen)).values(priority=1)
        )
    with qtbot.waitSignal(model.reloaded, timeout=10_000):
        model.refresh()
        assert model.ticket_ids([top]) == at_top  # the old order stays until the new is whole
    fetch_all(model, runner)
    assert model.rowCount() == 300
    new_top = view.rowAt(0)
    assert model.ticket_ids([new_top]) == at_top  # the same ticket at the top
    assert new_top == top + 10  # ten rows further down: the risen ones are above it
    assert set(model.ticket_ids(range(top))) >= set(risen)
    row = view.selectionModel().currentIndex().row()
    assert model.ticket_ids([row]) == current
    assert model.ticket_ids([i.row() for i in view.selectionModel().selectedRows()]) == current
    scroll_to(qtbot, view, model, new_top)  # and its rows are in, fetched again by id
    assert model.number_at(row) is not None
