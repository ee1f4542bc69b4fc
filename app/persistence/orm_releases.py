"""Releases of our products, what each customer has installed where, and promotions.

Installation and promotion events are append-only: they are the release history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.orm import Base, Customer, Product, Ticket, User
from app.persistence.types import UTCDateTime


class Release(Base):
    __tablename__ = "releases"
    __table_args__ = (
        UniqueConstraint("product_id", "major", "minor", "patch", name="uq_releases_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    # Numeric parts, so that ordering is numeric in SQL too (1.10.0 > 1.9.3).
    major: Mapped[int] = mapped_column(Integer)
    minor: Mapped[int] = mapped_column(Integer)
    patch: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(16))
    release_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    product: Mapped[Product] = relationship()

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


class ReleaseTicket(Base):
    """An upgrade/patch/incident ticket delivered by a release."""

    __tablename__ = "release_tickets"

    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True, index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket] = relationship()


class Installation(Base):
    """What one customer runs of one product in one environment, now."""

    __tablename__ = "installations"
    __table_args__ = (
        UniqueConstraint("customer_id", "product_id", "environment", name="uq_installations_place"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    environment: Mapped[str] = mapped_column(String(20))
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    installed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    installed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    customer: Mapped[Customer] = relationship()
    release: Mapped[Release] = relationship()


class InstallationEvent(Base):
    """One installation: who installed what, where, when, from which release, and why."""

    __tablename__ = "installation_events"
    __table_args__ = (
        Index("ix_installation_events_place", "customer_id", "product_id", "environment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    environment: Mapped[str] = mapped_column(String(20))
    from_release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id"))
    to_release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    promotion_id: Mapped[int | None] = mapped_column(ForeignKey("promotions.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    installed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Required for a downgrade or a withdrawn release.
    reason: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User] = relationship()
    from_release: Mapped[Release | None] = relationship(foreign_keys=[from_release_id])
    to_release: Mapped[Release] = relationship(foreign_keys=[to_release_id])


class Promotion(Base):
    """One release on its way to one customer's production."""

    __tablename__ = "promotions"
    __table_args__ = (
        UniqueConstraint("release_id", "customer_id", name="uq_promotions_release_customer"),
        Index("ix_promotions_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    state: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Since when we wait for the customer's verification (for "Pending verifications").
    awaiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The ticket that tracks a rejection.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    release: Mapped[Release] = relationship()
    customer: Mapped[Customer] = relationship()
    ticket: Mapped[Ticket | None] = relationship()


class PromotionEvent(Base):
    """One step of a promotion, with the actor, the time and the notes."""

    __tablename__ = "promotion_events"
    __table_args__ = (UniqueConstraint("promotion_id", "seq", name="uq_promotion_events_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("promotions.id"))
    seq: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    step: Mapped[str] = mapped_column(String(32))
    old_state: Mapped[str | None] = mapped_column(String(24))
    new_state: Mapped[str] = mapped_column(String(24))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Who at the customer answered, how and when (JSON).
    data: Mapped[str] = mapped_column(Text, default="{}")

    actor: Mapped[User] = relationship()
