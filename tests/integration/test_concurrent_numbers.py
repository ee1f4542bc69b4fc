"""Four processes open 250 tickets each against one database: 1,000 tickets, 1,000
distinct numbers, no errors. Numbers come from a counter row updated inside each
opening transaction, so they are unique without retries."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from app.bootstrap import Services, open_services
from app.persistence.orm import Ticket
from app.services.auth import Passwords
from tests.support.people import PASSWORD, People

WORKERS, PER_WORKER = 4, 250

pytestmark = pytest.mark.slow


def open_many(db_url: str, worker: int) -> tuple[list[str], list[str]]:
    """Runs in a separate process: log in as the care agent and open tickets."""
    svc = open_services(
        db_url, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    )
    numbers: list[str] = []
    errors: list[str] = []
    try:
        care = svc.users.login("cara", PASSWORD)
        for i in range(PER_WORKER):
            try:
                ticket = svc.tickets.open_ticket(
                    care,
                    customer="ACME",
                    subject=f"worker {worker} ticket {i}",
                    service_type="first_level_support",
                )
                numbers.append(ticket.number)
            except Exception as exc:  # collected and asserted on by the parent
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        svc.db.dispose()
    return numbers, errors


def test_four_processes_open_a_thousand_tickets(
    services: Services, people: People, db_url: str
) -> None:
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(open_many, [db_url] * WORKERS, range(WORKERS)))
    numbers = [n for nums, _ in results for n in nums]
    errors = [e for _, errs in results for e in errs]
    assert errors == []
    assert len(numbers) == WORKERS * PER_WORKER
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == [f"SD-{i:06d}" for i in range(1, 1001)]
    with services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1000
    assert services.history.verify().ok
