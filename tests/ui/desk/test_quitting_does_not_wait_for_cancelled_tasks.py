"""Quitting while work is queued: shutdown drops the queued tasks and returns promptly."""

from __future__ import annotations

import threading
import time
from functools import partial

from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_shutdown_settles_cancelled_tasks_instead_of_waiting_out_its_timeout(
    qtbot: QtBot,
) -> None:
    runner = TaskRunner(workers=1)
    release = threading.Event()
    started = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(10)
        return "slow"

    runner.submit(slow, delivered.append)
    for name in ("queued 1", "queued 2", "queued 3"):  # waiting behind the one worker
        runner.submit(partial(str, name), delivered.append)
    assert started.wait(5)
    assert runner.pending == 4
    # Let the running task finish from another thread once shutdown is waiting for it.
    threading.Timer(0.1, release.set).start()

    began = time.monotonic()
    runner.shutdown(timeout_ms=5000)
    took = time.monotonic() - began

    assert runner.pending == 0  # the three cancelled tasks no longer count as pending
    assert delivered == ["slow"]  # the running one finished and was delivered; no others
    assert took < 3.0, f"shutdown waited {took:.1f} s for tasks that will never run"
