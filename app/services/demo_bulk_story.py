"""One generated ticket's story: what happened to it, when and by whom, drawn from the
seeded random generator, with its SLA, its clock and escalations; the rows it makes are
written by :mod:`app.services.demo_bulk_rows`. Pure Python: :mod:`app.services.demo_bulk`
inserts the rows.

SLA: the contract tier's targets on a 24 x 7 clock (the snapshot says so:
``business_hours`` false), computed with the domain's :func:`ticket_sla` as the SLA hook
does after each change. Open tickets whose clock has reached a threshold by "now" carry
the escalation events the minute-by-minute scan would have written (by ``system``).

The order of the random draws is the data: a change here that draws in another order
generates another desk for the same seed.
"""

from __future__ import annotations

import random
from bisect import insort
from datetime import datetime, timedelta
from typing import Any

from app.domain.calendar import RoundTheClock
from app.domain.history import EventKind
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
from app.domain.tickets import Criticality, Status
from app.services.demo_bulk_hash import CREATED_KEYS, created_json, data_json
from app.services.demo_bulk_rows import Step, db_moment, responded_at, write_ticket
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
    Person,
    Rows,
    pick,
    status_event,
)
from app.services.demo_data import COMMENTS, FIXES

RUNNING = ("new", "assigned", "in_progress")
WORK = RoundTheClock()
# Event kinds as plain strings: the rows go to the drivers as they are.
CREATED, COMMENT = EventKind.CREATED.value, EventKind.COMMENT.value
ASSIGNED, RESOLUTION = EventKind.ASSIGNED.value, EventKind.RESOLUTION.value
FIELD = EventKind.FIELD.value
# A resolution's data is one of a few fixes: encoded once.
FIX_DATA = {fix: {"problem_nature": fix[0], "solution": fix[1]} for fix in FIXES}
FIX_JSON = {fix: data_json(data) for fix, data in FIX_DATA.items()}


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
        created_data: dict[str, str | int | None] = {
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
        created_ev = {
            "kind": CREATED,
            "text": description,
            "data": created_data,
            "json": created_json(tuple(created_data[k] for k in CREATED_KEYS)),
        }
        story: list[Step] = [(created, author, created_ev)]
        self._work(story, goal)
        # A running clock is read as of now: for the escalations and the scan's next check.
        now_sla = None
        if target is not None and _status(story) in RUNNING:
            now_sla = self._sla(target, story, self.cat.now)
        done = self._escalate(story, now_sla, ticket_id, rows)
        sla = self._sla(target, story, story[-1][0]) if target else None
        refs = (contact_id, product_id)
        write_ticket(
            rows, self.chains, ticket_id, cust, refs, story, self._engineer_ids, target, sla
        )
        rows.clocks.append((
            ticket_id, cust.contract_id, cat.calendar_id, cust.tier, crit,
            target.response_minutes if target else None,
            target.resolution_minutes if target else None, False,
            db_moment(next_check(now_sla, done)) if now_sla else None, len(story),
        ))  # fmt: skip

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
            ev = {"kind": COMMENT, "text": text, "minutes": minutes, "internal": internal}
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
            assign = {"kind": ASSIGNED, "field": "assignee", "new": worker.username}
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
            chosen = rng.choice(FIXES)
            fix = {
                "kind": RESOLUTION,
                "minutes": rng.choice((15, 30, 45, 60, 90)),
                "data": FIX_DATA[chosen],
                "json": FIX_JSON[chosen],
            }
            hours = 0.3 if quick else min(rng.lognormvariate(2.0, 1.3), 24 * 60)
            add(60 * hours, worker, fix)
            if goal == "closed":
                add(rng.uniform(60, 7200), rng.choice(cat.care), status_event("resolved", "closed"))
            else:
                add(0, worker, status_event("in_progress", "resolved"))

    def _escalate(
        self, story: list[Step], sla: TicketSla | None, ticket_id: int, rows: Rows
    ) -> set[tuple[Measure, Threshold]]:
        """The scan's escalation events up to now, in time order among the others, and
        their rows; ``sla``: the running clock as of now (None when none runs)."""
        if sla is None:
            return set()
        reading = sla.response if sla.response.running else sla.resolution
        if not reading.running or reading.state not in (SlaState.AT_RISK, SlaState.BREACHED):
            return set()
        marks = [(reading.at_risk_at, Threshold.AT_RISK, SlaState.ON_TRACK)]
        if reading.state == SlaState.BREACHED:
            marks.append((reading.due_at, Threshold.BREACHED, SlaState.AT_RISK))
        done = set()
        for at, threshold, before in marks:
            if at > self.ceiling:
                continue
            measure = reading.measure.value
            data = {
                "escalation": threshold.value,
                "measure": measure,
                "due_at": reading.due_at.isoformat(),
                "used_minutes": int((at - story[0][0]).total_seconds() // 60),
            }
            ev = {
                "kind": FIELD,
                "field": "sla_state",
                "old": before.value,
                "new": threshold.value,
                "text": f"{measure} {threshold.value.replace('_', ' ')}: "
                f"due {reading.due_at.isoformat(timespec='minutes')}",
                "internal": True,
                "data": data,
                "json": data_json(data),
            }
            insort(story, (at, self.cat.system, ev), key=lambda step: step[0])
            rows.escalations.append((ticket_id, measure, threshold.value, db_moment(at)))
            done.add((reading.measure, threshold))
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
            responded_at=responded_at(story),
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


def _status(story: list[Step]) -> str:
    found = "new"
    for _, _, ev in story:
        if ev.get("field") == "status":
            found = ev["new"]
    return found
