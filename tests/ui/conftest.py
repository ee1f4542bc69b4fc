"""Qt tests: reference cycles are collected at the end of each test, on the GUI thread.

A Qt object caught in a Python reference cycle (a model and the lambdas connected to
its own timers, a dialog and a helper holding its bound method) is freed whenever the
cyclic collector happens to run — possibly inside a later test's event loop, or on a
TaskRunner worker thread that allocated at the wrong moment, deleting a QObject from a
thread that does not own it. That was seen as rare segmentation faults in the queue
model's 100k test after other tests had run in the same process. Collecting here makes
the moment deterministic: after the test and its widgets are torn down, on this thread.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_cycles_on_the_gui_thread() -> Iterator[None]:
    yield
    gc.collect()
