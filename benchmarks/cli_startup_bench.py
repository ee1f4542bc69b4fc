"""CLI cold start (issue 12): wall and CPU time of one ``supportdesk ticket …`` process.

    PYTHONPATH=. .venv/bin/python -m benchmarks.cli_startup_bench --db sqlite:////tmp/x.db
    .venv/bin/python -m benchmarks.cli_startup_bench --db URL --tree before=/tmp/old --tree after=.

The database needs the tests' cast (``tests.support.people``: cara, eng, password
``correct-horse-1``) and ticket SD-000001; ``--setup`` creates it (a new SQLite file, or
an empty PostgreSQL database). Each run is a fresh ``python -m app`` under
``/usr/bin/time``; the trees (source folders, e.g. a ``git archive`` of the commit
before) run interleaved, so they share the machine's load. The first round is a warm-up
(the first login re-hashes the cast's cheap test hash at the production cost). Prints
the median wall and user+system CPU seconds per command and tree. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-1"
OPEN = (
    "ticket",
    "open",
    "--customer",
    "ACME",
    "--subject",
    "b",
    "--service-type",
    "first_level_support",
)
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: (user, arguments); "no password" ends at the login: imports + open + schema.
    "show (no password)": ("eng", ("ticket", "show", "SD-000001")),
    "ticket show": ("eng", ("ticket", "show", "SD-000001")),
    "ticket open": ("cara", OPEN),
    "ticket comment": ("eng", ("ticket", "comment", "SD-000001", "bench")),
}


def timed(
    tree: Path, url: str, user: str, args: tuple[str, ...], password: bool
) -> tuple[float, float]:
    """(wall, user+sys CPU) seconds of one process, from /usr/bin/time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_PASSWORD")}
    if password:
        env["SUPPORTDESK_PASSWORD"] = PASSWORD
    env["PYTHONPATH"] = str(tree)
    with tempfile.NamedTemporaryFile("r") as report:
        argv = ["/usr/bin/time", "-o", report.name, "-f", "%e %U %S"]
        argv += [sys.executable, "-m", "app", "--db", url, "--user", user, *args]
        done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True, check=False)
        if password and done.returncode != 0:
            raise SystemExit(f"{tree}: {' '.join(args)} exited {done.returncode}: {done.stderr}")
        wall, cpu_user, cpu_sys = (float(x) for x in report.read().split()[-3:])
    return wall, cpu_user + cpu_sys


def setup(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    from argon2 import PasswordHasher

    from app.bootstrap import open_services
    from app.services.auth import Passwords
    from tests.support.people import make_people

    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    services = open_services(url, create=True, require_schema=False, passwords=cheap)
    services.db.upgrade()
    people = make_people(services)
    services.tickets.open_ticket(
        people.care, customer="ACME", subject="bench", service_type="first_level_support"
    )
    services.db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--setup", action="store_true", help="create the cast and SD-000001")
    args = parser.parse_args()
    if args.setup:
        setup(args.db)
    trees = dict(t.split("=", 1) for t in args.tree) or {"source": str(ROOT)}
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for round_ in range(args.runs + 1):
        for command, (user, cli_args) in COMMANDS.items():
            for name, tree in trees.items():
                sample = timed(Path(tree), args.db, user, cli_args, "no password" not in command)
                if round_:  # round 0 warms up (and re-hashes the cast's passwords)
                    samples.setdefault((command, name), []).append(sample)
    print(f"median of {args.runs} runs, seconds (wall / user+sys CPU)")
    for (command, name), runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{command:20} {name:10} wall {wall:5.2f}  cpu {cpu:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
