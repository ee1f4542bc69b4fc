"""A big, realistic desk in minutes: ``supportdesk demo --tickets N --seed S``.

Shape: five years of history; customers of very uneven size (Zipf: a few big, many
small) each with a contract of a tier; products with releases; engineers, care and
managers; ~10 % of tickets open, and open tickets mostly recent (a long tail of stuck
ones); 3-4 history events per ticket. Every ticket's history is chained and entered in
the ledger exactly as the services do it, so ``supportdesk history verify`` passes; the
report facts and SLA clocks are filled (wall-clock SLA, see demo_bulk_story).

The people the demo logs in as are made through :class:`UserService` (hashed
passwords); the rest goes through ``uow.bulk`` in one transaction: COPY / executemany,
secondary indexes rebuilt after the load, statistics gathered at the end.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.domain.errors import PermissionDenied, ValidationError
from app.persistence.bulk_load import BulkLoadRepository
from app.services.auth import Passwords
from app.services.context import ServiceContext
from app.services.demo_bulk_catalogue import build_catalogue
from app.services.demo_bulk_pipe import forked_chunks
from app.services.demo_bulk_shape import (
    CLOCK_COLS,
    ESCALATION_COLS,
    EVENT_COLS,
    FACT_COLS,
    GOALS,
    LEDGER_COLS,
    OPEN_WEIGHTS,
    TICKET_COLS,
    Catalogue,
    Chains,
    Rows,
)
from app.services.demo_bulk_story import StoryWriter
from app.services.demo_data import DEMO_PASSWORD, USERS
from app.services.report_facts import rebuild_rollups
from app.services.users import UserService

YEARS = 5
CHUNK = 20_000
OPEN_SHARE = 0.10
CANCELLED_SHARE = 0.02
MAX_TICKETS = 5_000_000


@dataclass
class BulkSummary:
    tickets: int = 0
    events: int = 0
    ledger_entries: int = 0
    users: int = 0
    customers: int = 0
    contacts: int = 0
    products: int = 0
    releases: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    open_ratio: float = 0.0
    seed: int = 0
    now: str = ""
    # How the rows were written (SQLite: journal off; PostgreSQL: COPY) and the
    # database's journal once the load is over — what the desk then runs on.
    load_journal: str = ""
    journal: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


class BulkDemoLoader:
    def __init__(self, ctx: ServiceContext, users: UserService) -> None:
        self.ctx = ctx
        self.users = users

    def load(self, tickets: int, seed: int, now: datetime | None = None) -> BulkSummary:
        """Fill an empty database with ``tickets`` tickets; the same seed and ``now`` give
        the same rows. ``now`` defaults to the clock's, to the minute."""
        if not 0 <= tickets <= MAX_TICKETS:
            raise ValidationError(f"--tickets must be between 0 and {MAX_TICKETS:,}.")
        if self.users.has_users():
            raise PermissionDenied(
                "this database already has users; demo data only goes into an empty database."
            )
        moment = (now or self.ctx.clock.now()).astimezone(UTC).replace(second=0, microsecond=0)
        rng = random.Random(seed)
        summary = BulkSummary(seed=seed, now=moment.isoformat())
        started = time.perf_counter()
        self._people()
        summary.seconds["people"] = time.perf_counter() - started
        with self.ctx.db.unit_of_work() as uow:
            bulk = uow.bulk
            if bulk.ticket_count():
                raise PermissionDenied("this database has tickets already.")
            bulk.begin()
            start = moment - timedelta(days=365 * YEARS)
            cat, counts = build_catalogue(bulk, rng, tickets, start, moment)
            for name, value in counts.items():
                setattr(summary, name, value)
            mark = time.perf_counter()
            self._tickets(bulk, rng, cat, tickets, summary)
            summary.seconds["tickets"] = time.perf_counter() - mark
            mark = time.perf_counter()
            bulk.set_counter("ticket", tickets)
            bulk.end()
            summary.seconds["indexes"] = time.perf_counter() - mark
            mark = time.perf_counter()
            # The report rollups (issue 19, item 6) in one set-based pass over the facts.
            rebuild_rollups(uow)
            summary.seconds["rollups"] = time.perf_counter() - mark
            uow.commit()
            summary.load_journal = bulk.journal
        mark = time.perf_counter()
        with self.ctx.db.unit_of_work() as uow:
            uow.bulk.finish()
            uow.commit()
            summary.journal = uow.bulk.journal
        summary.seconds["analyze"] = time.perf_counter() - mark
        summary.seconds["total"] = time.perf_counter() - started
        summary.open_ratio = (
            sum(n for s, n in summary.by_status.items() if s not in ("closed", "cancelled"))
            / tickets
            if tickets
            else 0.0
        )
        return summary

    # -- people and catalogue ----------------------------------------------------------------

    def _people(self) -> None:
        """The demo's named people, with the demo password (hashed by the service)."""
        admin_name, _, admin_full = USERS[0]
        self.users.create_first_admin(admin_name, DEMO_PASSWORD, admin_full)
        admin = self.users.login(admin_name, DEMO_PASSWORD)
        for name, role, full in USERS[1:]:
            self.users.add_user(
                admin,
                username=name,
                password=DEMO_PASSWORD,
                role=role,
                full_name=full,
                email=f"{name}@supportdesk.example",
            )

    # -- tickets -------------------------------------------------------------------------

    def _tickets(
        self,
        bulk: BulkLoadRepository,
        rng: random.Random,
        cat: Catalogue,
        count: int,
        summary: BulkSummary,
    ) -> None:
        """The rows built in a child process (see demo_bulk_pipe), inserted here."""
        first_id, first_event = bulk.next_id("tickets"), bulk.next_id("ticket_events")
        by_status = summary.by_status
        chunks = forked_chunks(lambda: _chunks(rng, cat, count, first_id, first_event))
        for rows in chunks:
            for row in rows.tickets:
                by_status[row[12]] = by_status.get(row[12], 0) + 1
            bulk.insert("tickets", TICKET_COLS, rows.tickets)
            bulk.insert("ticket_events", EVENT_COLS, rows.events)
            bulk.insert("history_ledger", LEDGER_COLS, rows.ledger)
            bulk.insert("ticket_facts", FACT_COLS, rows.facts)
            bulk.insert("sla_clocks", CLOCK_COLS, rows.clocks)
            bulk.insert("sla_escalations", ESCALATION_COLS, rows.escalations)
            summary.tickets += len(rows.tickets)
            summary.events += len(rows.events)
            summary.ledger_entries += len(rows.ledger)


