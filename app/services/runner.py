"""How a batch job runs each ticket's own transaction (issue 19, item 5).

The SLA scan and the dispatch work ticket by ticket; whoever calls them decides how each
ticket's transaction runs: at once (cron, the CLI), or as the background jobs do it on
SQLite — giving way to desks' writes and pausing between tickets
(app/services/background.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class TicketRunner(Protocol):
    def __call__(self, work: Callable[[], T], /) -> T: ...


def run_now(work: Callable[[], T]) -> T:
    return work()
