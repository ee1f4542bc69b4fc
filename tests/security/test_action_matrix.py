"""The service privilege matrix: every action of every service (found by looking at
``Services``, so a new action without a row fails here) × every role, allowed or
refused exactly as the table in docs/security.md says — through the services on SQLite
and PostgreSQL, and in PostgreSQL security mode with each person on their own login,
where what a role may do must also pass the database's grants."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.errors import PermissionDenied
from tests.security.matrix_actions import CALLS, NEEDS_OUTSIDE, acting_actions
from tests.security.matrix_world import CONTACT, PRODUCT, Desk, World
from tests.security.team import ADMIN, CARE, ENGINEER, MANAGER, PW, Team, services_as
from tests.support.people import People

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROLES = ("engineer", "care", "manager", "admin")
_ROW = re.compile(r"^\| `([a-z_]+\.[a-z_]+)` \|(.*)\|\s*$")


def documented() -> dict[str, frozenset[str]]:
    """docs/security.md's "Every service action" table: action → roles allowed."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Every service action", 1)[1].split("\n## ", 1)[0]
    table: dict[str, frozenset[str]] = {}
    for line in section.splitlines():
        found = _ROW.match(line)
        if found:
            cells = [c.strip() for c in found.group(2).split("|")]
            assert len(cells) == len(ROLES), line
            assert set(cells) <= {"✓", "–"}, line
            table[found.group(1)] = frozenset(
                r for r, c in zip(ROLES, cells, strict=True) if c == "✓"
            )
    return table


MATRIX = documented()


def test_every_service_action_has_a_row_and_a_call() -> None:
    actions = set(acting_actions())
    assert len(actions) > 100  # the introspection finds the services' actions at all
    missing = sorted(actions - set(MATRIX))
    assert not missing, f"add to docs/security.md's matrix who may: {missing}"
    gone = sorted(set(MATRIX) - actions)
    assert not gone, f"docs/security.md lists actions that do not exist: {gone}"
    uncalled = sorted(actions - set(CALLS))
    assert not uncalled, f"add a call to tests/security/matrix_actions.py: {uncalled}"
    assert not set(CALLS) - actions, "calls of actions that do not exist"


def check_cell(action: str, world: World) -> str:
    """'' when the role's outcome is the documented one, else what happened."""
    allowed = world.role in MATRIX[action]
    try:
        CALLS[action](world)
    except PermissionDenied as refused:
        return f"{world.role}: refused ({refused})" if allowed else ""
    except Exception as exc:
        outside = NEEDS_OUTSIDE.get(action)
        if allowed and outside and outside in str(exc):
            return ""
        return f"{world.role}: {type(exc).__name__}: {exc}"
    return "" if allowed else f"{world.role}: allowed, but the matrix refuses it"


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_role_by_action(action: str, services: Services, people: People, tmp_path: Path) -> None:
    services.customers.add_product(people.manager, code=PRODUCT, name="Invoicing")
    admin, engineer = Desk(services, people.admin), Desk(services, people.engineer)
    actors = (people.engineer, people.care, people.manager, people.admin)
    wrong = [
        check_cell(action, World(Desk(services, actor), admin, engineer, tmp_path))
        for actor in actors
    ]
    assert not any(wrong), "\n".join(w for w in wrong if w)


@pytest.fixture(scope="module")
def desks(team: Team, team_people: None) -> Iterator[dict[str, Desk]]:
    opened = {login: services_as(team, login) for login in PW}
    found = {login: Desk(svc, svc.users.login(login, PW[login])) for login, svc in opened.items()}
    mia = found[MANAGER]
    acme = mia.services.customers.get_customer(mia.actor, "ACME")
    if CONTACT not in {c.name for c in acme.contacts}:
        mia.services.customers.add_contact(
            mia.actor, customer_code="ACME", name=CONTACT, email="jo@acme.example"
        )
    yield found
    for svc in opened.values():
        svc.db.dispose()


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_role_by_action_on_own_logins(action: str, desks: dict[str, Desk], tmp_path: Path) -> None:
    wrong = [
        check_cell(action, World(desks[login], desks[ADMIN], desks[ENGINEER], tmp_path))
        for login in (ENGINEER, CARE, MANAGER, ADMIN)
    ]
    assert not any(wrong), "\n".join(w for w in wrong if w)


def test_every_table_has_its_grants_listed() -> None:
    """A new table nobody was granted is read-only in security mode: every desk's write
    to it fails there (as the report rollups did). Listing it is a decision."""
    import app.persistence.all_models  # noqa: F401 - every table
    from app.persistence.orm import Base
    from app.persistence.security_grants import GRANTS

    unlisted = sorted(set(Base.metadata.tables) - set(GRANTS))
    assert not unlisted, f"add to app/persistence/security_grants.py GRANTS: {unlisted}"
