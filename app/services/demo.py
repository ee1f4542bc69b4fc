"""A realistic demo data set, created through the services so every history is valid.

People for each role (password :data:`DEMO_PASSWORD`), customers with contacts,
products, and tickets in every status with plausible histories spread over the last
weeks. A fake clock stamps each step; it never runs past the real "now".

The caller builds the services, on a :class:`FakeClock` of their own, and hands both
over (``app.bootstrap.demo_services`` does that); this module never wires services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import Protocol

from app.domain.clock import FakeClock
from app.domain.errors import DomainError, PermissionDenied
from app.domain.tickets import Channel, Criticality, Environment, ServiceType, Status
from app.services.alerts import AlertService
from app.services.auth import Actor
from app.services.customers import CustomerService
from app.services.demo_annex import load_annex_demo
from app.services.demo_data import (
    COMMENTS,
    CUSTOMERS,
    DEMO_PASSWORD,
    FIXES,
    PRODUCTS,
    RELEASES,
    STATUS_MIX,
    SUBJECTS,
    TIERS,
    USERS,
)
from app.services.dto import TicketView
from app.services.outages import OutageService
from app.services.promotions import PromotionService
from app.services.releases import ReleaseService
from app.services.sla import SlaService
from app.services.tickets import TicketService
from app.services.users import UserService


@dataclass
class DemoReport:
    users: int = 0
    customers: int = 0
    products: int = 0
    tickets: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


class DemoServices(Protocol):
    """The services the demo goes through (``app.bootstrap.Services`` has them all)."""

    @property
    def users(self) -> UserService: ...
    @property
    def customers(self) -> CustomerService: ...
    @property
    def tickets(self) -> TicketService: ...
    @property
    def sla(self) -> SlaService: ...
    @property
    def releases(self) -> ReleaseService: ...
    @property
    def promotions(self) -> PromotionService: ...
    @property
    def outages(self) -> OutageService: ...
    @property
    def alerts(self) -> AlertService: ...


class DemoLoader:
    def __init__(self, services: DemoServices, clock: FakeClock, *, seed: int = 7) -> None:
        """``services`` run on ``clock``; its time now is taken as the real "now"."""
        self.real_now = clock.now().astimezone(UTC)
        self.clock = clock
        self.clock.set(self.real_now - timedelta(days=30))
        self.svc = services
        self.rng = random.Random(seed)
        self.actors: dict[str, Actor] = {}

    def load(self, tickets: int = 60) -> DemoReport:
        if self.svc.users.has_users():
            raise PermissionDenied(
                "this database already has users; demo data only goes into an empty database."
            )
        report = DemoReport()
        self._people(report)
        self._catalogue(report)
        for i in range(tickets):
            view = self._ticket(i, STATUS_MIX[i % len(STATUS_MIX)])
            report.tickets += 1
            report.by_status[view.status] = report.by_status.get(view.status, 0) + 1
        self._releases()
        # The SLA annex (issue 17): last month's targets, maintenance, outages, alerts.
        load_annex_demo(self.svc, self.clock, self.actors, self.real_now)
        self.clock.set(self.real_now)  # bring SLA states up to the real now
        self.svc.sla.scan()
        return report

    # -- set-up ----------------------------------------------------------------------------

    def _people(self, report: DemoReport) -> None:
        admin_name, _, admin_full = USERS[0]
        self.svc.users.create_first_admin(admin_name, DEMO_PASSWORD, admin_full)
        admin = self.svc.users.login(admin_name, DEMO_PASSWORD)
        for name, role, full in USERS[1:]:
            self.svc.users.add_user(
                admin,
                username=name,
                password=DEMO_PASSWORD,
                role=role,
                full_name=full,
                email=f"{name}@supportdesk.example",
            )
        for name, _, _ in USERS:
            self.actors[name] = self.svc.users.login(name, DEMO_PASSWORD)
        report.users = len(USERS)

    def _catalogue(self, report: DemoReport) -> None:
        mia = self.actors["mia"]
        for code, name, contacts in CUSTOMERS:
            self.svc.customers.add_customer(mia, code=code, name=name)
            for index, (person, email, phone) in enumerate(contacts):
                self.svc.customers.add_contact(
                    mia,
                    customer_code=code,
                    name=person,
                    email=email,
                    phone=phone,
                    # The first contact with an e-mail address verifies new releases.
                    verifies_releases=index == 0 and bool(email),
                )
        for code, name in PRODUCTS:
            self.svc.customers.add_product(mia, code=code, name=name)
        report.customers, report.products = len(CUSTOMERS), len(PRODUCTS)
        since = (self.real_now - timedelta(days=180)).date()
        for (code, _, _), tier in zip(CUSTOMERS, TIERS, strict=True):
            self.svc.sla.add_contract(
                mia,
                customer=code,
                tier=tier,
                services=[s.value for s in ServiceType],
                valid_from=since,
            )

    def _releases(self) -> None:
        """Versions installed everywhere, and promotions at every stage."""
        mia, eli, cara = self.actors["mia"], self.actors["eli"], self.actors["cara"]
        self.clock.set(self.real_now - timedelta(days=20))
        for product, versions, baseline in RELEASES:
            for version, state, notes in versions:
                self.svc.releases.add_release(
                    mia, product=product, version=version, state=state, notes=notes
                )
            for code, _, _ in CUSTOMERS:
                for env in ("test", "production"):
                    self.svc.releases.record_baseline(
                        mia,
                        customer=code,
                        product=product,
                        environment=env,
                        version=baseline,
                        reason="installed before SupportDesk tracked it",
                    )
        promote = self.svc.promotions
        ledger = ("LEDGER", "4.3.1")
        self.clock.set(self.real_now - timedelta(days=9))
        for code in ("ACME", "NORTHWIND", "BLUEBIRD", "HELIO"):
            promote.install_on_test(
                eli, product=ledger[0], version=ledger[1], customer=code, notes="night slot"
            )
        self.clock.set(self.real_now - timedelta(days=6))
        promote.record_verification(
            cara,
            customer="ACME",
            approved=True,
            contact="Jo Smith",
            comments="Month-end run checked.",
            product=ledger[0],
            version=ledger[1],
        )
        promote.record_verification(
            cara,
            customer="BLUEBIRD",
            approved=False,
            contact="Hana Kato",
            channel="phone",
            comments="Totals on credit notes are still off by one cent.",
            product=ledger[0],
            version=ledger[1],
        )
        self.clock.set(self.real_now - timedelta(days=5))
        promote.install_on_production(
            eli, product=ledger[0], version=ledger[1], customer="ACME", notes="after verification"
        )
        self.clock.set(self.real_now - timedelta(days=2))
        promote.install_on_test(eli, customer="RIVERTON", product="PORTAL", version="2.1.0")
        self.clock.set(self.real_now - timedelta(minutes=1))

    # -- one ticket's story ----------------------------------------------------------------

    def _step(self, low_min: int, high_min: int) -> None:
        """Let time pass, never beyond a minute before the real now."""
        ceiling = self.real_now - timedelta(minutes=1)
        target = self.clock.now() + timedelta(minutes=self.rng.randint(low_min, high_min))
        self.clock.set(min(target, ceiling))

    def _ticket(self, i: int, goal: Status) -> TicketView:
        rng = self.rng
        final = goal in (Status.CLOSED, Status.CANCELLED, Status.RESOLVED)
        # Finished work started weeks ago; open work is recent, new tickets are fresh.
        if goal == Status.NEW:
            age = timedelta(minutes=rng.randint(5, 300))
        elif final:
            age = timedelta(days=rng.uniform(4, 26))
        else:
            age = timedelta(hours=rng.uniform(3, 72))
        self.clock.set(self.real_now - age)
        subject, product, category = SUBJECTS[i % len(SUBJECTS)]
        code, _, contacts = CUSTOMERS[i % len(CUSTOMERS)]
        contact = contacts[i % len(contacts)][0]
        care = self.actors[rng.choice(("cara", "colin"))]
        crit = rng.choices(list(Criticality), weights=(1, 3, 5, 3))[0]
        view = self.svc.tickets.open_ticket(
            care,
            customer=code,
            subject=subject,
            service_type=rng.choice(list(ServiceType)).value,
            description=f"{contact} reports: {subject.lower()}. Seen on {product}.",
            contact=contact,
            product=product,
            environment=rng.choice((Environment.PRODUCTION, Environment.TEST)).value,
            category=category.value,
            criticality=crit.value,
        )
        if goal == Status.CANCELLED:
            self._step(10, 120)
            return self.svc.tickets.cancel(
                care, view.number, "Duplicate of an earlier request; closed with the customer."
            )
        if goal == Status.NEW:
            return view
        return self._work(i, goal, view, care, contact)

    def _work(
        self, i: int, goal: Status, view: TicketView, care: Actor, contact: str
    ) -> TicketView:
        rng, t, number = self.rng, self.svc.tickets, view.number
        engineer = self._engineer_for(view, i)
        self._step(5, 90)
        if Status(view.status) == Status.NEW:
            view = t.take(engineer, number)
        engineer = self.actors.get(view.assignee or "", engineer)
        if goal == Status.ASSIGNED:
            return view
        self._step(10, 180)
        view = t.start(engineer, number)
        self._step(20, 240)
        view = t.comment(
            engineer,
            number,
            rng.choice(COMMENTS),
            internal=rng.random() < 0.4,
            minutes=rng.choice((15, 20, 30, 45)),
        )
        if goal == Status.WAITING_ON_CUSTOMER or rng.random() < 0.3:
            self._step(5, 60)
            view = t.wait_on_customer(engineer, number, "Waiting for logs from the customer.")
            if goal == Status.WAITING_ON_CUSTOMER:
                return view
            self._step(60, 600)
            view = t.customer_replied(
                care,
                number,
                "Logs attached to the e-mail.",
                contact=contact,
                channel=Channel.EMAIL.value,
            )
        if goal == Status.IN_PROGRESS:
            return view
        self._step(30, 300)
        nature, solution = rng.choice(FIXES)
        view = t.resolve(
            engineer,
            number,
            problem_nature=nature,
            solution=solution,
            minutes=rng.choice((30, 45, 60, 90)),
        )
        if goal == Status.RESOLVED:
            return view
        self._step(60, 1440)
        return t.approve(
            care,
            number,
            contact=contact,
            channel=rng.choice((Channel.PHONE, Channel.EMAIL, Channel.MEETING)).value,
            approved_at=self.clock.now(),
            note="Confirmed fixed.",
        )

    def _engineer_for(self, view: TicketView, i: int) -> Actor:
        names = [n for n, role, _ in USERS if role == "engineer"]
        return self.actors[names[i % len(names)]]


def load_demo(services: DemoServices, clock: FakeClock, tickets: int = 60) -> DemoReport:
    """Load the demo set through ``services``, which run on ``clock`` (the loader moves it
    through the demo's weeks); refuses a database that already has users."""
    if tickets < 0 or tickets > 100_000:
        raise DomainError("--tickets must be between 0 and 100,000.")
    return DemoLoader(services, clock).load(tickets)
