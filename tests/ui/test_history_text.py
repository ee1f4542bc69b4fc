"""How history events read in the timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.services.dto import EventView
from ui.history_text import details, headline, minutes_label
from ui.i18n import Translations


def event(kind: str, **kw: object) -> EventView:
    base: dict[str, object] = dict(
        id=1,
        seq=1,
        occurred_at=datetime(2026, 3, 2, tzinfo=UTC),
        actor="eli",
        kind=kind,
        field=None,
        old_value=None,
        new_value=None,
        text=None,
        minutes=0,
        internal=False,
        data={},
    )
    base.update(kw)
    return EventView(**base)  # type: ignore[arg-type]


def test_a_status_change_reads_old_to_new() -> None:
    e = event("status", field="status", old_value="assigned", new_value="in_progress")
    assert headline(e) == "eli changed the status: Assigned → In progress"


def test_a_resolution_and_a_customer_answer_show_their_details() -> None:
    resolved = event("resolution", data={"problem_nature": "Disk full", "solution": "Cleaned"})
    assert details(resolved) == "Problem: Disk full\nSolution: Cleaned"
    approval = event("customer_approval", data={"contact": "Jo", "channel": "phone"}, text="ok")
    assert details(approval) == "Jo by phone\nok"


def test_minutes_read_as_hours_and_minutes() -> None:
    assert minutes_label(0) == ""
    assert minutes_label(45) == "45 min"
    assert minutes_label(135) == "2 h 15 min"


def test_minutes_read_greek_in_the_greek_client(qapp: QApplication) -> None:
    # The history's cards said "15 min" in the Greek client (seen beside "0 λεπτά").
    locale, translations = QLocale(), Translations(qapp)
    assert translations.install("el") == "el"
    try:
        assert minutes_label(15) == "15 λεπτά"
        assert minutes_label(135) == "2 ώ. 15 λ."
    finally:
        translations.install("en")
        QLocale.setDefault(locale)


def test_taking_and_reassigning_read_naturally() -> None:
    assert headline(event("assigned", field="assignee", new_value="eli")) == "eli took the ticket"
    moved = event("assigned", actor="mia", field="assignee", old_value="eli", new_value="eva")
    assert headline(moved) == "mia assigned it to eva (was eli)"


def test_an_sla_escalation_reads_as_one_not_as_an_edit() -> None:
    escalation = event(
        "field",
        actor="system",
        field="sla_state",
        old_value="on_track",
        new_value="breached",
        text="resolution breached",
        internal=True,
    )
    assert headline(escalation) == "SLA escalation: Breached"
    assert details(escalation) == "resolution breached"


def test_files_of_an_event_are_named_in_its_card() -> None:
    reply = event(
        "customer_reply",
        text="Logs attached.",
        data={
            "contact": "Jo Smith",
            "channel": "email",
            "attachments": [{"name": "a.log", "sha256": "0" * 64, "size": 3}],
        },
    )
    assert details(reply) == "Jo Smith by e-mail\nLogs attached.\nFiles: a.log"
    only_files = event("comment", text="Attached: a.log", data={"attachments": [{"name": "a.log"}]})
    assert details(only_files) == "Attached: a.log"  # named once, not twice
