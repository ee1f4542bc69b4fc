"""``sla scan`` from cron and from desktops at the same time: one escalation each."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.persistence.orm import TicketEvent
from app.persistence.orm_sla import OutboxMessage, SlaEscalation
from app.services.sla import ScanReport
from tests.support.people import PASSWORD, People


def test_concurrent_scans_escalate_each_threshold_exactly_once(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.users.add_user(
        people.admin, username="max", password=PASSWORD, role="manager", email="max@desk.example"
    )
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Bronze",
        services=["software_maintenance"],
        valid_from=date(2026, 1, 1),
    )
    numbers = [
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=f"Problem {i}",
            service_type="software_maintenance",
            criticality="low",
        ).number
        for i in range(6)
    ]
    # Bronze × low: 16 business hours to respond. Two working days later all are breached.
    clock.advance(days=2, hours=8)
    reports: list[ScanReport] = []
    workers = [
        threading.Thread(target=lambda: reports.append(services.sla.scan())) for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert len(reports) == 3
    assert [p for r in reports for p in r.problems] == []
    fired = sorted(e for r in reports for e in r.escalations)
    assert fired == sorted((n, "response", "breached") for n in numbers)
    assert services.sla.scan().escalations == []
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SlaEscalation)) == 6
        assert s.scalar(select(func.count()).where(TicketEvent.field == "sla_state")) == 6
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 6
    assert services.history.verify().ok


def test_scan_skips_tickets_whose_next_threshold_has_not_come(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Silver",
        services=["software_maintenance"],
        valid_from=date(2026, 1, 1),
    )
    services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Slow report",
        service_type="software_maintenance",
        criticality="medium",
    )
    report = services.sla.scan()
    assert (report.checked, report.escalations) == (0, [])
