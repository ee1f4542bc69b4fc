"""The release catalogue and what each customer has installed.

Installing on production is only possible through a promotion that the customer
verified (see :mod:`app.services.promotions`); the one exception is a *baseline*: a
manager recording what a customer already runs when we start tracking it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from app.domain.errors import ValidationError
from app.domain.history import EventKind
from app.domain.releases import InstallEnvironment, PromotionState, ReleaseState, Version
from app.domain.roles import Permission
from app.domain.tickets import REASON_MAX, TEXT_MAX, Category, clean_text, parse_enum
from app.persistence.orm import Customer, Product, Ticket, User
from app.persistence.orm_releases import (
    Installation,
    InstallationEvent,
    Promotion,
    Release,
    ReleaseTicket,
)
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.history import append_event
from app.services.pipeline import ChangePipeline
from app.services.release_views import InstallationView, MatrixCell, ReleaseView, VersionMatrix


def find_release(uow: UnitOfWork, product_code: str, version: str) -> Release:
    product = uow.products.get(clean_code("product", product_code))
    wanted = Version.parse(version)
    release = uow.releases.find(product.id, wanted.major, wanted.minor, wanted.patch)
    if release is None:
        raise ValidationError(f"{product.code} has no release {wanted}.")
    return release


def installed(
    uow: UnitOfWork, customer: Customer, product: Product, env: str
) -> Installation | None:
    return uow.releases.installation(customer.id, product.id, env)


def record_install(
    uow: UnitOfWork,
    me: User,
    customer: Customer,
    release: Release,
    env: InstallEnvironment,
    *,
    installed_at: datetime,
    now: datetime,
    notes: str = "",
    reason: str | None = None,
    promotion: Promotion | None = None,
) -> InstallationEvent:
    """Move ``customer``'s ``env`` to ``release`` and append the installation event."""
    if installed_at.tzinfo is None:
        raise ValidationError("the installation time needs a time zone.")
    if installed_at > now:
        raise ValidationError("an installation cannot be recorded in the future.")
    current = installed(uow, customer, release.product, env.value)
    previous = current.release if current else None
    where = f"{customer.code} {env.value}"
    if previous is not None and previous.id == release.id:
        raise ValidationError(f"{where} already runs {release.product.code} {release.version}.")
    downgrade = previous is not None and Version.parse(release.version) < Version.parse(
        previous.version
    )
    if downgrade and not reason:
        raise ValidationError(
            f"installing {release.version} on {where} is a downgrade from "
            f"{previous.version if previous else '?'}: give a reason."
        )
    if release.state == ReleaseState.WITHDRAWN and not reason:
        raise ValidationError(
            f"{release.product.code} {release.version} is withdrawn: give a reason to install it."
        )
    if current is None:
        current = Installation(
            customer_id=customer.id,
            product_id=release.product_id,
            environment=env.value,
            release_id=release.id,
            installed_at=installed_at,
            installed_by_id=me.id,
        )
        uow.releases.add(current)
    else:
        current.release_id = release.id
        current.installed_at = installed_at
        current.installed_by_id = me.id
    event = InstallationEvent(
        customer_id=customer.id,
        product_id=release.product_id,
        environment=env.value,
        from_release_id=previous.id if previous else None,
        to_release_id=release.id,
        promotion_id=promotion.id if promotion else None,
        actor_id=me.id,
        installed_at=installed_at,
        recorded_at=now,
        notes=notes,
        reason=reason or None,
    )
    uow.releases.add(event)
    return event


def linked_tickets(uow: UnitOfWork, release: Release) -> list[Ticket]:
    return uow.releases.linked_tickets(release.id)


