"""The SLA commands as cron and managers run them: contract, sla, notify."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.bootstrap import Services
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.smtp import smtp_server

pytestmark = pytest.mark.slow


def test_contract_targets_show_scan_and_send_through_the_cli(
    services: Services, people: People, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(db_url)
    mia = {"user": "mia", "password": PASSWORD}
    added = cli.ok(
        "contract",
        "add",
        "ACME",
        "--tier",
        "platinum",
        "--services",
        "managed_hosting,first_level_support",
        "--from",
        "2020-01-01",
        **mia,
    )
    assert "contract ACME-1 added for ACME: Platinum" in added.out
    refused = cli.run("contract", "add", "ACME", "--tier", "Gold", "--services", "x", **mia)
    assert refused.code == 2 and "--from" in refused.err

    targets = cli.ok("sla", "targets", "--json", **mia).json()
    gold_high = next(t for t in targets if (t["tier"], t["criticality"]) == ("Gold", "high"))
    assert gold_high["priority"] == 2 and gold_high["resolution_minutes"] == 240

    # A real-time ticket (the subprocess has the system clock): critical → 24x7, 15 min.
    opened = cli.ok(
        "ticket",
        "open",
        "--customer",
        "ACME",
        "--subject",
        "Site down",
        "--service-type",
        "managed_hosting",
        "--contact",
        "Jo Smith",
        "--criticality",
        "critical",
        "--json",
        **mia,
    ).json()
    number = opened["number"]
    assert opened["priority"] == 1
    shown = cli.ok("sla", "show", number, "--json", **mia).json()
    assert (shown["tier"], shown["clock"], shown["state"]) == ("Platinum", "24x7", "on_track")
    due = datetime.fromisoformat(shown["response"]["due_at"])
    created = datetime.fromisoformat(opened["created_at"])
    assert due - created == timedelta(minutes=15)
    assert due > datetime.now(UTC)

    scan = cli.ok("sla", "scan")  # cron: no --user needed
    assert "escalated" in scan.out
    cli.ok("ticket", "comment", number, "We are on it.", **mia)
    with smtp_server() as (inbox, settings):
        monkeypatch.setenv("SUPPORTDESK_SMTP_HOST", settings.host)
        monkeypatch.setenv("SUPPORTDESK_SMTP_PORT", str(settings.port))
        sent = cli.ok("notify", "send")
        assert "1 sent" in sent.out
        assert [m["To"] for m in inbox.messages] == ["jo@acme.example"]
    listed = cli.ok("notify", "list", "--json", **mia).json()
    assert [(m["status"], m["kind"]) for m in listed] == [("sent", "public_comment")]
    changed = cli.ok("sla", "priority", number, "P2", "--reason", "customer agreed", **mia)
    assert f"{number} is now P2" in changed.out
