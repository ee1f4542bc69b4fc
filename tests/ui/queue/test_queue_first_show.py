"""The queue's first rows come before work nobody waits for (issue 19).

Every Python call the GUI thread makes while painting must take the GIL back from a
worker running Python: at 1M tickets the first show of "All open" was a 649 ms gap of
the GUI thread with 60 ms of its own CPU, the filters' 2,000 customers loading on the
second worker beside the first page. Here the first page is held on its worker (a real
page, released by the test), and the filters' choices must wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.services.auth import Passwords
from app.services.customers import CustomerService
from app.services.queue import QueueService
from tests.support.people import People
from tests.ui.desk import close, mias_window, wait

HELD_MS = 600  # the first page held this long: more than ui.tasks.LATER_AFTER_MS


@pytest.fixture
def held_first_page(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[str]]]:
    """The first queue page waits on its worker until the event is set; ``order`` notes
    when that page was read and when the customers were listed."""
    release = threading.Event()
    order: list[str] = []
    real_page, real_customers = QueueService.page, CustomerService.list_customers

    def page(self: QueueService, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        got = real_page(self, *args, **kwargs)
        order.append("page")
        return got

    def list_customers(self: CustomerService, *args: Any, **kwargs: Any) -> Any:
        order.append("customers")
        return real_customers(self, *args, **kwargs)

    monkeypatch.setattr(QueueService, "page", page)
    monkeypatch.setattr(CustomerService, "list_customers", list_customers)
    yield release, order
    release.set()  # never leave a worker waiting


def test_the_filters_choices_wait_for_the_first_page(
    qtbot: QtBot,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    held_first_page: tuple[threading.Event, list[str]],
) -> None:
    release, order = held_first_page
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        # The page is held; the other worker is free and the lane's quiet time passes:
        # the customers are still not read (before: read at once, beside the page).
        qtbot.wait(HELD_MS)
        assert "customers" not in order
        assert window.queue.customer.count() == 1  # "Any customer" only
        release.set()
        wait(qtbot, lambda: window.queue.customer.count() > 1)
        assert order.index("page") < order.index("customers")
    finally:
        release.set()
        close(window)
