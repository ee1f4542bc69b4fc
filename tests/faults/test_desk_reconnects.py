"""The PostgreSQL server goes away under an open desk and comes back: the status bar says
"connection lost — reconnecting", a comment sent meanwhile is refused in plain words
with its draft kept, and once the server is back the desk says so and the same draft
goes out — once. Runs on a throw-away cluster of its own (the test stops its server)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import open_services
from app.services.auth import Passwords
from tests.security.cluster import PG_BIN, _as_server_user, available, cluster
from tests.support.people import make_people
from tests.ui.desk import click, close, log_in, open_ticket_number, show_pane, wait
from ui.views.status_bar import AppStatusBar
from ui.views.ticket_area import COMMENT

pytestmark = pytest.mark.slow

RECONNECT_MS = 60_000  # the poll backs off to at most 30 s between tries


def pg_ctl(data: Path, *args: str) -> None:
    argv = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", *args]
    subprocess.run(_as_server_user(argv), check=True, capture_output=True)


def test_the_desk_says_connection_lost_then_reconnects_without_losing_the_draft(
    qtbot: QtBot, fast_passwords: Passwords, tmp_path: Path
) -> None:
    reason = available()
    if reason:
        pytest.fail(reason)  # CI has the server binaries; so does every developer set-up
    base = Path(tempfile.mkdtemp(prefix="sd-faults-"))  # reachable by the postgres account
    try:
        with cluster(base) as pg:
            url = pg.url()
            services = open_services(url, require_schema=False, passwords=fast_passwords)
            services.db.upgrade()
            people = make_people(services)
            number = services.tickets.open_ticket(
                people.care, customer="ACME", subject="VPN down", service_type="first_level_support"
            ).number
            services.db.dispose()

            window = log_in(qtbot, url, "eng", fast_passwords, tmp_path)
            try:
                status = window.statusBar()
                assert isinstance(status, AppStatusBar)
                connected = window.ctx.connection_label
                open_ticket_number(qtbot, window, number)
                composer = window.composer
                wait(qtbot, lambda: composer.number == number)
                show_pane(qtbot, window, COMMENT)  # tabbed on a narrow window
                qtbot.keyClicks(composer.text, "Restarted the tunnel.")

                pg_ctl(pg.data, "-m", "fast", "stop")
                wait(qtbot, lambda: "Connection lost" in status.connection.text(), RECONNECT_MS)
                click(qtbot, composer.send_button)
                wait(qtbot, lambda: composer.status.text().startswith("Not"), RECONNECT_MS)
                said = composer.status.text()
                assert "connection to the database lost" in said.lower()
                assert "unexpected" not in said.lower() and "OperationalError" not in said
                assert composer.text.toPlainText() == "Restarted the tunnel."  # draft kept

                pg_ctl(pg.data, "-l", str(base / "server.log"), "start")
                wait(qtbot, lambda: status.connection.text() == connected, RECONNECT_MS)
                click(qtbot, composer.send_button)
                wait(qtbot, lambda: composer.status.text() == "Sent", RECONNECT_MS)
            finally:
                close(window)

            again = open_services(url, passwords=fast_passwords)
            try:
                shown = again.tickets.show(people.care, number)
                assert [e.text for e in shown.history if e.kind == "comment"] == [
                    "Restarted the tunnel."
                ]
            finally:
                again.db.dispose()
    finally:
        shutil.rmtree(base, ignore_errors=True)
