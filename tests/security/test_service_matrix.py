"""Every role × the actions of DESIGN.md's role table, through the services, each person
on their own PostgreSQL login: what a role may do succeeds *with the database's grants*
(so the grant table is complete for it), what it may not is refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import count

import pytest

from app.bootstrap import Services
from app.domain.errors import PermissionDenied
from app.services.auth import Actor
from tests.security.team import ADMIN, CARE, ENGINEER, MANAGER, PW, Team, services_as

ALL = {ADMIN, ENGINEER, CARE, MANAGER}
_serial = count(1)


def _ticket(svc: Services, me: Actor) -> str:
    return svc.tickets.open_ticket(
        me, customer="ACME", subject=f"Case {next(_serial)}", service_type="managed_hosting"
    ).number


Action = Callable[[Services, Actor, Services, Actor], object]

# (action, roles allowed). Each gets the person's services and, to prepare, the admin's.
ACTIONS: dict[str, tuple[Action, set[str]]] = {
    "open a ticket": (lambda s, me, _a, _r: _ticket(s, me), ALL),
    "comment": (lambda s, me, a, r: s.tickets.comment(me, _ticket(a, r), "noted"), ALL),
    "take a ticket": (lambda s, me, a, r: s.tickets.take(me, _ticket(a, r)), {ENGINEER}),
    "cancel a ticket": (
        lambda s, me, a, r: s.tickets.cancel(me, _ticket(a, r), "duplicate"),
        {CARE, MANAGER, ADMIN},
    ),
    "override priority": (
        lambda s, me, a, r: s.sla.override_priority(me, _ticket(a, r), 1, "outage"),
        {MANAGER, ADMIN},
    ),
    "add a customer": (
        lambda s, me, _a, _r: s.customers.add_customer(me, code=f"C{next(_serial)}", name="X"),
        {MANAGER, ADMIN},
    ),
    "set own availability": (
        lambda s, me, _a, _r: s.assignment.set_state(me, "available"),
        {ENGINEER},
    ),
    "add a user": (
        lambda s, me, _a, _r: s.users.add_user(
            me, username=f"temp{next(_serial)}", password="temp-Secret-1", role="care"
        ),
        {ADMIN},
    ),
}


@pytest.fixture(scope="module")
def desks(team: Team, team_people: None) -> Iterator[dict[str, tuple[Services, Actor]]]:
    opened = {login: services_as(team, login) for login in PW}
    yield {login: (svc, svc.users.login(login, PW[login])) for login, svc in opened.items()}
    for svc in opened.values():
        svc.db.dispose()


@pytest.mark.parametrize("role", [ADMIN, ENGINEER, CARE, MANAGER])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_by_action(desks: dict[str, tuple[Services, Actor]], role: str, action: str) -> None:
    run, allowed = ACTIONS[action]
    svc, me = desks[role]
    admin_svc, root = desks[ADMIN]
    if role in allowed:
        run(svc, me, admin_svc, root)
    else:
        with pytest.raises(PermissionDenied):
            run(svc, me, admin_svc, root)
