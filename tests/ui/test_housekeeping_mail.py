"""Desks fetch the configured IMAP mailboxes in the background (issue 15): off the GUI
thread, one desk at a time (job lease), failures as a status note — against a real
Dovecot, on both engines."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket
from app.services.mail_in.background import JOB, MailFetchJob, MailRound
from app.services.mail_in.imap import ImapMailbox, mailbox_password
from tests.conftest import IN_CI
from tests.support.dovecot import Dovecot, dovecot, dovecot_missing
from tests.support.mail_story import ticket_row
from tests.support.mails import plain, raw
from tests.support.people import People
from ui.housekeeping import Housekeeping
from ui.tasks import TaskRunner

HOUR_MS = 3_600_000  # the timer never ticks by itself in a test: run_now drives it


@pytest.fixture
def imap(tmp_path: Path) -> Iterator[Dovecot]:
    missing = dovecot_missing()
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(missing)
    with dovecot(tmp_path / "dovecot") as server:
        yield server


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def settings(server: Dovecot) -> dict[str, Any]:
    box = {
        "name": "support",
        "host": server.host,
        "username": server.user,
        "port": server.imaps_port,
        "security": "ssl",
        "cafile": str(server.cafile),
    }
    return {"mail": {"mailboxes": [box]}}


def job(
    services: Services, holder: str, config: Mapping[str, Any], password: str
) -> tuple[MailFetchJob, list[str]]:
    """A desk's fetch job with these settings; it records the threads it ran on."""
    threads: list[str] = []

    def remembering(box: ImapMailbox, env: Mapping[str, str]) -> str:
        threads.append(threading.current_thread().name)
        return mailbox_password(box, env)

    ctx = dataclasses.replace(services.ctx, settings=config)
    env = {"SUPPORTDESK_IMAP_PASSWORD_SUPPORT": password}
    return MailFetchJob(ctx, services.mail, holder, env=env, password=remembering), threads


def ticket_count(services: Services) -> int:
    with services.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Ticket)) or 0)


def keeper_for(
    services: Services, people: People, runner: TaskRunner, mail: MailFetchJob
) -> Housekeeping:
    return Housekeeping(services, people.manager, runner, interval_ms=HOUR_MS, mail_job=mail)


def test_a_desk_fetches_new_mail_off_the_gui_thread(
    qtbot: QtBot, services: Services, people: People, imap: Dovecot, runner: TaskRunner
) -> None:
    imap.append(raw(plain("Printer offline", "Since this morning.")))
    mail, threads = job(services, "desk-a", settings(imap), imap.password)
    keeper = keeper_for(services, people, runner, mail)
    with qtbot.waitSignal(keeper.mail_fetched, timeout=30_000) as fetched:
        keeper.run_now()
    keeper.shutdown_mail()
    round_ = fetched.args[0]
    assert isinstance(round_, MailRound)
    assert (round_.mailboxes, round_.mails, round_.refused, round_.problems) == (1, 1, 0, ())
    assert ticket_row(services, "SD-000001").subject == "Printer offline"
    assert threads and threading.main_thread().name not in threads


def test_only_one_desk_fetches_at_a_time(
    qtbot: QtBot, services: Services, people: People, imap: Dovecot, runner: TaskRunner
) -> None:
    imap.append(raw(plain("Disk full", "On db1.")))
    mail, _ = job(services, "desk-b", settings(imap), imap.password)
    keeper = keeper_for(services, people, runner, mail)
    db, now = services.ctx.db, services.ctx.clock.now()
    with db.job_lease(JOB, "desk-a", now, timedelta(minutes=5)) as held:
        assert held
        with qtbot.waitSignal(keeper.mail_fetched, timeout=30_000) as skipped:
            keeper.run_now()
    assert skipped.args[0] is None  # desk-a holds the lease: desk-b skipped the round
    assert ticket_count(services) == 0
    with qtbot.waitSignal(keeper.mail_fetched, timeout=30_000) as fetched:
        keeper.fetch_mail_now()  # the lease is free again
    keeper.shutdown_mail()
    assert fetched.args[0].mails == 1
    assert ticket_row(services, "SD-000001").subject == "Disk full"


def test_a_failing_mailbox_is_a_quiet_status_note_and_a_log_line(
    qtbot: QtBot,
    services: Services,
    people: People,
    imap: Dovecot,
    runner: TaskRunner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    imap.append(raw(plain("Printer offline", "Since this morning.")))
    mail, _ = job(services, "desk-a", settings(imap), "not-the-password")
    keeper = keeper_for(services, people, runner, mail)
    notes: list[str] = []
    keeper.failed.connect(notes.append)
    with (
        caplog.at_level(logging.WARNING, logger="supportdesk.mail"),
        qtbot.waitSignal(keeper.mail_fetched, timeout=30_000) as fetched,
    ):
        keeper.run_now()
    keeper.shutdown_mail()
    assert fetched.args[0].mails == 0 and len(fetched.args[0].problems) == 1
    assert [n for n in notes if n.startswith("Mail not fetched: support: mailbox support")]
    assert any("mailbox not fetched" in r.getMessage() for r in caplog.records)
    assert QApplication.activeModalWidget() is None  # no dialog
    assert ticket_count(services) == 0  # nothing taken in; the mail waits on the server


def test_without_a_mailbox_a_desk_fetches_nothing(
    qtbot: QtBot, services: Services, people: People, runner: TaskRunner
) -> None:
    mail, threads = job(services, "desk-a", {}, "")
    keeper = keeper_for(services, people, runner, mail)
    rounds: list[object] = []
    keeper.mail_fetched.connect(rounds.append)
    with qtbot.waitSignal(keeper.finished, timeout=10_000):
        keeper.run_now()
    keeper.shutdown_mail()
    assert rounds == [] and threads == []
