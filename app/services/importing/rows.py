"""The rows an import writes, built from a ticket's plan: pure, no storage.

History rows are hash-chained exactly as ``append_event`` chains a live ticket's events
(both through :func:`app.domain.history.chain_event`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.domain.history import GENESIS, chain_event
from app.domain.tickets import Category, Environment, Status
from app.services.importing.plan import TicketPlan


def history_rows(
    number: str, plan: TicketPlan, person: Callable[[str | None], tuple[int, str]]
) -> tuple[list[dict[str, Any]], str]:
    """The event rows of one ticket, hash-chained as append_event would chain them."""
    rows: list[dict[str, Any]] = []
    prev = GENESIS
    for seq, spec in enumerate(plan.events, start=1):
        data = spec.data
        if seq == 1:
            # What the ticket row keeps from its source (last row's description and
            # times), in the hashed "created" event so `history verify` replays it.
            note = {**data.get("imported", {}), "as_stored": as_stored(plan)}
            data = {**data, "imported": note}
        actor_id, actor_name = person(spec.actor)
        old, new = spec.old, spec.new
        if spec.people_values:
            old = person(old)[1] if old else None
            new = person(new)[1] if new else None
        event = chain_event(
            number,
            seq,
            prev,
            at=spec.at,
            actor=actor_name,
            kind=spec.kind,
            field=spec.field,
            old=old,
            new=new,
            text=spec.text,
            internal=spec.internal,
            data=data,
        )
        rows.append({"actor_id": actor_id, **event.columns()})
        prev = event.hash
    return rows, prev


def stored_description(system: str, plan: TicketPlan) -> str:
    last = plan.last
    about = [f"Imported from {system} {plan.source_number}."]
    about += [
        f"{k}: {last.extra[k]}" for k in ("caller_id", "location", "cmdb_ci") if k in last.extra
    ]
    return last.description or "\n".join(about)


def as_stored(plan: TicketPlan) -> dict[str, Any]:
    """The source's values the ticket row keeps, as the "created" event records them."""

    def iso(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    system = plan.events[0].data.get("imported", {}).get("system", "")
    return {
        "description": stored_description(system, plan),
        "created_at": iso(plan.created_at),
        "updated_at": iso(plan.updated_at),
        "resolved_at": iso(plan.resolved_at),
        "closed_at": iso(plan.closed_at),
        "events": len(plan.events),
    }


def ticket_row(  # noqa: PLR0917 - internal to the engine, positional by design
    system: str,
    number: str,
    plan: TicketPlan,
    customer_id: int,
    person: Callable[[str | None], tuple[int, str]],
    chain: tuple[str, int],
    product_id: int | None = None,
) -> dict[str, Any]:
    head, count = chain
    return {
        "number": number,
        "customer_id": customer_id,
        "contact_id": None,
        "product_id": product_id,
        "environment": Environment.PRODUCTION.value,
        "service_type": plan.service_type,
        "category": Category.INCIDENT.value,
        "subject": plan.subject,
        "description": stored_description(system, plan),
        "criticality": plan.criticality,
        "priority": plan.priority,
        "status": plan.status.value,
        "assignee_id": person(plan.assignee)[0] if plan.assignee else None,
        "created_by_id": person(plan.created_by)[0],
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "resolved_at": plan.resolved_at,
        "closed_at": plan.closed_at,
        "problem_nature": plan.problem_nature,
        "solution": plan.solution,
        "time_logged_minutes": 0,
        "last_event_hash": head,
        "event_count": count,
        "version": 1,
    }


def source_facts(
    ticket_id: int, run_id: int | None, system: str, plan: TicketPlan, team_ids: dict[str, int]
) -> dict[str, Any]:
    last = plan.last
    return {
        "ticket_id": ticket_id,
        "import_run_id": run_id,
        "source_system": system,
        "source_number": plan.source_number[:64],
        "source_state": (last.source_state or "")[:64] or None,
        "team_id": team_ids.get(plan.group) if plan.group else None,
        "opened_at": last.opened_at,
        "resolved_at": last.resolved_at,
        "closed_at": last.closed_at,
        "reassignment_count": last.reassignment_count,
        "reopen_count": last.reopen_count,
        "made_sla": last.made_sla,
        "source_rows": len(plan.rows),
        "last_source_update": last.updated_at,
    }


def report_facts(ticket_id: int, plan: TicketPlan, now: datetime) -> dict[str, Any]:
    """The ticket's ``ticket_facts`` row, from the rule the live facts hook applies
    (app.services.report_rules): the source's history, not its counter columns."""
    facts = plan.facts
    resolution = None
    if facts.resolved_at is not None:
        resolution = round((facts.resolved_at - plan.created_at).total_seconds() / 60)
    return {
        "ticket_id": ticket_id,
        "first_response_at": None,
        "resolved_at": facts.resolved_at,
        "closed_at": plan.closed_at if plan.status == Status.CLOSED else None,
        "response_wall_minutes": None,
        "response_business_minutes": None,
        "resolution_wall_minutes": resolution,
        "resolution_business_minutes": None,
        "waiting_minutes": round(facts.waiting.total_seconds() / 60),
        "reassignments": facts.reassignments,
        "reopenings": facts.reopenings,
        "response_target_minutes": None,
        "resolution_target_minutes": None,
        "response_met": None,
        "resolution_met": None,
        "time_logged_minutes": 0,
        "updated_at": now,
    }
