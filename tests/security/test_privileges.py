"""The privilege matrix of docs/security.md: each application role, through the
services *and* directly in SQL as that person's own PostgreSQL login."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from app.bootstrap import Services
from app.domain.errors import AuthenticationFailed, PermissionDenied
from tests.security.team import (
    ADMIN,
    CARE,
    ENGINEER,
    EVERYONE,
    MANAGER,
    MANAGERS,
    NOBODY,
    PW,
    STAFF,
    Team,
    services_as,
)

# (what, SQL, who may) — every statement runs in a transaction that is rolled back.
SQL_MATRIX = [
    ("update a history row", "UPDATE ticket_events SET text = 'x'", NOBODY),
    ("delete a history row", "DELETE FROM ticket_events", NOBODY),
    ("truncate the history", "TRUNCATE ticket_events", NOBODY),
    ("delete a ledger entry", "DELETE FROM history_ledger", NOBODY),
    (
        "write history",
        "INSERT INTO ticket_events SELECT * FROM ticket_events WHERE false",
        EVERYONE,
    ),
    ("change a ticket", "UPDATE tickets SET subject = subject WHERE false", EVERYONE),
    ("read the people", "SELECT username, role, active FROM users", EVERYONE),
    ("read password hashes", "SELECT password_hash FROM users", frozenset({ADMIN})),
    (
        "change anyone's role",
        "UPDATE users SET role = 'admin' WHERE username = current_user",
        frozenset({ADMIN}),
    ),
    (
        "raise one's own group",
        "SELECT supportdesk_set_login_group(current_user::text, 'supportdesk_admin')",
        frozenset({ADMIN}),
    ),
    (
        "create a login",
        "SELECT supportdesk_create_login('intruder', 'intruder-pass-1', 'supportdesk_admin')",
        frozenset({ADMIN}),
    ),
    (
        "record an installation",
        "INSERT INTO installations SELECT * FROM installations WHERE false",
        STAFF,
    ),
    ("change SLA targets", "UPDATE sla_targets SET response_minutes = 1 WHERE false", MANAGERS),
    ("add a customer", "INSERT INTO customers SELECT * FROM customers WHERE false", MANAGERS),
    (  # row-level security: a manager's row must be an assignment or mail setting
        "change the company name",
        "INSERT INTO app_settings (key, value) VALUES ('company.name', 'x') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        frozenset({ADMIN}),
    ),
    (
        "set the assignment policy",
        "INSERT INTO app_settings (key, value) VALUES ('assignment.policy', 'x') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        MANAGERS,
    ),
    (
        "change the mail server",
        "INSERT INTO app_settings (key, value) VALUES ('smtp.host', 'x') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        MANAGERS,
    ),
    (
        "attach a stranger's mail (a new contact)",
        "INSERT INTO contacts SELECT * FROM contacts WHERE false",
        frozenset({CARE, MANAGER, ADMIN}),
    ),
    ("work as the owner", "SET ROLE supportdesk_owner", NOBODY),
]


def _allowed(team: Team, login: str, statement: str) -> bool:
    with psycopg.connect(team.url(login, PW[login])) as conn:
        try:
            conn.execute(statement.encode())
        except psycopg.errors.InsufficientPrivilege:
            return False
        finally:
            conn.rollback()
    return True


@pytest.mark.parametrize(("what", "statement", "who"), SQL_MATRIX, ids=[m[0] for m in SQL_MATRIX])
def test_sql_as_each_persons_own_login(
    team_people: None, team: Team, what: str, statement: str, who: frozenset[str]
) -> None:
    verdicts = {login: _allowed(team, login, statement) for login in PW}
    assert verdicts == {login: login in who for login in PW}, what


@pytest.fixture
def as_login(team: Team, team_people: None) -> Iterator[dict[str, Services]]:
    opened = {login: services_as(team, login) for login in PW}
    yield opened
    for svc in opened.values():
        svc.db.dispose()


def test_services_on_each_persons_own_login(as_login: dict[str, Services]) -> None:
    me = {login: svc.users.login(login, PW[login]) for login, svc in as_login.items()}
    # Allowed: the whole path of opening and working a ticket, hooks included.
    ticket = as_login[CARE].tickets.open_ticket(
        me[CARE], customer="ACME", subject="Invoices stuck", service_type="first_level_support"
    )
    as_login[ENGINEER].tickets.take(me[ENGINEER], ticket.number)
    as_login[ENGINEER].tickets.start(me[ENGINEER], ticket.number)
    as_login[ENGINEER].tickets.comment(me[ENGINEER], ticket.number, "looking", internal=True)
    assert as_login[MANAGER].history.verify(ticket.number).ok
    # Refused, by the service before the database is asked.
    with pytest.raises(PermissionDenied):
        as_login[CARE].releases.record_baseline(
            me[CARE],
            customer="ACME",
            product="ERP",
            environment="test",
            version="1.0.0",
            reason="baseline",
        )
    with pytest.raises(PermissionDenied):
        as_login[ENGINEER].sla.set_target(
            me[ENGINEER],
            tier="Gold",
            criticality="high",
            priority=1,
            response_minutes=1,
            resolution_minutes=2,
        )
    with pytest.raises(PermissionDenied):
        as_login[ENGINEER].users.edit_user(me[ENGINEER], ENGINEER, role="admin")
    # Someone else's name on one's own connection is refused.
    with pytest.raises(AuthenticationFailed, match="this connection is the database login 'eli'"):
        as_login[ENGINEER].users.login(MANAGER, PW[MANAGER])


def test_deactivation_revokes_the_login_and_ends_sessions(
    team: Team, as_login: dict[str, Services]
) -> None:
    root = as_login[ADMIN].users.login(ADMIN, PW[ADMIN])
    with psycopg.connect(team.url(CARE, PW[CARE]), autocommit=True) as open_session:
        as_login[ADMIN].users.set_active(root, CARE, False)
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(team.url(CARE, PW[CARE]))
    as_login[ADMIN].users.set_active(root, CARE, True)
    psycopg.connect(team.url(CARE, PW[CARE])).close()


def test_a_password_reset_ends_open_sessions(team: Team, as_login: dict[str, Services]) -> None:
    root = as_login[ADMIN].users.login(ADMIN, PW[ADMIN])
    with psycopg.connect(team.url(MANAGER, PW[MANAGER]), autocommit=True) as open_session:
        as_login[ADMIN].users.set_password(root, MANAGER, "mia-New-Secret-1")
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(team.url(MANAGER, PW[MANAGER]))
    as_login[ADMIN].users.set_password(root, MANAGER, PW[MANAGER])


def test_history_is_written_in_ones_own_name_only(
    team: Team, as_login: dict[str, Services]
) -> None:
    care = as_login[CARE].users.login(CARE, PW[CARE])
    number = (
        as_login[CARE]
        .tickets.open_ticket(
            care, customer="ACME", subject="Forgery target", service_type="first_level_support"
        )
        .number
    )
    forge = (
        "INSERT INTO ticket_events (ticket_id, seq, occurred_at, actor_id, kind, minutes, "
        "internal, data, prev_hash, hash) SELECT t.id, 99, now(), u.id, 'customer_approval', "
        "0, false, '{}', 'x', 'x' FROM tickets t, users u "
        "WHERE t.number = %s AND u.username = %s"
    )
    with psycopg.connect(team.url(ENGINEER, PW[ENGINEER])) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="your own name only"):
            conn.execute(forge.encode(), (number, MANAGER))
        conn.rollback()
        conn.execute(forge.encode(), (number, ENGINEER))  # in one's own name: allowed
        conn.rollback()
