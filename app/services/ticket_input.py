"""Checking what people type for a ticket, before any database work."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.domain.tickets import (
    TEXT_MAX,
    Category,
    Criticality,
    Environment,
    ServiceType,
    clean_subject,
    clean_text,
    parse_enum,
)
from app.services.customers import clean_code


@dataclass(frozen=True, slots=True)
class TicketRequest:
    """What a new ticket asks for, checked before any database work."""

    customer: str
    subject: str
    service_type: ServiceType
    description: str = ""
    contact: str | None = None
    product: str | None = None
    environment: Environment = Environment.PRODUCTION
    category: Category = Category.INCIDENT
    criticality: Criticality = Criticality.MEDIUM
    out_of_contract: bool = False

    @classmethod
    def validated(
        cls,
        *,
        customer: str,
        subject: str,
        service_type: str,
        description: str = "",
        contact: str | None = None,
        product: str | None = None,
        environment: str = Environment.PRODUCTION,
        category: str = Category.INCIDENT,
        criticality: str = Criticality.MEDIUM,
        out_of_contract: bool = False,
    ) -> TicketRequest:
        return cls(
            customer=clean_code("customer", customer),
            subject=clean_subject(subject),
            service_type=parse_enum(ServiceType, "service type", service_type),
            description=clean_text("description", description, max_len=TEXT_MAX, required=False),
            contact=clean_text("contact", contact, max_len=200, required=False, single_line=True)
            or None,
            product=clean_code("product", product) if product else None,
            environment=parse_enum(Environment, "environment", environment),
            category=parse_enum(Category, "category", category),
            criticality=parse_enum(Criticality, "criticality", criticality),
            out_of_contract=out_of_contract,
        )


def clean_edits(changes: dict[str, str | int]) -> dict[str, str | int]:
    """Validate field edits before any database work; unknown fields are refused."""
    cleaners = {
        "subject": lambda v: clean_subject(str(v)),
        "description": lambda v: clean_text(
            "description", str(v), max_len=TEXT_MAX, required=False
        ),
        "criticality": lambda v: parse_enum(Criticality, "criticality", str(v)).value,
        "category": lambda v: parse_enum(Category, "category", str(v)).value,
        "environment": lambda v: parse_enum(Environment, "environment", str(v)).value,
        "service_type": lambda v: parse_enum(ServiceType, "service type", str(v)).value,
        "priority": _clean_priority,
    }
    if not changes:
        raise ValidationError("nothing to save: no field was changed.")
    unknown = sorted(set(changes) - set(cleaners))
    if unknown:
        raise ValidationError(
            f"cannot edit {', '.join(unknown)}; editable fields: {', '.join(cleaners)}."
        )
    return {name: cleaners[name](value) for name, value in changes.items()}


def _clean_priority(value: str | int) -> int:
    try:
        priority = int(value)
    except (TypeError, ValueError):
        priority = 0
    if not 1 <= priority <= 4:
        raise ValidationError(f"priority must be 1 (most urgent) to 4; got {value!r}.")
    return priority
