"""`report period --all --format json` on tickets imported from ServiceNow: the figures
per priority come from the facts the source recorded (made_sla, reassignment and reopen
counts, opened and resolved times)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import Services
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.servicenow_export import incident, write_export


def opened(when: str, priority: str) -> dict[str, str]:
    return {"opened_at": when, "sys_created_at": when, "sys_updated_at": when, "priority": priority}


def resolved(when: str, **facts: str) -> dict[str, str]:
    return {"incident_state": "Resolved", "sys_updated_at": when, "resolved_at": when, **facts}


def active(when: str, **facts: str) -> dict[str, str]:
    return {"incident_state": "Active", "sys_updated_at": when, **facts}


MODERATE, HIGH, CRITICAL = "3 - Moderate", "2 - High", "1 - Critical"


def history() -> list[dict[str, str]]:
    return [
        # P3: 6 h, SLA made, reassigned once.
        *incident(
            "INC0001001",
            opened("1/3/2016 08:00", MODERATE),
            active("1/3/2016 09:00", assigned_to="Beth Anglin", reassignment_count="1"),
            resolved("1/3/2016 14:00"),
        ),
        # P3: resolved, reopened, resolved again 24 h after opening; SLA not made.
        *incident(
            "INC0001002",
            opened("2/3/2016 10:00", MODERATE),
            active("2/3/2016 11:00", assigned_to="Luke Wilson", reassignment_count="2"),
            resolved("2/3/2016 18:00"),
            active("3/3/2016 08:00", reopen_count="1", resolved_at="?"),
            resolved("3/3/2016 10:00", made_sla="false"),
        ),
        # P3: 3 h.
        *incident(
            "INC0001003",
            opened("4/3/2016 09:00", MODERATE),
            resolved("4/3/2016 12:00"),
        ),
        # P2: 1 h 30 min.
        *incident(
            "INC0001004",
            opened("5/3/2016 10:00", HIGH),
            resolved("5/3/2016 11:30"),
        ),
        # P2: never resolved (left out of the times, counted as unresolved); SLA not made.
        *incident(
            "INC0001005",
            opened("6/3/2016 10:00", HIGH),
            active("6/3/2016 12:00", made_sla="false"),
        ),
        # P1: 4 h, SLA not made, reassigned three times.
        *incident(
            "INC0001006",
            opened("7/3/2016 00:30", CRITICAL),
            active("7/3/2016 01:00", reassignment_count="3"),
            resolved("7/3/2016 04:30", made_sla="false"),
        ),
    ]


def test_period_report_on_imported_servicenow_tickets(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme-2016.csv", history())
    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC"
    )
    assert summary.tickets_new == 6

    cli = Cli(db_url)
    out = tmp_path / "march-2016.json"
    cli.ok(
        "report", "period", "--all", "--from", "2016-03-01", "--to", "2016-03-31",
        "--format", "json", "--out", str(out), user="mia", password=PASSWORD,
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["report"], report["scope"], report["opened"]) == ("period", "all", 6)

    def figures(group: dict) -> tuple:
        wall = group["resolution_wall"]
        return (
            group["tickets"],
            group["resolved"],
            group["unresolved"],
            wall["median"],
            wall["mean"],
            group["sla_met_pct"],
            group["reassignments"],
            group["reopenings"],
        )

    by_priority = {g["key"]: figures(g) for g in report["by_priority"]}
    assert by_priority == {
        # tickets, resolved, without resolved time, median h, mean h, SLA met %, reassign, reopen
        "1": (1, 1, 0, 4.0, 4.0, 0.0, 3, 0),
        "2": (2, 1, 1, 1.5, 1.5, 50.0, 0, 0),
        "3": pytest.approx(
            (3, 3, 0, 6.0, 11.0, 200 / 3, 3, 1), rel=1e-12
        ),  # 3, 6 and 24 h; full precision
    }
    assert figures(report["total"]) == pytest.approx(
        (6, 5, 1, 4.0, 38.5 / 5, 50.0, 6, 1), rel=1e-12
    )
    # The headline is the totals row: opened, resolved, closed agree with the tables.
    assert (report["opened"], report["resolved"]) == (6, 5)
    breached = {b["number"]: b["measures"] for b in report["breaches"]}
    assert sorted(breached.values()) == ["imported: SLA not made"] * 3


def test_ticket_report_of_an_imported_ticket_shows_the_source_counters(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme-2016.csv", history())
    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC"
    )
    assert summary.first_number == "SD-000001"  # numbers follow the file: INC0001002 is 2nd

    report = services.reports.ticket_report(people.care, "SD-000002")
    assert report.imported_from == "servicenow INC0001002"
    assert (report.reassignments, report.reopenings, report.sla_outcome) == (2, 1, "missed")
    assert report.resolution_wall_minutes == 24 * 60
