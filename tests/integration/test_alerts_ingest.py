"""`supportdesk alert ingest`: Alertmanager payloads through the real command, on both
engines — firing, grouped, repeated, resolved, flapping, and refusals that write nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.bootstrap import Services
from tests.support.alert_payloads import alert, payload
from tests.support.annex import hosting_contract
from tests.support.cli import Cli
from tests.support.people import People


@pytest.fixture
def cli(services: Services, people: People, db_url: str) -> Cli:
    hosting_contract(services, people)
    return Cli(db_url)


def _ingest(cli: Cli, body: str) -> dict:
    return cli.ok("alert", "ingest", "--json", stdin=body).json()


def _tickets(services: Services, people: People) -> list:
    return services.tickets.list_tickets(people.manager, customer="ACME", limit=100)


def _kinds(services: Services, people: People, number: str) -> list[str]:
    return [e.kind for e in services.tickets.show(people.manager, number).history]


def test_grouped_repeated_resolved_and_flapping(
    cli: Cli, services: Services, people: People
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    t1 = now - timedelta(minutes=50)
    down: dict[str, Any] = {"starts": t1, "system": "erp-prod"}
    disk: dict[str, Any] = {"starts": t1, "system": "db-1", "severity": "warning"}
    grouped = payload([alert("ErpDown", **down), alert("DiskFilling", **disk)])

    first = _ingest(cli, grouped)
    assert [a["action"] for a in first["alerts"]] == ["opened", "opened"]
    erp_no, disk_no = (a["ticket"] for a in first["alerts"])
    erp = services.tickets.show(people.manager, erp_no)
    assert (erp.service_type, erp.criticality, erp.category) == (
        "system_monitoring",
        "critical",
        "incident",
    )
    assert services.tickets.show(people.manager, disk_no).criticality == "medium"
    # Critical: the system is down, an outage is open; a warning records none.
    [outage] = services.outages.of_ticket(people.manager, erp_no)
    assert (outage.system, outage.kind, outage.started_at, outage.ended_at) == (
        "erp-prod",
        "full",
        t1,
        None,
    )
    assert services.outages.of_ticket(people.manager, disk_no) == []
    assert _kinds(services, people, erp_no).count("alert") == 1

    # Alertmanager repeats the notification: nothing changes.
    events_before = len(services.tickets.show(people.manager, erp_no).history)
    again = _ingest(cli, grouped)
    assert [a["action"] for a in again["alerts"]] == ["repeat", "repeat"]
    assert len(services.tickets.show(people.manager, erp_no).history) == events_before
    assert len(_tickets(services, people)) == 2

    # Recovery: the outage ends when the alert ended; the ticket stays for an engineer.
    t2 = now - timedelta(minutes=40)
    resolved = payload([alert("ErpDown", status="resolved", ends=t2, **down)])
    assert _ingest(cli, resolved)["alerts"][0]["action"] == "recovered"
    assert _ingest(cli, resolved)["alerts"][0]["action"] == "repeat"
    [outage] = services.outages.of_ticket(people.manager, erp_no)
    assert outage.ended_at == t2
    assert services.tickets.show(people.manager, erp_no).status not in ("resolved", "closed")

    # Flapping: fires and recovers twice more — the same ticket, one outage per episode.
    for minutes in (30, 20):
        start = now - timedelta(minutes=minutes)
        flap: dict[str, Any] = {"starts": start, "system": "erp-prod"}
        assert _ingest(cli, payload([alert("ErpDown", **flap)]))["alerts"][0] == {
            "fingerprint": first["alerts"][0]["fingerprint"],
            "alertname": "ErpDown",
            "status": "firing",
            "action": "fired again",
            "ticket": erp_no,
        }
        end = start + timedelta(minutes=5)
        _ingest(cli, payload([alert("ErpDown", status="resolved", ends=end, **flap)]))
    assert len(_tickets(services, people)) == 2
    outages = services.outages.of_ticket(people.manager, erp_no)
    assert [(o.started_at, o.ended_at) for o in outages] == [
        (t1, t2),
        (now - timedelta(minutes=30), now - timedelta(minutes=25)),
        (now - timedelta(minutes=20), now - timedelta(minutes=15)),
    ]
    kinds = _kinds(services, people, erp_no)
    assert (kinds.count("alert"), kinds.count("outage")) == (6, 6)
    assert services.history.verify().ok


def test_a_resolved_alert_never_seen_firing_is_recorded_whole(
    cli: Cli, services: Services, people: People
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    start, end = now - timedelta(minutes=20), now - timedelta(minutes=12)
    body = payload([alert("ApiDown", status="resolved", starts=start, ends=end)])
    [outcome] = _ingest(cli, body)["alerts"]
    assert outcome["action"] == "recovered"
    [outage] = services.outages.of_ticket(people.manager, outcome["ticket"])
    assert (outage.started_at, outage.ended_at) == (start, end)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": "3", "alerts": []}', "unsupported Alertmanager webhook version"),
        ('{"version": "4"}', "no 'alerts' list"),
        ('{"version": "4", "alerts": [{"status": "pending"}]}', "status must be"),
    ],
)
def test_malformed_payloads_are_refused(
    cli: Cli, services: Services, people: People, body: str, message: str
) -> None:
    result = cli.run("alert", "ingest", stdin=body)
    assert result.code == 2
    assert message in result.err
    assert _tickets(services, people) == []


def test_one_unmappable_alert_refuses_the_whole_payload(
    cli: Cli, services: Services, people: People
) -> None:
    now = datetime.now(UTC)
    body = payload(
        [
            alert("ErpDown", starts=now - timedelta(minutes=5)),
            alert("Other", starts=now - timedelta(minutes=5), customer="NOSUCH"),
        ]
    )
    result = cli.run("alert", "ingest", stdin=body)
    assert result.code == 2
    assert "customer 'NOSUCH', which does not exist" in result.err
    assert _tickets(services, people) == []
    # The same payload from a file, once the customer exists: both recorded.
    services.customers.add_customer(people.manager, code="NOSUCH", name="No Such Ltd")
    services.sla.add_contract(
        people.manager,
        customer="NOSUCH",
        tier="Silver",
        services=["system_monitoring"],
        valid_from=datetime(2026, 1, 1).date(),
    )
    assert len(_ingest(cli, body)["alerts"]) == 2
    assert len(_tickets(services, people)) == 1


def test_the_same_new_alert_from_two_processes_at_once_opens_one_ticket(
    cli: Cli, services: Services, people: People, db_url: str
) -> None:
    body = payload([alert("ErpDown", starts=datetime.now(UTC) - timedelta(minutes=3))])
    argv = [sys.executable, "-m", "app", "--db", db_url, "alert", "ingest", "--json"]
    procs = [
        subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    answers = [p.communicate(body, timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    # Either the second saw the first's alert (a repeat), or it lost the race on the
    # alert's unique key and was refused whole, asking for a retry; never two tickets.
    actions = sorted(
        json.loads(out)["alerts"][0]["action"]
        for (out, _), c in zip(answers, codes, strict=True)
        if c == 0
    )
    refused = [err for (_, err), c in zip(answers, codes, strict=True) if c != 0]
    assert actions in (["opened", "repeat"], ["opened"])
    assert all("arrived twice at once" in err for err in refused)
    assert len(_tickets(services, people)) == 1
