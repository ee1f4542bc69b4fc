"""An import larger than one write batch (``TICKET_BATCH`` tickets) writes every ticket,
event and fact once, in the one transaction, and the history ledger verifies; both
engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket, TicketEvent
from app.services.importing.engine import TICKET_BATCH
from tests.support.people import People
from tests.support.servicenow_export import synthetic_rows, write_export


def count(services: Services, column: Any) -> int:
    with services.db.session() as s:
        return int(s.scalar(select(func.count(column))) or 0)


def test_an_import_of_several_batches_writes_everything_once(
    services: Services, people: People, tmp_path: Path
) -> None:
    rows = synthetic_rows(6 * (2 * TICKET_BATCH + 17))  # ~6 rows per incident: 3 batches
    incidents = len({r["number"] for r in rows})
    assert incidents > 2 * TICKET_BATCH
    export = write_export(tmp_path / "export.csv", rows)
    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC"
    )
    assert summary.tickets_new == incidents
    assert count(services, Ticket.id) == incidents
    assert count(services, TicketEvent.id) == summary.events_new  # no other tickets exist
    assert services.history.verify().ok