class ReleaseService:
    def __init__(self, ctx: ServiceContext, pipeline: ChangePipeline | None = None) -> None:
        self.ctx = ctx
        # Linking a ticket is a change of that ticket: it goes through the hooks.
        self.pipeline = pipeline or ChangePipeline()

    def add_release(
        self,
        actor: Actor,
        *,
        product: str,
        version: str,
        state: str = ReleaseState.PLANNED,
        release_date: date | None = None,
        notes: str = "",
    ) -> ReleaseView:
        parsed = Version.parse(version)
        wanted_state = parse_enum(ReleaseState, "release state", state)
        notes = clean_text("release notes", notes, max_len=TEXT_MAX, required=False)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            prod = uow.products.get(clean_code("product", product))
            existing = [Version.parse(r.version) for r in self._releases(uow, prod)]
            if parsed in existing:
                raise ValidationError(f"{prod.code} {parsed} exists already.")
            older = max((v for v in existing if v < parsed), default=None)
            release = Release(
                product=prod,
                major=parsed.major,
                minor=parsed.minor,
                patch=parsed.patch,
                kind=parsed.kind_of_step_from(older).value,
                state=wanted_state.value,
                release_date=release_date,
                notes=notes,
                created_at=self.ctx.clock.now(),
                created_by_id=me.id,
            )
            uow.releases.add(release)
            uow.commit()
            return ReleaseView.of(release)

    def set_state(self, actor: Actor, *, product: str, version: str, state: str) -> ReleaseView:
        wanted = parse_enum(ReleaseState, "release state", state)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            release = find_release(uow, product, version)
            release.state = wanted.value
            uow.commit()
            return ReleaseView.of(release)

    def list_releases(self, actor: Actor, product: str | None = None) -> list[ReleaseView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            product_id = uow.products.get(clean_code("product", product)).id if product else None
            releases = uow.releases.catalogue(product_id)
            return [ReleaseView.of(r) for r in releases]

    def link_ticket(self, actor: Actor, *, product: str, version: str, ticket: str) -> ReleaseView:
        """Record that ``release`` delivers what ``ticket`` asked for (history on the ticket)."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            release = find_release(uow, product, version)
            target = uow.tickets.get(ticket, lock=True)
            if uow.releases.is_linked(release.id, target.id):
                raise ValidationError(f"{target.number} is linked to {release.version} already.")
            now = self.ctx.clock.now()
            uow.releases.add(
                ReleaseTicket(release_id=release.id, ticket_id=target.id, linked_at=now)
            )
            append_event(
                uow,
                target,
                me,
                EventKind.FIELD,
                now,
                field_name="release",
                new=f"{release.product.code} {release.version}",
                text=f"delivered by {release.product.code} {release.version}",
            )
            self.pipeline.finish(uow, target)
            uow.commit()
            return ReleaseView.of(release, tuple(t.number for t in linked_tickets(uow, release)))

    def release_notes(self, actor: Actor, *, product: str, version: str) -> str:
        """The release's own notes followed by what its linked tickets asked and got."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            release = find_release(uow, product, version)
            lines = [f"{release.product.name} {release.version} ({release.kind} release)"]
            if release.release_date:
                lines[0] += f", {release.release_date.isoformat()}"
            if release.notes:
                lines += ["", release.notes.strip()]
            sections = (
                ("Upgrades", {Category.UPGRADE}),
                ("Fixes", {Category.PATCH, Category.INCIDENT}),
                ("Other changes", {Category.SERVICE_REQUEST, Category.QUESTION}),
            )
            tickets = linked_tickets(uow, release)
            for title, categories in sections:
                chosen = [t for t in tickets if t.category in categories]
                if chosen:
                    lines += ["", f"{title}:"]
                    lines += [
                        f"- {t.number} {t.subject}" + (f": {t.solution}" if t.solution else "")
                        for t in chosen
                    ]
            return "\n".join(lines) + "\n"

    def record_baseline(
        self,
        actor: Actor,
        *,
        customer: str,
        product: str,
        environment: str,
        version: str,
        installed_at: datetime | None = None,
        reason: str,
    ) -> InstallationView:
        """Record what a customer already runs, when we start tracking it (managers)."""
        env = parse_enum(InstallEnvironment, "environment", environment)
        reason = clean_text("reason", reason, max_len=REASON_MAX)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            cust = uow.customers.get(clean_code("customer", customer))
            release = find_release(uow, product, version)
            if installed(uow, cust, release.product, env.value) is not None:
                raise ValidationError(
                    f"{cust.code} {env.value} is tracked already; new versions go through a "
                    "promotion."
                )
            now = self.ctx.clock.now()
            event = record_install(
                uow,
                me,
                cust,
                release,
                env,
                installed_at=installed_at or now,
                now=now,
                notes="baseline",
                reason=reason,
            )
            uow.commit()
            return InstallationView.of(event, cust.code, release.product.code)

    def installation_history(
        self, actor: Actor, *, customer: str, product: str | None = None
    ) -> list[InstallationView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            cust = uow.customers.get(clean_code("customer", customer))
            code = clean_code("product", product) if product else None
            return [
                InstallationView.of(r.event, cust.code, r.product_code)
                for r in uow.releases.installation_history(cust.id, code)
            ]

    def matrix(self, actor: Actor) -> VersionMatrix:
        """Customers × products: test and production versions, who is behind the latest
        available release, and which versions wait for the customer's verification."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            products: Sequence[Product] = uow.products.list()
            customers: Sequence[Customer] = uow.customers.list()
            latest: dict[int, Version] = {}
            for release in uow.releases.in_state(ReleaseState.AVAILABLE):
                v = Version.parse(release.version)
                if release.product_id not in latest or latest[release.product_id] < v:
                    latest[release.product_id] = v
            placed: dict[tuple[int, int, str], str] = {}
            for inst in uow.releases.installations():
                placed[(inst.customer_id, inst.product_id, inst.environment)] = inst.release.version
            waiting: dict[tuple[int, int], str] = {}
            for promo in uow.releases.promotions_in(
                (PromotionState.ON_TEST, PromotionState.AWAITING_VERIFICATION)
            ):
                waiting[(promo.customer_id, promo.release.product_id)] = promo.release.version
            rows = []
            for cust in customers:
                cells = []
                for prod in products:
                    prod_version = placed.get((cust.id, prod.id, "production"))
                    newest = latest.get(prod.id)
                    behind = bool(newest and prod_version and Version.parse(prod_version) < newest)
                    cells.append(
                        MatrixCell(
                            test=placed.get((cust.id, prod.id, "test")),
                            production=prod_version,
                            latest=str(newest) if newest else None,
                            behind=behind,
                            awaiting_verification=waiting.get((cust.id, prod.id)),
                        )
                    )
                rows.append((cust.code, cust.name, tuple(cells)))
            return VersionMatrix(tuple(p.code for p in products), tuple(rows))

    @staticmethod
    def _releases(uow: UnitOfWork, product: Product) -> Sequence[Release]:
        return uow.releases.of_product(product.id)
