"""Where a queue search's time goes (issue 19 item 3): each statement one search runs
through ``QueueService`` with its own time, beside the call's total, on an existing
database (read only).

    .venv/bin/python -m benchmarks.search_profile --url URL --word mail --view all

With a listener attached, a PostgreSQL read's ``BEGIN`` shows as a statement of its own;
without one it travels with the read's settings (queue_statements.prelude). Round trips
are counted by ``benchmarks.search_round_trips`` (libpq's trace, no listener).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from sqlalchemy import event

from app.bootstrap import open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.demo_data import DEMO_PASSWORD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--word", default="mail")
    parser.add_argument("--view", default="all")
    parser.add_argument("--call", default="page", choices=["page", "newest", "count"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    svc = open_services(args.url, settings={}, require_schema=False)
    admin = svc.users.login("admin", DEMO_PASSWORD)
    flt = QueueFilter(view=SavedView(args.view), search=args.word)
    sort = QueueSort(QueueColumn.UPDATED, True) if args.call == "newest" else QueueSort()

    def call() -> Any:
        if args.call == "count":
            return svc.queue.count(admin, flt)
        return svc.queue.page(admin, flt, sort, None, 100)

    print(f"load average {os.getloadavg()[0]:.1f}")
    call()  # warm-up (statistics kept a minute, statements compiled once)
    plain: list[float] = []
    cpu: list[float] = []  # this process's CPU: what load on the machine does not inflate
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        plain.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    wall, own = statistics.median(plain), statistics.median(cpu)
    print(f"total without listeners: median {wall:.2f} ms wall, {own:.2f} ms client CPU")
    # (sql, start, execute's end): SQLite steps most of a statement in its fetch, so
    # each statement is also shown with the time until the next one starts.
    marks: list[list[Any]] = []

    def before(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        marks.append([" ".join(sql.split())[:100], time.perf_counter(), 0.0])

    def after(*_: Any) -> None:
        marks[-1][2] = time.perf_counter()

    engine = svc.db.engine
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    start = time.perf_counter()
    result = call()
    total = (time.perf_counter() - start) * 1000
    rows = result if isinstance(result, int) else len(result.rows)
    end = start + total / 1000
    print(f"{(marks[0][1] - start) * 1000 if marks else 0:8.2f}  before the first statement")
    for i, (sql, begun, executed) in enumerate(marks):
        until = marks[i + 1][1] if i + 1 < len(marks) else end
        print(f"{(executed - begun) * 1000:8.2f} {(until - begun) * 1000:8.2f}  {sql}")
    print(f"call {total:.2f} ms (execute / until the next statement); result {rows}")
    svc.db.dispose()


if __name__ == "__main__":
    main()
