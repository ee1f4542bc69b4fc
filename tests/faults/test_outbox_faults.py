"""400 e-mails, the SMTP server down and then back, and 5 senders killed in the middle of
a delivery (the server holds each one's DATA until the sender is gone): every message
arrives exactly once — Message-IDs counted at a real aiosmtpd — within two minutes of the
server's return. Senders are real ``supportdesk notify send`` processes, as from cron;
the lease is cut to 3 s (``SUPPORTDESK_SMTP_LEASE_SECONDS``) so the test runs fast."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.bootstrap import Services
from app.persistence.orm_sla import OutboxMessage
from app.services.notifications import queue_email
from tests.support.people import People
from tests.support.smtp import free_port

pytestmark = pytest.mark.slow

MAILS, KILLS = 400, 5
WITHIN_S = 120


class HoldingServer:
    """An aiosmtpd handler that counts accepted Message-IDs and, when asked, holds the
    next ``n`` DATA commands without answering until their clients go away."""

    def __init__(self) -> None:
        self.accepted: list[str] = []
        self.last_accepted_at = 0.0
        self._lock = threading.Lock()
        self._to_hold = 0
        self.held = 0
        self.gone = 0

    def hold(self, n: int) -> None:
        with self._lock:
            self._to_hold, self.held, self.gone = n, 0, 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            hold = self._to_hold > 0
            if hold:
                self._to_hold -= 1
                self.held += 1
        if hold:
            try:
                await asyncio.Event().wait()  # until the connection drops (cancellation)
            except asyncio.CancelledError:
                with self._lock:
                    self.gone += 1  # never answered 250: the message was not accepted
                raise
        self.accepted.append(str(message_from_bytes(envelope.content)["Message-ID"]))
        self.last_accepted_at = time.monotonic()
        return "250 2.0.0 Ok: queued"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


def sender(db_url: str, port: int) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "SUPPORTDESK_SMTP_HOST": "127.0.0.1",
        "SUPPORTDESK_SMTP_PORT": str(port),
        "SUPPORTDESK_SMTP_TIMEOUT": "2",
        "SUPPORTDESK_SMTP_LEASE_SECONDS": "3",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", db_url, "notify", "send"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def statuses(services: Services) -> Counter[str]:
    with services.db.session() as session:
        return Counter(session.scalars(select(OutboxMessage.status)))


def test_no_mail_lost_or_doubled_across_an_outage_and_sender_kills(
    services: Services, people: People, db_url: str
) -> None:
    with services.db.unit_of_work() as uow:
        for i in range(MAILS):
            queue_email(
                uow,
                kind="escalation_at_risk",
                to=f"person{i}@acme.example",
                values={"number": f"SD-{i:06d}", "measure": "resolution"},
                now=services.ctx.clock.now(),
            )
        uow.commit()
    port = free_port()

    down = sender(db_url, port)
    _, err = down.communicate(timeout=120)
    assert down.returncode == 0 and "cannot reach the SMTP server" in err
    assert statuses(services) == {"queued": MAILS}  # no attempt spent on a dead server

    handler = HoldingServer()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    back_at = time.monotonic()
    try:
        # Five senders at once, each held inside its first DATA, then all killed there.
        handler.hold(KILLS)
        victims = [sender(db_url, port) for _ in range(KILLS)]
        wait_for(lambda: handler.held == KILLS, "every sender is inside a delivery")
        for victim in victims:
            victim.send_signal(signal.SIGKILL)
        for victim in victims:
            victim.wait(timeout=30)
        wait_for(lambda: handler.gone == KILLS, "the server saw every sender go")
        runs = 0
        while statuses(services)["sent"] < MAILS and time.monotonic() - back_at < WITHIN_S:
            run = sender(db_url, port)  # cron's next runs; the lease (3 s) frees the killed
            run.communicate(timeout=120)
            runs += 1
    finally:
        controller.stop()

    assert statuses(services) == {"sent": MAILS}
    with services.db.session() as session:
        stored = set(session.scalars(select(OutboxMessage.message_id)))
        replies = set(session.scalars(select(OutboxMessage.smtp_reply)))
    counted = Counter(handler.accepted)
    assert [mid for mid, n in counted.items() if n > 1] == []  # no duplicates
    assert set(counted) == stored  # none lost
    assert replies == {"250 2.0.0 Ok: queued"}  # each acceptance recorded
    assert handler.last_accepted_at - back_at <= WITHIN_S
    print(f"delivered in {handler.last_accepted_at - back_at:.0f} s, {runs} runs after the kills")
