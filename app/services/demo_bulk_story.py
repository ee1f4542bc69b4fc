"""One generated ticket's story: its events, chained exactly as the services chain them,
its row (every replayed field equal to what the history says), SLA columns, report facts,
SLA clock, escalations and ledger links. Pure Python: :mod:`app.services.demo_bulk`
inserts the rows.

SLA: the contract tier's targets on a 24 x 7 clock (the snapshot says so:
``business_hours`` false), computed with the domain's :func:`ticket_sla` as the SLA hook
does after each change. Open tickets whose clock has reached a threshold by "now" carry
the escalation events the minute-by-minute scan would have written (by ``system``).
"""

from __future__ import annotations

import random
from bisect import insort
from datetime import datetime, timedelta
from typing import Any

from app.domain.calendar import RoundTheClock
from app.domain.history import GENESIS, EventKind
from app.domain.ledger import CREATION_SEQ, EVENT, TICKET
from app.domain.sla import (
    Measure,
    SlaState,
    StatusChange,
    Target,
    Threshold,
    TicketSla,
    next_check,
    ticket_sla,
)
from app.domain.tickets import Criticality, Status, format_number
from app.services.demo_bulk_hash import event_hash, fingerprint, link_hash
from app.services.demo_bulk_shape import (
    CAT_CUM,
    CATEGORIES,
    CRIT_WEIGHTS,
    CRITICALITIES,
    DEFAULT_PRIORITY,
    NOUNS,
    PROBLEMS,
    RARE_EVERY,
    RARE_WORD,
    SERVICES,
    SVC_CUM,
    Catalogue,
    Chains,
    CustomerInfo,
    Person,
    Rows,
    minutes_between,
    pick,
    status_event,
)
from app.services.demo_data import COMMENTS, FIXES

# (when, who, what: chain_event's keyword arguments)
Step = tuple[datetime, Person, dict[str, Any]]
RUNNING = ("new", "assigned", "in_progress")
WORK = RoundTheClock()


