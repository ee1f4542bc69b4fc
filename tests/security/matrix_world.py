"""What one cell of the service privilege matrix needs: the person acting (their own
services — on the security cluster, their own PostgreSQL login), and an administrator
and an engineer who prepare the tickets, customers and releases the action works on.

Everything prepared is new (unique codes), so the cells share one database on the
security cluster and each runs on a fresh one on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.bootstrap import Services
from app.domain.queue import QueueFilter, QueueSort
from app.services.auth import Actor
from app.services.dto import ContactView

_serial = itertools.count(1)
PRODUCT = "ERP"
CONTACT = "Jo Smith"
SERVICE = "first_level_support"
HOSTING = "managed_hosting"  # outages are recorded on these


@dataclass
class Desk:
    """One person at their desk: their services and who they are."""

    services: Services
    actor: Actor


@dataclass
class World:
    me: Desk  # the person whose role is checked
    admin: Desk  # prepares what needs an administrator or a manager
    engineer: Desk  # prepares work on tickets (assigned to them)
    tmp: Path

    @property
    def s(self) -> Services:
        return self.me.services

    @property
    def actor(self) -> Actor:
        return self.me.actor

    @property
    def role(self) -> str:
        return str(self.me.actor.role)

    @property
    def now(self) -> datetime:
        return self.s.ctx.clock.now()

    @property
    def eng_name(self) -> str:
        return self.engineer.actor.username

    def whose(self) -> str | None:
        """The engineer an assignment action is about: an engineer's own, else ours."""
        return None if self.role == "engineer" else self.eng_name

    @staticmethod
    def unique(prefix: str) -> str:
        return f"{prefix}{next(_serial)}"

    # -- preparation, as the administrator and the engineer ---------------------------

    def _a(self) -> tuple[Services, Actor]:
        return self.admin.services, self.admin.actor

    def ticket(self, state: str = "new", service: str = SERVICE) -> str:
        """A ticket of ACME in ``state``: new, assigned (to the engineer), in_progress,
        waiting (on the customer) or resolved."""
        a, root = self._a()
        number = a.tickets.open_ticket(
            root, customer="ACME", contact=CONTACT, subject=self.unique("Case "),
            service_type=service,
        ).number  # fmt: skip
        if state == "new":
            return number
        a.tickets.assign(root, number, self.eng_name)
        if state == "assigned":
            return number
        e, eng = self.engineer.services, self.engineer.actor
        e.tickets.start(eng, number)
        if state == "waiting":
            e.tickets.wait_on_customer(eng, number, "need the logs")
        elif state == "resolved":
            e.tickets.resolve(eng, number, problem_nature="queue", solution="restarted")
        return number

    def user(self) -> str:
        a, root = self._a()
        name = self.unique("temp")
        a.users.add_user(root, username=name, password="temp-Secret-1", role="care")
        return name

    def customer(self, *, contract: bool = False) -> str:
        a, root = self._a()
        code = self.unique("C")
        a.customers.add_customer(root, code=code, name=f"Customer {code}")
        if contract:
            a.sla.add_contract(
                root, customer=code, tier="Gold", services=[SERVICE, "managed_hosting"],
                valid_from=date(2020, 1, 1), code=f"K-{code}",
            )  # fmt: skip
        return code

    def contact(self, customer: str = "ACME", *, verifies: bool = False) -> ContactView:
        a, root = self._a()
        name = self.unique("Contact ")
        return a.customers.add_contact(
            root, customer_code=customer, name=name,
            email=f"{name.replace(' ', '.').lower()}@example.com", verifies_releases=verifies,
        )  # fmt: skip

    def release(self, state: str = "available") -> str:
        a, root = self._a()
        version = f"9.{next(_serial)}.0"
        a.releases.add_release(root, product=PRODUCT, version=version, state=state)
        return version

    def promotion(self, stage: str) -> tuple[str, str, str]:
        """(customer, version, verifier) of a release on its way: "ready" (baselines
        recorded), "on_test" (installed there) or "verified" (approved on test)."""
        a, root = self._a()
        code = self.customer()
        verifier = self.contact(code, verifies=True).name
        old, new = self.release(), self.release()
        for env in ("test", "production"):
            a.releases.record_baseline(
                root, customer=code, product=PRODUCT, environment=env, version=old,
                reason="tracked from today",
            )  # fmt: skip
        if stage in {"on_test", "verified"}:
            e, eng = self.engineer.services, self.engineer.actor
            e.promotions.install_on_test(
                eng, product=PRODUCT, version=new, customer=code, notify=False
            )
        if stage == "verified":
            a.promotions.record_verification(
                root, product=PRODUCT, version=new, customer=code, approved=True,
                contact=verifier,
            )  # fmt: skip
        return code, new, verifier

    def canned(self) -> str:
        a, root = self._a()
        title = self.unique("Reply ")
        a.canned_replies.save(root, title, "Dear customer, {number} is in hand.")
        return title

    def saved_search(self) -> str:
        """A saved search of the acting person (saved searches are one's own)."""
        name = self.unique("search ")
        self.s.saved_searches.save(self.actor, name, QueueFilter(), QueueSort())
        return name

    def attachment(self) -> tuple[str, int]:
        from app.services.attachments import FileUpload

        a, root = self._a()
        number = self.ticket()
        a.attachments.comment(root, number, "log", [FileUpload("log.txt", b"boom\n")])
        return number, a.attachments.list(root, number)[0].id

    def unmatched_mail(self) -> int:
        from tests.support.mails import plain, raw

        a = self.admin.services
        sender = f"{self.unique('nobody')}@nowhere.example"
        a.mail.ingest(raw(plain("Help", "Our site is down.", sender=sender)))
        waiting = a.unmatched_mail.list(self.admin.actor)
        return next(m.id for m in waiting if m.sender == sender)

    def outage(self) -> tuple[str, int]:
        e, eng = self.engineer.services, self.engineer.actor
        number = self.ticket("in_progress", HOSTING)
        start = self.now - timedelta(hours=1)
        made = e.outages.record(eng, number, system="web", start=start)
        return number, made.id

    def last_month(self) -> str:
        first = self.now.date().replace(day=1) - timedelta(days=1)
        return f"{first:%Y-%m}"
