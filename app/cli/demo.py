"""``supportdesk demo [--tickets N] [--seed S]``: an empty database filled with realistic
demo data. Up to 100,000 tickets without ``--seed`` every step goes through the services
(weeks of history); with ``--seed`` (or more tickets) the bulk generator writes five years
of a big desk in minutes (``app/services/demo_bulk.py``).

Run again on the demo database it succeeds without loading anything, so the README's
``supportdesk demo && supportdesk`` opens the app every time; a database with other
users is still refused (exit 2): demo data never mixes with real work.
"""

from __future__ import annotations

import argparse

from app.bootstrap import demo_services
from app.cli.runtime import Run
from app.domain.errors import AuthenticationFailed
from app.services.demo import DEMO_PASSWORD, USERS, load_demo
from app.services.demo_bulk import BulkDemoLoader

# More tickets than this are generated in bulk (through the services it would take hours).
BULK_ABOVE = 100_000


def cmd_demo(run: Run) -> int:
    run.services.db.upgrade()
    if run.services.users.has_users() and _is_demo(run):
        return run.result(
            {"already_loaded": True, "password": DEMO_PASSWORD, "logins": [u[0] for u in USERS]},
            f"demo data is already loaded; log in as any of {_logins()} "
            f"with the password {DEMO_PASSWORD}",
        )
    if run.args.seed is not None or run.args.tickets > BULK_ABOVE:
        return _bulk(run)
    seeding, clock = demo_services(run.services)
    report = load_demo(seeding, clock, run.args.tickets)
    users = _logins()
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(report.by_status.items()))
    return run.result(
        {**report.__dict__, "password": DEMO_PASSWORD, "logins": [u[0] for u in USERS]},
        f"demo data loaded: {report.users} users, {report.customers} customers, "
        f"{report.products} products, {report.tickets} tickets ({statuses})\n"
        f"log in as any of {users} with the password {DEMO_PASSWORD}",
    )


def _bulk(run: Run) -> int:
    seed = 7 if run.args.seed is None else run.args.seed
    summary = BulkDemoLoader(run.services.ctx, run.services.users).load(run.args.tickets, seed)
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.by_status.items()))
    return run.result(
        {**summary.__dict__, "password": DEMO_PASSWORD, "logins": [u[0] for u in USERS]},
        f"demo data generated (seed {seed}) in {summary.seconds['total']:.1f} s: "
        f"{summary.users} users, {summary.customers} customers, {summary.tickets:,} tickets "
        f"({statuses}), {summary.events:,} history events\n"
        f"log in as any of {_logins()} with the password {DEMO_PASSWORD}",
    )


def _is_demo(run: Run) -> bool:
    """The demo's administrator still logs in with the demo password."""
    try:
        run.services.users.login(USERS[0][0], DEMO_PASSWORD)
    except AuthenticationFailed:
        return False
    return True


def _logins() -> str:
    return ", ".join(f"{name} ({role})" for name, role, _ in USERS)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg,unused-ignore]
    p = sub.add_parser(
        "demo", parents=[common], help="initialise an empty database and load demo data"
    )
    p.add_argument("--tickets", type=int, default=60, metavar="N", help="tickets (default 60)")
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help="generate five years of a big desk in bulk, reproducibly from seed S",
    )
    p.set_defaults(func=cmd_demo, needs_actor=False, creates_db=True)
