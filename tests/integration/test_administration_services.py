"""The service methods behind the Administration window (issue 13), on SQLite and
PostgreSQL: editing and deactivating people, company and mail-server settings, the
test e-mail, a calendar's closed days and "when would a ticket opened now be due"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.services.notifications import queue_email
from tests.support.people import PASSWORD, People
from tests.support.smtp import smtp_server

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_an_admin_edits_deactivates_and_reactivates_a_person(
    services: Services, people: People
) -> None:
    users = services.users
    changed = users.edit_user(people.admin, "eng", role="manager", email="eli@desk.example")
    assert (changed.role, changed.department, changed.email) == (
        "manager",
        "management",
        "eli@desk.example",
    )
    with pytest.raises(ValidationError, match="e-mail"):
        users.edit_user(people.admin, "eng", email="not-an-address")
    with pytest.raises(PermissionDenied):
        users.edit_user(people.manager, "eng", role="admin")

    off = users.set_active(people.admin, "cara", False)
    assert not off.active
    with pytest.raises(AuthenticationFailed):
        users.login("cara", PASSWORD)
    assert users.set_active(people.admin, "cara", True).active
    assert users.login("cara", PASSWORD).username == "cara"


def test_the_last_administrator_stays(services: Services, people: People) -> None:
    with pytest.raises(ValidationError, match="yourself"):
        services.users.set_active(people.admin, "admin", False)
    with pytest.raises(ValidationError, match="last active administrator"):
        services.users.edit_user(people.admin, "admin", role="manager")
    services.users.edit_user(people.admin, "mia", role="admin")
    assert services.users.edit_user(people.admin, "admin", role="manager").role == "manager"


def test_company_name_and_logo(services: Services, people: People) -> None:
    desk = services.desk_settings
    assert desk.company(people.care).name == ""
    saved = desk.set_company(people.admin, name="Northwind Support", logo=PNG)
    assert (saved.name, saved.logo) == ("Northwind Support", PNG)
    assert desk.set_company(people.admin, name="Northwind").logo == PNG  # None keeps it
    assert desk.set_company(people.admin, name="Northwind", logo=b"").logo == b""
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        desk.set_company(people.admin, name="Northwind", logo=b"GIF89a....")
    with pytest.raises(PermissionDenied):
        desk.set_company(people.manager, name="Mia's desk")


def test_mail_server_is_checked_stored_and_tested(services: Services, people: People) -> None:
    desk = services.desk_settings
    with pytest.raises(ValidationError, match="sender"):
        desk.set_mail_server(
            people.manager, host="mail", port=25, security="none", username="", sender="nobody"
        )
    with pytest.raises(ValidationError, match="port"):
        desk.set_mail_server(
            people.manager, host="mail", port=0, security="none", username="", sender="a@b.cd"
        )
    with smtp_server() as (inbox, smtp):
        desk.set_mail_server(
            people.manager,
            host=smtp.host,
            port=smtp.port,
            security="none",
            username="",
            sender="desk@desk.example",
        )
        assert desk.mail_server(people.manager).port == smtp.port
        said = desk.send_test(people.manager, to="mia@desk.example")
        assert said == f"sent to mia@desk.example through {smtp.host}:{smtp.port}"
        [message] = inbox.to("mia@desk.example")
        assert message["From"] == "desk@desk.example"
        assert "sent by mia" in message.get_content()
        desk.set_mail_server(
            people.manager,
            host=smtp.host,
            port=smtp.port,
            security="none",
            username="desk",
            sender="desk@desk.example",
        )
        with pytest.raises(ValidationError, match="unencrypted"):  # never in clear text
            desk.send_test(people.manager, to="mia@desk.example", password="s3cret")
        assert len(inbox.messages) == 1
    with pytest.raises(ValidationError, match="did not take the e-mail"):
        desk.send_test(people.manager, to="mia@desk.example")  # the server is gone
    with pytest.raises(PermissionDenied):
        desk.mail_server(people.engineer)


def test_closed_days_of_a_calendar(services: Services, people: People) -> None:
    services.sla.add_calendar(
        people.manager,
        code="ATH",
        timezone="Europe/Athens",
        country="GR",
        closures=[date(2026, 12, 24)],
    )
    days = services.sla_preview.closed_days(people.manager, "ATH", start=date(2026, 3, 1), days=60)
    by_day = {d.day: d.why for d in days}
    assert by_day[date(2026, 3, 1)] == "weekend"  # a Sunday
    assert by_day[date(2026, 3, 25)] == "public holiday"  # Greek Independence Day
    assert date(2026, 3, 2) not in by_day
    closures = services.sla_preview.closed_days(
        people.manager, "ATH", start=date(2026, 12, 24), days=1
    )
    assert [(d.day, d.why) for d in closures] == [(date(2026, 12, 24), "closure")]
    with pytest.raises(ValidationError):
        services.sla_preview.closed_days(people.manager, "ATH", days=0)


def test_due_now_agrees_with_the_ticket_it_predicts(
    services: Services, people: People, clock: FakeClock
) -> None:
    services.sla.add_calendar(people.manager, code="ATH", timezone="Europe/Athens", country="GR")
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["second_level_support"],
        valid_from=date(2026, 1, 1),
        calendar="ATH",
    )
    clock.set(datetime(2026, 3, 6, 14, 0, tzinfo=UTC))  # Friday 16:00 in Athens
    due = services.sla_preview.due_now(
        people.care, customer="ACME", criticality="high", service_type="second_level_support"
    )
    # Gold/high: P2, 60 min response, 240 min resolution in business hours: the hour
    # left on Friday, the rest on Monday from 09:00 Athens (07:00 UTC).
    assert (due.contract, due.tier, due.priority) == ("ACME-1", "Gold", 2)
    assert due.response_due == datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
    assert due.resolution_due == datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
    ticket = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Export stuck",
        criticality="high",
        service_type="second_level_support",
    )
    shown = services.sla.show(people.care, ticket.number)
    assert shown.resolution is not None and shown.response is not None
    assert (ticket.priority, shown.resolution.due_at) == (2, due.resolution_due)
    assert shown.response.due_at == due.response_due
    with pytest.raises(ValidationError, match="no contract valid today"):
        services.sla_preview.due_now(
            people.care, customer="ACME", criticality="high", service_type="managed_hosting"
        )
    assert timedelta(0) < due.resolution_due - due.opened_at


def test_customers_are_renamed_and_contacts_edited(services: Services, people: People) -> None:
    customers = services.customers
    assert customers.rename_customer(people.manager, "acme", "Acme Group").name == "Acme Group"
    [jo] = customers.get_customer(people.care, "ACME").contacts
    with pytest.raises(ValidationError, match="verifies releases needs an e-mail"):
        customers.edit_contact(
            people.manager,
            customer_code="ACME",
            contact_id=jo.id,
            email="",
            phone="+30 1",
            verifies_releases=True,
        )
    saved = customers.edit_contact(
        people.manager,
        customer_code="ACME",
        contact_id=jo.id,
        email="jo@acme.example",
        phone="",
        verifies_releases=True,
    )
    assert (saved.email, saved.phone, saved.verifies_releases) == ("jo@acme.example", "", True)
    assert not saved.approves_resolutions  # None kept it
    approver = customers.add_contact(
        people.manager,
        customer_code="ACME",
        name="Pat Boss",
        email="pat@acme.example",
        approves_resolutions=True,
    )
    assert approver.approves_resolutions
    off = customers.edit_contact(
        people.manager,
        customer_code="ACME",
        contact_id=approver.id,
        email="pat@acme.example",
        phone="",
        verifies_releases=False,
        approves_resolutions=False,
    )
    assert not off.approves_resolutions
    stored = {c.name: c for c in customers.get_customer(people.care, "ACME").contacts}
    assert (stored["Pat Boss"].approves_resolutions, stored["Jo Smith"].verifies_releases) == (
        False,
        True,
    )
    with pytest.raises(PermissionDenied):
        customers.rename_customer(people.engineer, "ACME", "Mine")


def test_a_contract_ends_and_no_longer_covers_new_tickets(
    services: Services, people: People, clock: FakeClock
) -> None:
    sla = services.sla
    sla.add_calendar(people.manager, code="ATH", timezone="Europe/Athens", country="GR")
    sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["second_level_support"],
        valid_from=date(2026, 1, 1),
        calendar="ATH",
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        sla.set_contract_end(people.manager, "ACME-1", date(2025, 12, 31))
    assert sla.set_contract_end(people.manager, "ACME-1", date(2026, 3, 1)).valid_to == date(
        2026, 3, 1
    )
    with pytest.raises(ValidationError, match="no contract valid"):
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject="After the end",
            service_type="second_level_support",
        )
    assert sla.set_contract_end(people.manager, "ACME-1", None).valid_to is None
    opened = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Covered again", service_type="second_level_support"
    )
    assert opened.priority == 3  # Gold / medium


def test_the_outbox_is_sent_through_the_stored_server(services: Services, people: People) -> None:
    with smtp_server() as (inbox, smtp):
        services.desk_settings.set_mail_server(
            people.manager,
            host=smtp.host,
            port=smtp.port,
            security="none",
            username="",
            sender="desk@desk.example",
        )
        with services.db.unit_of_work() as uow:
            queue_email(
                uow,
                kind="release_on_production",
                to="jo@acme.example",
                values={"product": "ERP", "version": "1.0.0", "contact": "Jo"},
                now=services.ctx.clock.now(),
            )
            uow.commit()
        report = services.notifications.send_pending()
        assert report.sent == 1
        [message] = inbox.to("jo@acme.example")
        assert message["From"] == "desk@desk.example"
        assert message["Subject"] == "ERP 1.0.0 is now on your production environment"
        [row] = services.notifications.list_outbox(people.manager)
        assert row.status == "sent"


def test_a_default_cap_holds_engineers_without_their_own(
    services: Services, people: People
) -> None:
    a = services.assignment
    assert a.set_default_cap(people.manager, 1).default_max == 1
    a.set_state(people.engineer, "available")
    first, second = (
        services.tickets.open_ticket(
            people.care, customer="ACME", subject=s, service_type="second_level_support"
        )
        for s in ("First", "Second")
    )
    assert (first.assignee, second.assignee) == ("eng", None)  # eng is at the default cap
    [eng] = [e for e in a.list_engineers(people.manager) if e.username == "eng"]
    assert (eng.max_open, eng.open_tickets, eng.available_now) == (1, 1, False)
    own = a.set_max(people.manager, 3, engineer="eng")  # their own cap wins
    assert own.received == second.number
    assert a.set_default_cap(people.manager, None).default_max is None
    with pytest.raises(ValidationError):
        a.set_default_cap(people.manager, 0)
    with pytest.raises(PermissionDenied):
        a.set_default_cap(people.engineer, 5)
