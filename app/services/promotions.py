"""Promoting one release to customers: test first, the customer verifies, then production.

Each step for each customer is one transaction that moves the promotion, records the
installation (if any), appends the promotion event and queues the customer's e-mails.
Production is refused unless this customer verified this same release on test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.releases import (
    InstallEnvironment,
    PromotionState,
    PromotionStep,
    ReleaseState,
    next_state,
)
from app.domain.roles import Permission
from app.domain.tickets import REASON_MAX, TEXT_MAX, Channel, clean_text, parse_enum
from app.persistence.orm import Contact, User
from app.persistence.orm_releases import Promotion, PromotionEvent
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.changes import bump
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.history import append_event
from app.services.notifications import queue_email
from app.services.promotion_reads import PromotionReads, verifying_contacts
from app.services.release_views import (
    PromotionView,
)
from app.services.releases import find_release, linked_tickets, record_install
from app.services.ticket_input import TicketRequest
from app.services.tickets import TicketService


class PromotionService(PromotionReads):
    def __init__(self, ctx: ServiceContext, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    # -- the steps -------------------------------------------------------------------------

    def install_on_test(
        self,
        actor: Actor,
        *,
        product: str,
        version: str,
        customer: str,
        installed_at: datetime | None = None,
        notes: str = "",
        notify: bool = True,
        reason: str | None = None,
    ) -> PromotionView:
        """Record the installation on the customer's test environment and, by default,
        notify the customer's verifying contacts in the same transaction. A downgrade or
        a withdrawn release needs ``reason``."""
        notes = clean_text("notes", notes, max_len=TEXT_MAX, required=False)
        reason = clean_text("reason", reason, max_len=REASON_MAX, required=False) or None
        with self._step(
            actor, product, version, customer, Permission.RECORD_INSTALLATION, create=True
        ) as (uow, me, promo, now):
            release = promo.release
            if release.state == ReleaseState.PLANNED:
                raise ValidationError(
                    f"{release.product.code} {release.version} is still planned; make it "
                    "available before installing it at customers."
                )
            self._move(uow, me, promo, PromotionStep.INSTALL_ON_TEST, now, notes=notes)
            record_install(
                uow,
                me,
                promo.customer,
                release,
                InstallEnvironment.TEST,
                installed_at=installed_at or now,
                now=now,
                notes=notes,
                reason=reason,
                promotion=promo,
            )
            if notify:
                self._notify(uow, me, promo, now)
            return self._done(uow, promo)

    def notify(self, actor: Actor, *, product: str, version: str, customer: str) -> PromotionView:
        with self._step(actor, product, version, customer, Permission.RECORD_INSTALLATION) as (
            uow,
            me,
            promo,
            now,
        ):
            self._notify(uow, me, promo, now)
            return self._done(uow, promo)

    def record_verification(
        self,
        actor: Actor,
        *,
        product: str,
        version: str,
        customer: str,
        approved: bool,
        contact: str,
        channel: str = Channel.EMAIL,
        verified_at: datetime | None = None,
        comments: str = "",
        ticket: str | None = None,
    ) -> PromotionView:
        """The customer's answer. A rejection needs the reason (``comments``) and opens a
        ticket for it — or links ``ticket`` when one exists already."""
        how = parse_enum(Channel, "channel", channel)
        comments = clean_text(
            "reason" if not approved else "comments",
            comments,
            max_len=REASON_MAX,
            required=not approved,
        )
        with self._step(actor, product, version, customer, Permission.RECORD_CUSTOMER_RESPONSE) as (
            uow,
            me,
            promo,
            now,
        ):
            who = uow.customers.contact(promo.customer, (contact or "").strip() or "?")
            when = verified_at or now
            if when.tzinfo is None or when > now:
                raise ValidationError(
                    "the verification time needs a time zone and cannot be in the future."
                )
            data: dict[str, Any] = {
                "contact": who.name,
                "channel": how.value,
                "answered_at": when.isoformat(),
            }
            step = PromotionStep.VERIFY if approved else PromotionStep.REJECT
            # Refuse a wrong step before a rejection ticket is opened for it.
            next_state(step, PromotionState(promo.state), self._what(promo))
            if not approved:
                promo.ticket = (
                    uow.tickets.get(ticket, lock=True)
                    if ticket
                    else self._rejection_ticket(uow, me, promo, who, comments)
                )
                data["ticket"] = promo.ticket.number
            self._move(uow, me, promo, step, now, notes=comments, data=data)
            promo.awaiting_since = None
            return self._done(uow, promo)

    def install_on_production(
        self,
        actor: Actor,
        *,
        product: str,
        version: str,
        customer: str,
        installed_at: datetime | None = None,
        notes: str = "",
        reason: str | None = None,
    ) -> PromotionView:
        """Production, only after this customer verified this release on test. The
        tickets the release delivers for this customer are told, and so are its contacts."""
        notes = clean_text("notes", notes, max_len=TEXT_MAX, required=False)
        reason = clean_text("reason", reason, max_len=REASON_MAX, required=False) or None
        with self._step(
            actor, product, version, customer, Permission.RECORD_INSTALLATION, create=True
        ) as (uow, me, promo, now):
            self._move(uow, me, promo, PromotionStep.INSTALL_ON_PRODUCTION, now, notes=notes)
            release = promo.release
            record_install(
                uow,
                me,
                promo.customer,
                release,
                InstallEnvironment.PRODUCTION,
                installed_at=installed_at or now,
                now=now,
                notes=notes,
                reason=reason,
                promotion=promo,
            )
            label = f"{release.product.code} {release.version}"
            for ticket in linked_tickets(uow, release):
                if ticket.customer_id == promo.customer_id and ticket.status not in (
                    "closed",
                    "cancelled",
                ):
                    locked = uow.tickets.get(ticket.number, lock=True)
                    append_event(
                        uow,
                        locked,
                        me,
                        EventKind.COMMENT,
                        now,
                        text=f"{label} is now installed on production.",
                    )
                    self.tickets.pipeline.finish(uow, locked)
            for contact in verifying_contacts(promo.customer):
                queue_email(
                    uow,
                    kind="release_on_production",
                    to=contact.email,
                    now=now,
                    values=self._mail_values(promo, contact),
                )
            return self._done(uow, promo)

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _step(
        self,
        actor: Actor,
        product: str,
        version: str,
        customer: str,
        permission: Permission,
        *,
        create: bool = False,
    ) -> Iterator[tuple[UnitOfWork, User, Promotion, datetime]]:
        stale = f"the promotion of {version} to {customer} changed meanwhile; reload it."
        with storage_errors(stale), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor, permission)
            release = find_release(uow, product, version)
            cust = uow.customers.get(clean_code("customer", customer))
            now = self.ctx.clock.now()
            promo = self._find(uow, release, cust, lock=True)
            if promo is None:
                if not create:
                    raise ValidationError(
                        f"{release.product.code} {release.version} has not been installed on "
                        f"{cust.code}'s test environment yet."
                    )
                promo = Promotion(
                    release=release,
                    customer=cust,
                    state=PromotionState.PLANNED,
                    created_at=now,
                    updated_at=now,
                )
                uow.releases.add(promo)
                uow.flush()
            yield uow, me, promo, now

    @staticmethod
    def _what(promo: Promotion) -> str:
        return f"{promo.release.product.code} {promo.release.version} for {promo.customer.code}"

    def _move(
        self,
        uow: UnitOfWork,
        me: User,
        promo: Promotion,
        step: PromotionStep,
        now: datetime,
        *,
        notes: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        old = PromotionState(promo.state)
        new = next_state(step, old, self._what(promo))
        promo.state = new.value
        promo.updated_at = now
        seq = len(self._events(uow, promo)) + 1
        uow.releases.add(
            PromotionEvent(
                promotion_id=promo.id,
                seq=seq,
                occurred_at=now,
                actor_id=me.id,
                step=step.value,
                old_state=old.value,
                new_state=new.value,
                notes=notes,
                data=json.dumps(data or {}, sort_keys=True),
            )
        )
        uow.flush()

    def _notify(self, uow: UnitOfWork, me: User, promo: Promotion, now: datetime) -> None:
        contacts = verifying_contacts(promo.customer)
        for contact in contacts:
            queue_email(
                uow,
                kind="release_on_test",
                to=contact.email,
                now=now,
                values=self._mail_values(promo, contact),
            )
        note = "" if contacts else "no contact verifies releases: tell the customer yourself"
        self._move(
            uow,
            me,
            promo,
            PromotionStep.NOTIFY,
            now,
            notes=note,
            data={"notified": [c.email for c in contacts]},
        )
        promo.awaiting_since = now

    def _mail_values(self, promo: Promotion, contact: Contact) -> dict[str, str]:
        release = promo.release
        return {
            "contact": contact.name,
            "customer": promo.customer.name,
            "product": release.product.name,
            "version": release.version,
            "kind": release.kind,
            "notes": release.notes or "(see the attached release notes)",
            "language": promo.customer.language,  # of the mail (app/services/mail_out.py)
        }

    def _rejection_ticket(
        self, uow: UnitOfWork, me: User, promo: Promotion, who: Contact, reason: str
    ) -> Any:
        release = promo.release
        first_line = reason.splitlines()[0][:120]
        request = TicketRequest.validated(
            customer=promo.customer.code,
            subject=f"{release.product.code} {release.version} rejected on test: {first_line}",
            service_type="software_maintenance",
            description=f"{who.name} rejected {release.product.name} {release.version} on "
            f"the test environment.\n\nReason given:\n{reason}",
            contact=str(who.id),
            product=release.product.code,
            environment="test",
            category="incident",
            criticality="high",
        )
        return self.tickets.open_in(uow, me, request)

    def _done(self, uow: UnitOfWork, promo: Promotion) -> PromotionView:
        bump(uow, f"promotion:{promo.id}")  # other desks' matrix and pending lists refresh
        uow.commit()
        return PromotionView.of(promo, self._events(uow, promo))
