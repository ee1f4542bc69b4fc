"""Queue read-model timings on a big desk, each beside its floor in the same run.

    .venv/bin/python -m benchmarks.queue_bench                 # 100k tickets, both databases
    .venv/bin/python -m benchmarks.queue_bench --sizes 100000 1000000 --db sqlite
    .venv/bin/python -m benchmarks.queue_bench --json out.json

The desk has the shape of a real one (tests/support/desk_shape.py: ~10 % open and
recent, customers and engineers of uneven size, a Zipf vocabulary, ~3 history events
per ticket), so the planners choose as they do in production. Prints the median of
several runs per query (milliseconds, through QueueService, i.e. including the actor
check and row building) and, for the pages, the "floor": the same first page as
hand-written SQL over its fitting index, on a raw driver connection. PostgreSQL: the
server of SUPPORTDESK_TEST_PG (default postgres@127.0.0.1:5432); a throw-away database.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from app.bootstrap import Services, open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.auth import Actor
from tests.support.databases import migrate, pg_admin_dsn, pg_url
from tests.support.desk_shape import COMMON, RARE_COMMENT_WORD, RARE_WORD, load_desk

RUNS = 7
DEEP_PAGES = 20
PAGE = 100
OPEN = "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"
# The floor of a first page: the ticket columns a row shows, over the fitting index.
FLOORS = {
    "priority": f"SELECT id, number, priority, status, subject, updated_at FROM tickets "
    f"WHERE {OPEN} ORDER BY priority, created_at, id LIMIT {PAGE}",
    "updated": f"SELECT id, number, priority, status, subject, updated_at FROM tickets "
    f"WHERE {OPEN} ORDER BY updated_at, id LIMIT {PAGE}",
    "subject": f"SELECT id, number, priority, status, subject, updated_at FROM tickets "
    f"WHERE {OPEN} ORDER BY subject, id LIMIT {PAGE}",
}


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    name = f"sdbench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield pg_url(name)
    finally:
        with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm caches and statement compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def setup(url: str, count: int) -> tuple[Services, Actor, float]:
    migrate(url)
    services = open_services(url)
    services.users.create_first_admin("admin", "bench-password-1", "Bench Admin")
    admin = services.users.login("admin", "bench-password-1")
    start = time.perf_counter()
    load_desk(services.db.engine, count)
    return services, admin, time.perf_counter() - start


def deep_key(services: Services, actor: Actor, flt: QueueFilter, sort: QueueSort) -> Any:
    page = services.queue.page(actor, flt, sort, None, PAGE)
    for _ in range(DEEP_PAGES - 1):
        if page.next_key is None:
            break
        page = services.queue.page(actor, flt, sort, page.next_key, PAGE)
    return page.next_key


def floor_ms(services: Services, statement: str) -> float:
    raw = services.db.engine.raw_connection()
    try:
        cursor = raw.cursor()

        def run() -> None:
            cursor.execute(statement)
            cursor.fetchall()

        return median_ms(run)
    finally:
        raw.close()


def bench(kind: str, count: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with database(kind) as url:
        services, actor, load_s = setup(url, count)
        q = services.queue
        print(f"\n## {kind}, {count:,} tickets (load {load_s:.1f} s)")
        print(f"{'query':60} {'ms':>9}")

        def line(label: str, fn: Callable[[], Any]) -> None:
            results[label] = median_ms(fn)
            print(f"{label:60} {results[label]:9.2f}")

        for name, statement in FLOORS.items():
            results[f"floor: All open by {name}, raw SQL"] = ms = floor_ms(services, statement)
            print(f"{'floor: All open by ' + name + ', raw SQL':60} {ms:9.2f}")
        open_view = QueueFilter()
        for column in QueueColumn:
            for desc in (False, True):
                sort = QueueSort(column, desc)
                line(
                    f"first page, All open, {column.value} {'desc' if desc else 'asc'}",
                    partial(q.page, actor, open_view, sort, None, PAGE),
                )
        for view in SavedView:
            flt = QueueFilter(view=view)
            line(f"first page, {view.value}, priority", partial(q.page, actor, flt, QueueSort()))
        for label, flt in (
            ("biggest customer", QueueFilter(customer="C0000")),
            ("one engineer", QueueFilter(assignee="desk_eng00")),
            ("All, closed", QueueFilter(view=SavedView.ALL, statuses=frozenset({"closed"}))),
        ):
            for column in (QueueColumn.PRIORITY, QueueColumn.UPDATED):
                line(
                    f"first page, {label}, {column.value}",
                    partial(q.page, actor, flt, QueueSort(column), None, PAGE),
                )
        for column in (QueueColumn.PRIORITY, QueueColumn.UPDATED, QueueColumn.CUSTOMER):
            sort = QueueSort(column)
            key = deep_key(services, actor, open_view, sort)
            line(
                f"page {DEEP_PAGES + 1} by keyset, All open, {column.value}",
                partial(q.page, actor, open_view, sort, key, PAGE),
            )
        for word in (RARE_WORD, RARE_COMMENT_WORD, COMMON[0], f"{COMMON[0]} {COMMON[1]}", "C0002"):
            for view in (SavedView.ALL_OPEN, SavedView.ALL):
                flt = QueueFilter(view=view, search=word)
                line(
                    f"search {word!r}, {view.value}, priority",
                    partial(q.page, actor, flt, QueueSort(), None, PAGE),
                )
            flt = QueueFilter(view=SavedView.ALL, search=word)
            line(f"count search {word!r}, all (capped)", partial(q.count, actor, flt))
        number = QueueFilter(search="SD-000042")
        line("search 'SD-000042'", lambda: q.page(actor, number, QueueSort()))
        everything = QueueFilter(view=SavedView.ALL)
        line("count All (capped at 1,000)", lambda: q.count(actor, everything))
        line("count All open (exact)", lambda: q.count(actor, open_view, cap=None))
        line("view counts, 7 views (capped)", lambda: q.view_counts(actor))
        services.db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"],
                        default=["sqlite", "postgresql"])  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    everything: dict[str, dict[str, float]] = {}
    for count in args.sizes:
        for kind in args.db:
            everything[f"{kind} {count}"] = bench(kind, count)
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
