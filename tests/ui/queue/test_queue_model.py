"""The queue model: first page at once, the ids of the rest behind it, sorts and filters
in SQL, keeps the selection on refresh, bounded row cache — and passes Qt's model
tester. The row cache, the cells and the place kept far down: test_queue_rows.py."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort
from app.domain.roles import Role
from app.services.auth import Actor
from app.services.queue import QueueRow
from tests.support.people import People
from tests.ui.queue.support import (
    ALL,
    SUBJECTS,
    cached_all,
    fetch_all,
    make_model,
    shown,
)
from ui.models import queue_format as fmt
from ui.models.queue_model import COLUMNS, QueueModel
from ui.tasks import TaskRunner


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
def test_with_100k_tickets_the_gui_keeps_turning_in_a_process_of_its_own() -> None:
    """tests/ui/queue/isolated_100k.py, in a fresh pytest process (both engines).

    In a process that had run other Qt tests before it, that test crashed in 1 of 2-4
    runs under load — on this session's tree and on the one before (0a83b36), in CI
    too: Qt fired a timer at a QObject already freed (``QTimerInfoList::activateTimers``
    → ``notifyInternal2``). An open defect of the test process, not found yet
    (docs/decisions.md, session 10); alone it ran clean. Here it still runs on every CI
    run, and a crash fails this test with its output instead of killing a worker."""
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         str(Path(__file__).with_name("isolated_100k.py"))],
        cwd=root, capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert "2 passed" in done.stdout, done.stdout[-3000:]