class StoryWriter:
    def __init__(self, cat: Catalogue, rng: random.Random, chains: Chains) -> None:
        self.cat = cat
        self.rng = rng
        self.chains = chains
        self.ceiling = cat.now - timedelta(minutes=1)
        self._engineer_ids = {p.username: p.id for p in cat.engineers}
        self._targets = {
            key: Target(key[0], Criticality(key[1]), p, resp, res, business_hours=False)
            for key, (p, resp, res) in cat.targets.items()
        }

    def ticket(self, rows: Rows, ticket_id: int, created: datetime, goal: str) -> None:
        rng, cat = self.rng, self.cat
        cust = cat.customers[pick(cat.customer_cum, rng.random())]
        contact_id, contact = rng.choice(cust.contacts) if cust.contacts else (None, None)
        product_id, product = rng.choice(cat.products) if rng.random() < 0.8 else (None, None)
        crit = rng.choices(CRITICALITIES, weights=CRIT_WEIGHTS)[0]
        target = self._targets.get((cust.tier, crit))
        subject = f"{rng.choice(NOUNS)} {rng.choice(PROBLEMS)}"
        description = f"{contact or 'The customer'} reports: {subject.lower()}"
        if product:
            description += f" on {product}"
        if ticket_id % RARE_EVERY == 0:
            description += f" since the {RARE_WORD} release"
        created_data = {
            "status": "new",
            "priority": target.priority if target else DEFAULT_PRIORITY[crit],
            "criticality": crit,
            "subject": subject,
            "customer": cust.code,
            "contact": contact,
            "product": product,
            "environment": "production" if rng.random() < 0.85 else "test",
            "service_type": SERVICES[pick(SVC_CUM, rng.random() * SVC_CUM[-1])],
            "category": CATEGORIES[pick(CAT_CUM, rng.random() * CAT_CUM[-1])],
        }
        author = self._author()
        created_ev = {"kind": EventKind.CREATED, "text": description, "data": created_data}
        story: list[Step] = [(created, author, created_ev)]
        self._work(story, goal)
        escalations = self._escalate(story, target, ticket_id)
        rows.escalations += escalations
        self._write(rows, ticket_id, cust, (contact_id, product_id), target, story, escalations)

    # -- the story -------------------------------------------------------------------------

    def _work(self, story: list[Step], goal: str) -> None:
        """What happened to the ticket after its opening, up to ``goal``."""
        rng, cat = self.rng, self.cat
        at, author = story[0][0], story[0][1]

        def add(after: float, who: Person, ev: dict[str, Any]) -> None:
            nonlocal at
            at = self._later(at, after)
            story.append((at, who, ev))

        def comment(who: Person, *, internal: bool) -> None:
            text, minutes = rng.choice(COMMENTS), rng.choice((15, 20, 30))
            ev = {"kind": EventKind.COMMENT, "text": text, "minutes": minutes, "internal": internal}
            add(rng.uniform(10, 600), who, ev)

        if goal == "new":
            return
        if goal == "cancelled":
            add(rng.uniform(10, 600), author, status_event("new", "cancelled", "Duplicate."))
            return
        quick = goal == "closed" and rng.random() < 0.3  # solved by care on the phone
        worker = author
        if not quick:
            worker = rng.choice(cat.engineers)
            who = worker if rng.random() < 0.5 else rng.choice(cat.care + cat.managers)
            assign = {"kind": EventKind.ASSIGNED, "field": "assignee", "new": worker.username}
            add(rng.expovariate(1 / 45), who, assign)
        if goal == "assigned":
            add(0, worker, status_event("new", "assigned"))
            if rng.random() < 0.5:
                comment(worker, internal=False)
        elif goal in ("in_progress", "waiting_on_customer"):
            add(rng.uniform(5, 240), worker, status_event("assigned", "in_progress"))
            if goal == "waiting_on_customer" or rng.random() < 0.8:
                comment(worker, internal=rng.random() < 0.2)
            if goal == "waiting_on_customer":
                wait = status_event("in_progress", "waiting_on_customer", "Waiting for logs.")
                add(rng.uniform(5, 120), worker, wait)
        else:  # closed or resolved
            if not quick and rng.random() < 0.1:
                comment(worker, internal=False)
            nature, solution = rng.choice(FIXES)
            fix = {
                "kind": EventKind.RESOLUTION,
                "minutes": rng.choice((15, 30, 45, 60, 90)),
                "data": {"problem_nature": nature, "solution": solution},
            }
            hours = 0.3 if quick else min(rng.lognormvariate(2.0, 1.3), 24 * 60)
            add(60 * hours, worker, fix)
            if goal == "closed":
                add(rng.uniform(60, 7200), rng.choice(cat.care), status_event("resolved", "closed"))
            else:
                add(0, worker, status_event("in_progress", "resolved"))

    def _escalate(
        self, story: list[Step], target: Target | None, ticket_id: int
    ) -> list[tuple[Any, ...]]:
        """The scan's escalation events up to now, in time order among the others."""
        status = _status(story)
        if target is None or status not in RUNNING:
            return []
        sla = self._sla(target, story, self.cat.now)
        reading = sla.response if sla.response.running else sla.resolution
        if not reading.running or reading.state not in (SlaState.AT_RISK, SlaState.BREACHED):
            return []
        marks = [(reading.at_risk_at, Threshold.AT_RISK, SlaState.ON_TRACK)]
        if reading.state == SlaState.BREACHED:
            marks.append((reading.due_at, Threshold.BREACHED, SlaState.AT_RISK))
        done = []
        for at, threshold, before in marks:
            if at > self.ceiling:
                continue
            measure = reading.measure.value
            ev = {
                "kind": EventKind.FIELD,
                "field": "sla_state",
                "old": before.value,
                "new": threshold.value,
                "text": f"{measure} {threshold.value.replace('_', ' ')}: "
                f"due {reading.due_at.isoformat(timespec='minutes')}",
                "internal": True,
                "data": {
                    "escalation": threshold.value,
                    "measure": measure,
                    "due_at": reading.due_at.isoformat(),
                    "used_minutes": int((at - story[0][0]).total_seconds() // 60),
                },
            }
            insort(story, (at, self.cat.system, ev), key=lambda step: step[0])
            done.append((ticket_id, measure, threshold.value, at))
        return done

    def _sla(self, target: Target, story: list[Step], now: datetime) -> TicketSla:
        changes = [
            StatusChange(at, Status(ev["new"]))
            for at, _, ev in story
            if ev.get("field") == "status"
        ]
        return ticket_sla(
            target,
            opened_at=story[0][0],
            changes=changes,
            responded_at=_responded(story),
            work=WORK,
            now=now,
        )

    # -- helpers --------------------------------------------------------------------------

    def _author(self) -> Person:
        roll = self.rng.random()
        cat = self.cat
        pool = cat.care if roll < 0.7 else cat.engineers if roll < 0.9 else cat.managers
        return self.rng.choice(pool)

    def _later(self, at: datetime, minutes: float) -> datetime:
        """``minutes`` after ``at`` (whole seconds), never past a minute before now."""
        moved = at + timedelta(seconds=int(60 * max(minutes, 0)))
        return max(at, min(moved, self.ceiling))

    def _write(  # noqa: PLR0917 - private, called once
        self,
        rows: Rows,
        ticket_id: int,
        cust: CustomerInfo,
        refs: tuple[int | None, int | None],
        target: Target | None,
        story: list[Step],
        escalations: list[tuple[Any, ...]],
    ) -> None:
        chains, prev, number = self.chains, GENESIS, format_number(ticket_id)
        created, author, first = story[0]
        data = first["data"]
        fold = _fold(story, self._engineer_ids)
        birth = fingerprint(number, created, author.username)
        links = [(TICKET, CREATION_SEQ, birth)]
        for seq, (at, who, ev) in enumerate(story, start=1):
            stored, digest = event_hash(number, seq, prev, at=at, actor=who.username, **ev)
            rows.events.append((
                chains.next_event_id, ticket_id, seq, at, who.id, str(ev["kind"]),
                ev.get("field"), ev.get("old"), ev.get("new"), ev.get("text"),
                ev.get("minutes", 0), ev.get("internal", False), stored, prev, digest,
            ))  # fmt: skip
            chains.next_event_id += 1
            links.append((EVENT, seq, digest))
            prev = digest
        updated = story[-1][0]
        responded = _responded(story)
        sla = self._sla(target, story, updated) if target else None
        response_due = resolution_due = due = state = None
        if sla is not None:
            response_due, due = sla.response.due_at, sla.due_at
            paused = not sla.resolution.running and not sla.resolution.finished
            resolution_due = None if paused else sla.resolution.due_at
            state = sla.state.value if sla.state else None
        # Each change wrote the row at least once (history verify checks that much).
        version = len({at for at, _, _ in story})
        rows.tickets.append((
            ticket_id, number, cust.id, *refs, data["environment"], data["service_type"],
            data["category"], data["subject"], first["text"], data["criticality"],
            data["priority"], fold["status"], fold["assignee_id"], author.id, created, updated,
            fold["resolved_at"], fold["closed_at"], fold["nature"], fold["solution"],
            fold["logged"], prev, len(story), response_due, resolution_due, responded, due,
            state, version,
        ))  # fmt: skip
        self._facts(rows, ticket_id, story, fold, target, responded)
        # Only a running clock has a next check (the scan's work list).
        running = target is not None and fold["status"] in RUNNING
        now_sla = self._sla(target, story, self.cat.now) if running and target else None
        done = {(Measure(m), Threshold(t)) for _, m, t, _ in escalations}
        rows.clocks.append((
            ticket_id, cust.contract_id, self.cat.calendar_id, cust.tier, data["criticality"],
            target.response_minutes if target else None,
            target.resolution_minutes if target else None, False,
            next_check(now_sla, done) if now_sla else None, len(story),
        ))  # fmt: skip
        for link in links:
            chains.ledger_seq += 1
            digest = link_hash(chains.ledger_seq, link, number, chains.ledger_prev)
            rows.ledger.append(
                (chains.ledger_seq, link[0], number, link[1], link[2], chains.ledger_prev, digest)
            )
            chains.ledger_prev = digest

    @staticmethod
    def _facts(  # noqa: PLR0917 - private, called once
        rows: Rows,
        ticket_id: int,
        story: list[Step],
        fold: dict[str, Any],
        target: Target | None,
        responded: datetime | None,
    ) -> None:
        created, resolved = story[0][0], fold["resolved_at"]
        resp, resol = minutes_between(created, responded), minutes_between(created, resolved)
        resp_target = target.response_minutes if target and responded else None
        resol_target = target.resolution_minutes if target and resolved else None
        rows.facts.append((
            ticket_id, responded, resolved, fold["closed_at"], resp, resp, resol, resol, 0, 0, 0,
            resp_target, resol_target,
            None if resp is None or resp_target is None else resp <= resp_target,
            None if resol is None or resol_target is None else resol <= resol_target,
            fold["logged"], story[-1][0],
        ))  # fmt: skip


def _status(story: list[Step]) -> str:
    found = "new"
    for _, _, ev in story:
        if ev.get("field") == "status":
            found = ev["new"]
    return found


def _responded(story: list[Step]) -> datetime | None:
    """The first answer to the customer (the SLA hook's rule; ``system`` never answers)."""
    for at, who, ev in story:
        if who.username == "system":
            continue
        kind = ev["kind"]
        if kind == EventKind.COMMENT and not ev.get("internal"):
            return at
        if kind == EventKind.RESOLUTION:
            return at
        if ev.get("field") == "status" and ev["new"] in ("waiting_on_customer", "resolved"):
            return at
    return None


def _fold(story: list[Step], engineer_ids: dict[str, int]) -> dict[str, Any]:
    """The ticket fields the history implies (what ``history verify`` replays)."""
    out: dict[str, Any] = dict.fromkeys(("assignee_id", "resolved_at", "closed_at", "nature",
                                         "solution"))  # fmt: skip
    out.update(status="new", logged=0)
    for at, _, ev in story:
        out["logged"] += ev.get("minutes", 0)
        field = ev.get("field")
        if field == "assignee":
            out["assignee_id"] = engineer_ids[ev["new"]]
        elif field == "status":
            out["status"] = ev["new"]
            if ev["new"] in ("closed", "cancelled"):
                out["closed_at"] = at
        if ev["kind"] == EventKind.RESOLUTION:
            out["resolved_at"] = at
            out["nature"] = ev["data"]["problem_nature"]
            out["solution"] = ev["data"]["solution"]
    return out
