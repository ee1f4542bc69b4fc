"""Peak memory of importing a ServiceNow export of VALID rows (issue 12), for files of
several sizes, on SQLite and PostgreSQL; optionally beside a file of junk lines of the
size of the largest (the junk path is refused while reading).

Each import runs in a real ``supportdesk`` process that reports its own ``VmHWM`` (the
probe of tests/reports_imports/test_streaming_import.py), into a fresh database.

    .venv/bin/python -m benchmarks.import_memory_bench                     # ~20 MB, both
    .venv/bin/python -m benchmarks.import_memory_bench --rows 70000 350000 --db sqlite
    .venv/bin/python -m benchmarks.import_memory_bench --rows 70000 --junk
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.services.auth import Passwords
from benchmarks.queue_bench import database
from tests.reports_imports.test_streaming_import import PROBE, junk_export
from tests.support.databases import migrate
from tests.support.servicenow_export import synthetic_rows, write_export

PASSWORD = "bench-password-1"


def prepare(url: str) -> None:
    migrate(url)
    fast = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    services = open_services(url, passwords=fast)
    try:
        services.users.create_first_admin("admin", PASSWORD, "Bench Admin")
        admin = services.users.login("admin", PASSWORD)
        services.customers.add_customer(admin, code="ACME", name="Acme Corp")
    finally:
        services.db.dispose()


def probe(url: str, export: Path, data_dir: Path) -> tuple[int, float, float, float]:
    """(exit code, peak MB, seconds, CPU seconds) of one ``import servicenow`` process
    (its CPU time says more than the wall clock on a shared machine)."""
    env = {**os.environ, "SUPPORTDESK_PASSWORD": PASSWORD, "SUPPORTDESK_DATA_DIR": str(data_dir)}
    args = ["--db", url, "--user", "admin", "import", "servicenow", str(export),
            "--customer", "ACME", "--source-tz", "UTC"]  # fmt: skip
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False
    )
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    if outcome["code"] not in (0, 2):
        print(done.stderr, file=sys.stderr)
    return int(outcome["code"]), float(outcome["peak_mb"]), seconds, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[70_000], help="valid rows (~290 bytes each)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--junk", action="store_true", help="also a junk file of the largest size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-memory-") as tmp:
        folder = Path(tmp)
        # synthetic_rows is deterministic: each smaller file is a prefix of the largest.
        everything = synthetic_rows(max(args.rows))
        files = [
            (f"{rows:,} valid rows", write_export(folder / f"valid{rows}.csv", everything[:rows]))
            for rows in args.rows
        ]
        del everything
        if args.junk:
            junk = folder / "junk.csv"
            junk_export(junk, max(f.stat().st_size for _, f in files))
            files.insert(0, ("junk (baseline)", junk))
        for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
            for label, export in files:
                with database(kind) as url:
                    prepare(url)
                    code, peak, seconds, cpu = probe(url, export, folder / "data")
                mb = export.stat().st_size / 2**20
                print(
                    f"{kind:10} {label:18} {mb:7.1f} MB file: exit {code}, peak {peak:7.1f} MB, "
                    f"{peak / mb:5.1f} MB per MB of file, {seconds:6.1f} s (CPU {cpu:6.1f} s)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
