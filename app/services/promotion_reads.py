"""Reading promotions: candidates and previews for the wizard, one promotion's history,
and the verifications we wait for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.errors import ValidationError
from app.domain.releases import PromotionState, PromotionStep, step_allowed
from app.persistence.orm import Contact, Customer
from app.persistence.orm_releases import Promotion, PromotionEvent, Release
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.context import ServiceContext
from app.services.customers import clean_code
from app.services.release_views import (
    CandidateRow,
    PendingVerification,
    PreviewRow,
    PromotionView,
)
from app.services.releases import find_release, installed

_NEXT_STEP = {
    PromotionState.PLANNED: PromotionStep.INSTALL_ON_TEST,
    PromotionState.ON_TEST: PromotionStep.NOTIFY,
    PromotionState.AWAITING_VERIFICATION: PromotionStep.VERIFY,
    PromotionState.VERIFIED: PromotionStep.INSTALL_ON_PRODUCTION,
    PromotionState.REJECTED: PromotionStep.INSTALL_ON_TEST,
}


def current_tiers(uow: UnitOfWork, today: date) -> dict[int, str]:
    """Each customer's tier from its newest contract valid ``today`` (SLA contracts)."""
    tiers: dict[int, tuple[date, str]] = {}
    for term in uow.releases.contract_terms():
        if term.valid_from <= today <= (term.valid_to or date.max):
            best = tiers.get(term.customer_id)
            if best is None or best[0] <= term.valid_from:
                tiers[term.customer_id] = (term.valid_from, term.tier)
    return {cid: tier for cid, (_, tier) in tiers.items()}


def verifying_contacts(customer: Customer) -> list[Contact]:
    return [c for c in customer.contacts if c.verifies_releases and c.email]


class PromotionReads:
    """The read side of :class:`app.services.promotions.PromotionService`."""

    ctx: ServiceContext

    # -- planning and preview --------------------------------------------------------------

    def preview(
        self, actor: Actor, *, product: str, version: str, customers: Sequence[str]
    ) -> list[PreviewRow]:
        """What the next step would do for each customer, and why it is not possible."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            release = find_release(uow, product, version)
            rows = []
            for code in customers:
                cust = uow.customers.get(clean_code("customer", code))
                promo = self._find(uow, release, cust)
                state = PromotionState(promo.state) if promo else PromotionState.PLANNED
                step = _NEXT_STEP.get(state)
                allowed, why = step_allowed(step, state) if step else (False, "done")
                if step == PromotionStep.INSTALL_ON_TEST and release.state != "available":
                    allowed, why = False, f"the release is {release.state}, not available"
                test = installed(uow, cust, release.product, "test")
                prod = installed(uow, cust, release.product, "production")
                rows.append(
                    PreviewRow(
                        customer=cust.code,
                        customer_name=cust.name,
                        test_version=test.release.version if test else None,
                        production_version=prod.release.version if prod else None,
                        state=promo.state if promo else None,
                        next_step=step.value if step else None,
                        allowed=allowed,
                        why_not=why,
                        verifying_contacts=tuple(c.email for c in verifying_contacts(cust)),
                    )
                )
            return rows

    def candidates(self, actor: Actor, *, product: str, version: str) -> list[CandidateRow]:
        """Every customer with its tier, current versions of the product and this
        release's promotion state: what the wizard filters and picks from (bulk queries,
        so 500 customers cost a handful of statements)."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            release = find_release(uow, product, version)
            customers = uow.customers.list(with_contacts=True)
            versions: dict[tuple[int, str], str] = {
                (inst.customer_id, inst.environment): inst.release.version
                for inst in uow.releases.installations(release.product_id)
            }
            states = uow.releases.promotion_states(release.id)
            tiers = current_tiers(uow, self.ctx.clock.now().date())
            return [
                CandidateRow(
                    customer=c.code,
                    name=c.name,
                    tier=tiers.get(c.id),
                    test_version=versions.get((c.id, "test")),
                    production_version=versions.get((c.id, "production")),
                    state=states.get(c.id),
                    verifying_contacts=len(verifying_contacts(c)),
                )
                for c in customers
            ]

    # -- reading ---------------------------------------------------------------------------

    def show(self, actor: Actor, *, product: str, version: str, customer: str) -> PromotionView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            release = find_release(uow, product, version)
            promo = self._find(uow, release, uow.customers.get(clean_code("customer", customer)))
            if promo is None:
                raise ValidationError(f"{release.version} is not being promoted to {customer}.")
            return PromotionView.of(promo, self._events(uow, promo))

    def pending_verifications(self, actor: Actor) -> list[PendingVerification]:
        """Whom we are waiting for, and since when (oldest first)."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            promos = uow.releases.waiting_promotions(
                (PromotionState.ON_TEST, PromotionState.AWAITING_VERIFICATION)
            )
            return [
                PendingVerification(
                    p.customer.code,
                    p.release.product.code,
                    p.release.version,
                    p.awaiting_since,
                    tuple(c.email for c in verifying_contacts(p.customer)),
                )
                for p in promos
            ]

    @staticmethod
    def _find(
        uow: UnitOfWork, release: Release, customer: Customer, *, lock: bool = False
    ) -> Promotion | None:
        return uow.releases.promotion(release.id, customer.id, lock=lock)

    @staticmethod
    def _events(uow: UnitOfWork, promo: Promotion) -> list[PromotionEvent]:
        return uow.releases.promotion_events(promo.id)
