"""Round trips of the queue's reads on PostgreSQL (issue 19): each wait for the server,
counted from libpq's own protocol trace (every ``ReadyForQuery`` the server sends ends
one), so the pool's pre-ping, psycopg's implicit ``BEGIN`` and the ``ROLLBACK`` count
as the statements do. Beside each count, the median wall time of the call.

    .venv/bin/python -m benchmarks.search_round_trips --url postgresql+psycopg://…/copy
    # the code before, same database, same run: another tree on PYTHONPATH
    PYTHONPATH=/tmp/search-before .venv/bin/python -m benchmarks.search_round_trips --url …

A figure robust to load: the counts do not change with it. The database is only read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from app.bootstrap import open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.demo_data import DEMO_PASSWORD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--show", action="store_true", help="print what each call sent")
    args = parser.parse_args()
    svc = open_services(args.url, settings={}, require_schema=False)
    trace = tempfile.NamedTemporaryFile("w+", suffix=".trace", delete=False)  # noqa: SIM115
    event.listen(svc.db.engine, "connect", lambda conn, _rec: conn.pgconn.trace(trace.fileno()))
    svc.db.engine.dispose()  # every connection from now on is traced
    admin = svc.users.login("admin", DEMO_PASSWORD)
    queue = svc.queue
    calls: dict[str, Callable[[], Any]] = {
        "page: All open": lambda: queue.page(admin, QueueFilter(), QueueSort()),
        "page: All by number": lambda: queue.page(
            admin, QueueFilter(view=SavedView.ALL), QueueSort(QueueColumn.NUMBER)
        ),
        "page: P1": lambda: queue.page(admin, QueueFilter(priorities=frozenset({1})), QueueSort()),
        "search 'zeppelin' (All)": lambda: queue.page(
            admin, QueueFilter(view=SavedView.ALL, search="zeppelin"), QueueSort()
        ),
        "search 'mail' (All)": lambda: queue.page(
            admin, QueueFilter(view=SavedView.ALL, search="mail"), QueueSort()
        ),
        "count: All open": lambda: queue.count(admin, QueueFilter()),
    }
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'call':28} {'round trips':>11} {'ms median':>10}")
    for name, call in calls.items():
        call()  # warm-up: statements compiled, statistics kept
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            call()
            walls.append((time.perf_counter() - start) * 1000)
        size = os.path.getsize(trace.name)
        call()
        with open(trace.name) as read:
            read.seek(size)
            sent = read.read().splitlines()
        trips = sum(1 for line in sent if "\tB\t" in line and "\tReadyForQuery" in line)
        print(f"{name:28} {trips:11d} {statistics.median(walls):10.2f}")
        if args.show:
            for line in sent:
                if "\tF\t" in line and ("\tQuery\t" in line or "\tParse\t" in line):
                    print("      ", line.split("\t", 4)[-1][:110])
    svc.db.dispose()
    trace.close()
    os.unlink(trace.name)


if __name__ == "__main__":
    main()
