"""The demo data set: every role, every status, valid history; only into an empty database."""

from __future__ import annotations

import pytest

from app.bootstrap import Services, demo_services
from app.domain.errors import PermissionDenied
from app.domain.tickets import Status
from app.services.demo import DEMO_PASSWORD, USERS, load_demo


def test_demo_data_has_every_status_and_a_valid_history(services: Services) -> None:
    report = load_demo(*demo_services(services), 60)

    assert report.tickets == 60
    assert set(report.by_status) == {s.value for s in Status}
    roles = {role for _, role, _ in USERS}
    assert roles == {"admin", "manager", "care", "engineer"}
    for name, _, _ in USERS:
        assert services.users.login(name, DEMO_PASSWORD).username == name
    verified = services.history.verify()
    assert verified.ok, verified.problems[:3]
    # The 60 stories, plus the ticket opened when Bluebird rejected Ledger 4.3.1 on test,
    # plus the SLA annex's month (app/services/demo_annex.py): one outage, three alerts.
    assert verified.tickets_checked == 61 + 4


def test_demo_data_has_promotions_at_every_stage(services: Services) -> None:
    load_demo(*demo_services(services), 10)
    mia = services.users.login("mia", DEMO_PASSWORD)
    ledger = {
        c.customer: c.state
        for c in services.promotions.candidates(mia, product="LEDGER", version="4.3.1")
    }
    assert ledger == {
        "ACME": "on_production",
        "BLUEBIRD": "rejected",
        "HELIO": "awaiting_verification",
        "NORTHWIND": "awaiting_verification",
        "RIVERTON": None,
    }
    pending = services.promotions.pending_verifications(mia)
    assert [(p.customer, p.product) for p in pending][-1] == ("RIVERTON", "PORTAL")


def test_demo_data_refuses_a_database_that_is_in_use(services: Services) -> None:
    services.users.create_first_admin("boss", "long-password-1")
    with pytest.raises(PermissionDenied, match="already has users"):
        load_demo(*demo_services(services), 5)
