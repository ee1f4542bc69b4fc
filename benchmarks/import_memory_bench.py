"""Peak memory of importing a ServiceNow export of VALID rows (issue 12), beside a file
of junk lines of the same size measured in the same run (the junk path streams; the
valid path still holds every row, plan and event row until the one transaction writes).

Each import runs in a real ``supportdesk`` process that reports its own ``VmHWM`` (the
probe of tests/reports_imports/test_streaming_import.py), into a fresh SQLite file.

    .venv/bin/python -m benchmarks.import_memory_bench            # 10 MB files
    .venv/bin/python -m benchmarks.import_memory_bench --rows 80000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.services.auth import Passwords
from tests.reports_imports.test_streaming_import import PROBE, junk_export
from tests.support.databases import migrate
from tests.support.servicenow_export import synthetic_rows, write_export

PASSWORD = "bench-password-1"


def fresh_database(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    migrate(url)
    fast = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    services = open_services(url, passwords=fast)
    try:
        services.users.create_first_admin("admin", PASSWORD, "Bench Admin")
        admin = services.users.login("admin", PASSWORD)
        services.customers.add_customer(admin, code="ACME", name="Acme Corp")
    finally:
        services.db.dispose()
    return url


def probe(url: str, export: Path, data_dir: Path) -> tuple[int, float, float]:
    """(exit code, peak MB, seconds) of one ``import servicenow`` process."""
    env = {**os.environ, "SUPPORTDESK_PASSWORD": PASSWORD, "SUPPORTDESK_DATA_DIR": str(data_dir)}
    args = ["--db", url, "--user", "admin", "import", "servicenow", str(export),
            "--customer", "ACME", "--source-tz", "UTC"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - start
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    return int(outcome["code"]), float(outcome["peak_mb"]), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=35_000, help="valid rows (~290 bytes each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-memory-") as tmp:
        folder = Path(tmp)
        valid = write_export(folder / "valid.csv", synthetic_rows(args.rows))
        size = valid.stat().st_size
        junk = folder / "junk.csv"
        junk_export(junk, size)
        mb = size / 2**20
        for label, export in (("junk (baseline)", junk), ("valid rows", valid)):
            url = fresh_database(folder, f"{export.stem}.sqlite")
            code, peak, seconds = probe(url, export, folder / "data")
            print(
                f"{label:16} {mb:7.1f} MB file: exit {code}, peak {peak:7.1f} MB, "
                f"{peak / mb:5.1f} MB per MB of file, {seconds:6.1f} s",
                flush=True,
            )


if __name__ == "__main__":
    main()
