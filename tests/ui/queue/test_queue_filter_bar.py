"""The queue's filter bar on its own: it makes the filter the user chose, shows a saved
one without saying it was edited, and gives "Clear filters" room when it appears.

(The window at 1024 px in Greek, filters on a row of their own, is the story in
tests/ui/desk/test_a_small_screen_fits_the_queue.py.)"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.queue import QueueFilter, SavedView
from ui.views.queue_filter_bar import SEARCH_MIN, QueueFilterBar, text_width


def shown_bar(qtbot: QtBot) -> QueueFilterBar:
    bar = QueueFilterBar()
    qtbot.addWidget(bar)
    bar.fill_choices([("Acme Corp", "ACME")], [("Ledger", "LEDGER")], [("Eli Engineer", "eli")])
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def barely_one_row(qtbot: QtBot) -> QueueFilterBar:
    """A bar 10 px wider than the search and the choices need on one row: on one row."""
    bar = shown_bar(qtbot)
    spacing = max(bar.layout().spacing(), 0)  # type: ignore[union-attr]
    one_row = SEARCH_MIN + sum(text_width(w) + spacing for w in bar.filters)
    one_row += bar.total.sizeHint().width() + spacing
    bar.resize(one_row + 10, bar.height())
    QApplication.processEvents()
    assert not bar.wrapped
    return bar


def test_a_saved_search_shows_and_reads_back_without_an_edit(qtbot: QtBot) -> None:
    bar = shown_bar(qtbot)
    saved = QueueFilter(
        view=SavedView.ALL,
        search="backup",
        statuses=frozenset({"in_progress"}),
        priorities=frozenset({1}),
        customer="ACME",
        assignee="eli",
        product="LEDGER",
    )
    edits: list[None] = []
    bar.edited.connect(lambda: edits.append(None))
    bar.show_filter(saved)
    assert bar.read(QueueFilter(view=SavedView.ALL)) == saved
    bar.clear()
    assert bar.read(QueueFilter(view=SavedView.MY)) == QueueFilter(view=SavedView.MY)
    qtbot.wait(400)  # longer than the search's typing pause
    assert edits == []


def test_clear_filters_empties_the_bar_and_says_edited(qtbot: QtBot) -> None:
    bar = shown_bar(qtbot)
    bar.show_filter(QueueFilter(search="printer", priorities=frozenset({2})))
    bar.set_clearable(True)
    with qtbot.waitSignal(bar.edited):
        bar.clear_button.click()
    assert bar.read(QueueFilter()) == QueueFilter()


def test_the_clear_button_appearing_moves_the_filters_to_their_own_row(qtbot: QtBot) -> None:
    """Wide enough for the search and the filters, not for "Clear filters" too."""
    bar = barely_one_row(qtbot)
    bar.set_clearable(True)
    assert bar.wrapped
    QApplication.processEvents()
    for combo in bar.filters:
        assert combo.width() >= text_width(combo), combo.currentText()
        assert combo.y() > bar.search.geometry().bottom()  # the row below the search
    bar.set_clearable(False)
    assert not bar.wrapped


def test_a_style_that_widens_the_choices_moves_them_to_their_own_row(qtbot: QtBot) -> None:
    """The style sheet applied again after the first layout (the dark theme under Xvfb)
    made the choices wider with no resize: the bar kept one row, 'Any priorit' cut."""
    bar = barely_one_row(qtbot)
    bar.setStyleSheet("QComboBox { padding: 2px 20px; }")
    qtbot.waitUntil(lambda: bar.wrapped, timeout=2000)
    QApplication.processEvents()
    for combo in bar.filters:
        assert combo.width() >= text_width(combo), combo.currentText()
