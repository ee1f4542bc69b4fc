"""Eight desks in eight processes race for 400 tickets with "take next"."""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket, User
from tests.support.assignment_race import busy_desk, desk
from tests.support.people import PASSWORD, People

DESKS = 8
TICKETS = 400
# Maximums add up to exactly the number of tickets: every ticket finds an owner only
# if nobody is pushed past their maximum and no ticket is claimed twice.
MAXIMUMS = {f"racer{i}": (40 if i < 4 else 60) for i in range(8)}
CRITICALITY = ("critical", "high", "medium", "low")
DESK_TIMEOUT_S = 300


def collect(procs: list[Any], results: Any) -> list[dict[str, Any]]:
    """Every desk's report; fails at once if a desk died without reporting."""
    for proc in procs:
        proc.start()
    reports: list[dict[str, Any]] = []
    deadline = time.monotonic() + DESK_TIMEOUT_S
    try:
        while len(reports) < len(procs):
            try:
                reports.append(results.get(timeout=1))
            except queue.Empty:
                dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    pytest.fail(f"a desk process died (exit codes {dead})")
                if time.monotonic() > deadline:
                    pytest.fail(f"the desks did not finish within {DESK_TIMEOUT_S} s")
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    return reports


@pytest.mark.slow
def test_eight_desks_take_every_ticket_exactly_once(services: Services, people: People) -> None:
    services.assignment.configure(people.manager, auto=False)
    for name, maximum in MAXIMUMS.items():
        services.users.add_user(people.admin, username=name, password=PASSWORD, role="engineer")
        services.assignment.set_max(services.users.login(name, PASSWORD), maximum)
    for i in range(TICKETS):
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=f"Request {i}",
            service_type="first_level_support",
            criticality=CRITICALITY[i % 4],
        )

    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(DESKS), ctx.Queue()
    url = services.db.url.render_as_string(hide_password=False)
    procs = [
        ctx.Process(target=desk, args=(url, list(MAXIMUMS), PASSWORD, seed, start, results))
        for seed in range(DESKS)
    ]
    reports = collect(procs, results)

    errors = [e for r in reports for e in r["errors"]]
    assert errors == []
    claims = [number for r in reports for number, _ in r["taken"]]
    assert len(claims) == TICKETS
    assert len(set(claims)) == TICKETS  # nobody got a ticket twice
    per_engineer = Counter(who for r in reports for _, who in r["taken"])
    assert per_engineer == MAXIMUMS
    with services.db.session() as session:
        in_db = dict(
            session.execute(
                select(User.username, func.count(Ticket.id))
                .join(Ticket, Ticket.assignee_id == User.id)
                .where(Ticket.status == "assigned")
                .group_by(User.username)
            ).all()
        )
        left = session.scalar(select(func.count()).where(Ticket.status == "new"))
    assert in_db == MAXIMUMS
    assert left == 0
    report = services.history.verify()
    assert report.ok, report.problems[:5]
    assert report.events_checked == TICKETS * 3


@pytest.mark.slow
def test_busy_desks_taking_resolving_and_handing_over_never_deadlock(
    services: Services, people: People
) -> None:
    """Auto-assignment on: every resolve hands the engineer the next ticket, while
    other desks take tickets by hand or with "take next" — all at once."""
    names = [f"worker{i}" for i in range(4)]
    for name in names:
        services.users.add_user(people.admin, username=name, password=PASSWORD, role="engineer")
        actor = services.users.login(name, PASSWORD)
        services.assignment.set_max(actor, 2)
        services.assignment.set_state(actor, "available")
    for i in range(40):
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=f"Request {i}",
            service_type="first_level_support",
            criticality=CRITICALITY[i % 4],
        )

    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(len(names)), ctx.Queue()
    url = services.db.url.render_as_string(hide_password=False)
    procs = [
        ctx.Process(target=busy_desk, args=(url, names, PASSWORD, seed, start, results))
        for seed in range(len(names))
    ]
    reports = collect(procs, results)

    assert [e for r in reports for e in r["errors"]] == []
    done = [n for r in reports for n in r["done"]]
    assert len(done) == len(set(done)) == 40
    assert services.history.verify().ok
