"""Reading ServiceNow incident exports: mapping of states, priorities, dates and missing
values, and files that are refused with the line that is wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.history import EventKind
from app.domain.tickets import Status
from app.services.importing import servicenow
from app.services.importing.csvfile import CsvFile
from app.services.importing.plan import plan_ticket
from tests.support.servicenow_export import export_text, incident

OPENED = {"opened_at": "29/2/2016 01:16", "sys_created_at": "29/2/2016 01:16"}


def parse_text(tmp_path: Path, text: str) -> servicenow.ParsedFile:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return servicenow.parse(CsvFile.open(path), UTC)


def test_rows_are_read_with_day_first_dates_and_missing_values(tmp_path: Path) -> None:
    rows = incident(
        "INC0000045",
        {**OPENED, "sys_updated_at": "29/2/2016 01:23", "priority": "1 - Critical"},
        {"incident_state": "Awaiting Vendor", "sys_updated_at": "1/3/2016 09:05:30"},
    )
    parsed = parse_text(tmp_path, export_text(rows))

    assert parsed.problems == []
    first, second = parsed.rows
    assert (first.line, second.line) == (2, 3)
    assert first.opened_at == datetime(2016, 2, 29, 1, 16, tzinfo=UTC)
    assert second.updated_at == datetime(2016, 3, 1, 9, 5, 30, tzinfo=UTC)
    assert first.status == Status.NEW and first.priority == 1
    assert second.status == Status.WAITING_ON_CUSTOMER
    assert second.source_state == "Awaiting Vendor"
    assert first.assignee is None and first.resolved_at is None  # "?" means not given
    assert first.subject == "Category 55 / Subcategory 170 / Symptom 72"
    assert first.service_type == "first_level_support"
    assert (first.reassignment_count, first.reopen_count, first.made_sla) == (0, 0, True)
    assert first.extra["caller_id"] == "Caller 2403"


def test_subject_and_service_type_follow_what_is_present() -> None:
    assert servicenow.subject("INC1", None, "Sub 3", None) == "Sub 3"
    assert servicenow.subject("INC1", None, None, None) == "ServiceNow incident INC1"
    assert servicenow.service_type("Phone", "Server hardware", None) == "managed_hosting"
    assert servicenow.service_type("Monitoring alert", "Category 1", None) == "system_monitoring"
    assert servicenow.service_type("Email", "Category 9", "?") == "first_level_support"


def test_an_unknown_state_is_kept_and_reported_not_fatal(tmp_path: Path) -> None:
    rows = incident("INC1", {**OPENED, "sys_updated_at": "29/2/2016 02:00",
                             "incident_state": "-100"})  # fmt: skip
    parsed = parse_text(tmp_path, export_text(rows))

    assert parsed.fatal == []
    assert [str(p) for p in parsed.problems] == ["line 2: INC1: unknown state '-100' kept as it is"]
    assert parsed.rows[0].status is None
    assert parsed.rows[0].source_state == "-100"


def test_a_bad_date_names_its_line(tmp_path: Path) -> None:
    rows = incident(
        "INC1",
        {**OPENED, "sys_updated_at": "29/2/2016 02:00"},
        {"sys_updated_at": "2016-03-01 10:00"},
    )
    parsed = parse_text(tmp_path, export_text(rows))

    assert [p.line for p in parsed.fatal] == [3]
    assert "sys_updated_at '2016-03-01 10:00'" in parsed.fatal[0].message


def test_an_unknown_column_set_is_refused_at_the_header(tmp_path: Path) -> None:
    columns = [c for c in servicenow.COLUMNS if c != "made_sla"] + ["short_description"]
    rows = incident("INC1", {**OPENED, "sys_updated_at": "29/2/2016 02:00"})
    parsed = parse_text(tmp_path, export_text(rows, columns))

    assert [p.line for p in parsed.fatal] == [1]
    assert "missing columns: made_sla" in parsed.fatal[0].message
    assert "unknown columns: short_description" in parsed.fatal[0].message
    assert parsed.rows == []


def test_a_truncated_line_and_an_unterminated_quote_name_their_lines(tmp_path: Path) -> None:
    rows = incident(
        "INC1",
        {**OPENED, "sys_updated_at": "29/2/2016 02:00"},
        {"sys_updated_at": "29/2/2016 03:00"},
    )
    lines = export_text(rows).splitlines()
    cut = "\n".join([*lines[:2], lines[2][:40]]) + "\n"
    assert [p.line for p in parse_text(tmp_path, cut).fatal] == [3]

    unterminated = "\n".join([*lines[:2], lines[2] + ',"half a note']) + "\n"
    problems = parse_text(tmp_path, unterminated).fatal
    assert [p.line for p in problems] == [3]
    assert "truncated" in problems[0].message


def test_history_of_a_reopened_incident_with_a_priority_change(tmp_path: Path) -> None:
    rows = incident(
        "INC7",
        {**OPENED, "sys_updated_at": "29/2/2016 01:20"},
        {"incident_state": "Active", "assigned_to": "Beth Anglin",
         "sys_updated_at": "29/2/2016 02:00"},
        {"priority": "2 - High", "sys_updated_at": "29/2/2016 03:00"},
        {"incident_state": "Resolved", "resolved_at": "29/2/2016 04:00",
         "closed_code": "code 5", "sys_updated_at": "29/2/2016 04:00"},
        {"incident_state": "Active", "reopen_count": "1", "sys_updated_at": "1/3/2016 08:00"},
        {"incident_state": "Resolved", "resolved_at": "1/3/2016 09:00",
         "sys_updated_at": "1/3/2016 09:00"},
    )  # fmt: skip
    parsed = parse_text(tmp_path, export_text(rows))
    plan = plan_ticket("servicenow", "ACME", parsed.rows)

    assert plan.status == Status.RESOLVED
    assert (plan.priority, plan.criticality) == (2, "high")
    assert plan.assignee == "Beth Anglin"
    assert plan.resolved_at == datetime(2016, 3, 1, 9, 0, tzinfo=UTC)
    assert plan.solution == "code 5"
    steps = [(e.kind, e.field, e.new) for e in plan.events]
    assert steps == [
        (EventKind.CREATED, None, None),
        (EventKind.FIELD, "assignment_group", "Group 56"),  # the first row's group
        (EventKind.ASSIGNED, "assignee", "Beth Anglin"),
        (EventKind.STATUS, "status", "in_progress"),
        (EventKind.FIELD, "priority", "2"),
        (EventKind.FIELD, "criticality", "high"),
        (EventKind.RESOLUTION, None, None),
        (EventKind.STATUS, "status", "resolved"),
        (EventKind.STATUS, "status", "in_progress"),
        (EventKind.RESOLUTION, None, None),
        (EventKind.STATUS, "status", "resolved"),
    ]
    reopen = plan.events[8]
    assert reopen.data["reopened"] is True
    assert reopen.data["imported"]["changed"] == {"reopen_count": "1", "sys_mod_count": "4"}
