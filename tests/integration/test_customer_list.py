"""The customer list (the queue's customer filter, the catalogue) reads customers and
their contacts in a fixed number of statements, however many customers there are: at
1,000,000 tickets and 2,000 customers it was 2,003 statements, one per customer's
contacts, ~0.5 s of CPU beside the desk's first page."""

from __future__ import annotations

from app.bootstrap import Services
from tests.support.people import People
from tests.support.query_plans import capture


def test_customers_and_their_contacts_in_three_reads(services: Services, people: People) -> None:
    for i in range(6):
        code = f"C{i:02}"
        services.customers.add_customer(people.manager, code=code, name=f"Customer {i}")
        services.customers.add_contact(
            people.manager, customer_code=code, name=f"Contact {i}", email=f"c{i}@example.com"
        )
    with capture(services.db.engine) as seen:
        listed = services.customers.list_customers(people.care)
    by_code = {c.code: c for c in listed}
    assert [contact.name for contact in by_code["C03"].contacts] == ["Contact 3"]
    # The acting user, the customers, all their contacts.
    assert len(seen.statements) <= 3, [s.sql[:80] for s in seen.statements]
