"""Databases for the write-path benchmark (issue 19, items 4 and 5): people, a contract,
available engineers, and a realistic body of old tickets.

The body comes from the data generator (``app.services.demo_bulk.generate``, with
``--fill generator``) or a plain Core fill (the default, which code from before the
generator can run too): ``tickets`` rows, 90 % closed over five years and
10 % open, assigned to the engineers (what makes counting their open tickets cost).
"""

from __future__ import annotations

import random
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, insert, select, text

from app.bootstrap import Services, open_services
from app.domain.errors import DomainError
from app.domain.history import GENESIS
from app.persistence.orm import Customer, Ticket, User
from app.services.auth import Actor, Passwords
from app.services.demo_data import DEMO_PASSWORD
from tests.support.databases import migrate, pg_admin_dsn, pg_url
from tests.support.people import PASSWORD, make_people

FAST = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
SERVICE = "software_maintenance"
CONTRACT_FROM = date(2020, 1, 1)


def engineer_names(count: int) -> list[str]:
    return [f"bench{i}" for i in range(count)]


def fresh_postgres(name: str) -> str:
    with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_url(name)


def drop_postgres(name: str) -> None:
    with psycopg.connect(pg_admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(
    url: str, tickets: int, engineers: int, seed: int = 19, fill_with: str = "core"
) -> None:
    """Schema, people (``engineers`` available engineers), a Silver contract for ACME
    covering ``SERVICE``, then ``tickets`` old tickets. ``fill_with="existing"``: the
    database already holds the generator's data (a copy of a reference): only the
    engineers and the contract are added."""
    migrate(url)
    generated = fill_with == "generator" and tickets > 0
    demo_people = generated or fill_with == "existing"
    if generated:  # the generator wants an empty database: it comes first
        import importlib  # the generator landed in parallel (issue 19, item 7)

        generator = importlib.import_module("app.services.demo_bulk")
        generator.generate(url, tickets, seed, passwords=FAST)
    services = open_services(url, passwords=FAST)
    try:
        if demo_people:
            admin = services.users.login("admin", DEMO_PASSWORD)
            manager = manager_login(services)
        else:
            people = make_people(services)
            admin, manager = people.admin, people.manager
        with suppress(DomainError):  # the generated data may have both already
            services.customers.add_customer(manager, code="ACME", name="Acme Corp")
        with suppress(DomainError):
            services.sla.add_contract(
                manager, customer="ACME", tier="Silver", services=[SERVICE],
                valid_from=CONTRACT_FROM,
            )  # fmt: skip
        for name in engineer_names(engineers):
            services.users.add_user(admin, username=name, password=PASSWORD, role="engineer")
            services.assignment.set_state(services.users.login(name, PASSWORD), "available")
    finally:
        services.db.dispose()
    if not demo_people:
        fill(url, tickets, seed)


def manager_login(services: Services) -> Actor:
    """The manager ``mia``: the demo data's password in a generated database (it has
    ``eli``), else the test cast's — asked once: a wrong guess counts as a failed login."""
    with services.db.session() as session:
        generated = session.scalar(select(User.id).where(User.username == "eli"))
    return services.users.login("mia", DEMO_PASSWORD if generated else PASSWORD)


def fill(url: str, tickets: int, seed: int) -> None:
    if tickets:
        core_fill(url, tickets, seed)
    resync(url)


def core_fill(url: str, tickets: int, seed: int) -> None:
    rng = random.Random(seed)
    engine = create_engine(url)
    now = datetime.now(UTC)
    try:
        with engine.begin() as conn:
            cust = conn.scalar(select(Customer.id).where(Customer.code == "ACME"))
            admin = conn.scalar(select(User.id).where(User.username == "admin"))
            engs = list(conn.scalars(select(User.id).where(User.username.like("bench%"))))
            first = int(conn.scalar(select(func.count()).select_from(Ticket)) or 0) + 1
            rows: list[dict[str, Any]] = []
            for i in range(tickets):
                is_open = i >= tickets * 0.9  # the newest tenth is open
                age = (tickets - i) / tickets * 5 * 365
                created = now - timedelta(days=age, minutes=rng.randrange(600))
                rows.append(
                    {
                        "number": f"SD-{first + i:06d}",
                        "customer_id": cust,
                        "environment": "production",
                        "service_type": SERVICE,
                        "category": "incident",
                        "subject": f"old ticket {i} about the nightly export",
                        "description": "",
                        "criticality": "medium",
                        "priority": rng.choice((1, 2, 3, 3, 4)),
                        "status": "in_progress" if is_open else "closed",
                        "assignee_id": rng.choice(engs) if engs else None,
                        "created_by_id": admin,
                        "created_at": created,
                        "updated_at": created,
                        "closed_at": None if is_open else created + timedelta(days=2),
                        "time_logged_minutes": 0,
                        "last_event_hash": GENESIS,
                        "event_count": 0,
                        "version": 1,
                    }
                )
                if len(rows) == 5000:
                    conn.execute(insert(Ticket), rows)
                    rows = []
            if rows:
                conn.execute(insert(Ticket), rows)
            # The code being measured may still number tickets from the counters row.
            conn.execute(
                text("UPDATE counters SET value = :n WHERE name = 'ticket'"),
                {"n": first + tickets - 1},
            )
            if conn.dialect.name == "sqlite":
                conn.execute(text("ANALYZE"))
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def resync(url: str) -> None:
    """After a bulk load: the write path's derived state (sequence, open counts), when
    the code being measured has it."""
    try:
        from app.persistence import write_path  # absent in code before issue 19
    except ImportError:
        return
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            write_path.resync(conn)
    finally:
        engine.dispose()


def open_tickets_of(url: str, username: str, limit: int) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = (
                select(Ticket.number)
                .join(User, User.id == Ticket.assignee_id)
                .where(User.username == username, Ticket.status == "in_progress")
                .order_by(Ticket.id.desc())
                .limit(limit)
            )
            return list(conn.scalars(query))
    finally:
        engine.dispose()
