"""What storing a 25 MiB attachment costs, to choose the storage (docs/decisions.md):
SQLite BLOB, PostgreSQL ``bytea`` and PostgreSQL large objects through the plain driver,
then the whole service path (hash, limit check, blob, history event; read back) on both
engines.

    .venv/bin/python -m benchmarks.attachments_bench            # 25 MiB, 3 runs

Prints figures (best of the runs); it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from app.bootstrap import open_services
from app.domain.clock import FakeClock
from app.services.attachments import FileUpload
from tests.support.databases import PostgresFactory, migrate, pg_admin_dsn
from tests.support.people import make_people


def best_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def sqlite_blob(data: bytes, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "b.db")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)")
        counter = iter(range(10**6))

        def write() -> None:
            db.execute("INSERT INTO blobs VALUES (?, ?)", (next(counter), data))
            db.commit()

        w = best_ms(write, runs)
        r = best_ms(lambda: db.execute("SELECT data FROM blobs WHERE id = 0").fetchone(), runs)
        print(f"sqlite BLOB          write {w:7.1f} ms   read {r:7.1f} ms")
        db.close()


def postgres_raw(data: bytes, runs: int) -> None:
    with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
        conn.execute("CREATE TEMP TABLE blobs (id serial PRIMARY KEY, data bytea)")

        def write_bytea() -> None:
            conn.execute("INSERT INTO blobs (data) VALUES (%b)", (data,))

        def read_bytea() -> None:
            conn.execute("SELECT data FROM blobs ORDER BY id LIMIT 1", binary=True).fetchone()

        w, r = best_ms(write_bytea, runs), best_ms(read_bytea, runs)
        print(f"postgresql bytea     write {w:7.1f} ms   read {r:7.1f} ms")
        oids: list[int] = []

        def write_lo() -> None:
            row = conn.execute("SELECT lo_from_bytea(0, %b)", (data,)).fetchone()
            assert row is not None
            oids.append(row[0])

        w = best_ms(write_lo, runs)
        r = best_ms(
            lambda: conn.execute("SELECT lo_get(%s)", (oids[0],), binary=True).fetchone(), runs
        )
        print(f"postgresql large obj write {w:7.1f} ms   read {r:7.1f} ms")
        for oid in oids:
            conn.execute("SELECT lo_unlink(%s)", (oid,))


def service_path(url: str, label: str, data: bytes, runs: int) -> None:
    services = open_services(url, clock=FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    try:
        people = make_people(services)
        number = services.tickets.open_ticket(
            people.care, customer="ACME", subject="dump", service_type="managed_hosting"
        ).number
        # Distinct bytes each run: deduplication would make later writes free.
        uploads = iter(FileUpload(f"dump{i}.bin", bytes([i]) + data[1:]) for i in range(runs))
        w = best_ms(
            lambda: services.attachments.comment(
                people.care, number, "dump", [next(uploads)], internal=True
            ),
            runs,
        )
        [first, *_] = services.attachments.list(people.care, number)
        r = best_ms(lambda: services.attachments.content(people.care, first.id), runs)
        print(f"service {label:<12} write {w:7.1f} ms   read {r:7.1f} ms   (with history)")
    finally:
        services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = os.urandom(args.mib * 1024 * 1024)
    print(f"{args.mib} MiB, best of {args.runs}")
    sqlite_blob(data, args.runs)
    postgres_raw(data, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'svc.db'}"
        migrate(url)
        service_path(url, "sqlite", data, args.runs)
    factory = PostgresFactory()
    factory.start()
    try:
        url = factory.fresh()
        service_path(url, "postgresql", data, args.runs)
        factory.drop(url)
    finally:
        factory.stop()


if __name__ == "__main__":
    main()
