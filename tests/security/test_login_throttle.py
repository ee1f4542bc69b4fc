"""Failed logins are throttled per user name *and per source* (one machine trying many
names), in the database so every desk shares the counts — on SQLite and PostgreSQL —
and in PostgreSQL security mode, where the server checks passwords itself, through the
login gate, without the server's auth_delay. All on a fake clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.domain.errors import AuthenticationFailed
from app.persistence.orm_security import LoginFailures
from app.persistence.security_gate import GATE, GATE_PASSWORD
from app.services.auth import SOURCE_FREE_FAILURES, SOURCE_QUIET, throttle_wait
from tests.conftest import START
from tests.security.team import CARE, PW, Team
from tests.support.people import PASSWORD, People

WRONG = "wrong user name or password"


def test_one_source_trying_many_names_is_throttled(
    services: Services, people: People, clock: FakeClock
) -> None:
    for i in range(SOURCE_FREE_FAILURES):  # each name fails once: no name must wait
        with pytest.raises(AuthenticationFailed, match=WRONG):
            services.users.login(f"guess{i}", "not-the-password")
    with pytest.raises(
        AuthenticationFailed, match=r"too many failed logins from .+; try again in 15 s"
    ):
        services.users.login("eng", PASSWORD)  # even a right password waits
    clock.advance(throttle_wait(SOURCE_FREE_FAILURES, SOURCE_FREE_FAILURES))
    assert services.users.login("eng", PASSWORD).username == "eng"
    # A success does not clear the source: one more mistake waits twice as long.
    with pytest.raises(AuthenticationFailed, match=WRONG):
        services.users.login("guess-again", "not-the-password")
    with pytest.raises(AuthenticationFailed, match=r"from .+; try again in 30 s"):
        services.users.login("mia", PASSWORD)
    # After a quiet hour the source's count starts again.
    clock.advance(SOURCE_QUIET + timedelta(minutes=1))
    with pytest.raises(AuthenticationFailed, match=WRONG):
        services.users.login("guess-later", "not-the-password")
    assert services.users.login("mia", PASSWORD).username == "mia"
    with services.db.session() as session:
        rows = session.execute(select(LoginFailures.username, LoginFailures.failures))
        counts = {key: n for key, n in rows}
    sources = [n for k, n in counts.items() if k.startswith("source:")]
    assert sources == [1]
    assert counts["guess-later"] == 1 and "mia" not in counts


def test_names_that_cannot_be_users_count_only_for_the_source(
    services: Services, people: People
) -> None:
    with pytest.raises(AuthenticationFailed, match=WRONG):
        services.users.login("source:elsewhere", "not-the-password")
    with services.db.session() as session:
        keys = set(session.scalars(select(LoginFailures.username)))
    assert len(keys) == 1 and next(iter(keys)).startswith("source:")
    assert "source:elsewhere" not in keys


def test_security_mode_throttles_through_the_gate(team: Team, team_people: None) -> None:
    """The server refuses the wrong passwords; the gate counts them; after five, even
    the right password is refused by the application until the wait is over."""
    clock = FakeClock(START)

    def connect(password: str) -> Services:
        return open_services(team.url(CARE, password), clock=clock)

    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match=WRONG):
            connect("not-cara-password")
    with pytest.raises(
        AuthenticationFailed, match=r"too many failed logins for 'cara'; try again in 15 s"
    ):
        connect("not-cara-password")  # refused by the server, answered "wait"
    desk = connect(PW[CARE])  # the server lets her in; the application does not, yet
    try:
        with pytest.raises(AuthenticationFailed, match=r"for 'cara'; try again in 30 s"):
            desk.users.login(CARE, PW[CARE])
        clock.advance(timedelta(seconds=30))
        assert desk.users.login(CARE, PW[CARE]).username == CARE
        with desk.db.session() as session:
            assert session.get(LoginFailures, CARE) is None  # forgiven
            source = session.scalar(
                select(LoginFailures).where(LoginFailures.username.startswith("source:"))
            )
        assert source is not None and source.failures >= 6
    finally:
        desk.db.dispose()


def test_the_gate_can_only_count(team: Team) -> None:
    url = team.url(GATE, GATE_PASSWORD)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for query in ("SELECT count(*) FROM users", "SELECT count(*) FROM login_failures"):
                with pytest.raises(ProgrammingError, match="permission denied"):
                    conn.execute(text(query))
                conn.rollback()
            with pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text("DELETE FROM login_failures"))
    finally:
        engine.dispose()
