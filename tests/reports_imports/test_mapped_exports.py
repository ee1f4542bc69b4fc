"""Issue 16, problems 1 and 3: an event log of another vendor's process through the
mapped-CSV importer — durations from the derived resolution, two-column statuses,
criticality, product, subject template, people in any letter case, counts from the
history, every group a team. Both engines."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Services
from app.domain.errors import ValidationError
from tests.support.people import People

HEADER = "Case;Time;Opened;Status;Sub Status;Sev;Module;Area;Short;Owner;Queue;Client"
# One row per event of the vendor's incident process (semicolons, as Excel writes them).
ROWS = [
    # C-1: opened, worked by Ann, handed to Bo Chan, resolved, reopened, back to Ann
    # (spelled in other letter cases), resolved again. No resolved_at, no counter columns.
    "C-1;2025-03-03 09:00;2025-03-03 09:00;Open;;Sev2;ERP;Billing;Invoice totals wrong;"
    "Ann Lee;L1;ACME",
    "C-1;2025-03-03 10:00;2025-03-03 09:00;Open;Working;Sev2;ERP;Billing;Invoice totals wrong;"
    "Bo Chan;L2;ACME",
    "C-1;2025-03-03 15:00;2025-03-03 09:00;Closed;Resolved;Sev2;ERP;Billing;"
    "Invoice totals wrong;Bo Chan;L2;ACME",
    "C-1;2025-03-04 09:00;2025-03-03 09:00;Open;Working;Sev1;ERP;Billing;Invoice totals wrong;"
    "ann lee;L2;ACME",
    "C-1;2025-03-04 13:30;2025-03-03 09:00;Closed;Resolved;Sev1;ERP;Billing;"
    "Invoice totals wrong;ANN LEE;L2;ACME",
    # C-2: still open at the end of the log, for another customer named on its rows.
    "C-2;2025-03-05 08:00;2025-03-05 08:00;Open;;Sev3;CRM;Login;Cannot sign in;Bo Chan;L3;GLOBEX",
    "C-2;2025-03-05 09:00;2025-03-05 08:00;Open;Waiting;Sev3;CRM;Login;Cannot sign in;"
    "bo chan;L3;GLOBEX",
]
MAPPING: dict[str, Any] = {
    "source_system": "vendor",
    "timezone": "Europe/Athens",
    "date_formats": ["%Y-%m-%d %H:%M"],
    "columns": {
        "number": "Case",
        "updated_at": "Time",
        "opened_at": "Opened",
        "status": ["Status", "Sub Status"],
        "criticality": "Sev",
        "product": "Module",
        "assignee": "Owner",
        "group": "Queue",
        "customer": "Client",
    },
    "subject_template": "{Area}: {Short}",
    "values": {
        "status": {
            "Open": "new",
            "Open / Working": "in_progress",
            "Open / Waiting": "waiting_on_customer",
            "Closed / Resolved": "resolved",
        },
        "criticality": {"Sev1": "critical", "Sev2": "high", "Sev3": "medium"},
    },
}


def files(folder: Path, mapping: dict[str, Any] = MAPPING) -> tuple[Path, Path]:
    data = folder / "vendor.csv"
    data.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    spec = folder / "vendor.json"
    spec.write_text(json.dumps(mapping), encoding="utf-8")
    return data, spec


@pytest.fixture
def catalogue(services: Services, people: People) -> None:
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex")
    for code in ("ERP", "CRM"):
        services.customers.add_product(people.manager, code=code, name=f"{code} suite")


def test_the_mapping_language_reads_a_vendor_event_log(
    services: Services, people: People, catalogue: None, tmp_path: Path
) -> None:
    data, spec = files(tmp_path)
    summary = services.importing.generic(people.manager, data, mapping=spec)

    assert (summary.tickets_new, summary.rows_read) == (2, 7)
    # "Ann Lee", "ann lee" and "ANN LEE" are one person; so are "Bo Chan" and "bo chan".
    assert summary.users_new == 2
    # Every queue a case passed through is a team, not only its last one (L1 of C-1).
    assert summary.teams_new == 3
    erp = services.tickets.show(people.manager, "SD-000001")
    assert erp.subject == "Billing: Invoice totals wrong"
    assert (erp.status, erp.criticality, erp.product) == ("resolved", "critical", "ERP")
    assert erp.assignee == "vendor.ann.lee"
    # Europe/Athens is UTC+2 in March: 09:00 there is 07:00 UTC.
    assert erp.created_at == datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
    crm = services.tickets.show(people.manager, "SD-000002")
    assert (crm.customer_code, crm.status, crm.criticality) == (
        "GLOBEX",
        "waiting_on_customer",
        "medium",
    )


def test_durations_and_counts_come_from_the_history_when_the_source_has_no_columns(
    services: Services, people: People, catalogue: None, tmp_path: Path
) -> None:
    data, spec = files(tmp_path)
    services.importing.generic(people.manager, data, mapping=spec)

    report = services.reports.period_report(
        people.manager, customer=None, start=date(2025, 3, 1), end=date(2025, 3, 31)
    )
    # C-1 resolved (last resolution 28.5 h after opening), reassigned twice (Ann → Bo,
    # Bo → "ann lee"), reopened once; C-2 is open, and "Bo Chan" → "bo chan" is no
    # reassignment (one person).
    assert (report.opened, report.resolved) == (2, 1)
    assert report.total.resolution_wall.median == pytest.approx(28.5, rel=1e-12)
    assert report.total.resolution_wall.mean == pytest.approx(28.5, rel=1e-12)
    assert (report.total.reassignments, report.total.reopenings) == (2, 1)
    ticket = services.reports.ticket_report(people.manager, "SD-000001")
    assert (ticket.reassignments, ticket.reopenings) == (2, 1)
    assert ticket.resolution_wall_minutes == 28.5 * 60


def test_a_resolved_at_column_holding_every_event_time_does_not_resolve_open_cases(
    services: Services, people: People, catalogue: None, tmp_path: Path
) -> None:
    mapping = json.loads(json.dumps(MAPPING))
    mapping["columns"]["resolved_at"] = "Time"  # a common mistake with event logs
    data, spec = files(tmp_path, mapping)
    services.importing.generic(people.manager, data, mapping=spec)

    report = services.reports.period_report(
        people.manager, customer="GLOBEX", start=date(2025, 3, 1), end=date(2025, 3, 31)
    )
    assert (report.opened, report.resolved, report.total.unresolved) == (1, 0, 1)
    assert services.tickets.show(people.manager, "SD-000002").status == "waiting_on_customer"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"columns": {"number": "Case", "updated_at": "Time", "colour": "X"}}, "unknown fields"),
        ({"values": {"status": {"Open": "opened"}}}, r"values\.status: 'opened' not one of"),
        ({"values": {"criticality": {"Sev1": "urgent"}}}, "values.criticality"),
        ({"subject_template": "{Area!r}"}, "without formats"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"people": "upper"}, "people must be"),
        ({"sheet": 1}, "unknown keys sheet"),
        ({"columns": {"number": "Case", "opened_at": ["A", "B"]}}, "only text fields"),
    ],
)
def test_a_wrong_mapping_is_refused_with_the_key_at_fault(
    services: Services, people: People, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    data, spec = files(tmp_path, MAPPING | change)
    with pytest.raises(ValidationError, match=message):
        services.importing.generic(people.manager, data, mapping=spec)


def test_times_without_a_zone_are_refused_not_taken_as_utc(
    services: Services, people: People, catalogue: None, tmp_path: Path
) -> None:
    mapping = {k: v for k, v in MAPPING.items() if k != "timezone"}
    data, spec = files(tmp_path, mapping)
    with pytest.raises(ValidationError, match="says no time zone; give the exporter's zone"):
        services.importing.generic(people.manager, data, mapping=spec)
    assert services.tickets.list_tickets(people.manager) == []

    summary = services.importing.generic(people.manager, data, mapping=spec, source_tz="UTC")
    assert summary.tickets_new == 2
    first = services.tickets.show(people.manager, "SD-000001")
    assert first.created_at == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_an_unknown_product_is_named(services: Services, people: People, tmp_path: Path) -> None:
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex")
    data, spec = files(tmp_path)
    with pytest.raises(ValidationError, match="no product with code CRM, ERP"):
        services.importing.generic(people.manager, data, mapping=spec)


def test_times_that_carry_their_offset_need_no_zone(
    services: Services, people: People, tmp_path: Path
) -> None:
    data = tmp_path / "offsets.csv"
    data.write_text("Key,When\nK-1,2025-03-03 09:00+0200\n", encoding="utf-8")
    spec = tmp_path / "offsets.json"
    mapping = {
        "source_system": "offsets",
        "date_formats": ["%Y-%m-%d %H:%M%z"],
        "columns": {"number": "Key", "opened_at": "When"},
    }
    spec.write_text(json.dumps(mapping), encoding="utf-8")

    services.importing.generic(people.manager, data, mapping=spec, customer="ACME")

    ticket = services.tickets.show(people.manager, "SD-000001")
    assert ticket.created_at == datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
