"""PostgreSQL kills the backend of a long-lived desk 100 times while it is inside an
action (``pg_terminate_backend`` from another connection). The desk's own retry — the
same process, never restarted — finishes every action: none reported failed that
committed, none done twice, nothing half-written (``history verify`` replays every
ticket's fields from its history)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from app.bootstrap import Services
from app.persistence.orm import Ticket, TicketEvent
from tests.support.people import PASSWORD, People

pytestmark = pytest.mark.slow

KILLS = 100


def _kill_mid_action(admin: psycopg.Connection[Any]) -> bool:
    """Terminate the desk's backend if it is inside a transaction right now."""
    row = admin.execute(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE application_name = 'fault-client' "
        "AND state IN ('active', 'idle in transaction')"
    ).fetchone()
    return bool(row and row[0])


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_desk_survives_a_hundred_backend_kills(
    services: Services, people: People, db_url: str
) -> None:
    url = db_url + "?application_name=fault-client"
    desk = subprocess.Popen(
        [sys.executable, "-m", "tests.support.fault_client", url, "eng", PASSWORD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert desk.stdin is not None and desk.stdout is not None
    lines: list[dict[str, Any]] = []
    kills = 0
    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as admin:
        lines.append(json.loads(desk.stdout.readline()))  # the desk is up and working
        deadline = time.monotonic() + 600
        while kills < KILLS and time.monotonic() < deadline:
            if _kill_mid_action(admin):
                kills += 1
                # Let the desk finish that action before the next kill.
                lines.append(json.loads(desk.stdout.readline()))
    for _ in range(10):  # and it keeps working afterwards, in the same process
        lines.append(json.loads(desk.stdout.readline()))
    desk.stdin.close()
    lines += [json.loads(line) for line in desk.stdout]
    assert desk.wait(timeout=60) == 0

    assert kills == KILLS
    failed = [line for line in lines if not line["ok"]]
    assert failed == [], failed[:3]
    assert lines[-1]["retries"] >= KILLS * 9 // 10, "the kills did not land inside actions"

    with services.db.session() as session:
        subjects = list(session.scalars(select(Ticket.subject)))
        found = session.scalars(select(TicketEvent.text).where(TicketEvent.text.like("op-%")))
        texts = [t for t in found if t is not None]  # LIKE already left NULLs out
    done = {line["marker"] for line in lines}
    # Every reported action is there exactly once; nothing is there that was not reported.
    opened = sorted(line["marker"] for line in lines if line["kind"] == "open")
    noted = sorted(line["marker"] for line in lines if line["kind"] != "open")
    assert sorted(subjects) == opened
    assert sorted(texts) == noted
    assert set(subjects) | set(texts) <= done
    assert services.history.verify().ok
    print(f"{kills} kills, {len(lines)} actions, {lines[-1]['retries']} automatic retries")
