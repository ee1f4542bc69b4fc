"""`supportdesk alert serve`: the webhook receiver as a real process on loopback, spoken
to over real HTTP — the right tickets and outages for good requests; a bad token or a
malformed payload refused with a clear answer and nothing written (both engines)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.bootstrap import Services
from tests.support.alert_payloads import alert, payload
from tests.support.annex import hosting_contract
from tests.support.people import People

TOKEN = "s3cret-token-for-tests-0123456789"


def _env(token: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_ALERT")}
    if token:
        env["SUPPORTDESK_ALERT_TOKEN"] = token
    return env


@pytest.fixture
def receiver(services: Services, people: People, db_url: str) -> Iterator[str]:
    """The receiver's base URL; it listens on a port the system picks (no guessing)."""
    hosting_contract(services, people)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", db_url, "alert", "serve", "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(TOKEN),
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()  # blocks until the socket is bound
        assert line.startswith("listening on 127.0.0.1:"), line + proc.stderr.read()
        yield f"http://{line.split()[-1]}/alerts"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


def _post(url: str, body: str | bytes, token: str | None = TOKEN) -> tuple[int, Any]:
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _tickets(services: Services, people: People) -> list:
    return services.tickets.list_tickets(people.manager, customer="ACME", limit=100)


def test_firing_and_resolved_over_http(receiver: str, services: Services, people: People) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(minutes=15)
    grouped = payload(
        [
            alert("ErpDown", starts=start),
            alert("QueueSlow", starts=start, system="mq-1", severity="warning", outage="degraded"),
        ]
    )
    code, body = _post(receiver, grouped)
    assert code == 200, body
    assert body["summary"] == "2 opened"
    erp_no, mq_no = (a["ticket"] for a in body["alerts"])
    [mq_outage] = services.outages.of_ticket(people.manager, mq_no)
    assert (mq_outage.kind, mq_outage.ended_at) == ("degraded", None)

    code, body = _post(receiver, grouped)
    assert (code, body["summary"]) == (200, "2 repeat")

    end = now - timedelta(minutes=5)
    code, body = _post(
        receiver, payload([alert("ErpDown", status="resolved", starts=start, ends=end)])
    )
    assert (code, body["summary"]) == (200, "1 recovered")
    [erp_outage] = services.outages.of_ticket(people.manager, erp_no)
    assert (erp_outage.started_at, erp_outage.ended_at) == (start, end)
    assert len(_tickets(services, people)) == 2


@pytest.mark.parametrize("token", [None, "wrong-token-wrong-token-wrong", TOKEN + "x"])
def test_a_bad_token_is_refused_and_nothing_written(
    receiver: str, services: Services, people: People, token: str | None
) -> None:
    body = payload([alert("ErpDown", starts=datetime.now(UTC) - timedelta(minutes=1))])
    code, answer = _post(receiver, body, token=token)
    assert code == 401
    assert "token" in answer["error"]
    assert _tickets(services, people) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\xff\xfe not json", "not valid JSON"),
        ('{"version": "4", "alerts": [{"status": "firing", "labels": {}}]}', "no alertname"),
        (
            payload([alert("X", starts=datetime(2026, 1, 1, tzinfo=UTC), customer="")]),
            "has no 'customer' label",
        ),
    ],
)
def test_a_malformed_payload_is_refused_and_nothing_written(
    receiver: str, services: Services, people: People, body: str | bytes, message: str
) -> None:
    code, answer = _post(receiver, body)
    assert code == 400
    assert message in answer["error"]
    assert _tickets(services, people) == []


def test_serve_refuses_to_start_without_a_token(db_url: str, services: Services) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "alert", "serve", "--listen", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        env=_env(None),
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "no alert token" in proc.stderr
