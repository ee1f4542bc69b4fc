"""Availability per customer, system and month from outages recorded on tickets and
planned maintenance windows — checked against a minute-by-minute count (both engines)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import ValidationError
from tests.support.annex import (
    band_credit,
    brute_force_availability,
    hosting_contract,
    set_targets,
    utc,
)
from tests.support.people import People

ATHENS = ZoneInfo("Europe/Athens")
# The local month of March 2026 in Athens: EET (UTC+2) until Sunday 29 March 03:00,
# EEST (UTC+3) after; so the month is 743 hours long.
MARCH = (utc(2026, 2, 28, 22), utc(2026, 3, 31, 21))
FULL = [
    # Across the start of the month (local midnight is 22:00 UTC): 3 h fall in March.
    (utc(2026, 2, 28, 20), utc(2026, 3, 1, 1)),
    # Across the DST change (local 02:30 EET → 05:30 EEST): 2 h of real time.
    (utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2, 30)),
    # Inside the planned maintenance window: does not count.
    (utc(2026, 3, 10, 21), utc(2026, 3, 10, 22, 30)),
    # Overlaps the degraded stretch below; counted once, as full.
    (utc(2026, 3, 16, 11), utc(2026, 3, 16, 11, 30)),
    # Across the end of the month (local midnight is 21:00 UTC in summer time).
    (utc(2026, 3, 31, 20), utc(2026, 4, 1, 2)),
]
DEGRADED = [(utc(2026, 3, 16, 10), utc(2026, 3, 16, 12))]
MAINTENANCE = [(utc(2026, 3, 10, 20), utc(2026, 3, 10, 23))]


def _incident(services: Services, people: People) -> str:
    return services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="ERP production unreachable",
        service_type="managed_hosting",
        criticality="critical",
    ).number


def _record_march(services: Services, people: People, clock: FakeClock) -> str:
    clock.set(utc(2026, 2, 28, 19))
    number = _incident(services, people)
    eng = people.engineer
    services.tickets.take(eng, number)
    clock.set(utc(2026, 4, 2, 9))
    for start, end in FULL:
        services.outages.record(eng, number, system="erp-prod", start=start, end=end)
    for start, end in DEGRADED:
        services.outages.record(
            eng, number, system="erp-prod", start=start, end=end, kind="degraded"
        )
    for start, end in MAINTENANCE:
        services.outages.add_maintenance(
            people.manager, customer="ACME", start=start, end=end, note="database upgrade"
        )
    return number


def test_month_boundaries_dst_and_maintenance_24x7(
    services: Services, people: People, clock: FakeClock
) -> None:
    hosting_contract(services, people)
    number = _record_march(services, people, clock)

    report = services.monthly_reports.monthly_report(people.manager, "ACME", "2026-03")

    assert (report.period_start, report.period_end) == MARCH
    assert (report.period_end - report.period_start) == timedelta(hours=743)
    erp = next(a for a in report.availability if a.system == "erp-prod")
    expected = brute_force_availability(
        *MARCH,
        in_service=lambda m: True,
        full=FULL,
        degraded=DEGRADED,
        maintenance=MAINTENANCE,
    )
    assert erp.availability_pct == pytest.approx(expected, abs=1e-3)
    assert erp.scheduled_minutes == 743 * 60 - 180
    # 3 h + 2 h + 0.5 h (the overlap) + 1 h at the month's end; degraded 1.5 h beside.
    assert erp.downtime_minutes == 6.5 * 60
    assert erp.degraded_minutes == 90
    assert erp.met is (expected >= 99.5)
    assert erp.credit_pct == band_credit(expected)
    # A system without outages is reported too, fully available.
    crm = next(a for a in report.availability if a.system == "crm-prod")
    assert (crm.availability_pct, crm.met, crm.credit_pct) == (100.0, True, 0.0)
    # The outage list is the month's: the one across the boundary shows its March part.
    assert [o.minutes_in_month for o in report.outages][:1] == [180.0]
    assert {o.ticket for o in report.outages} == {number}
    # Each outage is a change of its ticket, in its history.
    events = services.tickets.show(people.manager, number).history
    assert sum(1 for e in events if e.kind == "outage") == len(FULL) + len(DEGRADED)
    assert services.history.verify().ok


def test_service_hours_follow_the_calendar_and_its_holidays(
    services: Services, people: People, clock: FakeClock
) -> None:
    contract = hosting_contract(services, people)
    set_targets(services, people, contract, hours="business")
    _record_march(services, people, clock)
    # Working hours on a weekday, during the outage: Monday 16 March 10:00-12:00 UTC is
    # 12:00-14:00 local. Add a long outage on a Wednesday that is a public holidy
    # (25 March, Independence Day) and partly in the evening.
    number = _incident(services, people)
    services.tickets.take(people.engineer, number)
    holiday = (utc(2026, 3, 25, 8), utc(2026, 3, 25, 12))
    evening = (utc(2026, 3, 24, 13), utc(2026, 3, 24, 17))  # 15:00-19:00 local (EET)
    for start, end in (holiday, evening):
        services.outages.record(people.engineer, number, system="erp-prod", start=start, end=end)

    report = services.monthly_reports.monthly_report(people.manager, "ACME", "2026-03")

    def working(moment):  # Mon-Fri 09:00-17:00 Athens, minus 25 March
        local = moment.astimezone(ATHENS)
        return (
            local.weekday() < 5
            and 9 <= local.hour < 17
            and local.date().isoformat() != "2026-03-25"
        )

    expected = brute_force_availability(
        *MARCH,
        in_service=working,
        full=[*FULL, holiday, evening],
        degraded=DEGRADED,
        maintenance=MAINTENANCE,
    )
    erp = next(a for a in report.availability if a.system == "erp-prod")
    assert erp.hours == "business"
    assert erp.scheduled_minutes == 21 * 8 * 60  # 22 weekdays, one a holiday
    assert erp.availability_pct == pytest.approx(expected, abs=1e-3)
    assert erp.credit_pct == band_credit(expected)
    assert erp.credit_pct > 0  # the evening hours hurt in business hours: a credit is due
    assert [c.system for c in report.credits] == ["erp-prod"]


def test_outages_are_refused_with_reasons(
    services: Services, people: People, clock: FakeClock
) -> None:
    hosting_contract(services, people)
    number = _incident(services, people)
    services.tickets.take(people.engineer, number)
    eng = people.engineer
    with pytest.raises(ValidationError, match="end after it starts"):
        services.outages.record(
            eng, number, system="erp", start=utc(2026, 3, 2, 8), end=utc(2026, 3, 2, 7)
        )
    with pytest.raises(ValidationError, match="future"):
        services.outages.record(eng, number, system="erp", start=clock.now() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="which system"):
        services.outages.record(eng, number, system="  ", start=utc(2026, 3, 2, 8))
    with pytest.raises(ValidationError, match="time zone"):
        services.outages.record(
            eng, number, system="erp", start=utc(2026, 3, 2, 8).replace(tzinfo=None)
        )
    assert services.outages.of_ticket(eng, number) == []
    # An open outage is ended later, once.
    view = services.outages.record(eng, number, system="erp", start=utc(2026, 3, 2, 8))
    services.outages.end(eng, number, view.id, utc(2026, 3, 2, 8, 40))
    with pytest.raises(ValidationError, match="ended already"):
        services.outages.end(eng, number, view.id, utc(2026, 3, 2, 8, 50))
    [stored] = services.outages.of_ticket(eng, number)
    assert stored.ended_at == utc(2026, 3, 2, 8, 40)


def test_targets_and_bands_are_checked(services: Services, people: People) -> None:
    contract = hosting_contract(services, people)
    svc = services.outages
    with pytest.raises(ValidationError, match="percentage"):
        svc.set_target(
            people.manager, contract=contract, service_type="managed_hosting", availability="lots"
        )
    with pytest.raises(ValidationError, match="BELOW:CREDIT"):
        svc.set_target(
            people.manager,
            contract=contract,
            service_type="managed_hosting",
            availability="99.5",
            bands=["99"],
        )
    with pytest.raises(ValidationError, match="above the target"):
        svc.set_target(
            people.manager,
            contract=contract,
            service_type="managed_hosting",
            availability="99",
            bands=["99.5:5"],
        )
    with pytest.raises(ValidationError, match="does not cover"):
        svc.set_target(
            people.manager, contract=contract, service_type="first_level_support", availability="99"
        )
    [hosting, monitoring] = svc.targets(people.manager, "ACME")
    assert hosting.bands == (("99.5", "5"), ("99", "10"), ("95", "25"))
    assert monitoring.acknowledge_minutes == 30


def test_the_october_clock_change_gives_the_month_its_extra_hour(
    services: Services, people: People, clock: FakeClock
) -> None:
    hosting_contract(services, people)
    clock.set(utc(2026, 10, 1, 9))
    number = _incident(services, people)
    services.tickets.take(people.engineer, number)
    clock.set(utc(2026, 11, 2, 9))
    # Sunday 25 October 2026: 04:00 EEST becomes 03:00 EET; local 03:30 happens twice.
    # The outage runs 03:30 (first) to 03:30 (second): one real hour.
    across = (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))
    services.outages.record(people.engineer, number, system="erp-prod", start=across[0],
                            end=across[1])  # fmt: skip
    report = services.monthly_reports.monthly_report(people.manager, "ACME", "2026-10")
    october = (utc(2026, 9, 30, 21), utc(2026, 10, 31, 22))
    assert (report.period_start, report.period_end) == october
    erp = next(a for a in report.availability if a.system == "erp-prod")
    assert erp.scheduled_minutes == 745 * 60
    assert erp.downtime_minutes == 60
    expected = brute_force_availability(*october, in_service=lambda m: True, full=[across])
    assert erp.availability_pct == pytest.approx(expected, abs=1e-3)
