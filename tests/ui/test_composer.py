"""A draft is never lost: kept on disk while typing, restored after a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from pytestqt.qtbot import QtBot

from app.domain.roles import Role
from app.services.dto import TicketView
from ui.drafts import DraftStore
from ui.ticket_actions import UserFacts
from ui.views.composer import Composer


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
