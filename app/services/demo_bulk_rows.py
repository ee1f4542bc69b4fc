"""One generated ticket's rows from its story (see :mod:`app.services.demo_bulk_story`):
its events chained as the services chain them, its ticket row (every replayed field
equal to what the history says), report facts, SLA clock, escalations and ledger links.

Every instant is formatted once (:func:`stamp` for the hashes, :func:`db_time` for the
rows, the bulk load's text form): the rows go to ``executemany`` / COPY as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.history import GENESIS
from app.domain.ledger import CREATION_SEQ, EVENT, TICKET
from app.domain.sla import Target, TicketSla
from app.domain.tickets import format_number
from app.services.demo_bulk_hash import chain_hash, db_time, fingerprint, link_hash, stamp
from app.services.demo_bulk_shape import Chains, CustomerInfo, Person, Rows

# (when, who, what: chain_event's keyword arguments, plus "json": data_json's pair)
Step = tuple[datetime, Person, dict[str, Any]]
NO_DATA = ("{}", "{}")
RESOLUTION = "resolution"
COMMENT = "comment"


def db_moment(moment: datetime | None) -> str | None:
    return None if moment is None else db_time(stamp(moment))


def write_ticket(  # noqa: PLR0917 - private to the story writer
    rows: Rows,
    chains: Chains,
    ticket_id: int,
    cust: CustomerInfo,
    refs: tuple[int | None, int | None],
    story: list[Step],
    engineer_ids: dict[str, int],
    target: Target | None,
    sla: TicketSla | None,
) -> None:
    """The ticket's events, ticket row, facts and ledger links into ``rows``; ``sla``:
    its SLA under ``target`` as of its last change (None without a target)."""
    number = format_number(ticket_id)
    created, author, first = story[0]
    data = first["data"]
    # The story's instants are all UTC already: stamp() without its check.
    stamps = [at.isoformat(timespec="microseconds") for at, _, _ in story]
    times = [f"{s[:10]} {s[11:26]}" for s in stamps]  # db_time()
    fold = _fold(story, engineer_ids)
    links = [(TICKET, CREATION_SEQ, fingerprint(number, stamps[0], author.username))]
    prev, event_id, events = GENESIS, chains.next_event_id, rows.events
    for seq, (_, who, ev) in enumerate(story, start=1):
        stored, canonical = ev.get("json", NO_DATA)
        kind, field, text = ev["kind"], ev.get("field"), ev.get("text")
        old, new = ev.get("old"), ev.get("new")
        minutes, internal = ev.get("minutes", 0), ev.get("internal", False)
        digest = chain_hash(
            number, seq, prev, stamps[seq - 1], who.username, kind, field, old, new, text,
            minutes, internal, canonical,
        )  # fmt: skip
        events.append((
            event_id, ticket_id, seq, times[seq - 1], who.id, kind, field, old, new, text,
            minutes, internal, stored, prev, digest,
        ))  # fmt: skip
        event_id += 1
        links.append((EVENT, seq, digest))
        prev = digest
    chains.next_event_id = event_id
    resolved, closed, responded = fold["resolved"], fold["closed"], _responded(story)
    response_due = resolution_due = due = state = None
    if sla is not None:
        response_due, due = db_moment(sla.response.due_at), db_moment(sla.due_at)
        paused = not sla.resolution.running and not sla.resolution.finished
        resolution_due = None if paused else db_moment(sla.resolution.due_at)
        state = sla.state.value if sla.state else None
    at = (
        None if resolved is None else times[resolved],
        None if closed is None else times[closed],
        None if responded is None else times[responded],
    )
    # Each change wrote the row at least once (history verify checks that much).
    version = len(set(times))
    rows.tickets.append((
        ticket_id, number, cust.id, *refs, data["environment"], data["service_type"],
        data["category"], data["subject"], first["text"], data["criticality"],
        data["priority"], fold["status"], fold["assignee_id"], author.id, times[0], times[-1],
        at[0], at[1], fold["nature"], fold["solution"], fold["logged"], prev, len(story),
        response_due, resolution_due, at[2], due, state, version,
    ))  # fmt: skip
    # The facts, with the ticket columns the report rollups copy beside them.
    resp = None if responded is None else _minutes(created, story[responded][0])
    resol = None if resolved is None else _minutes(created, story[resolved][0])
    resp_target = target.response_minutes if target and responded is not None else None
    resol_target = target.resolution_minutes if target and resolved is not None else None
    rows.facts.append((
        ticket_id, at[2], at[0], at[1], resp, resp, resol, resol, 0, 0, 0,
        resp_target, resol_target,
        None if resp is None or resp_target is None else resp <= resp_target,
        None if resol is None or resol_target is None else resol <= resol_target,
        fold["logged"], times[-1], times[0], cust.id, data["priority"], fold["status"],
        data["category"], data["service_type"], refs[1], at[0],
    ))  # fmt: skip
    _ledger(rows, chains, number, links)


def _ledger(rows: Rows, chains: Chains, number: str, links: list[tuple[str, int, str]]) -> None:
    seq, prev, ledger = chains.ledger_seq, chains.ledger_prev, rows.ledger
    for link in links:
        seq += 1
        digest = link_hash(seq, link, number, prev)
        ledger.append((seq, link[0], number, link[1], link[2], prev, digest))
        prev = digest
    chains.ledger_seq, chains.ledger_prev = seq, prev


def _minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def _responded(story: list[Step]) -> int | None:
    """Where the first answer to the customer is (the SLA hook's rule; ``system`` never
    answers)."""
    for index, (_, who, ev) in enumerate(story):
        if who.username == "system":
            continue
        kind = ev["kind"]
        if kind == COMMENT and not ev.get("internal"):
            return index
        if kind == RESOLUTION:
            return index
        if ev.get("field") == "status" and ev["new"] in ("waiting_on_customer", "resolved"):
            return index
    return None


def responded_at(story: list[Step]) -> datetime | None:
    index = _responded(story)
    return None if index is None else story[index][0]


def _fold(story: list[Step], engineer_ids: dict[str, int]) -> dict[str, Any]:
    """The ticket fields the history implies (what ``history verify`` replays); the
    resolution and closing as positions in the story."""
    out: dict[str, Any] = dict.fromkeys(("assignee_id", "resolved", "closed", "nature",
                                         "solution"))  # fmt: skip
    out.update(status="new", logged=0)
    for index, (_, _, ev) in enumerate(story):
        out["logged"] += ev.get("minutes", 0)
        field = ev.get("field")
        if field == "assignee":
            out["assignee_id"] = engineer_ids[ev["new"]]
        elif field == "status":
            out["status"] = ev["new"]
            if ev["new"] in ("closed", "cancelled"):
                out["closed"] = index
        if ev["kind"] == RESOLUTION:
            out["resolved"] = index
            out["nature"] = ev["data"]["problem_nature"]
            out["solution"] = ev["data"]["solution"]
    return out
