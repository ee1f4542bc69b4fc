"""Queue read-model timings on a big desk: first pages per sort, deep keyset pages,
full-text search, counts and the change token, on SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.queue_bench                 # 100k tickets, both databases
    .venv/bin/python -m benchmarks.queue_bench --sizes 100000 1000000 --db sqlite

Prints the median of several runs per query (milliseconds, through QueueService,
i.e. including the actor check and row building). PostgreSQL: the server of
SUPPORTDESK_TEST_PG (default postgres@127.0.0.1:5432); a throw-away database is used.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from app.bootstrap import Services, open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.auth import Actor
from tests.support.databases import migrate, pg_admin_dsn, pg_url
from tests.support.queue_data import RARE_WORD, bulk_tickets

RUNS = 7
DEEP_PAGES = 50
PAGE = 100


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
    for name in ("eng1", "eng2", "eng3"):
        services.users.add_user(admin, username=name, password="bench-password-1", role="engineer")
    start = time.perf_counter()
    bulk_tickets(services.db.engine, count)
    return services, admin, time.perf_counter() - start


def deep_key(services: Services, actor: Actor, flt: QueueFilter, sort: QueueSort) -> Any:
    page = services.queue.page(actor, flt, sort, None, PAGE)
    for _ in range(DEEP_PAGES - 1):
        if page.next_key is None:
            break
        page = services.queue.page(actor, flt, sort, page.next_key, PAGE)
    return page.next_key


def bench(kind: str, count: int) -> None:
    with database(kind) as url:
        services, actor, load_s = setup(url, count)
        q = services.queue
        print(f"\n## {kind}, {count:,} tickets (bulk load {load_s:.1f} s)")
        print(f"{'query':58} {'ms':>9}")

        def line(label: str, fn: Callable[[], Any]) -> None:
            print(f"{label:58} {median_ms(fn):9.2f}")

        open_view = QueueFilter()
        for column in QueueColumn:
            for desc in (False, True):
                sort = QueueSort(column, desc)
                line(
                    f"first page, All open, {column.value} {'desc' if desc else 'asc'}",
                    lambda s=sort: q.page(actor, open_view, s, None, PAGE),
                )
        for column in (QueueColumn.PRIORITY, QueueColumn.UPDATED, QueueColumn.CUSTOMER):
            sort = QueueSort(column)
            key = deep_key(services, actor, open_view, sort)
            line(
                f"page {DEEP_PAGES + 1} by keyset, {column.value}",
                lambda s=sort, k=key: q.page(actor, open_view, s, k, PAGE),
            )
        everything = QueueFilter(view=SavedView.ALL)
        for word in (RARE_WORD, "mail", "SD-000042"):
            flt = QueueFilter(view=SavedView.ALL, search=word)
            for sort in (QueueSort(), QueueSort(QueueColumn.NUMBER, True)):
                line(
                    f"search {word!r}, {sort.column.value} {'desc' if sort.descending else 'asc'}",
                    lambda f=flt, s=sort: q.page(actor, f, s, None, PAGE),
                )
            line(f"count search {word!r} (capped)", lambda f=flt: q.count(actor, f))
        line("count All (capped at 1,000)", lambda: q.count(actor, everything))
        line("count All (exact)", lambda: q.count(actor, everything, cap=None))
        line("view counts, 7 views (capped)", lambda: q.view_counts(actor))
        line("change token", services.changes.token)
        services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"],
                        default=["sqlite", "postgresql"])  # fmt: skip
    args = parser.parse_args()
    for count in args.sizes:
        for kind in args.db:
            bench(kind, count)


if __name__ == "__main__":
    main()
