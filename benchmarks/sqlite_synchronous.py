"""What ``PRAGMA synchronous = FULL`` costs SQLite desks against ``NORMAL`` (WAL mode):
the time of a ticket opening and of a comment, each a full service call with its hooks
and history, on a file in a temporary folder (put it on the disk you care about with
``--folder``).

    .venv/bin/python -m benchmarks.sqlite_synchronous             # 200 of each
    .venv/bin/python -m benchmarks.sqlite_synchronous --actions 500 --folder ~/sd-bench

Prints figures; it asserts nothing. The result and the decision are in docs/decisions.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.persistence import engine
from app.services.auth import Passwords
from tests.support.databases import migrate
from tests.support.people import make_people


def run(mode: str, folder: Path, actions: int) -> tuple[list[float], list[float]]:
    engine.SQLITE_SYNCHRONOUS = mode
    url = f"sqlite:///{folder / f'bench-{mode}.db'}"
    open_services(url, create=True, require_schema=False).db.dispose()
    migrate(url)
    fast = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    services = open_services(url, passwords=fast)
    people = make_people(services)
    opens: list[float] = []
    comments: list[float] = []
    number = ""
    for i in range(actions):
        start = time.perf_counter()
        number = services.tickets.open_ticket(
            people.care, customer="ACME", subject=f"bench {i}", service_type="first_level_support"
        ).number
        opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        services.tickets.comment(people.engineer, number, f"note {i}", internal=True)
        comments.append(time.perf_counter() - start)
    services.db.dispose()
    return opens, comments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        for mode in ("NORMAL", "FULL"):
            opens, comments = run(mode, Path(tmp), args.actions)
            print(
                f"synchronous={mode:6}  open: median {statistics.median(opens) * 1000:6.1f} ms"
                f"  p95 {sorted(opens)[int(len(opens) * 0.95)] * 1000:6.1f} ms   "
                f"comment: median {statistics.median(comments) * 1000:6.1f} ms"
                f"  p95 {sorted(comments)[int(len(comments) * 0.95)] * 1000:6.1f} ms"
            )


if __name__ == "__main__":
    main()
