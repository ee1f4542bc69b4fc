"""A small fixed month of tickets for the report tests (and the sample PDFs).

ACME has a Silver contract on the Greek calendar (Mon–Fri 09:00–17:00 Athens, public
holidays off). March 2026, Athens time (UTC+2 until the 29th):

* A (high → P2): answered after 1 h, waits on the customer a whole day, resolved,
  closed. Resolution 29 h wall-clock, 5 h business; 90 min of work logged.
* B (medium → P3): resolved, rejected by the customer (reopened), reassigned, resolved
  again, closed. 23 h wall-clock, 5 h business.
* C (critical → P1): 27 h wall-clock, 11 h business against an 8 h target: a breach.
* D (medium → P3): opened the evening before Independence Day (Wed 25 March, a public
  holiday), resolved on the 26th: 43 h wall-clock but only 3 h business.
* E (low → P4): still open (the backlog).
BETA has no contract: F (medium, no SLA), resolved in 2 h.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.people import People

ATHENS = ZoneInfo("Europe/Athens")


def athens(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ATHENS)


@dataclass(frozen=True)
class Month:
    a: str
    b: str
    c: str
    d: str
    e: str
    f: str


def build_month(services: Services, people: People, clock: FakeClock) -> Month:
    t = services.tickets
    services.assignment.configure(people.manager, auto=False)
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Silver",
        services=["first_level_support", "second_level_support"],
        valid_from=date(2026, 1, 1),
    )
    services.customers.add_customer(people.manager, code="BETA", name="Beta Shipping S.A.")

    def open_(day: int, hour: int, subject: str, criticality: str, customer: str = "ACME") -> str:
        clock.set(athens(day, hour))
        return t.open_ticket(
            people.care,
            customer=customer,
            subject=subject,
            service_type="second_level_support",
            criticality=criticality,
            description=f"{subject}. Reported by phone.",
            contact="Jo Smith" if customer == "ACME" else None,
        ).number

    def at(day: int, hour: int, minute: int = 0) -> None:
        clock.set(athens(day, hour, minute))

    eng, eng2, care, mia = people.engineer, people.engineer2, people.care, people.manager
    a = open_(2, 10, "Invoices stay in the outbox", "high")
    t.take(eng, a)
    at(2, 10, 30)
    t.start(eng, a)
    at(2, 11)
    t.comment(eng, a, "We are looking into the mail queue.")
    at(2, 12)
    t.wait_on_customer(eng, a, "Which invoices are affected?")
    at(3, 12)
    t.customer_replied(care, a, "All invoices since Friday.", contact="Jo Smith", channel="phone")
    at(3, 14)
    t.log_work(eng, a, 90, "Traced the stuck queue")
    at(3, 15)
    t.resolve(
        eng,
        a,
        problem_nature="The mail relay rejected messages over 10 MB.",
        solution="Raised the relay's size limit and re-sent the queue.",
    )
    at(3, 16)
    t.approve(care, a, contact="Jo Smith", channel="phone")

    b = open_(2, 14, "Report export times out", "medium")
    t.take(eng, b)
    t.start(eng, b)
    at(2, 16)
    t.resolve(eng, b, problem_nature="A slow query.", solution="Added an index.")
    at(3, 10)
    t.reject(care, b, contact="Jo Smith", channel="email", reason="Still slow for 2025.")
    t.assign(mia, b, "eng2")
    t.start(eng2, b)
    at(3, 13)
    t.resolve(
        eng2,
        b,
        problem_nature="A slow query over archived years.",
        solution="Partitioned the archive table.",
    )
    at(3, 14)
    t.approve(care, b, contact="Jo Smith", channel="email")

    c = open_(3, 9, "Production site down", "critical")
    t.take(eng, c)
    at(3, 9, 30)
    t.comment(eng, c, "Investigating now.")
    t.start(eng, c)
    at(4, 12)
    t.resolve(eng, c, problem_nature="Disk full.", solution="Cleaned logs, added rotation.")

    d = open_(24, 16, "Password reset mail not arriving", "medium")
    t.take(eng, d)
    at(26, 9, 30)
    t.comment(eng, d, "Checking the mail templates.")
    t.start(eng, d)
    at(26, 11)
    t.resolve(eng, d, problem_nature="A broken template.", solution="Fixed the template.")

    e = open_(30, 10, "Add a field to the export", "low")

    f = open_(5, 10, "Question about backups", "medium", customer="BETA")
    t.take(eng, f)
    t.start(eng, f)
    at(5, 12)
    t.resolve(eng, f, problem_nature="A question.", solution="Explained the schedule.")

    at(31, 12)
    return Month(a, b, c, d, e, f)
