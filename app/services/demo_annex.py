"""Demo data of the SLA annex: the first demo customer's hosting and monitoring targets,
a planned maintenance window, an outage recorded by hand, and a night of alerts (grouped,
flapping, one acknowledged late) in the previous month — enough for a monthly SLA report
with something to say: one target missed, credits due, the evidence listed.

Runs inside the demo loader on its fake clock; leaves the clock where it found it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from app.domain.clock import FakeClock
from app.services.alerts import AlertService
from app.services.auth import Actor
from app.services.outages import OutageService
from app.services.sla import SlaService
from app.services.tickets import TicketService

CUSTOMER = "ACME"
ZONE = ZoneInfo("Europe/Athens")


class AnnexDemoServices(Protocol):
    @property
    def tickets(self) -> TicketService: ...
    @property
    def sla(self) -> SlaService: ...
    @property
    def outages(self) -> OutageService: ...
    @property
    def alerts(self) -> AlertService: ...


def previous_month(now: datetime) -> tuple[int, int]:
    first = now.astimezone(ZONE).date().replace(day=1)
    last = first - timedelta(days=1)
    return last.year, last.month


def _local(year: int, month: int, day: int, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(date(year, month, day), time(hh, mm), tzinfo=ZONE).astimezone(UTC)


def _alert(
    name: str,
    system: str,
    severity: str,
    starts: datetime,
    ends: datetime | None = None,
    **extra: str,
) -> dict[str, Any]:
    return {
        "status": "resolved" if ends else "firing",
        "labels": {"alertname": name, "customer": CUSTOMER.lower(), "system": system,
                   "severity": severity, **extra},
        "annotations": {"summary": f"{name} on {system}"},
        "startsAt": starts.isoformat(),
        "endsAt": ends.isoformat() if ends else "0001-01-01T00:00:00Z",
        "fingerprint": f"demo-{name.lower()}-{system}",
    }  # fmt: skip


def _payload(*alerts: dict[str, Any]) -> str:
    return json.dumps({"version": "4", "status": "firing", "receiver": "supportdesk",
                       "groupKey": "demo", "alerts": list(alerts)})  # fmt: skip


def load_annex_demo(
    svc: AnnexDemoServices, clock: FakeClock, actors: dict[str, Actor], real_now: datetime
) -> None:
    mia, cara, eli, eva = actors["mia"], actors["cara"], actors["eli"], actors["eva"]
    back = clock.now()
    year, month = previous_month(real_now)
    [contract, *_] = svc.sla.list_contracts(mia, CUSTOMER)
    svc.outages.set_target(
        mia, contract=contract.code, service_type="managed_hosting", availability="99.9",
        hours="24x7", systems=["ledger-prod", "portal-prod"],
        bands=["99.9:5", "99.5:10", "99:25"],
    )  # fmt: skip
    svc.outages.set_target(
        mia, contract=contract.code, service_type="system_monitoring", acknowledge_minutes=15
    )
    clock.set(_local(year, month, 3, 10))
    svc.outages.add_maintenance(
        mia, customer=CUSTOMER, start=_local(year, month, 10, 22), end=_local(year, month, 11, 1),
        system="ledger-prod", note="Database engine upgrade (agreed change CHG-2291)",
    )  # fmt: skip
    # A night in which the ledger's database failed: reported by phone, recorded by hand.
    clock.set(_local(year, month, 14, 8, 5))
    number = svc.tickets.open_ticket(
        cara, customer=CUSTOMER, subject="Ledger ERP unreachable for all users",
        service_type="managed_hosting", criticality="critical",
        description="Users get a connection error since about 07:40.",
    ).number  # fmt: skip
    clock.set(_local(year, month, 14, 8, 12))
    assignee = svc.tickets.show(eli, number, with_history=False).assignee
    if assignee is None:  # auto-assignment may have handed it to someone already
        svc.tickets.take(eli, number)
        assignee = "eli"
    worker = actors[assignee]
    clock.set(_local(year, month, 14, 9, 30))
    svc.outages.record(
        worker, number, system="ledger-prod",
        start=_local(year, month, 14, 7, 40), end=_local(year, month, 14, 9, 15),
    )  # fmt: skip
    clock.set(_local(year, month, 14, 9, 40))
    _resolve(
        svc,
        actors,
        number,
        worker,
        problem="Transaction log volume full",
        solution="Grew the volume",
    )
    # Monitoring: a grouped notification at night, a flapping portal, a late acknowledgement.
    t0 = _local(year, month, 21, 3, 12)
    clock.set(t0 + timedelta(minutes=1))
    result = svc.alerts.ingest(
        _payload(
            _alert("PortalDown", "portal-prod", "critical", t0),
            _alert("LedgerSlowQueries", "ledger-prod", "warning", t0, outage="degraded"),
        )
    )
    portal, ledger = (o.ticket or "" for o in result.outcomes)
    clock.set(t0 + timedelta(minutes=10))
    svc.tickets.comment(eva, portal, "We are on it: the portal's application pool restarts.")
    clock.set(t0 + timedelta(minutes=13))
    svc.tickets.comment(eva, ledger, "Slow queries from the nightly batch; we are watching.")
    clock.set(t0 + timedelta(minutes=41))
    svc.alerts.ingest(
        _payload(
            _alert("PortalDown", "portal-prod", "critical", t0, t0 + timedelta(minutes=40)),
            _alert("LedgerSlowQueries", "ledger-prod", "warning", t0, t0 + timedelta(minutes=25),
                   outage="degraded"),
        )
    )  # fmt: skip
    clock.set(t0 + timedelta(minutes=45))
    _resolve(
        svc, actors, portal, eva, problem="Application pool hung", solution="Recycled the pool"
    )
    _resolve(
        svc,
        actors,
        ledger,
        eva,
        problem="Nightly batch contention",
        solution="Moved the batch to 04:30",
    )
    t1 = t0 + timedelta(hours=2)
    clock.set(t1 + timedelta(minutes=1))
    svc.alerts.ingest(_payload(_alert("PortalDown", "portal-prod", "critical", t1)))
    clock.set(t1 + timedelta(minutes=7))
    svc.alerts.ingest(
        _payload(_alert("PortalDown", "portal-prod", "critical", t1, t1 + timedelta(minutes=6)))
    )
    t2 = _local(year, month, 27, 16, 5)
    clock.set(t2 + timedelta(minutes=2))
    [disk] = svc.alerts.ingest(
        _payload(_alert("DiskFilling", "ledger-prod", "warning", t2))
    ).outcomes
    clock.set(t2 + timedelta(minutes=34))
    svc.tickets.comment(eli, disk.ticket or "", "Archived old audit logs; 38 % free now.")
    clock.set(t2 + timedelta(minutes=50))
    svc.alerts.ingest(
        _payload(_alert("DiskFilling", "ledger-prod", "warning", t2, t2 + timedelta(minutes=45)))
    )
    _resolve(
        svc,
        actors,
        disk.ticket or "",
        eli,
        problem="Audit logs not rotated",
        solution="Rotation fixed",
    )
    clock.set(back)


def _resolve(
    svc: AnnexDemoServices,
    actors: dict[str, Actor],
    number: str,
    fallback: Actor,
    *,
    problem: str,
    solution: str,
) -> None:
    """Take (unless someone has it), start and resolve, as the engineer who has it."""
    view = svc.tickets.show(fallback, number, with_history=False)
    who = actors[view.assignee] if view.assignee else fallback
    if view.assignee is None:
        svc.tickets.take(who, number)
    if svc.tickets.show(who, number, with_history=False).status == "assigned":
        svc.tickets.start(who, number)
    svc.tickets.resolve(who, number, problem_nature=problem, solution=solution)
