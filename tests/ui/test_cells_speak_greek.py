"""Issue 18: the queue's cells and the history's lines are built as text off the widget
tree (on the worker thread, in ui/history_text), so the every-screen walk cannot see
them; here they are read directly, in Greek and in English, and their dates follow the
locale like every other date on screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.domain.queue import QueueColumn
from app.services.dto import EventView
from app.services.queue import QueueRow
from ui.history_text import details, headline
from ui.i18n import Translations
from ui.models.queue_format import cook, time_left, tooltip
from ui.timefmt import fast_locale_time, locale_time

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def language(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    locale = QLocale()
    translations = Translations(qapp)
    assert translations.install(request.param) == request.param
    yield request.param
    translations.install("en")
    QLocale.setDefault(locale)


def row(*, due: datetime | None, state: str | None, assignee: str | None = None) -> QueueRow:
    return QueueRow(
        1, "SD-000001", 2, "in_progress", "Mail down", "ACME", "Acme Corp", assignee,
        due, state, NOW - timedelta(hours=3), 1,
    )  # fmt: skip


def event(kind: str, **fields: object) -> EventView:
    base: dict[str, object] = {
        "id": 1, "seq": 1, "occurred_at": NOW, "actor": "eli", "kind": kind, "field": None,
        "old_value": None, "new_value": None, "text": None, "minutes": 0,
        "internal": False, "data": {},
    }  # fmt: skip
    return EventView(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["el"], indirect=True)
def test_queue_cells_and_history_lines_read_greek(language: str) -> None:
    assert time_left(row(due=NOW + timedelta(hours=2, minutes=5), state="on_track"), NOW) == (
        "απομένουν 2ώ 05λ"
    )
    assert time_left(row(due=NOW - timedelta(days=5, hours=23), state="breached"), NOW) == (
        "καθυστέρηση 5ημ 23ώ"
    )
    assert time_left(row(due=None, state="met"), NOW) == "Τηρήθηκε"
    assert tooltip(row(due=None, state=None), QueueColumn.SLA_DUE, NOW) == "Χωρίς στόχο SLA"
    _shown, tips, _keys, _row = cook(row(due=NOW, state="at_risk"), NOW)
    assert tips[5] == "Χωρίς ανάθεση"
    assert tips[6] is not None and tips[6].startswith("Προθεσμία ")
    assert tips[6].endswith("— Σε κίνδυνο")

    assert headline(event("assigned", new_value="eli")) == "eli: ανέλαβε το αίτημα"
    assert headline(event("comment", text="hello")) == "eli σχολίασε"
    # Seen under Xvfb: "άλλαξε την κατάσταση: in progress → resolved" (the stored codes).
    assert headline(event("status", old_value="in_progress", new_value="resolved")) == (
        "eli άλλαξε την κατάσταση: Σε εξέλιξη → Επιλυμένο"
    )
    edited = event("field", field="criticality", old_value="high", new_value="critical")
    assert headline(edited).endswith(": Υψηλή → Κρίσιμη")
    typed = event("field", field="subject", old_value="Mail_down", new_value="Mail up")
    assert headline(typed).endswith(": Mail_down → Mail up")  # typed text stays as typed
    resolution = event("resolution", data={"problem_nature": "disk", "solution": "swap"})
    assert details(resolution) == "Πρόβλημα: disk\nΛύση: swap"


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_the_same_cells_read_english_without_greek(language: str) -> None:
    assert time_left(row(due=NOW + timedelta(minutes=7), state="on_track"), NOW) == "7m left"
    assert headline(event("assigned", new_value="eli")) == "eli took the ticket"
    assert headline(event("status", old_value="in_progress", new_value="resolved")) == (
        "eli changed the status: In progress → Resolved"
    )
    assert headline(event("assigned", new_value="mo", old_value="eli")) == (
        "eli assigned it to mo (was eli)"
    )


@pytest.mark.parametrize("language", ["el", "en"], indirect=True)
def test_queue_dates_are_the_locales_like_every_other_date(language: str) -> None:
    for moment in (NOW, datetime(2026, 11, 29, 23, 59, tzinfo=UTC)):
        assert fast_locale_time(moment) == locale_time(moment)
    shown, *_ = cook(row(due=None, state=None), NOW)
    assert shown[7] == locale_time(NOW - timedelta(hours=3))
