"""Set-ups the SLA-annex tests share: a hosting and monitoring contract with targets,
and an independent, minute-by-minute availability count to check the real one against."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from app.bootstrap import Services
from tests.support.people import People

BANDS = ("99.5:5", "99:10", "95:25")


def hosting_contract(services: Services, people: People, *, hours: str = "24x7") -> str:
    """ACME, Gold, managed hosting + system monitoring for 2026, Greek calendar."""
    view = services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["managed_hosting", "system_monitoring"],
        valid_from=date(2026, 1, 1),
        valid_to=None,
    )
    set_targets(services, people, view.code, hours=hours)
    return view.code


def set_targets(services: Services, people: People, contract: str, *, hours: str) -> None:
    services.outages.set_target(
        people.manager,
        contract=contract,
        service_type="managed_hosting",
        availability="99.5",
        hours=hours,
        systems=["erp-prod", "crm-prod"],
        bands=BANDS,
    )
    services.outages.set_target(
        people.manager,
        contract=contract,
        service_type="system_monitoring",
        acknowledge_minutes=30,
    )


def brute_force_availability(
    start: datetime,
    end: datetime,
    *,
    in_service: Callable[[datetime], bool],
    full: Sequence[tuple[datetime, datetime]],
    degraded: Sequence[tuple[datetime, datetime]] = (),
    maintenance: Sequence[tuple[datetime, datetime]] = (),
) -> float:
    """Walk the month minute by minute (every interval in these tests is whole minutes):
    a different method from the interval arithmetic under test."""

    def inside(moment: datetime, spans: Sequence[tuple[datetime, datetime]]) -> bool:
        return any(a <= moment < b for a, b in spans)

    scheduled = unavailable = 0.0
    moment = start
    step = timedelta(minutes=1)
    while moment < end:
        if in_service(moment) and not inside(moment, maintenance):
            scheduled += 1
            if inside(moment, full):
                unavailable += 1
            elif inside(moment, degraded):
                unavailable += 0.5
        moment += step
    return 100.0 * (1 - unavailable / scheduled)


def band_credit(pct: float) -> float:
    """The contract's bands, as the customer reads them off the annex."""
    if pct < 95:
        return 25.0
    if pct < 99:
        return 10.0
    if pct < 99.5:
        return 5.0
    return 0.0


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
