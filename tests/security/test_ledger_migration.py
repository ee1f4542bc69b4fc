"""Migration 0009 on a database with history: down to 0008 (no ledger) and up again,
the ledger is filled from the existing history and verifies — the upgrade path of a
database used before the ledger existed. SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command

from app.bootstrap import Services
from app.persistence.migrations import alembic_config
from tests.support.people import People


def test_an_existing_history_gets_its_ledger(services: Services, people: People) -> None:
    for subject in ("Mail down", "Backup failed"):
        number = services.tickets.open_ticket(
            people.care, customer="ACME", subject=subject, service_type="managed_hosting"
        ).number
        services.tickets.comment(people.care, number, "Customer called")
    before = services.history.verify()
    assert before.ok and before.ledger_entries == 2 + before.events_checked

    config = alembic_config(services.db.engine)
    command.downgrade(config, "0008")
    command.upgrade(config, "heads")

    after = services.history.verify()
    assert after.ok, after.problems
    assert (after.tickets_checked, after.ledger_entries) == (2, 2 + after.events_checked)
