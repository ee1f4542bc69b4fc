"""At 1024×700 the queue fits its width (no sideways scrolling) and shows more than a
handful of rows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.queue import QueueColumn
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.queue_data import bulk_tickets
from tests.ui.desk import close, log_in, mias_window, wait
from ui.i18n import Translations, translate
from ui.models.queue_format import span
from ui.views.queue_filter_bar import SEARCH_MIN, text_width
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


def test_at_1024_in_greek_every_filter_shows_its_whole_choice(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
    greek: Translations,
) -> None:
    """The Greek labels are long ("Κάθε προτεραιότητα"): beside the search at 1024 px
    they were clipped, so the filters take a row of their own there, and go back beside
    the search on a wide window."""
    bulk_tickets(services.db.engine, 30)
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    bar = window.queue.filter_bar
    try:
        window.resize(1024, 700)
        qtbot.waitExposed(window)
        wait(qtbot, lambda: bar.wrapped)
        QApplication.processEvents()
        for combo in bar.filters:
            assert combo.width() >= text_width(combo), combo.currentText()
        assert bar.search.width() >= SEARCH_MIN
        # Its columns' words whole too: an overdue SLA ("καθυστέρηση 9ημ 23ώ") and the
        # headers with the sort arrow, and still the customer beside them.
        table, columns = window.queue.table, list(QueueColumn)
        late = translate("QueueCells", "overdue {span}").format(span=span(timedelta(days=9)))
        assert late.startswith("καθυστέρηση")
        sla = columns.index(QueueColumn.SLA_DUE)
        assert table.fontMetrics().horizontalAdvance(late) < table.columnWidth(sla)
        for column in (QueueColumn.PRIORITY, QueueColumn.STATUS, QueueColumn.SLA_DUE):
            i = columns.index(column)
            assert table.columnWidth(i) >= table.horizontalHeader().sectionSizeHint(i), column
        assert not table.isColumnHidden(columns.index(QueueColumn.CUSTOMER))
        window.resize(1900, 1000)
        wait(qtbot, lambda: not bar.wrapped)
        QApplication.processEvents()
        row = [bar.search.geometry().center().y()] + [
            w.geometry().center().y() for w in bar.filters
        ]
        assert len(set(row)) == 1, row  # one row again
        lefts = [bar.search.x()] + [w.x() for w in bar.filters]
        assert lefts == sorted(lefts)  # in their order, after the search
        for combo in bar.filters:
            assert combo.width() >= text_width(combo), combo.currentText()
    finally:
        close(window)
