"""At 1024×700 the queue fits its width (no sideways scrolling) and shows more than a
handful of rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.queue_data import bulk_tickets
from tests.ui.desk import close, log_in, wait
from ui.views.queue_view import ROW_HEIGHT


def test_at_1024_by_700_the_queue_fits_and_shows_enough_rows(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    bulk_tickets(services.db.engine, 60)
    window = log_in(qtbot, db_url, "cara", fast_passwords, tmp_path)
    window.resize(1024, 700)
    qtbot.waitExposed(window)
    table = window.queue.table
    wait(qtbot, lambda: window.queue.model.rowCount() >= 20)
    wait(qtbot, lambda: table.horizontalScrollBar().maximum() == 0)
    assert table.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    visible_rows = table.viewport().height() // ROW_HEIGHT
    assert visible_rows >= 7, f"only {visible_rows} rows visible at 1024×700"
    subject = table.columnWidth(3)
    assert subject >= 200, f"the subject column is {subject} px"
    close(window)
