"""Storage of the release feature: the catalogue of releases, what each customer has
installed where (and the history of it), and promotions with their steps."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.persistence.orm import Customer, Product, Ticket
from app.persistence.orm_releases import (
    Installation,
    InstallationEvent,
    Promotion,
    PromotionEvent,
    Release,
    ReleaseTicket,
)
from app.persistence.orm_sla import Contract

ReleaseRecord = (
    Release | ReleaseTicket | Installation | InstallationEvent | Promotion | PromotionEvent
)


@dataclass(frozen=True, slots=True)
class InstalledEvent:
    """One installation event with its product's code."""

    event: InstallationEvent
    product_code: str


@dataclass(frozen=True, slots=True)
class ContractTerm:
    """When one of a customer's SLA contracts is valid, and its tier."""

    customer_id: int
    tier: str
    valid_from: date
    valid_to: date | None


class ReleaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: ReleaseRecord) -> None:
        self.session.add(record)

    # -- releases --------------------------------------------------------------------------

    def find(self, product_id: int, major: int, minor: int, patch: int) -> Release | None:
        return self.session.scalar(
            select(Release).where(
                Release.product_id == product_id,
                Release.major == major,
                Release.minor == minor,
                Release.patch == patch,
            )
        )

    def of_product(self, product_id: int) -> Sequence[Release]:
        return self.session.scalars(select(Release).where(Release.product_id == product_id)).all()

    def catalogue(self, product_id: int | None = None) -> Sequence[Release]:
        """Releases with their product, per product newest version first."""
        query = select(Release).options(selectinload(Release.product))
        if product_id is not None:
            query = query.where(Release.product_id == product_id)
        return self.session.scalars(
            query.order_by(
                Release.product_id,
                Release.major.desc(),
                Release.minor.desc(),
                Release.patch.desc(),
            )
        ).all()

    def in_state(self, state: str) -> Sequence[Release]:
        return self.session.scalars(select(Release).where(Release.state == state)).all()

    # -- tickets a release delivers --------------------------------------------------------

    def is_linked(self, release_id: int, ticket_id: int) -> bool:
        return self.session.get(ReleaseTicket, (release_id, ticket_id)) is not None

    def linked_tickets(self, release_id: int) -> list[Ticket]:
        return list(
            self.session.scalars(
                select(Ticket)
                .join(ReleaseTicket, ReleaseTicket.ticket_id == Ticket.id)
                .where(ReleaseTicket.release_id == release_id)
                .order_by(Ticket.id)
            )
        )

    # -- installations ---------------------------------------------------------------------

    def installation(self, customer_id: int, product_id: int, env: str) -> Installation | None:
        return self.session.scalar(
            select(Installation).where(
                Installation.customer_id == customer_id,
                Installation.product_id == product_id,
                Installation.environment == env,
            )
        )

    def installations(self, product_id: int | None = None) -> Sequence[Installation]:
        """Every customer's installations (of one product), with their release."""
        query = select(Installation).options(selectinload(Installation.release))
        if product_id is not None:
            query = query.where(Installation.product_id == product_id)
        return self.session.scalars(query).all()

    def installation_history(
        self, customer_id: int, product_code: str | None = None
    ) -> list[InstalledEvent]:
        """A customer's installation events (of one product), oldest first."""
        query = (
            select(InstallationEvent, Product.code)
            .join(Product, Product.id == InstallationEvent.product_id)
            .where(InstallationEvent.customer_id == customer_id)
            .order_by(InstallationEvent.installed_at, InstallationEvent.id)
        )
        if product_code is not None:
            query = query.where(Product.code == product_code)
        return [InstalledEvent(event, code) for event, code in self.session.execute(query)]

    # -- promotions ------------------------------------------------------------------------

    def promotion(
        self, release_id: int, customer_id: int, *, lock: bool = False
    ) -> Promotion | None:
        """The promotion of a release to a customer; ``lock`` takes its row lock."""
        query = select(Promotion).where(
            Promotion.release_id == release_id, Promotion.customer_id == customer_id
        )
        return self.session.scalar(query.with_for_update() if lock else query)

    def promotion_events(self, promotion_id: int) -> list[PromotionEvent]:
        return list(
            self.session.scalars(
                select(PromotionEvent)
                .where(PromotionEvent.promotion_id == promotion_id)
                .order_by(PromotionEvent.seq)
            )
        )

    def promotion_states(self, release_id: int) -> dict[int, str]:
        """The state of the release's promotion, by customer id."""
        rows = self.session.execute(
            select(Promotion.customer_id, Promotion.state).where(Promotion.release_id == release_id)
        )
        return {customer_id: state for customer_id, state in rows}

    def promotions_in(self, states: Collection[str]) -> Sequence[Promotion]:
        """Promotions in these states, with their release."""
        return self.session.scalars(
            select(Promotion)
            .options(selectinload(Promotion.release))
            .where(Promotion.state.in_(list(states)))
        ).all()

    def waiting_promotions(self, states: Collection[str]) -> Sequence[Promotion]:
        """Promotions in these states with release, product, customer and contacts
        loaded, the longest waiting first."""
        return self.session.scalars(
            select(Promotion)
            .options(
                selectinload(Promotion.release).selectinload(Release.product),
                selectinload(Promotion.customer).selectinload(Customer.contacts),
            )
            .where(Promotion.state.in_(list(states)))
            .order_by(Promotion.awaiting_since, Promotion.id)
        ).all()

    # -- the customers' tiers (SLA contracts) ----------------------------------------------

    def contract_terms(self) -> list[ContractTerm]:
        rows = self.session.execute(
            select(Contract.customer_id, Contract.tier, Contract.valid_from, Contract.valid_to)
        )
        return [
            ContractTerm(customer_id, tier, valid_from, valid_to)
            for customer_id, tier, valid_from, valid_to in rows
        ]
