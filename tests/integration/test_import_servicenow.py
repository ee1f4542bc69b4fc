"""A manager imports a customer's ServiceNow history, on SQLite and PostgreSQL: tickets
arrive with their history, counters and people; re-imports add nothing; a broken file
changes nothing and says which line is wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import Services
from app.domain.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.persistence.orm import Ticket, TicketEvent, User
from app.persistence.orm_import import ImportedTicket, ImportedUser, ImportRun, Team
from tests.support.people import People
from tests.support.servicenow_export import export_text, incident, write_export


def at(text: str) -> dict[str, str]:
    return {"sys_updated_at": text}


def opened(text: str) -> dict[str, str]:
    return {"opened_at": text, "sys_created_at": text, "sys_updated_at": text}


def acme_history() -> list[dict[str, str]]:
    """Three incidents; their rows interleave the way a real export's do."""
    reopened = incident(
        "INC0000045",
        opened("29/2/2016 01:16") | {"priority": "3 - Moderate", "caller_id": "Caller 2403"},
        at("29/2/2016 01:30") | {"incident_state": "Active", "assigned_to": "Beth Anglin",
                                 "sys_updated_by": "Beth Anglin"},
        at("29/2/2016 02:10") | {"incident_state": "Awaiting User Info"},
        at("1/3/2016 09:00") | {"incident_state": "Active", "priority": "2 - High",
                                "reassignment_count": "1", "assigned_to": "Luke Wilson",
                                "assignment_group": "Group 70"},
        at("1/3/2016 11:45") | {"incident_state": "Resolved", "resolved_at": "1/3/2016 11:45",
                                "resolved_by": "Luke Wilson", "closed_code": "code 5"},
        at("2/3/2016 08:00") | {"incident_state": "Active", "reopen_count": "1",
                                "resolved_at": "?"},
        at("2/3/2016 10:00") | {"incident_state": "Resolved", "resolved_at": "2/3/2016 10:00",
                                "made_sla": "false"},
        at("9/3/2016 10:00") | {"incident_state": "Closed", "closed_at": "9/3/2016 10:00",
                                "active": "false"},
    )  # fmt: skip
    open_one = incident(
        "INC0000047",
        opened("1/3/2016 12:00") | {"priority": "?", "category": "?", "subcategory": "?",
                                    "u_symptom": "?", "assignment_group": "?"},
        at("1/3/2016 12:30") | {"incident_state": "-100"},
        at("1/3/2016 13:00") | {"incident_state": "Awaiting Vendor", "priority": "1 - Critical"},
    )  # fmt: skip
    new_one = incident("INC0000050", opened("3/3/2016 07:05"))
    return [reopened[0], open_one[0], *reopened[1:4], open_one[1], new_one[0], *reopened[4:],
            open_one[2]]  # fmt: skip


def counts(services: Services) -> dict[str, int]:
    with services.db.session() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Ticket, TicketEvent, User, Team, ImportRun, ImportedTicket)
        }


