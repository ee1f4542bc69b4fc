"""Plain data the services return: no ORM objects escape a transaction."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from app.persistence.orm import Contact, Customer, Product, Ticket, TicketEvent, User


@dataclass(frozen=True, slots=True)
class UserView:
    id: int
    username: str
    full_name: str
    email: str
    role: str
    department: str
    active: bool

    @classmethod
    def of(cls, user: User) -> UserView:
        return cls(
            user.id,
            user.username,
            user.full_name,
            user.email,
            user.role,
            user.department,
            user.active,
        )


@dataclass(frozen=True, slots=True)
class ContactView:
    id: int
    name: str
    email: str
    phone: str
    verifies_releases: bool = False
    approves_resolutions: bool = False

    @classmethod
    def of(cls, contact: Contact) -> ContactView:
        return cls(
            contact.id,
            contact.name,
            contact.email,
            contact.phone,
            contact.verifies_releases,
            bool(contact.approves_resolutions),
        )


@dataclass(frozen=True, slots=True)
class CustomerView:
    id: int
    code: str
    name: str
    contacts: tuple[ContactView, ...] = ()
    language: str = "en"  # of the customer's e-mails and PDFs (issue 18)

    @classmethod
    def of(cls, customer: Customer) -> CustomerView:
        return cls(
            customer.id,
            customer.code,
            customer.name,
            tuple(ContactView.of(c) for c in customer.contacts),
            customer.language or "en",
        )


@dataclass(frozen=True, slots=True)
class ProductView:
    id: int
    code: str
    name: str

    @classmethod
    def of(cls, product: Product) -> ProductView:
        return cls(product.id, product.code, product.name)


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    seq: int
    occurred_at: datetime
    actor: str
    kind: str
    field: str | None
    old_value: str | None
    new_value: str | None
    text: str | None
    minutes: int
    internal: bool
    data: dict[str, Any]

    @classmethod
    def of(cls, event: TicketEvent) -> EventView:
        return cls(
            event.id,
            event.seq,
            event.occurred_at,
            event.actor.username,
            event.kind,
            event.field,
            event.old_value,
            event.new_value,
            event.text,
            event.minutes,
            event.internal,
            json.loads(event.data),
        )


@dataclass(frozen=True, slots=True)
class TicketView:
    id: int
    number: str
    version: int
    status: str
    priority: int
    criticality: str
    subject: str
    description: str
    customer_code: str
    customer_name: str
    contact: str | None
    product: str | None
    environment: str
    service_type: str
    category: str
    assignee: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    problem_nature: str | None
    solution: str | None
    time_logged_minutes: int
    history: tuple[EventView, ...] = field(default=())

    @classmethod
    def of(cls, ticket: Ticket, events: list[TicketEvent] | None = None) -> TicketView:
        return cls(
            id=ticket.id,
            number=ticket.number,
            version=ticket.version,
            status=ticket.status,
            priority=ticket.priority,
            criticality=ticket.criticality,
            subject=ticket.subject,
            description=ticket.description,
            customer_code=ticket.customer.code,
            customer_name=ticket.customer.name,
            contact=ticket.contact.name if ticket.contact else None,
            product=ticket.product.code if ticket.product else None,
            environment=ticket.environment,
            service_type=ticket.service_type,
            category=ticket.category,
            assignee=ticket.assignee.username if ticket.assignee else None,
            created_by=ticket.created_by.username,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            resolved_at=ticket.resolved_at,
            closed_at=ticket.closed_at,
            problem_nature=ticket.problem_nature,
            solution=ticket.solution,
            time_logged_minutes=ticket.time_logged_minutes,
            history=tuple(EventView.of(e) for e in events or ()),
        )


def to_jsonable(value: Any) -> Any:
    """Dataclasses, datetimes and tuples into JSON-ready structures."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
