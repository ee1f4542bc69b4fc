"""A ticket's whole life through the ``supportdesk`` command, on SQLite and PostgreSQL:
people are created, the ticket is worked, approved and closed; the history tells it
all and is verified; then a history row is edited behind our back and caught."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from app.persistence.engine import parse_url
from tests.support.cli import Cli

ADMIN_PW, CARE_PW, ENG_PW, MGR_PW = "admin-pass-1", "care-pass-1", "eng-pass-12", "mgr-pass-12"

pytestmark = pytest.mark.slow


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


def test_ticket_story_through_the_cli(cli: Cli, db_url: str) -> None:
    # The test databases are migrated already; init on them must be harmless.
    assert "up to date" in cli.ok("init").out
    cli.ok("init", "--admin", "root", new_password=ADMIN_PW)
    admin = {"user": "root", "password": ADMIN_PW}
    cli.ok(
        "user",
        "add",
        "cara",
        "--role",
        "care",
        "--full-name",
        "Cara Care",
        new_password=CARE_PW,
        **admin,
    )
    cli.ok("user", "add", "eng", "--role", "engineer", new_password=ENG_PW, **admin)
    cli.ok("user", "add", "mia", "--role", "manager", new_password=MGR_PW, **admin)
    manager = {"user": "mia", "password": MGR_PW}
    cli.ok("customer", "add", "ACME", "Acme Corp", **manager)
    cli.ok("contact", "add", "ACME", "Jo Smith", "--email", "jo@acme.example", **manager)

    care = {"user": "cara", "password": CARE_PW}
    eng = {"user": "eng", "password": ENG_PW}
    opened = cli.ok(
        "ticket",
        "open",
        "--customer",
        "ACME",
        "--subject",
        "Invoices are not sent",
        "--service-type",
        "first_level_support",
        "--criticality",
        "high",
        "--contact",
        "jo@acme.example",
        "--description",
        "No invoice e-mail since 08:00.",
        "--json",
        **care,
    ).json()
    number = opened["number"]
    assert (number, opened["status"], opened["priority"]) == ("SD-000001", "new", 2)

    cli.ok("ticket", "take", number, **eng)
    cli.ok("ticket", "start", number, **eng)
    cli.ok("ticket", "comment", number, "Queue worker died at 07:58", "--internal", **eng)
    cli.ok("ticket", "log", number, "45", "--note", "log analysis", **eng)
    cli.ok("ticket", "wait", number, "--reason", "need mail server logs", **eng)
    cli.ok("ticket", "reply", number, "--text", "logs attached", "--contact", "Jo Smith", **care)
    cli.ok(
        "ticket",
        "resolve",
        number,
        "--problem",
        "worker ran out of memory",
        "--solution",
        "raised the memory limit, restarted the worker",
        **eng,
    )
    cli.ok("ticket", "approve", number, "--contact", "Jo Smith", "--channel", "phone", **care)

    shown = cli.ok("ticket", "show", number, "--json", **care).json()
    assert shown["status"] == "closed"
    assert shown["time_logged_minutes"] == 45
    story = [
        (e["actor"], e["kind"], e["field"], e["old_value"], e["new_value"])
        for e in shown["history"]
    ]
    assert story == [
        ("cara", "created", None, None, None),
        ("eng", "assigned", "assignee", None, "eng"),
        ("eng", "status", "status", "new", "assigned"),
        ("eng", "status", "status", "assigned", "in_progress"),
        ("eng", "comment", None, None, None),
        ("eng", "work", None, None, None),
        ("eng", "status", "status", "in_progress", "waiting_on_customer"),
        ("cara", "customer_reply", None, None, None),
        ("cara", "status", "status", "waiting_on_customer", "in_progress"),
        ("eng", "resolution", None, None, None),
        ("eng", "status", "status", "in_progress", "resolved"),
        ("cara", "customer_approval", None, None, None),
        ("cara", "status", "status", "resolved", "closed"),
    ]
    by_kind = {e["kind"]: e for e in shown["history"]}
    assert by_kind["comment"]["internal"] is True
    assert by_kind["work"]["minutes"] == 45
    assert by_kind["resolution"]["data"]["solution"].startswith("raised the memory")
    assert by_kind["customer_approval"]["data"]["channel"] == "phone"
    times = [datetime.fromisoformat(e["occurred_at"]) for e in shown["history"]]
    assert all(t.tzinfo is not None for t in times)
    assert times == sorted(times)

    verified = cli.ok("history", "verify", "--json").json()
    assert verified == {
        "ok": True,
        "tickets_checked": 1,
        "events_checked": 13,
        "ledger_entries": 14,  # the ticket's creation and its 13 events
        "anchors": [],
        "problems": [],
    }

    # Someone with the owner login edits the internal note directly in the database
    # (on PostgreSQL they must first switch off the insert-only trigger: issue 11).
    engine = create_engine(parse_url(db_url))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE ticket_events DISABLE TRIGGER USER"))
        event_id = conn.execute(
            text("SELECT id FROM ticket_events WHERE kind = 'comment'")
        ).scalar_one()
        conn.execute(
            text("UPDATE ticket_events SET text = 'nothing happened' WHERE id = :i"),
            {"i": event_id},
        )
    engine.dispose()
    tampered = cli.run("history", "verify")
    assert tampered.code == 3
    assert f"{number} event #5 (id {event_id})" in tampered.err
    assert "edited" in tampered.err
