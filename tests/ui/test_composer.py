"""A draft is never lost: kept on disk while typing, restored after a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.roles import Role
from app.services.dto import TicketView
from ui.drafts import DraftStore
from ui.i18n import Translations
from ui.ticket_actions import UserFacts
from ui.views.composer import Composer

LEAST_WIDTH = 360  # px: the history column beside a ~400 px detail pane leaves this much


def ticket(number: str) -> TicketView:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return TicketView(
        id=1,
        number=number,
        version=1,
        status="in_progress",
        priority=3,
        criticality="medium",
        subject="s",
        description="",
        customer_code="ACME",
        customer_name="Acme",
        contact=None,
        product=None,
        environment="production",
        service_type="managed_hosting",
        category="incident",
        assignee="eli",
        created_by="cara",
        created_at=now,
        updated_at=now,
        resolved_at=None,
        closed_at=None,
        problem_nature=None,
        solution=None,
        time_logged_minutes=0,
    )


def make_composer(qtbot: QtBot, folder: Path) -> Composer:
    ctx = SimpleNamespace(user=UserFacts("eli", Role.ENGINEER), drafts=DraftStore(folder))
    composer = Composer(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(composer)
    return composer


def test_a_draft_survives_a_crash_and_follows_its_ticket(qtbot: QtBot, tmp_path: Path) -> None:
    composer = make_composer(qtbot, tmp_path)
    composer.set_ticket(ticket("SD-000001"))
    qtbot.keyClicks(composer.text, "Customer says it fails at 9:00")
    composer.minutes.setValue(20)
    qtbot.waitUntil(lambda: DraftStore(tmp_path).load("SD-000001") is not None, timeout=3000)

    composer.set_ticket(ticket("SD-000002"))  # switching tickets keeps the first draft aside
    assert composer.text.toPlainText() == ""

    restarted = make_composer(qtbot, tmp_path)  # as after a crash: a fresh composer
    restarted.set_ticket(ticket("SD-000001"))
    assert restarted.text.toPlainText() == "Customer says it fails at 9:00"
    assert restarted.minutes.value() == 20
    assert restarted.status.text() == "Draft restored"


def test_in_greek_the_controls_wrap_instead_of_widening_the_composer(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """In one row the controls' least width in Greek (~600 px) kept the history column
    wide and the detail pane at ~185 px on a 1024x700 window (seen under Xvfb). Now
    they wrap, and the composer is as tall as its wrapped rows need."""
    locale = QLocale()
    translations = Translations(qapp)
    translations.install("el")
    try:
        composer = make_composer(qtbot, tmp_path)
        assert composer.send_button.text() == "Προσθήκη δημόσιου σχολίου"  # no ticket yet
        assert composer.minutes.suffix() == " λεπτά"
        composer.set_ticket(ticket("SD-000001"))
        composer.status.setText("Δεν στάλθηκε (το πρόχειρο κρατήθηκε): η σύνδεση χάθηκε")
        least = composer.minimumSizeHint().width()
        assert least <= LEAST_WIDTH, f"the composer needs {least} px"
        composer.resize(least, 200)
        composer.show()
        qtbot.waitExposed(composer)
        qtbot.waitUntil(lambda: composer.height() >= composer.minimumHeight() > 200)
        composer.resize(least, composer.minimumHeight())  # as tight as a splitter makes it
        QApplication.processEvents()
        shown = [
            composer.recipient,
            composer.text,
            composer.tray.pick_button,
            composer.canned,
            composer.internal,
            composer.minutes,
            composer.send_button,
            composer.status,
        ]
        rects = [QRect(w.mapTo(composer, QPoint(0, 0)), w.size()) for w in shown]
        for widget, rect in zip(shown, rects, strict=True):
            assert composer.rect().contains(rect), f"{type(widget).__name__} is cut off"
        controls = rects[2:7]
        assert all(not a.intersects(b) for i, a in enumerate(controls) for b in controls[i + 1 :])
        assert len({rect.y() for rect in controls}) > 1  # wrapped: more than one row
    finally:
        translations.install("en")
        QLocale.setDefault(locale)
