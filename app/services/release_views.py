"""Plain data returned by the release services."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.persistence.orm_releases import InstallationEvent, Promotion, PromotionEvent, Release


@dataclass(frozen=True, slots=True)
class ReleaseView:
    id: int
    product: str
    version: str
    kind: str
    state: str
    release_date: date | None
    notes: str
    linked_tickets: tuple[str, ...] = ()

    @classmethod
    def of(cls, release: Release, linked: tuple[str, ...] = ()) -> ReleaseView:
        return cls(
            release.id,
            release.product.code,
            release.version,
            release.kind,
            release.state,
            release.release_date,
            release.notes,
            linked,
        )


@dataclass(frozen=True, slots=True)
class InstallationView:
    customer: str
    product: str
    environment: str
    from_version: str | None
    to_version: str
    installed_at: datetime
    actor: str
    notes: str
    reason: str | None

    @classmethod
    def of(cls, event: InstallationEvent, customer: str, product: str) -> InstallationView:
        return cls(
            customer,
            product,
            event.environment,
            event.from_release.version if event.from_release else None,
            event.to_release.version,
            event.installed_at,
            event.actor.username,
            event.notes,
            event.reason,
        )


@dataclass(frozen=True, slots=True)
class PromotionEventView:
    seq: int
    occurred_at: datetime
    actor: str
    step: str
    old_state: str | None
    new_state: str
    notes: str
    data: dict[str, Any]

    @classmethod
    def of(cls, event: PromotionEvent) -> PromotionEventView:
        return cls(
            event.seq,
            event.occurred_at,
            event.actor.username,
            event.step,
            event.old_state,
            event.new_state,
            event.notes,
            json.loads(event.data),
        )


@dataclass(frozen=True, slots=True)
class PromotionView:
    id: int
    customer: str
    product: str
    version: str
    state: str
    awaiting_since: datetime | None
    ticket: str | None
    version_id: int
    history: tuple[PromotionEventView, ...] = ()

    @classmethod
    def of(cls, promotion: Promotion, events: list[PromotionEvent] | None = None) -> PromotionView:
        return cls(
            promotion.id,
            promotion.customer.code,
            promotion.release.product.code,
            promotion.release.version,
            promotion.state,
            promotion.awaiting_since,
            promotion.ticket.number if promotion.ticket else None,
            promotion.version,
            tuple(PromotionEventView.of(e) for e in events or ()),
        )


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """What promoting a release would do for one customer, before anything is done."""

    customer: str
    customer_name: str
    test_version: str | None
    production_version: str | None
    state: str | None  # the promotion's state, None when not planned yet
    next_step: str | None
    allowed: bool
    why_not: str
    verifying_contacts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PendingVerification:
    customer: str
    product: str
    version: str
    since: datetime | None
    contacts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatrixCell:
    test: str | None
    production: str | None
    latest: str | None
    behind: bool  # production is older than the latest available release
    awaiting_verification: str | None  # version waiting for the customer's verification


@dataclass(frozen=True, slots=True)
class VersionMatrix:
    products: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[MatrixCell, ...]], ...]  # (code, name, cells)

    def to_csv_rows(self) -> list[list[str]]:
        header = ["customer", "name"]
        for product in self.products:
            header += [f"{product} test", f"{product} production", f"{product} status"]
        out = [header]
        for code, name, cells in self.rows:
            line = [code, name]
            for cell in cells:
                status = []
                if cell.behind:
                    status.append(f"behind {cell.latest}")
                if cell.awaiting_verification:
                    status.append(f"awaiting verification of {cell.awaiting_verification}")
                line += [cell.test or "", cell.production or "", "; ".join(status)]
            out.append(line)
        return out


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """A customer as the promotion wizard lists it for one release."""

    customer: str
    name: str
    tier: str | None
    test_version: str | None
    production_version: str | None
    state: str | None  # this release's promotion state for the customer, if any
    verifying_contacts: int

    def on_version(self, version: str) -> bool:
        return self.production_version == version
