"""Importing a ServiceNow export of 150,000 update rows (~25,000 incidents) into a fresh
SQLite and PostgreSQL database: wall-clock time, rows/s and events/s (and the CPU time
of this process, telling on a shared machine how much was waiting for a core or for the
database), then the time ``history verify`` takes over the imported history.

    .venv/bin/python -m benchmarks.import_bench                  # 150,000 rows, both databases
    .venv/bin/python -m benchmarks.import_bench --rows 20000 --db sqlite
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.services.auth import Passwords
from benchmarks.queue_bench import database
from tests.support.databases import migrate
from tests.support.servicenow_export import synthetic_rows, write_export

PASSWORD = "bench-password-1"


def run(kind: str, export: Path, rows: int) -> None:
    with database(kind) as url:
        migrate(url)
        fast = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        services = open_services(url, passwords=fast)
        try:
            services.users.create_first_admin("admin", PASSWORD, "Bench Admin")
            admin = services.users.login("admin", PASSWORD)
            services.customers.add_customer(admin, code="ACME", name="Acme Corp")
            start = time.perf_counter()
            dry = services.importing.servicenow(
                admin, export, customer="ACME", source_tz="UTC", dry_run=True
            )
            dry_s = time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            done = services.importing.servicenow(admin, export, customer="ACME", source_tz="UTC")
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            start = time.perf_counter()
            again = services.importing.servicenow(admin, export, customer="ACME", source_tz="UTC")
            again_s = time.perf_counter() - start
            start = time.perf_counter()
            report = services.history.verify()
            verify_s = time.perf_counter() - start
        finally:
            services.db.dispose()
    assert done.tickets_new == dry.tickets_new and again.tickets_new == 0 and report.ok
    print(
        f"{kind:<10} {rows:>8,} rows  {done.tickets_new:>7,} tickets  {done.events_new:>8,} events"
        f"  dry run {dry_s:6.1f} s  import {took:6.1f} s  ({rows / took:>8,.0f} rows/s, "
        f"{done.events_new / took:>8,.0f} events/s; this process's CPU {cpu:5.1f} s)  "
        f"re-import {again_s:4.1f} s  "
        f"verify {verify_s:6.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        export = write_export(Path(folder) / "incidents.csv", synthetic_rows(args.rows))
        size = export.stat().st_size / 1e6
        took = time.perf_counter() - start
        print(f"generated {args.rows:,} rows ({size:.0f} MB) in {took:.1f} s")
        for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
            run(kind, export, args.rows)


if __name__ == "__main__":
    main()
