"""Reference cycles are collected on the GUI thread, never on a worker that happens to
allocate past the collector's threshold (ui.gui_collector: a Qt object destroyed on a
worker deadlocked the GUI thread in CI)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from ui.gui_collector import GuiThreadCollector


class Cycle:
    """Refers to itself, so only the cycle collector frees it; says on which thread."""

    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def allocate_on_a_worker() -> None:
    """Enough new containers to pass generation 0's threshold many times over."""

    def work() -> None:
        kept = [[i] for i in range(50 * gc.get_threshold()[0])]
        del kept

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def test_a_cycle_is_freed_on_the_gui_thread_not_on_the_allocating_worker(
    qtbot: QtBot, gui_thread_collector: GuiThreadCollector
) -> None:
    seen: list[str] = []
    Cycle(seen)
    allocate_on_a_worker()
    assert seen == []  # the worker's allocations collected nothing
    gui_thread_collector.collect_due()
    if not seen:  # below every threshold still: the timer would wait; collect now
        gc.collect()
    assert seen == [threading.main_thread().name]


def test_without_it_the_worker_would_collect(qtbot: QtBot) -> None:
    """The case above is real: with automatic collection on, the worker frees the cycle."""
    gc.enable()  # what the interpreter does without the GUI collector
    seen: list[str] = []
    gc.collect()  # generation 0 empty: this thread allocates too little to collect again
    Cycle(seen)
    allocate_on_a_worker()
    assert seen == ["worker"]


def test_what_lives_at_login_is_left_out_of_later_collections_until_log_out(
    qtbot: QtBot, gui_thread_collector: GuiThreadCollector
) -> None:
    """settle() after the main window is shown: later passes walk none of it (the first
    generation-1 pass after login walked the login's imports, 150-258 ms in the 1M drive);
    release() at log out gives it back and frees the session's cycles."""
    seen: list[str] = []
    session_object: list[int] = [1]
    Cycle(seen)  # a cycle of the session that ends with it
    gui_thread_collector.settle()
    try:
        assert gc.get_freeze_count() > 0
        assert not any(o is session_object for o in gc.get_objects())
        gc.collect()
        assert seen == []  # frozen: not even a full collection looks at it
    finally:
        gui_thread_collector.release()
    assert gc.get_freeze_count() == 0
    assert any(o is session_object for o in gc.get_objects())
    assert seen == [threading.current_thread().name]


def test_young_only_leaves_full_passes_until_settle(
    gui_thread_collector: GuiThreadCollector,
) -> None:
    """While the login dialog waits (young_only), the timer's passes never walk the whole
    heap; settle() freezes what is there and full passes come back."""
    collected: list[int] = []
    held: list[list[list[int]]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    def passes(rounds: int = 60) -> list[int]:
        collected.clear()
        for _ in range(rounds):
            held.append([[] for _ in range(5)])  # kept: their count stays in generation 0
            gui_thread_collector.collect_due()
        return list(collected)

    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # every round passes a threshold
    gc.callbacks.append(note)
    try:
        gui_thread_collector.young_only()
        young = passes()
        gui_thread_collector.settle()
        later = passes()
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        gui_thread_collector.release()
    assert young and 2 not in young
    assert 2 in later
