"""Turning the rows of one source ticket into our ticket and its history (pure Python).

Each source row becomes at least one history event at the row's update time: one per
tracked change (status, assignee, priority and criticality, subject, group, source
state), or an internal note when only untracked columns changed. The events replay to
exactly the ticket's final fields (app.services.history.replay), so ``history verify``
accepts imported tickets. People are still source names here; the engine maps them to
users when it writes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.history import EventKind
from app.domain.tickets import Category, Criticality, Environment, Status
from app.services.importing.model import SourceRow
from app.services.report_rules import HistoryFacts, Step, history_facts

CRITICALITY = {
    1: Criticality.CRITICAL,
    2: Criticality.HIGH,
    3: Criticality.MEDIUM,
    4: Criticality.LOW,
}
DEFAULT_PRIORITY = 3
_DONE = (Status.RESOLVED, Status.CLOSED)


@dataclass(slots=True)
class EventSpec:
    at: datetime
    actor: str | None  # a source person's name; None: the built-in system user
    kind: EventKind
    field: str | None = None
    old: str | None = None
    new: str | None = None
    text: str | None = None
    internal: bool = False
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    # old/new name source people (the assignee) and must become our usernames.
    people_values: bool = False


@dataclass(slots=True)
class TicketPlan:
    source_number: str
    rows: list[SourceRow]
    events: list[EventSpec]
    status: Status
    priority: int
    subject: str
    service_type: str
    assignee: str | None
    group: str | None
    created_by: str | None
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    problem_nature: str | None
    solution: str | None
    facts: HistoryFacts
    criticality: str
    product: str | None
    groups: tuple[str, ...]  # every group the ticket passed through, in order

    @property
    def last(self) -> SourceRow:
        return self.rows[-1]


class _Builder:
    def __init__(self, system: str, customer: str, first: SourceRow) -> None:
        self.system = system
        self.status = first.status or Status.NEW
        self.priority = first.priority or DEFAULT_PRIORITY
        # Criticality follows the priority unless the source gives its own column.
        self.own_criticality = first.criticality is not None
        self.criticality = first.criticality or CRITICALITY[self.priority].value
        self.product = first.product
        self.subject = first.subject
        self.service_type = first.service_type
        self.source_state = first.source_state
        self.assignee: str | None = None
        self.group: str | None = None
        self.extra = _facts(first)
        self.problem_nature: str | None = None
        self.solution: str | None = None
        opened = first.opened_at or first.updated_at
        self.events = [
            EventSpec(
                opened,
                first.opened_by or first.actor,
                EventKind.CREATED,
                text=first.description or None,
                data={
                    "status": self.status.value,
                    "priority": self.priority,
                    "criticality": self.criticality,
                    "subject": self.subject,
                    "customer": customer,
                    "contact": None,
                    "product": self.product,
                    "environment": Environment.PRODUCTION.value,
                    "service_type": self.service_type,
                    "category": Category.INCIDENT.value,
                    "imported": self._source(first, state=first.source_state, fields=self.extra),
                },
            )
        ]
        if self.status in _DONE:
            self._resolution(first, opened)

    def _source(self, row: SourceRow, **more: Any) -> dict[str, Any]:
        return {"system": self.system, "number": row.number, "line": row.line, **more}

    def apply(self, row: SourceRow, *, first: bool) -> None:
        """Events for ``row`` (for the first row: what the created event cannot say)."""
        at, actor, start = row.updated_at, row.actor, len(self.events)

        def add(kind: EventKind, **kw: Any) -> None:
            self.events.append(EventSpec(at, actor, kind, **kw))

        if row.assignee != self.assignee:
            add(EventKind.ASSIGNED, field="assignee", old=self.assignee, new=row.assignee,
                people_values=True)  # fmt: skip
            self.assignee = row.assignee
        if row.group != self.group:
            add(EventKind.FIELD, field="assignment_group", old=self.group, new=row.group)
            self.group = row.group
        if not first:
            self._changes(row, add)
        facts = _facts(row)
        changed = {k: v for k, v in facts.items() if self.extra.get(k) != v}
        gone = [k for k in self.extra if k not in facts]
        self.extra = facts
        if first:
            return
        note = self._source(row, changed=changed, cleared=gone)
        if len(self.events) == start:
            add(EventKind.COMMENT, text=f"{self.system} update", internal=True, data=note)
        else:
            self.events[start].data = {**self.events[start].data, "imported": note}

    def _changes(self, row: SourceRow, add: Any) -> None:
        if row.priority is not None and row.priority != self.priority:
            add(EventKind.FIELD, field="priority", old=str(self.priority), new=str(row.priority))
            self.priority = row.priority
        self.own_criticality = self.own_criticality or row.criticality is not None
        criticality = row.criticality or self.criticality
        if not self.own_criticality:
            criticality = CRITICALITY[self.priority].value
        if criticality != self.criticality:
            add(EventKind.FIELD, field="criticality", old=self.criticality, new=criticality)
            self.criticality = criticality
        if row.subject != self.subject:
            add(EventKind.FIELD, field="subject", old=self.subject, new=row.subject)
            self.subject = row.subject
        if row.service_type and row.service_type != self.service_type:
            add(EventKind.FIELD, field="service_type", old=self.service_type, new=row.service_type)
            self.service_type = row.service_type
        if row.status is not None and row.status != self.status:
            if row.status in _DONE and self.status not in _DONE:
                self._resolution(row, row.updated_at)
            data: dict[str, Any] = {"source_state": row.source_state}
            if self.status in _DONE and row.status not in _DONE:
                data["reopened"] = True
            add(EventKind.STATUS, field="status", old=self.status.value, new=row.status.value,
                data=data)  # fmt: skip
            self.status = row.status
        elif row.source_state != self.source_state:
            add(EventKind.FIELD, field="source_state", old=self.source_state, new=row.source_state)
        self.source_state = row.source_state

    def _resolution(self, row: SourceRow, at: datetime) -> None:
        self.problem_nature = row.extra.get("u_symptom") or row.subject
        self.solution = row.closed_code or f"not recorded in {self.system}"
        self.events.append(
            EventSpec(
                at,
                row.resolved_by or row.actor,
                EventKind.RESOLUTION,
                data={
                    "problem_nature": self.problem_nature,
                    "solution": self.solution,
                    "resolved_by": row.resolved_by,
                },
            )
        )


def _facts(row: SourceRow) -> dict[str, str]:
    """The row's untracked columns and the source's counters, as the source wrote them."""
    facts = dict(row.extra)
    for name in ("reassignment_count", "reopen_count", "made_sla"):
        value = getattr(row, name)
        if value is not None:
            facts[name] = str(value).lower()
    return facts


def plan_ticket(system: str, customer: str, rows: list[SourceRow]) -> TicketPlan:
    """The ticket and history that ``rows`` (one source ticket, file order) describe."""
    first, last = rows[0], rows[-1]
    builder = _Builder(system, customer, first)
    for index, row in enumerate(rows):
        builder.apply(row, first=index == 0)
    status = builder.status
    created_at = last.opened_at or builder.events[0].at
    # Resolution, reassignments and reopenings: the rule the report facts hook applies.
    facts = history_facts(
        opened_at=created_at,
        status=status.value,
        steps=[Step(e.at, e.kind.value, e.field, e.old, e.new) for e in builder.events],
        now=last.updated_at,
        source_resolved_at=last.resolved_at,
    )
    resolved_at = facts.resolved_at
    closed_at = last.closed_at
    if closed_at is None and status == Status.CLOSED:
        closed_at = last.updated_at
    return TicketPlan(
        source_number=first.number,
        rows=rows,
        events=builder.events,
        status=status,
        priority=builder.priority,
        subject=builder.subject,
        service_type=builder.service_type or "first_level_support",
        assignee=builder.assignee,
        group=builder.group,
        created_by=first.opened_by or first.actor,
        created_at=created_at,
        updated_at=last.updated_at,
        resolved_at=resolved_at,
        closed_at=closed_at,
        problem_nature=builder.problem_nature,
        solution=builder.solution,
        facts=facts,
        criticality=builder.criticality,
        product=builder.product,
        groups=tuple(dict.fromkeys(r.group for r in rows if r.group)),
    )
