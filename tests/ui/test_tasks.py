"""The task runner: work off the GUI thread, answers back on it, errors in words."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import Conflict
from ui import tasks
from ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_work_runs_in_the_background_and_answers_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gui = threading.current_thread()
    ran_on: list[threading.Thread] = []
    answered_on: list[tuple[threading.Thread, int]] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    runner.submit(work, lambda n: answered_on.append((threading.current_thread(), n)))
    assert runner.wait_idle(2000)
    assert ran_on and ran_on[0] is not gui
    assert answered_on == [(gui, 42)]


def test_a_refused_action_reaches_on_error_with_its_message(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    errors: list[Exception] = []

    def refuse() -> None:
        raise Conflict("SD-000001 was changed by someone else meanwhile")

    runner.submit(refuse, lambda _: pytest.fail("no result expected"), errors.append)
    assert runner.wait_idle(2000)
    assert [getattr(e, "message", "") for e in errors] == [
        "SD-000001 was changed by someone else meanwhile"
    ]


def test_errors_without_a_handler_become_the_failed_signal(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def refuse() -> None:
        raise Conflict("nothing was saved")

    with qtbot.waitSignal(runner.failed, timeout=2000) as got:
        runner.submit(refuse)
    assert got.args == ["nothing was saved"]

    def crash() -> None:
        raise KeyError("oops")

    with qtbot.waitSignal(runner.failed, timeout=2000) as got:
        runner.submit(crash)
    assert got.args[0].startswith("unexpected error: KeyError")


def test_busy_only_for_slow_work(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[bool] = []
    runner.busy_changed.connect(seen.append)
    runner.submit(lambda: 1)
    assert runner.wait_idle(2000)
    assert seen == []  # quick work never shows the busy indicator

    release = threading.Event()
    with qtbot.waitSignal(runner.busy_changed, timeout=2000) as got:
        runner.submit(lambda: release.wait(5))
    assert got.args == [True] and runner.busy
    with qtbot.waitSignal(runner.busy_changed, timeout=2000) as got:
        release.set()
    assert got.args == [False] and not runner.busy
    assert seen == [True, False]


class _Owned:
    """Records the thread that drops its last reference (where Qt would delete a QObject)."""

    def __init__(self, released_on: list[threading.Thread]) -> None:
        self.released_on = released_on

    def __del__(self) -> None:
        self.released_on.append(threading.current_thread())


@pytest.mark.parametrize("outcome", ["done", "failed"])
def test_what_a_task_closes_over_is_released_on_the_gui_thread(qtbot: QtBot, outcome: str) -> None:
    """A model closed over by a task must not be deleted by the worker: its timers belong to
    the GUI thread (a worker-side delete made a later timer fire at freed memory)."""
    runner = TaskRunner()
    released_on: list[threading.Thread] = []
    owned = _Owned(released_on)

    def work(owned: _Owned = owned) -> int:
        if outcome == "failed":
            raise Conflict(f"refused for {owned!r}")
        return 1

    runner.submit(work, lambda _n: None, lambda _exc: None)
    del owned, work
    # shutdown() joins the worker before it delivers the answer: whatever the worker still
    # held is gone by then, so the last reference is the GUI thread's, or never was.
    runner.shutdown()
    assert released_on == [threading.main_thread()]


class Page(QWidget):
    """A window part whose answer arrives after it was closed and deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.answers: list[object] = []

    def shown(self, value: object) -> None:
        self.answers.append(value)
        self.label.setText(str(value))  # raises once the C++ side is gone

    def refused(self, exc: Exception) -> None:
        self.shown(exc)


@pytest.mark.parametrize("fails", [False, True], ids=["answer", "refusal"])
def test_an_answer_for_a_deleted_window_is_dropped_not_raised(
    qtbot: QtBot, runner: TaskRunner, fails: bool
) -> None:
    """CI: a wizard's contacts arrived after the wizard was deleted and its callback
    raised "Internal C++ object already deleted" in the event loop."""
    release = threading.Event()

    def work() -> int:
        assert release.wait(10)
        if fails:
            raise Conflict("taken meanwhile")
        return 7

    page = Page()
    runner.submit(work, page.shown, page.refused)
    shiboken6.delete(page)  # the window closes while the task runs
    release.set()
    assert runner.wait_idle(5000)  # pytest-qt fails the test on an exception in a slot
    assert page.answers == []
    assert runner.pending == 0


def test_an_answer_for_a_living_window_still_arrives(qtbot: QtBot, runner: TaskRunner) -> None:
    page = Page()
    qtbot.addWidget(page)
    runner.submit(lambda: 7, page.shown)
    assert runner.wait_idle(5000)
    assert page.answers == [7]


def test_work_nobody_waits_for_runs_after_the_work_people_wait_for(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """A ``later`` task waits while any other task is in flight, even with a worker free
    (on one GIL it would slow the GUI thread's paint of what the first task brings)."""
    release = threading.Event()
    order: list[str] = []

    def first_page() -> None:
        release.wait(5)
        order.append("first page")

    runner.submit(first_page)
    runner.submit(lambda: order.append("choices"), later=True)
    qtbot.wait(tasks.LATER_AFTER_MS * 2)  # the second worker was free all along
    assert order == []
    release.set()
    assert runner.wait_idle(5000)
    assert order == ["first page", "choices"]


def test_work_nobody_waits_for_still_runs_while_others_keep_coming(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone scrolling keeps tasks in flight: a ``later`` task goes ahead after
    LATER_AT_MOST_MS regardless (here the first task only ends once it has run)."""
    monkeypatch.setattr(tasks, "LATER_AT_MOST_MS", 50)
    release = threading.Event()
    order: list[str] = []

    def rows() -> None:
        release.wait(5)
        order.append("rows")

    def choices() -> None:
        order.append("choices")
        release.set()

    runner.submit(rows)
    runner.submit(choices, later=True)
    assert runner.wait_idle(5000)
    assert order == ["choices", "rows"]


def test_later_tasks_run_one_at_a_time_and_are_dropped_at_shutdown(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    running: list[int] = []
    most: list[int] = []

    def one() -> None:
        running.append(1)
        most.append(len(running))
        running.pop()

    for _ in range(3):
        runner.submit(one, later=True)
    assert runner.wait_idle(5000)
    assert most == [1, 1, 1]
    never: list[str] = []
    runner.submit(lambda: never.append("ran"), later=True)
    runner.shutdown(1000)
    assert runner.pending == 0 and never == []