def _chunks(
    rng: random.Random, cat: Catalogue, count: int, first_id: int, first_event: int
) -> Iterator[Rows]:
    """Birth times first (sorted, so numbers follow time), then stories in chunks."""
    keys = _birth_keys(rng, cat, count)
    writer = StoryWriter(cat, rng, Chains(next_event_id=first_event))
    story = writer.ticket
    from_stamp = datetime.fromtimestamp
    for chunk in range(0, count, CHUNK):
        rows = Rows()
        ticket_id = first_id + chunk
        for key in keys[chunk : chunk + CHUNK]:
            story(rows, ticket_id, from_stamp(key >> 3, UTC), GOALS[key & 7])
            ticket_id += 1
        yield rows


def _birth_keys(rng: random.Random, cat: Catalogue, count: int) -> list[int]:
    """Each ticket's birth second * 8 + its goal's code, sorted."""
    now_s = int(cat.now.timestamp())
    start_s = now_s - YEARS * 365 * 86400
    span = now_s - 2 * 86400 - start_s
    keys: list[int] = []
    open_codes = list(range(2, len(GOALS)))
    for _ in range(count):
        roll = rng.random()
        if roll < OPEN_SHARE:
            code = rng.choices(open_codes, weights=OPEN_WEIGHTS)[0]
            if code == 2:  # new: hours old
                age = rng.expovariate(1 / (8 * 3600))
            elif rng.random() < 0.85:  # most open work is days old
                age = rng.expovariate(1 / (6 * 86400))
            else:  # and some is stuck for months
                age = rng.uniform(30, 365) * 86400
            at = now_s - 120 - int(min(age, span))
        else:
            code = 1 if roll < OPEN_SHARE + CANCELLED_SHARE else 0
            # sqrt: the desk grew, later years have more tickets than earlier ones
            at = start_s + int(span * rng.random() ** 0.5)
        keys.append(at * 8 + code)
    keys.sort()
    return keys


def generate(
    db_url: str,
    tickets: int,
    seed: int,
    *,
    now: datetime | None = None,
    passwords: Passwords | None = None,
) -> BulkSummary:
    """Create (or migrate) the database at ``db_url`` and fill it: for tests and benchmarks
    (``passwords``: a cheaper hasher for the people made through the user service)."""
    from app.bootstrap import open_services

    services = open_services(
        db_url, create=True, require_schema=False, settings={}, passwords=passwords
    )
    try:
        services.db.upgrade()
        return BulkDemoLoader(services.ctx, services.users).load(tickets, seed, now)
    finally:
        services.db.dispose()
