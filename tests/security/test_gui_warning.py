"""The desktop client says visibly when its database connection is not encrypted."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.persistence.engine import parse_url
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import close, log_in, wait
from ui.views.status_bar import AppStatusBar


def _uses_tls(db_url: str) -> bool | None:
    """Asked of the server on a connection of the test's own."""
    engine = create_engine(parse_url(db_url))
    try:
        if engine.dialect.name != "postgresql":
            return None
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_an_unencrypted_connection_is_shown_in_the_status_bar(
    qtbot: QtBot, db_url: str, people: People, fast_passwords: Passwords, tmp_path: Path
) -> None:
    window = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    try:
        bar = window.statusBar()
        assert isinstance(bar, AppStatusBar)
        if _uses_tls(db_url) is False:
            wait(qtbot, bar.unencrypted.isVisible)
            assert bar.unencrypted.text() == "Not encrypted"
            assert "verify-full" in bar.unencrypted.toolTip()
        else:  # the embedded file (or a TLS server): nothing to warn about
            qtbot.waitUntil(lambda: window.ctx.runner.pending == 0, timeout=10_000)
            assert not bar.unencrypted.isVisible()
    finally:
        close(window)
