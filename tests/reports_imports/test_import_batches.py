"""An import larger than one write batch (``TICKET_BATCH`` tickets) writes every ticket,
event and fact once, in the one transaction, and the history ledger verifies; both
engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_import import ImportedTicket
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


def test_a_tickets_rows_scattered_over_the_file_are_imported_together(
    services: Services, people: People, tmp_path: Path
) -> None:
    # ~700 incidents of 6 rows, written round by round (every incident's first row, then
    # every second row …): each incident's rows lie ~700 rows apart, across the spool's
    # read-back pages, as in an export sorted by update time.
    rows = synthetic_rows(6 * 700)
    grouped = write_export(tmp_path / "grouped.csv", rows)
    by_number: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_number.setdefault(row["number"], []).append(row)
    rounds = [t[i] for i in range(6) for t in by_number.values() if i < len(t)]
    scattered = write_export(tmp_path / "scattered.csv", rounds)

    dry = services.importing.servicenow(
        people.manager, grouped, customer="ACME", source_tz="UTC", dry_run=True
    )
    done = services.importing.servicenow(
        people.manager, scattered, customer="ACME", source_tz="UTC"
    )

    assert (done.tickets_new, done.events_new, done.users_new, done.teams_new) == (
        dry.tickets_new, dry.events_new, dry.users_new, dry.teams_new,
    )  # fmt: skip
    assert done.tickets_new == len(by_number)
    with services.db.session() as s:
        facts = s.execute(
            select(ImportedTicket.source_number, ImportedTicket.source_rows, Ticket.number)
            .join(Ticket, Ticket.id == ImportedTicket.ticket_id)
            .order_by(Ticket.number)
        ).all()
    assert [(n, r) for n, r, _ in facts] == [(n, len(t)) for n, t in by_number.items()]
    assert services.history.verify().ok
