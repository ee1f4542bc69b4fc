"""``mail fetch`` against a real Dovecot (started by the test: own config, mailbox and
ports): mail delivered by IMAP APPEND becomes tickets and replies; machines, duplicates
and strangers change nothing or wait for a person; refused mail is kept on the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.services.mail_in.arrival import MailboxDefaults
from app.services.mail_in.imap import ImapFetcher, ImapMailbox
from app.services.mail_in.outcome import MailStatus
from tests.conftest import IN_CI
from tests.support.dovecot import Dovecot, dovecot, dovecot_missing
from tests.support.mail_story import Footprint, gold_contract, our_message_ids, ticket_row
from tests.support.mails import plain, raw
from tests.support.people import People

DONE, REFUSED = "SupportDesk-Done", "SupportDesk-Refused"


@pytest.fixture
def imap(tmp_path: Path) -> Iterator[Dovecot]:
    missing = dovecot_missing()
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(missing)
    with dovecot(tmp_path / "dovecot") as server:
        yield server


def mailbox(server: Dovecot, security: str = "ssl") -> ImapMailbox:
    return ImapMailbox(
        name="support",
        host=server.host,
        username=server.user,
        port=server.imaps_port if security == "ssl" else server.imap_port,
        security=security,
        cafile=str(server.cafile),
        defaults=MailboxDefaults("support", "second_level_support", "high"),
    )


def test_fetch_turns_mail_into_tickets_and_replies(
    services: Services, people: People, clock: FakeClock, imap: Dovecot
) -> None:
    gold_contract(services, people)
    request = plain("Invoices are not sent", "Since this morning.")
    imap.append(raw(request))
    imap.append(raw(plain("Hello", "Who are you?", sender="nia@newco.example")))
    imap.append(raw(plain("Out of office", "Away", headers={"Auto-Submitted": "auto-replied"})))
    fetcher = ImapFetcher(services.mail, say=lambda _: None)

    report = fetcher.fetch_once(mailbox(imap), imap.password)
    statuses = [r.status for r in report.results]
    assert statuses == [MailStatus.TICKET, MailStatus.UNMATCHED, MailStatus.IGNORED]
    number = report.results[0].ticket
    assert number is not None
    row = ticket_row(services, number)
    # The mailbox's defaults: second-level support, high criticality (Gold → P2).
    assert (row.service_type, row.criticality, row.priority) == ("second_level_support", "high", 2)
    assert (imap.count("INBOX"), imap.count(DONE)) == (0, 3)
    assert [m.sender for m in services.unmatched_mail.list(people.care)] == ["nia@newco.example"]

    # Work, then wait on Jo: the clock pauses.
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    services.tickets.comment(people.engineer, number, "Which server sends them?")
    services.tickets.wait_on_customer(people.engineer, number, "server name")
    assert ticket_row(services, number).sla_state == "paused"

    # Jo answers our mail (over STARTTLS this time); the first mail arrives again.
    clock.advance(minutes=45)
    answer = plain(
        "Re: Invoices",
        "It is mx1.\n\n> Which server?",
        in_reply_to=our_message_ids(services, number)[-1],
    )
    imap.append(raw(answer))
    report = fetcher.fetch_once(mailbox(imap, "starttls"), imap.password)
    assert [(r.status, r.ticket) for r in report.results] == [(MailStatus.REPLY, number)]
    row = ticket_row(services, number)
    assert row.status == "in_progress"
    assert row.sla_state == "on_track" and row.sla_due_at is not None
    history = services.tickets.show(people.care, number).history
    assert [e.text for e in history if e.kind == "customer_reply"] == ["It is mx1."]

    before_duplicate = Footprint.of(services)
    imap.append(raw(request))  # the same Message-ID once more
    imap.append(raw(plain(f"Auto: [{number}]", "x", headers={"Precedence": "bulk"})))
    report = fetcher.fetch_once(mailbox(imap), imap.password)
    assert [r.status for r in report.results] == [MailStatus.DUPLICATE, MailStatus.IGNORED]
    assert Footprint.of(services) == before_duplicate
    assert (imap.count("INBOX"), imap.count(DONE)) == (0, 6)


def test_the_mail_fetch_command_reads_the_settings_and_keeps_refused_mail(
    db_url: str, services: Services, people: People, imap: Dovecot, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    box = {
        "name": "support",
        "host": imap.host,
        "port": imap.imaps_port,
        "security": "ssl",
        "username": imap.user,
        "cafile": str(imap.cafile),
    }
    settings = {"mail": {"mailboxes": [box], "max_message_bytes": 100_000}}
    (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    imap.append(raw(plain("Printer offline", "Third floor.")))
    imap.append(raw(plain("Huge", "x" * 150_000)))
    env = {
        **os.environ,
        "SUPPORTDESK_CONFIG_DIR": str(config),
        "SUPPORTDESK_IMAP_PASSWORD_SUPPORT": imap.password,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", db_url, "mail", "fetch"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr  # something was refused
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("support: <") and lines[0].endswith(": ticket SD-000001")
    assert "refused, kept in SupportDesk-Refused" in lines[1]
    assert "mail larger than 100,000 bytes is refused" in lines[1]
    assert (imap.count("INBOX"), imap.count(DONE), imap.count(REFUSED)) == (0, 1, 1)
    assert services.tickets.show(people.care, "SD-000001").subject == "Printer offline"


def test_mail_ingest_takes_a_mail_from_a_pipe(
    db_url: str, services: Services, people: People, tmp_path: Path
) -> None:
    def ingest(data: bytes) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "SUPPORTDESK_DATA_DIR": str(tmp_path / "data")}
        return subprocess.run(
            [sys.executable, "-m", "app", "--db", db_url, "mail", "ingest", "--criticality", "low"],
            input=data,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )

    done = ingest(raw(plain("Scanner", "It jams.")))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip().endswith(": ticket SD-000001")
    assert ticket_row(services, "SD-000001").criticality == "low"
    bad = ingest(b"\x00\x01 not mail")
    assert bad.returncode == 2
    assert b"the message is malformed" in bad.stderr
    kept = list((tmp_path / "data" / "mail-refused").iterdir())
    assert [p.read_bytes() for p in kept] == [b"\x00\x01 not mail"]


def test_watching_a_mailbox_with_idle_takes_new_mail_as_it_arrives(
    services: Services, people: People, imap: Dovecot
) -> None:
    seen: list[str] = []
    fetcher = ImapFetcher(services.mail, say=seen.append)
    stop = threading.Event()
    watcher = threading.Thread(
        target=fetcher.watch, args=(mailbox(imap), imap.password, stop), kwargs={"idle_seconds": 30}
    )
    watcher.start()
    try:
        # Once the watcher idles on the empty inbox, the server tells it about this mail.
        deadline = time.monotonic() + 20
        while "support: waiting for new mail (IDLE)" not in seen:
            assert time.monotonic() < deadline, f"the watcher never idled: {seen}"
            stop.wait(0.05)
        imap.append(raw(plain("Disk full", "On db1.")))
        while not any("ticket SD-000001" in line for line in seen):
            assert time.monotonic() < deadline, f"no ticket after 20 s: {seen}"
            stop.wait(0.1)
    finally:
        stop.set()
        watcher.join(timeout=15)
    assert not watcher.is_alive()
    assert services.tickets.show(people.care, "SD-000001").subject == "Disk full"
    assert imap.count("INBOX") == 0
