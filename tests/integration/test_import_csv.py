"""Another system's tickets as a CSV with a column-mapping file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.errors import ValidationError
from tests.support.people import People

MAPPING = {
    "source_system": "jira",
    "username_prefix": "jira",
    "date_formats": ["%Y-%m-%d %H:%M"],
    "timezone": "UTC",
    "missing": ["", "N/A"],
    "columns": {
        "number": "Key",
        "subject": "Summary",
        "status": "Status",
        "priority": "Priority",
        "opened_at": "Created",
        "updated_at": "Updated",
        "resolved_at": "Resolved",
        "assignee": "Assignee",
        "opened_by": "Reporter",
        "customer": "Client",
        "group": "Team",
        "solution": "Resolution",
    },
    "values": {
        "status": {"Open": "new", "In Progress": "in_progress", "Done": "resolved"},
        "priority": {"Highest": 1, "High": 2, "Medium": 3, "Low": 4},
    },
    "defaults": {"customer": "ACME", "service_type": "second_level_support"},
}

HEADER = "Key,Summary,Status,Priority,Created,Updated,Resolved,Assignee,Reporter,Client,Team,"
ROWS = [
    "OPS-1,Backups fail nightly,Open,High,2025-01-06 08:00,2025-01-06 08:00,N/A,N/A,Ann Lee,,Ops,",
    "OPS-2,VPN drops,In Progress,Medium,2025-01-07 09:00,2025-01-07 09:30,N/A,Bo Chan,Ann Lee,"
    "GLOBEX,Ops,",
    "OPS-1,Backups fail nightly,In Progress,Highest,2025-01-06 08:00,2025-01-06 10:00,N/A,"
    "Bo Chan,Ann Lee,,Ops,",
    "OPS-1,Backups fail nightly,Done,Highest,2025-01-06 08:00,2025-01-07 12:00,2025-01-07 12:00,"
    "Bo Chan,Ann Lee,,Ops,",
]
ENDINGS = ["Resolution,Labels", "N/A,backup", "N/A,", "N/A,backup", "Disk replaced,backup"]
TICKETS = "\n".join(a + b for a, b in zip([HEADER, *ROWS], ENDINGS, strict=True)) + "\n"


def files(tmp_path: Path, text: str = TICKETS) -> tuple[Path, Path]:
    mapping = tmp_path / "jira.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    data = tmp_path / "jira.csv"
    data.write_text(text, encoding="utf-8")
    return data, mapping


def test_a_mapped_csv_imports_tickets_for_their_customers(
    services: Services, people: People, tmp_path: Path
) -> None:
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex")
    data, mapping = files(tmp_path)

    summary = services.importing.generic(people.manager, data, mapping=mapping)

    assert (summary.source_system, summary.tickets_new, summary.rows_read) == ("jira", 2, 4)
    backups = services.tickets.show(people.manager, "SD-000001")
    assert (backups.subject, backups.customer_code) == ("Backups fail nightly", "ACME")
    assert (backups.status, backups.priority, backups.criticality) == ("resolved", 1, "critical")
    assert backups.assignee == "jira.bo.chan"
    assert backups.service_type == "second_level_support"
    assert backups.solution == "Disk replaced"
    assert backups.created_at == datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    vpn = services.tickets.show(people.manager, "SD-000002")
    assert (vpn.customer_code, vpn.status, vpn.priority) == ("GLOBEX", "in_progress", 3)
    assert services.history.verify().ok

    again = services.importing.generic(people.manager, data, mapping=mapping)
    assert again.tickets_new == 0


def test_a_mapping_that_names_missing_columns_or_bad_dates_is_refused(
    services: Services, people: People, tmp_path: Path
) -> None:
    services.customers.add_customer(people.manager, code="GLOBEX", name="Globex")
    data, mapping = files(tmp_path, TICKETS.replace("Client", "Company"))
    with pytest.raises(ValidationError, match="line 1: the mapping names columns the file lacks"):
        services.importing.generic(people.manager, data, mapping=mapping)

    data, mapping = files(tmp_path, TICKETS.replace("2025-01-07 09:30", "07.01.2025"))
    with pytest.raises(ValidationError, match=r"line 3: updated_at '07\.01\.2025'"):
        services.importing.generic(people.manager, data, mapping=mapping)

    bad = tmp_path / "bad.json"
    bad.write_text('{"source_system": "jira",\n "columns": {"number": "Key", }}', encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad\.json line 2"):
        services.importing.generic(people.manager, data, mapping=bad)
    assert services.tickets.list_tickets(people.manager) == []
