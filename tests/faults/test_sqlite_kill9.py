"""A SQLite writer killed with SIGKILL 30 times, at varying points of its actions: the
file stays sound (``PRAGMA integrity_check``), every action the writer reported done is
there once, and the history still verifies."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import Services
from app.persistence.orm import Ticket, TicketEvent
from tests.support.people import PASSWORD, People

pytestmark = pytest.mark.slow

KILLS = 30


def _writer(url: str, run: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.fault_client", url, "eng", PASSWORD, f"r{run:02d}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_thirty_kill_nines_lose_nothing_acknowledged(
    services: Services, people: People, db_url: str
) -> None:
    chance = random.Random(12)  # varied but repeatable kill points
    acknowledged: list[dict[str, Any]] = []
    for run in range(KILLS):
        writer = _writer(db_url, run)
        assert writer.stdout is not None
        for _ in range(chance.randint(1, 6)):
            line = writer.stdout.readline()
            assert line, "the writer died on its own"
            acknowledged.append(json.loads(line))
        # Somewhere inside the next action (each takes a few milliseconds).
        time.sleep(chance.uniform(0, 0.02))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        acknowledged += [json.loads(line) for line in writer.stdout if line.strip()]
        assert writer.returncode == -signal.SIGKILL

    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert all(line["ok"] for line in acknowledged)
    with services.db.session() as session:
        subjects = list(session.scalars(select(Ticket.subject)))
        texts = list(session.scalars(select(TicketEvent.text).where(TicketEvent.text.like("r%-%"))))
    opened = {line["marker"] for line in acknowledged if line["kind"] == "open"}
    noted = {line["marker"] for line in acknowledged if line["kind"] != "open"}
    assert opened <= set(subjects) and noted <= set(texts)
    assert len(set(subjects)) == len(subjects) and len(set(texts)) == len(texts)
    assert services.history.verify().ok
