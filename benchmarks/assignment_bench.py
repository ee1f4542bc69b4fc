"""Assignment costs: opening a ticket with and without automatic assignment, one
"take next", and many desks draining the unassigned queue at once.

    .venv/bin/python -m benchmarks.assignment_bench                 # SQLite
    .venv/bin/python -m benchmarks.assignment_bench --postgres      # also PostgreSQL
    .venv/bin/python -m benchmarks.assignment_bench --tickets 800 --desks 8

Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher

from app.bootstrap import Services, open_services
from app.services.auth import Passwords
from tests.support.assignment_race import desk
from tests.support.databases import PostgresFactory, migrate
from tests.support.people import PASSWORD, People, make_people

FAST = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def open_many(services: Services, people: People, count: int) -> float:
    """Milliseconds per opened ticket."""
    start = time.perf_counter()
    for i in range(count):
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=f"Request {i}", service_type="managed_hosting"
        )
    return (time.perf_counter() - start) / count * 1000


def figures(url: str, label: str, tickets: int, desks: int) -> None:
    services = open_services(url, passwords=FAST)
    try:
        people = make_people(services)
        names = [f"bench{i}" for i in range(desks)]
        for name in names:
            services.users.add_user(people.admin, username=name, password=PASSWORD, role="engineer")
            services.assignment.set_state(services.users.login(name, PASSWORD), "available")
        services.assignment.configure(people.manager, auto=False)
        manual = open_many(services, people, tickets)  # warms the statement caches too
        services.assignment.configure(people.manager, auto=True)
        auto = open_many(services, people, 100)
        services.assignment.configure(people.manager, auto=False)
        print(f"{label}: open_ticket {manual:6.2f} ms, with auto-assignment {auto:6.2f} ms")
        actor = services.users.login(names[0], PASSWORD)
        start = time.perf_counter()
        for _ in range(50):
            services.assignment.take_next(actor)
        print(f"{label}: take_next {(time.perf_counter() - start) / 50 * 1000:6.2f} ms (one desk)")
        ctx = multiprocessing.get_context("spawn")
        barrier, results = ctx.Barrier(desks + 1), ctx.Queue()
        procs = [
            ctx.Process(target=desk, args=(url, names, PASSWORD, seed, barrier, results))
            for seed in range(desks)
        ]
        for proc in procs:
            proc.start()
        barrier.wait(timeout=120)
        start = time.perf_counter()
        reports = [results.get(timeout=600) for _ in procs]
        elapsed = time.perf_counter() - start
        for proc in procs:
            proc.join()
        taken = sum(len(r["taken"]) for r in reports)
        errors = sum(len(r["errors"]) for r in reports)
        print(
            f"{label}: {desks} desks took {taken} tickets in {elapsed:5.2f} s "
            f"({taken / elapsed:6.1f}/s, {errors} errors)"
        )
    finally:
        services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=400)
    parser.add_argument("--desks", type=int, default=8)
    parser.add_argument("--postgres", action="store_true", help="also on the test PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate(url)
        figures(url, "sqlite", args.tickets, args.desks)
    if args.postgres:
        factory = PostgresFactory()
        factory.start()
        try:
            figures(factory.fresh(), "postgresql", args.tickets, args.desks)
        finally:
            factory.stop()


if __name__ == "__main__":
    main()
