"""``supportdesk demo [--tickets N]``: an empty database filled with realistic demo data."""

from __future__ import annotations

import argparse

from app.bootstrap import demo_services
from app.cli.runtime import Run
from app.services.demo import DEMO_PASSWORD, USERS, load_demo


def cmd_demo(run: Run) -> int:
    run.services.db.upgrade()
    seeding, clock = demo_services(run.services)
    report = load_demo(seeding, clock, run.args.tickets)
    users = ", ".join(f"{name} ({role})" for name, role, _ in USERS)
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(report.by_status.items()))
    return run.result(
        {**report.__dict__, "password": DEMO_PASSWORD, "logins": [u[0] for u in USERS]},
        f"demo data loaded: {report.users} users, {report.customers} customers, "
        f"{report.products} products, {report.tickets} tickets ({statuses})\n"
        f"log in as any of {users} with the password {DEMO_PASSWORD}",
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg,unused-ignore]
    p = sub.add_parser(
        "demo", parents=[common], help="initialise an empty database and load demo data"
    )
    p.add_argument("--tickets", type=int, default=60, metavar="N", help="tickets (default 60)")
    p.set_defaults(func=cmd_demo, needs_actor=False, creates_db=True)
