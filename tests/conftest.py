"""Fixtures shared by every suite.

``db_url`` runs a test once on SQLite and once on PostgreSQL, each time on a fresh
database. Without a reachable PostgreSQL the PostgreSQL half is skipped — except
with ``CI=true``, where it fails: CI must prove both.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.services.auth import Passwords
from tests.support.databases import (
    PostgresFactory,
    SqliteFactory,
    fresh_database,
    pg_unavailable_reason,
)
from tests.support.people import People, make_people

IN_CI = os.environ.get("CI", "").lower() == "true"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_main_thread() -> Iterator[None]:
    """Python's cycle collector runs on the main thread only, when each test ends.

    CPython collects cycles on whichever thread allocates past the threshold. A Qt
    test's leftover cycle (a model, a view, a task runner: each owns timers) collected
    on another thread — a later test's worker, an SMTP/IMAP server thread, xdist's
    receiver — destroyed its QObjects there ("QObject::~QObject: Timers cannot be
    stopped from another thread"), and Qt later fired those timers at freed memory:
    segfaults in QTimerInfoList::activateTimers, twice in session 10's CI. The desktop
    app keeps collection on its GUI thread for the same reason (ui/gui_collector.py);
    the suite does it here: automatic collection stays off, and what a test leaves is
    collected on this thread after it."""
    gc.disable()
    yield
    gc.collect()
    gc.disable()  # tests/ui's collector gives collection back when it stops


@pytest.fixture(scope="session", autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads or writes the real user's SupportDesk folders or settings."""
    base = tmp_path_factory.mktemp("supportdesk-home")
    for name in ("DATA", "CONFIG", "LOG"):
        os.environ[f"SUPPORTDESK_{name}_DIR"] = str(base / name.lower())
    os.environ.pop("SUPPORTDESK_DB", None)


@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteFactory]:
    factory = SqliteFactory(tmp_path_factory.mktemp("sqlite"))
    factory.start()
    yield factory
    factory.stop()


@pytest.fixture(scope="session")
def postgres_factory() -> Iterator[PostgresFactory]:
    reason = pg_unavailable_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    factory = PostgresFactory()
    factory.start()
    yield factory
    factory.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    factory_name = "sqlite_factory" if request.param == "sqlite" else "postgres_factory"
    factory = request.getfixturevalue(factory_name)
    with fresh_database(factory) as url:
        yield url


@pytest.fixture
def sqlite_url(sqlite_factory: SqliteFactory) -> Iterator[str]:
    with fresh_database(sqlite_factory) as url:
        yield url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(scope="session")
def fast_passwords() -> Passwords:
    """Argon2id with minimal cost: the algorithm is real, the wait is not."""
    return Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def services(db_url: str, clock: FakeClock, fast_passwords: Passwords) -> Iterator[Services]:
    svc = open_services(db_url, clock=clock, passwords=fast_passwords)
    yield svc
    svc.db.dispose()


@pytest.fixture
def people(services: Services) -> People:
    return make_people(services)


def pytest_report_header() -> str:
    return f"PostgreSQL tests: {'required (CI=true)' if IN_CI else 'run if reachable'}"


@pytest.fixture
def data_path() -> Path:
    return Path(__file__).parent / "data"
