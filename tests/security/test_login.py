"""Logging in: repeated failures are throttled (every desk shares the count), the
password check holds no write lock, and nothing secret reaches the log."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.domain.errors import AuthenticationFailed
from app.persistence.engine import parse_url, sqlite_path
from app.persistence.orm import User
from app.services.auth import FREE_FAILURES, Passwords, throttle_wait
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People


def test_repeated_failures_are_throttled_then_forgiven(
    services: Services, people: People, clock: FakeClock
) -> None:
    for _ in range(FREE_FAILURES):
        with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
            services.users.login("eng", "not-my-password")
    # Now even the right password waits, and says for how long.
    with pytest.raises(
        AuthenticationFailed, match=r"too many failed logins for 'eng'; try again in 15 s"
    ):
        services.users.login("eng", PASSWORD)
    clock.advance(throttle_wait(FREE_FAILURES))
    assert services.users.login("eng", PASSWORD).username == "eng"
    # A success clears the count: the next mistake is free again.
    with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
        services.users.login("eng", "not-my-password")
    assert services.users.login("eng", PASSWORD).username == "eng"


def test_unknown_names_are_throttled_alike(services: Services, people: People) -> None:
    for _ in range(FREE_FAILURES):
        with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
            services.users.login("nobody", "whatever-it-is")
    with pytest.raises(AuthenticationFailed, match="too many failed logins for 'nobody'"):
        services.users.login("nobody", "whatever-it-is")


def test_the_wait_doubles_up_to_a_quarter_hour() -> None:
    waits = [throttle_wait(n) for n in range(FREE_FAILURES - 1, FREE_FAILURES + 8)]
    assert waits[:3] == [timedelta(0), timedelta(seconds=15), timedelta(seconds=30)]
    assert waits[-1] == timedelta(minutes=15)


def test_login_needs_no_write_lock(
    sqlite_url: str, clock: FakeClock, fast_passwords: Passwords
) -> None:
    """Another desk holds SQLite's write lock; logging in still answers at once."""
    services = open_services(sqlite_url, clock=clock, passwords=fast_passwords)
    try:
        services.users.create_first_admin("admin", PASSWORD)
        path = sqlite_path(parse_url(sqlite_url))
        assert path is not None
        other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            assert services.users.login("admin", PASSWORD).username == "admin"
        finally:
            other.execute("ROLLBACK")
            other.close()
    finally:
        services.db.dispose()


def test_a_failed_login_leaves_no_secret_in_the_log(
    services: Services, people: People, db_url: str
) -> None:
    with services.db.session() as session:
        stored_hash = session.scalar(select(User.password_hash).where(User.username == "eng"))
    assert stored_hash
    secret = "Wr0ng-but-Secret-Passw0rd"
    result = Cli(db_url).run("ticket", "list", user="eng", password=secret)
    assert result.code == 2
    assert "wrong user name or password" in result.err
    log_dir = Path(os.environ["SUPPORTDESK_LOG_DIR"])
    logs = [p for p in log_dir.rglob("*") if p.is_file()]
    text = "".join(p.read_text(errors="replace") for p in logs)
    for needle in (secret, stored_hash, PASSWORD):
        assert needle not in text
        assert needle not in result.out + result.err
