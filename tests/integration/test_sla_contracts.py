"""Contracts decide whether a ticket may be opened and with which priority."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import NotFound, PermissionDenied, ValidationError
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_sla import SlaClock
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People


def gold_hosting(svc: Services, people: People, **overrides: object) -> None:
    fields: dict = {
        "customer": "ACME",
        "tier": "Gold",
        "services": ["managed_hosting", "system_monitoring"],
        "valid_from": date(2026, 1, 1),
        "valid_to": date(2026, 12, 31),
    } | overrides
    svc.sla.add_contract(people.manager, **fields)


def open_for(services: Services, people: People, service: str, **extra: object) -> str:
    actor = extra.pop("actor", people.care)
    return services.tickets.open_ticket(
        actor,  # type: ignore[arg-type]
        customer="ACME",
        subject="Disk almost full",
        service_type=service,
        criticality="critical",
        **extra,  # type: ignore[arg-type]
    ).number


def counts(services: Services) -> tuple[int, int, int]:
    with services.db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Ticket)) or 0,
            s.scalar(select(func.count()).select_from(TicketEvent)) or 0,
            s.scalar(select(func.count()).select_from(SlaClock)) or 0,
        )


def test_a_service_the_contract_does_not_cover_is_refused_and_nothing_is_written(
    services: Services, people: People
) -> None:
    gold_hosting(services, people)
    before = counts(services)
    with pytest.raises(ValidationError) as refused:
        open_for(services, people, "second_level_support")
    message = refused.value.message
    assert "ACME-1" in message and "does not cover second level support" in message
    assert "managed_hosting, system_monitoring" in message
    assert counts(services) == before
    # The next ticket that is allowed still gets the first number.
    assert open_for(services, people, "managed_hosting") == "SD-000001"


def test_the_contract_sets_priority_and_records_itself_in_the_history(
    services: Services, people: People
) -> None:
    gold_hosting(services, people)
    number = open_for(services, people, "system_monitoring")
    ticket = services.tickets.show(people.care, number)
    assert ticket.priority == 1  # Gold × critical
    created = ticket.history[0].data
    assert created["contract"] == "ACME-1"
    assert created["sla"] == {
        "tier": "Gold",
        "response_minutes": 30,
        "resolution_minutes": 240,
        "clock": "24x7",
    }
    shown = services.sla.show(people.care, number)
    assert (shown.covered, shown.tier, shown.clock) == (True, "Gold", "24x7")


def test_an_expired_contract_covers_nothing(
    services: Services, people: People, clock: FakeClock
) -> None:
    gold_hosting(services, people, valid_to=date(2026, 2, 28))  # the clock says 2 March
    with pytest.raises(ValidationError, match="no contract valid on 2026-03-02"):
        open_for(services, people, "managed_hosting")


def test_a_manager_may_open_out_of_contract_and_it_is_recorded(
    services: Services, people: People
) -> None:
    gold_hosting(services, people)
    with pytest.raises(PermissionDenied, match="out of contract"):
        open_for(services, people, "second_level_support", out_of_contract=True)
    number = open_for(
        services, people, "second_level_support", out_of_contract=True, actor=people.manager
    )
    ticket = services.tickets.show(people.manager, number)
    assert ticket.priority == 1  # the default for critical, no contract to say otherwise
    assert ticket.history[0].data["out_of_contract"] is True
    assert ticket.history[0].data["sla"] == "out of contract"
    shown = services.sla.show(people.manager, number)
    assert (shown.covered, shown.note, shown.state) == (False, "out of contract", None)


def test_a_customer_without_any_contract_keeps_the_default_priorities(
    services: Services, people: People
) -> None:
    number = open_for(services, people, "second_level_support")
    ticket = services.tickets.show(people.care, number)
    assert ticket.priority == 1
    assert ticket.history[0].data["sla"] == "no contract"
    assert services.sla.show(people.care, number).note == "no contract"


def test_a_manager_overrides_the_priority_with_a_reason(services: Services, people: People) -> None:
    gold_hosting(services, people)
    number = open_for(services, people, "managed_hosting")
    with pytest.raises(PermissionDenied):
        services.sla.override_priority(people.engineer, number, 3, "not that urgent")
    with pytest.raises(ValidationError, match="reason"):
        services.sla.override_priority(people.manager, number, 3, "  ")
    changed = services.sla.override_priority(people.manager, number, 3, "customer agreed")
    assert changed.priority == 3
    event = services.tickets.show(people.manager, number).history[-1]
    assert (event.field, event.old_value, event.new_value, event.text) == (
        "priority",
        "1",
        "3",
        "customer agreed",
    )
    assert services.history.verify().ok


def test_targets_and_contracts_are_managed_by_managers(services: Services, people: People) -> None:
    targets = services.sla.targets(people.care)
    assert {t.tier for t in targets} == {"Platinum", "Gold", "Silver", "Bronze"}
    assert len(targets) == 16
    with pytest.raises(PermissionDenied):
        services.sla.set_target(
            people.care,
            tier="Gold",
            criticality="low",
            priority=4,
            response_minutes=60,
            resolution_minutes=600,
        )
    services.sla.set_target(
        people.manager,
        tier="Copper",
        criticality="high",
        priority=3,
        response_minutes=240,
        resolution_minutes=2400,
    )
    with pytest.raises(ValidationError, match="unknown tier 'Tin'"):
        gold_hosting(services, people, tier="Tin")
    with pytest.raises(ValidationError, match="unknown service type"):
        gold_hosting(services, people, services=["coffee"])
    with pytest.raises(NotFound):
        gold_hosting(services, people, calendar="XX")
    gold_hosting(services, people, tier="copper")
    listed = services.sla.list_contracts(people.care, "ACME")
    assert [(c.code, c.tier, c.calendar) for c in listed] == [("ACME-1", "Copper", "GR")]
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="x",
        service_type="managed_hosting",
        criticality="high",
    ).number
    assert services.tickets.show(people.care, number).priority == 3


def test_cli_refuses_an_uncovered_service_with_exit_2_and_writes_nothing(
    services: Services, people: People, db_url: str
) -> None:
    gold_hosting(services, people)
    cli = Cli(db_url)
    result = cli.run(
        "ticket",
        "open",
        "--customer",
        "ACME",
        "--subject",
        "Please restore a file",
        "--service-type",
        "second_level_support",
        user="cara",
        password=PASSWORD,
    )
    assert result.code == 2
    assert "does not cover second level support" in result.err
    assert result.out == ""
    assert counts(services) == (0, 0, 0)
    listed = cli.ok("contract", "list", "--json", user="cara", password=PASSWORD).json()
    assert [c["code"] for c in listed] == ["ACME-1"]
    assert listed[0]["valid_to"] == "2026-12-31"


def test_a_new_criticality_brings_the_targets_of_the_same_tier(
    services: Services, people: People
) -> None:
    gold_hosting(services, people)
    number = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Backups are slow",
        service_type="managed_hosting",
        criticality="medium",
    ).number
    before = services.sla.show(people.care, number)
    assert (before.clock, before.resolution and before.resolution.target_minutes) == (
        "business hours (GR)",
        960,
    )
    services.tickets.edit(people.manager, number, {"criticality": "critical"})
    after = services.sla.show(people.care, number)
    assert after.clock == "24x7"
    assert after.resolution is not None and after.resolution.target_minutes == 240
    assert after.response is not None and after.response.target_minutes == 30
