"""Raw values never reach people: escalation events give the due time in the user's
zone (not an ISO timestamp), the conflict dialog says when the ticket changed (not
"version 16/17"), and the period PDF explains itself without SQL or column names."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.domain.errors import InvalidTransition
from app.domain.releases import PromotionState, PromotionStep, next_state
from app.services.dto import EventView
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket
from tests.ui.desk.pdf_text import pdf_text
from ui.dialogs.conflict import ConflictDialog
from ui.history_text import details
from ui.printing import write_pdf

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def test_escalations_conflicts_and_period_notes_read_as_words(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    number = gold_checkout_ticket(services, people, "critical")
    clock.set(clock.now() + timedelta(days=2))
    services.sla.scan()
    view = services.tickets.show(people.manager, number)
    escalations = [e for e in view.history if e.field == "sla_state"]
    assert escalations and any(ISO.search(e.text or "") for e in escalations)  # as stored
    for event in escalations:
        shown = details(event)
        assert "due " in shown and not ISO.search(shown), shown

    later = services.tickets.edit(people.care, number, {"subject": "Checkout errors (EU)"})
    dialog = ConflictDialog({"subject": "Mine"}, later, later.version - 2)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("version" in t for t in texts), texts
    assert any("2 saves" in t for t in texts), texts

    period = services.reports.period_report(
        people.manager, customer=None, start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    pdf = tmp_path / "period.pdf"
    write_pdf(period, pdf, {"name": "Desk"})
    text = pdf_text(pdf)
    assert "percentile_cont" not in text and "made_sla" not in text


def test_an_escalation_event_reads_its_due_time_in_words() -> None:
    event = EventView(
        id=1,
        seq=5,
        occurred_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        actor="system",
        kind="field",
        field="sla_state",
        old_value="at_risk",
        new_value="breached",
        text="resolution breached: due 2026-03-02T09:30",
        minutes=0,
        internal=True,
        data={"measure": "resolution", "due_at": "2026-03-02T09:30:00+00:00"},
    )
    shown = details(event)
    assert shown.startswith("Resolution breached: due 2026-03-02 ")
    assert not ISO.search(shown)


def test_a_refused_promotion_step_names_the_state_in_words() -> None:
    try:
        next_state(PromotionStep.INSTALL_ON_TEST, PromotionState.AWAITING_VERIFICATION, "X")
    except InvalidTransition as refusal:
        assert "awaiting verification" in refusal.message
        assert "awaiting_verification" not in refusal.message
    else:
        raise AssertionError("installing on test again must be refused")