def test_servicenow_history_arrives_with_its_final_state_history_and_counters(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme.csv", acme_history())

    summary = services.importing.servicenow(
        people.manager, export, customer="acme", source_tz="UTC"
    )

    assert (summary.rows_read, summary.tickets_new, summary.tickets_known) == (12, 3, 0)
    assert (summary.first_number, summary.last_number) == ("SD-000001", "SD-000003")
    assert summary.notes == ["line 7: INC0000047: unknown state '-100' kept as it is"]
    # Numbers follow the file's first appearance of each incident.
    reopened = services.tickets.show(people.manager, "SD-000001")
    assert reopened.status == "closed"
    assert (reopened.priority, reopened.criticality) == (2, "high")
    assert reopened.assignee == "sn.luke.wilson"
    assert reopened.subject == "Category 55 / Subcategory 170 / Symptom 72"
    assert reopened.customer_code == "ACME"
    assert reopened.created_at == datetime(2016, 2, 29, 1, 16, tzinfo=UTC)
    assert reopened.closed_at == datetime(2016, 3, 9, 10, 0, tzinfo=UTC)
    assert reopened.solution == "code 5"
    steps = [(e.occurred_at.strftime("%d/%m %H:%M"), e.actor, e.kind, e.new_value)
             for e in reopened.history]  # fmt: skip
    assert steps == [
        ("29/02 01:16", "sn.opened.by.8", "created", None),
        ("29/02 01:16", "sn.updated.by.21", "field", "Group 56"),
        ("29/02 01:30", "sn.beth.anglin", "assigned", "sn.beth.anglin"),
        ("29/02 01:30", "sn.beth.anglin", "status", "in_progress"),
        ("29/02 02:10", "sn.beth.anglin", "status", "waiting_on_customer"),
        ("01/03 09:00", "sn.beth.anglin", "assigned", "sn.luke.wilson"),
        ("01/03 09:00", "sn.beth.anglin", "field", "Group 70"),
        ("01/03 09:00", "sn.beth.anglin", "field", "2"),
        ("01/03 09:00", "sn.beth.anglin", "field", "high"),
        ("01/03 09:00", "sn.beth.anglin", "status", "in_progress"),
        ("01/03 11:45", "sn.luke.wilson", "resolution", None),
        ("01/03 11:45", "sn.beth.anglin", "status", "resolved"),
        ("02/03 08:00", "sn.beth.anglin", "status", "in_progress"),
        ("02/03 10:00", "sn.luke.wilson", "resolution", None),
        ("02/03 10:00", "sn.beth.anglin", "status", "resolved"),
        ("09/03 10:00", "sn.beth.anglin", "status", "closed"),
    ]
    waiting = reopened.history[4]
    assert waiting.data["source_state"] == "Awaiting User Info"
    assert reopened.history[12].data["reopened"] is True

    still_open = services.tickets.show(people.manager, "SD-000002")
    assert still_open.status == "waiting_on_customer"
    assert (still_open.priority, still_open.criticality) == (1, "critical")
    assert still_open.subject == "ServiceNow incident INC0000047"
    unknown = still_open.history[1]
    assert (unknown.kind, unknown.field, unknown.new_value) == ("field", "source_state", "-100")
    assert services.tickets.show(people.manager, "SD-000003").status == "new"

    with services.db.session() as s:
        facts = s.scalars(select(ImportedTicket).order_by(ImportedTicket.ticket_id)).all()
        assert [(f.source_number, f.reassignment_count, f.reopen_count, f.made_sla)
                for f in facts] == [
            ("INC0000045", 1, 1, False),
            ("INC0000047", 0, 0, True),
            ("INC0000050", 0, 0, True),
        ]  # fmt: skip
        assert facts[0].resolved_at == datetime(2016, 3, 2, 10, 0, tzinfo=UTC)
        assert facts[0].source_state == "Closed"
        assert facts[0].source_rows == 8
        team = s.get(Team, facts[0].team_id)
        assert team is not None and (team.name, team.source_system) == ("Group 70", "servicenow")
        run = s.scalars(select(ImportRun)).one()
        assert (run.tickets_new, run.events_new) == (3, summary.events_new)
        assert run.user_id == people.manager.user_id
        beth = s.scalars(select(User).where(User.username == "sn.beth.anglin")).one()
        assert (beth.active, beth.full_name) == (False, "Beth Anglin")
        marked = s.get(ImportedUser, beth.id)
        assert marked is not None and marked.source_system == "servicenow"

    report = services.history.verify()
    assert report.ok, report.problems
    assert report.tickets_checked == 3
    with pytest.raises(AuthenticationFailed):
        services.users.login("sn.beth.anglin", "!")


def test_importing_the_same_file_again_adds_nothing(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme.csv", acme_history())
    services.importing.servicenow(people.manager, export, customer="ACME", source_tz="UTC")
    before = counts(services)

    again = services.importing.servicenow(people.manager, export, customer="ACME", source_tz="UTC")

    assert (again.tickets_new, again.already_imported_by_run) == (0, 1)
    assert counts(services) == before


def test_a_file_with_known_and_new_incidents_adds_only_the_new(
    services: Services, people: People, tmp_path: Path
) -> None:
    first = write_export(tmp_path / "feb.csv", incident("INC1", opened("1/2/2016 10:00")))
    services.importing.servicenow(people.manager, first, customer="ACME", source_tz="UTC")
    later = incident(
        "INC1", opened("1/2/2016 10:00"), at("2/2/2016 10:00") | {"incident_state": "Active"}
    ) + incident("INC2", opened("3/2/2016 10:00"))
    second = write_export(tmp_path / "march.csv", later)

    summary = services.importing.servicenow(people.admin, second, customer="ACME", source_tz="UTC")

    assert (summary.tickets_new, summary.tickets_known) == (1, 1)
    assert summary.notes == [
        "line 3: INC1 was imported before; its 1 newer row(s) are skipped "
        "(imported tickets are not updated)."
    ]
    assert services.tickets.show(people.manager, "SD-000001").status == "new"
    assert services.tickets.show(people.manager, "SD-000002").status == "new"
    assert services.history.verify().ok


@pytest.mark.parametrize(
    ("breakage", "line", "words"),
    [
        ("bad date", 4, "sys_updated_at '2016-03-01 09:00'"),
        ("unknown columns", 1, "unknown columns: short_description"),
        ("truncated line", 13, "fields where the header has 36"),
        ("unterminated quote", 13, "truncated"),
    ],
)
def test_a_broken_file_changes_nothing_and_names_the_line(
    services: Services, people: People, tmp_path: Path, breakage: str, line: int, words: str
) -> None:
    rows = acme_history()
    text = export_text(rows)
    if breakage == "bad date":
        rows[2]["sys_updated_at"] = "2016-03-01 09:00"
        text = export_text(rows)
    elif breakage == "unknown columns":
        text = text.replace("u_symptom", "short_description", 1)
    elif breakage == "truncated line":
        text = text[: text.rindex("\n", 0, -1) + 60]
    else:
        text = text.rstrip("\n") + ',"and then the export stopped\n'
    export = tmp_path / "broken.csv"
    export.write_text(text, encoding="utf-8")
    before = counts(services)

    with pytest.raises(ValidationError) as refused:
        services.importing.servicenow(people.manager, export, customer="ACME", source_tz="UTC")

    assert f"line {line}:" in refused.value.message
    assert words in refused.value.message
    assert "nothing was imported" in refused.value.message
    assert counts(services) == before


def test_a_dry_run_lists_every_problem_row_and_writes_nothing(
    services: Services, people: People, tmp_path: Path
) -> None:
    rows = acme_history()
    rows[2]["opened_at"] = "31/2/2016 10:00"
    rows[5]["made_sla"] = "perhaps"
    export = write_export(tmp_path / "acme.csv", rows)
    before = counts(services)

    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC", dry_run=True
    )

    assert [str(p) for p in summary.problems if p.fatal] == [
        "line 4: opened_at '31/2/2016 10:00' is not a day-first date like 29/2/2016 01:16.",
        "line 7: made_sla 'perhaps' is neither true nor false.",
    ]
    assert counts(services) == before

    clean = services.importing.servicenow(
        people.manager, write_export(tmp_path / "ok.csv", acme_history()), customer="ACME",
        source_tz="UTC",
        dry_run=True,
    )  # fmt: skip
    assert (clean.tickets_new, clean.users_new, clean.teams_new) == (3, 4, 2)
    assert counts(services) == before


def test_only_managers_import_and_the_customer_must_exist(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme.csv", acme_history())
    with pytest.raises(PermissionDenied, match="manager or an administrator"):
        services.importing.servicenow(people.engineer, export, customer="ACME", source_tz="UTC")
    with pytest.raises(ValidationError, match="no customer with code NOPE"):
        services.importing.servicenow(people.manager, export, customer="NOPE", source_tz="UTC")
    with pytest.raises(ValidationError, match="cannot read"):
        services.importing.servicenow(
            people.manager, tmp_path / "missing.csv", customer="ACME", source_tz="UTC"
        )
    assert counts(services)["tickets"] == 0


def test_an_imported_open_ticket_is_worked_like_any_other(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "acme.csv", acme_history())
    services.importing.servicenow(people.manager, export, customer="ACME", source_tz="UTC")
    t = services.tickets

    t.customer_replied(people.care, "SD-000002", "the vendor answered", channel="email")
    t.assign(people.manager, "SD-000002", "eng")
    t.start(people.engineer, "SD-000002")
    done = t.resolve(
        people.engineer, "SD-000002", problem_nature="vendor bug", solution="patched", minutes=30
    )

    assert (done.status, done.assignee, done.time_logged_minutes) == ("resolved", "eng", 30)
    report = services.history.verify()
    assert report.ok, report.problems
