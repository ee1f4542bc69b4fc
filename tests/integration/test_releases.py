"""Releases reach production only through the customer's verification on test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

import pytest
from sqlalchemy import func, select

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app.persistence.orm_releases import Installation
from app.services.notifications import SmtpSettings
from tests.support.people import People
from tests.support.smtp import Inbox, smtp_server


class ReleaseRef(TypedDict):
    """The keywords naming one release; a TypedDict so ``**V`` is checked per keyword."""

    product: str
    version: str


class InstallRef(ReleaseRef):
    customer: str


V: ReleaseRef = {"product": "ERP", "version": "2.10.0"}


@pytest.fixture
def catalogue(services: Services, people: People) -> People:
    m = people.manager
    services.customers.add_product(m, code="ERP", name="Acme ERP")
    services.customers.add_contact(
        m,
        customer_code="ACME",
        name="Vera Verifier",
        email="vera@acme.example",
        verifies_releases=True,
    )
    services.customers.add_contact(
        m, customer_code="ACME", name="Otto Ops", email="otto@acme.example", verifies_releases=True
    )
    for version in ("2.9.3", "2.10.0"):
        services.releases.add_release(
            m, product="ERP", version=version, state="available", notes=f"release {version}"
        )
    for env in ("test", "production"):
        services.releases.record_baseline(
            m,
            customer="ACME",
            product="ERP",
            environment=env,
            version="2.9.3",
            reason="tracked from today",
        )
    return people


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with smtp_server() as server:
        yield server


def test_production_before_verification_is_refused(services: Services, catalogue: People) -> None:
    p = services.promotions
    with pytest.raises(InvalidTransition, match="verified this same release"):
        p.install_on_production(catalogue.engineer, customer="ACME", **V)
    p.install_on_test(catalogue.engineer, customer="ACME", **V)
    with pytest.raises(InvalidTransition, match="verified this same release") as refused:
        p.install_on_production(catalogue.engineer, customer="ACME", **V)
    assert "the promotion is awaiting verification" in refused.value.message
    matrix = services.releases.matrix(catalogue.manager)
    cell = matrix.rows[0][2][0]
    assert (cell.test, cell.production, cell.awaiting_verification) == ("2.10.0", "2.9.3", "2.10.0")


def test_happy_path_leaves_a_complete_history(
    services: Services,
    catalogue: People,
    clock: FakeClock,
    smtp: tuple[Inbox, SmtpSettings],
) -> None:
    inbox, settings = smtp
    request = services.tickets.open_ticket(
        catalogue.care,
        customer="ACME",
        subject="Please upgrade to 2.10",
        service_type="first_level_support",
        category="upgrade",
        product="ERP",
    )
    services.releases.link_ticket(catalogue.manager, ticket=request.number, **V)
    p = services.promotions
    p.install_on_test(catalogue.engineer, customer="ACME", notes="smooth", **V)
    assert services.notifications.send_pending(settings).sent == 2
    mails = {m["To"]: m for m in inbox.messages}
    assert set(mails) == {"vera@acme.example", "otto@acme.example"}
    assert "2.10.0" in mails["vera@acme.example"]["Subject"]
    assert "verify" in mails["vera@acme.example"].get_content()

    clock.advance(days=2)
    p.record_verification(
        catalogue.care,
        customer="ACME",
        approved=True,
        contact="Vera Verifier",
        channel="email",
        comments="all good",
        **V,
    )
    clock.advance(hours=1)
    done = p.install_on_production(catalogue.engineer, customer="ACME", notes="night slot", **V)

    assert done.state == "on_production"
    assert [(e.step, e.new_state, e.actor) for e in done.history] == [
        ("install_on_test", "on_test", "eng"),
        ("notify", "awaiting_verification", "eng"),
        ("verify", "verified", "cara"),
        ("install_on_production", "on_production", "eng"),
    ]
    assert done.history[2].data["contact"] == "Vera Verifier"
    installs = services.releases.installation_history(catalogue.manager, customer="ACME")
    assert [(i.environment, i.from_version, i.to_version, i.actor) for i in installs] == [
        ("test", None, "2.9.3", "mia"),
        ("production", None, "2.9.3", "mia"),
        ("test", "2.9.3", "2.10.0", "eng"),
        ("production", "2.9.3", "2.10.0", "eng"),
    ]
    told = services.tickets.show(catalogue.care, request.number).history[-1]
    assert told.kind == "comment" and told.text is not None
    assert "ERP 2.10.0 is now installed on production" in told.text
    assert services.notifications.send_pending(settings).sent == 2
    assert services.history.verify().ok
    assert services.promotions.pending_verifications(catalogue.manager) == []


def test_rejection_opens_a_ticket_and_keeps_production(
    services: Services, catalogue: People
) -> None:
    p = services.promotions
    p.install_on_test(catalogue.engineer, customer="ACME", **V)
    with pytest.raises(ValidationError, match="reason"):
        p.record_verification(
            catalogue.care, customer="ACME", approved=False, contact="Otto Ops", comments=" ", **V
        )
    rejected = p.record_verification(
        catalogue.care,
        customer="ACME",
        approved=False,
        contact="Otto Ops",
        channel="phone",
        comments="Invoice totals are rounded wrongly\nsee attached",
        **V,
    )
    assert rejected.state == "rejected"
    assert rejected.ticket is not None
    ticket = services.tickets.show(catalogue.care, rejected.ticket)
    assert ticket.subject.startswith("ERP 2.10.0 rejected on test: Invoice totals")
    assert (ticket.environment, ticket.product, ticket.contact) == ("test", "ERP", "Otto Ops")
    assert rejected.history[-1].data["ticket"] == rejected.ticket
    with pytest.raises(InvalidTransition):
        p.install_on_production(catalogue.engineer, customer="ACME", **V)
    cell = services.releases.matrix(catalogue.manager).rows[0][2][0]
    assert (cell.test, cell.production, cell.behind) == ("2.10.0", "2.9.3", True)


def test_downgrade_and_withdrawn_need_a_reason(services: Services, catalogue: People) -> None:
    m, p = catalogue.manager, services.promotions
    services.releases.add_release(m, product="ERP", version="2.9.1", state="available")
    older: InstallRef = {"product": "ERP", "version": "2.9.1", "customer": "ACME"}
    with pytest.raises(ValidationError, match=r"downgrade from 2\.9\.3: give a reason"):
        p.install_on_test(catalogue.engineer, **older)
    back = p.install_on_test(catalogue.engineer, reason="2.9.3 breaks their printer", **older)
    assert back.state == "awaiting_verification"
    services.releases.set_state(m, product="ERP", version="2.10.0", state="withdrawn")
    with pytest.raises(ValidationError, match="withdrawn: give a reason"):
        p.install_on_test(catalogue.engineer, customer="ACME", **V)
    p.install_on_test(catalogue.engineer, customer="ACME", reason="hotfix build", **V)
    last = services.releases.installation_history(m, customer="ACME")[-1]
    assert (last.to_version, last.reason) == ("2.10.0", "hotfix build")


def test_roles(services: Services, catalogue: People) -> None:
    with pytest.raises(PermissionDenied):
        services.promotions.install_on_test(catalogue.care, customer="ACME", **V)
    services.promotions.install_on_test(catalogue.engineer, customer="ACME", **V)
    with pytest.raises(PermissionDenied):
        services.promotions.record_verification(
            catalogue.engineer, customer="ACME", approved=True, contact="Vera Verifier", **V
        )
    with pytest.raises(PermissionDenied):
        services.releases.add_release(catalogue.engineer, product="ERP", version="3.0.0")


def test_a_refused_step_writes_nothing(services: Services, catalogue: People) -> None:
    def installations() -> int:
        with services.db.session() as session:
            return session.scalar(select(func.count()).select_from(Installation)) or 0

    before = installations()
    with pytest.raises(InvalidTransition):
        services.promotions.install_on_production(catalogue.engineer, customer="ACME", **V)
    assert installations() == before
    with pytest.raises(ValidationError, match="not being promoted"):
        services.promotions.show(catalogue.manager, customer="ACME", **V)


def test_promotion_steps_tell_other_desks(services: Services, catalogue: People) -> None:
    before = services.changes.token()
    services.promotions.install_on_test(catalogue.engineer, customer="ACME", **V)
    assert services.changes.token() > before
