"""A ticket's report facts as plain values, read and written with Core statements
(issue 19, write path: the facts hook runs in every ticket change; an ORM instance,
its identity-map bookkeeping and a unit-of-work flush per change cost more client CPU
than the facts' arithmetic).

:class:`FactsRow` has the columns of ``ticket_facts`` as attributes, so the report
rules (:mod:`app.services.report_rollup`) read it as they read the ORM row.
:func:`write_facts` writes only the columns that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.persistence.orm import Ticket
from app.persistence.orm_import import ImportedTicket
from app.persistence.orm_reports import TicketFacts


@dataclass(slots=True)
class FactsRow:
    """One ``ticket_facts`` row (see :class:`~app.persistence.orm_reports.TicketFacts`
    for what each column means)."""

    ticket_id: int
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    response_wall_minutes: int | None = None
    response_business_minutes: int | None = None
    resolution_wall_minutes: int | None = None
    resolution_business_minutes: int | None = None
    waiting_minutes: int = 0
    reassignments: int = 0
    reopenings: int = 0
    response_target_minutes: int | None = None
    resolution_target_minutes: int | None = None
    response_met: bool | None = None
    resolution_met: bool | None = None
    time_logged_minutes: int = 0
    updated_at: datetime | None = None
    opened_at: datetime | None = None
    customer_id: int | None = None
    priority: int | None = None
    status: str | None = None
    category: str | None = None
    service_type: str | None = None
    product_id: int | None = None
    ticket_resolved_at: datetime | None = None
    breached: bool = False

    @classmethod
    def of(cls, facts: TicketFacts) -> FactsRow:
        """The values of an ORM row (the import's bulk count reads ORM rows)."""
        return cls(**{name: getattr(facts, name) for name in COLUMNS})

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COLUMNS}


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What another help desk recorded for an imported ticket, as the reports use it."""

    resolved_at: datetime | None
    reassignment_count: int | None
    reopen_count: int | None
    made_sla: bool | None


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(FactsRow))
_TABLE = cast(Table, TicketFacts.__table__)
assert set(COLUMNS) == {c.name for c in _TABLE.columns}, "FactsRow mirrors ticket_facts"
_SOURCE = (
    ImportedTicket.ticket_id,
    ImportedTicket.resolved_at,
    ImportedTicket.reassignment_count,
    ImportedTicket.reopen_count,
    ImportedTicket.made_sla,
)

# What a ticket's facts and source facts are read as: these columns, from these outer
# joins to ``tickets`` (here, and with the locked ticket: TicketRepository).
FACTS_COLUMNS: tuple[Any, ...] = (*(_TABLE.c[name] for name in COLUMNS), *_SOURCE)
FACTS_OUTER_JOINS: tuple[tuple[Any, Any], ...] = (
    (_TABLE, _TABLE.c.ticket_id == Ticket.id),
    (ImportedTicket, ImportedTicket.ticket_id == Ticket.id),
)
# One statement object, built once: its compiled form is cached under the same key.
_WITH_SOURCE: Select[Any] = select(Ticket.id, *FACTS_COLUMNS).select_from(Ticket)
for _joined, _on in FACTS_OUTER_JOINS:
    _WITH_SOURCE = _WITH_SOURCE.outerjoin(_joined, _on)
_WITH_SOURCE = _WITH_SOURCE.where(Ticket.id == bindparam("ticket_id"))
_INSERT = insert(_TABLE)
# UPDATE statements by the set of columns they write (a handful of shapes in practice).
_UPDATES: dict[tuple[str, ...], Any] = {}


def facts_with_source(
    session: Session, ticket_id: int
) -> tuple[FactsRow | None, SourceFacts | None]:
    """The ticket's facts and its source system's, one SELECT, without flushing the
    session first (neither row is written through the session).

    Core statements here run on the session's connection, not through
    ``Session.execute``: the ORM's execution path costs a Core statement as much client
    CPU again (0.26-0.32 → 0.10-0.16 ms per call, issue 19), and a connection's
    execute never flushes the session."""
    row = session.connection().execute(_WITH_SOURCE, {"ticket_id": ticket_id}).first()
    if row is None:
        return None, None
    return facts_of(tuple(row)[1:])


def facts_of(values: Sequence[Any]) -> tuple[FactsRow | None, SourceFacts | None]:
    """The facts and source facts in ``values``, as read by ``FACTS_COLUMNS``."""
    facts: FactsRow | None = None
    if values[0] is not None:  # ticket_facts.ticket_id; None: no facts row yet
        facts = FactsRow(*values[: len(COLUMNS)])
    imported, resolved, reassignments, reopenings, made_sla = values[len(COLUMNS) :]
    if imported is None:  # not an imported ticket
        return facts, None
    return facts, SourceFacts(resolved, reassignments, reopenings, made_sla)


def write_facts(session: Session, facts: FactsRow, before: FactsRow | None) -> None:
    """INSERT the row (``before`` None) or UPDATE the columns that differ from
    ``before``, with Core statements in the session's transaction."""
    if before is None:
        # The ticket's own row is written (opening) or exists: nothing to flush first.
        session.connection().execute(_INSERT, facts.values())
        return
    changed = tuple(name for name in COLUMNS if getattr(facts, name) != getattr(before, name))
    if not changed:
        return
    statement = _UPDATES.get(changed)
    if statement is None:
        statement = _UPDATES[changed] = (
            update(_TABLE)
            .where(_TABLE.c.ticket_id == bindparam("key"))
            .values({name: bindparam(name) for name in changed})
        )
    params = {name: getattr(facts, name) for name in changed}
    params["key"] = facts.ticket_id
    # Not flushing the session: the change's ORM rows are written once, at its end.
    session.connection().execute(statement, params)
