"""A small cast for stories: an administrator, a care agent, two engineers, a
manager, and a customer with a contact."""

from __future__ import annotations

from dataclasses import dataclass

from app.bootstrap import Services
from app.services.auth import Actor

PASSWORD = "correct-horse-1"


@dataclass(frozen=True)
class People:
    admin: Actor
    care: Actor
    engineer: Actor
    engineer2: Actor
    manager: Actor
    customer: str = "ACME"
    contact: str = "Jo Smith"


def make_people(services: Services) -> People:
    services.users.create_first_admin("admin", PASSWORD, "Ada Admin")
    admin = services.users.login("admin", PASSWORD)
    for name, role, full in (
        ("cara", "care", "Cara Care"),
        ("eng", "engineer", "Eli Engineer"),
        ("eng2", "engineer", "Eva Engineer"),
        ("mia", "manager", "Mia Manager"),
    ):
        services.users.add_user(admin, username=name, password=PASSWORD, role=role, full_name=full)
    manager = services.users.login("mia", PASSWORD)
    services.customers.add_customer(manager, code="ACME", name="Acme Corp")
    services.customers.add_contact(
        manager,
        customer_code="ACME",
        name="Jo Smith",
        email="jo@acme.example",
        phone="+30 210 000 0000",
    )
    return People(
        admin=admin,
        care=services.users.login("cara", PASSWORD),
        engineer=services.users.login("eng", PASSWORD),
        engineer2=services.users.login("eng2", PASSWORD),
        manager=manager,
    )
