"""Raising criticality on a Gold contract makes the ticket P1 as the contract says; an
engineer cannot relax their own deadline; a manager's override carries its reason,
shown in the detail pane."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.auth import Passwords
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket
from tests.ui.desk import click, close, log_in, open_ticket_number, wait
from ui.main_window import MainWindow


def _priority(window: MainWindow) -> int | None:
    return window.current.view.priority if window.current.view else None


def test_priority_follows_tier_and_criticality_and_overrides_say_why(
    qtbot: QtBot,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    number = gold_checkout_ticket(services, people, "high")
    services.tickets.take(people.engineer, number)

    eng = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    open_ticket_number(qtbot, eng, number)
    detail = eng.detail
    before = _priority(eng)
    detail.criticality.setCurrentIndex(detail.criticality.findData("critical"))
    assert detail.reason.isHidden()  # raising needs no reason
    click(qtbot, detail.save_button)
    wait(qtbot, lambda: eng.current.view is not None and eng.current.view.criticality == "critical")
    assert before is not None and _priority(eng) == 1 < before  # the contract's P1
    assert "contract" in detail.info["priority_origin"].text()

    # Lowering it again would relax the engineer's own deadline: refused, with a reason.
    detail.criticality.setCurrentIndex(detail.criticality.findData("low"))
    assert not detail.reason.isHidden()
    assert not detail.save_button.isEnabled()  # say why first
    qtbot.keyClicks(detail.reason, "Customer says it is minor")
    click(qtbot, detail.save_button)
    wait(qtbot, detail.notice.isVisible)
    assert "manager" in detail.notice.text()
    assert services.tickets.show(people.manager, number).criticality == "critical"
    detail.show_ticket(eng.current.view)  # revert before closing: no unsaved-edits question
    close(eng)

    mia = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    open_ticket_number(qtbot, mia, number)
    mia.detail.priority_edit.setValue(3)
    assert not mia.detail.save_button.isEnabled()
    qtbot.keyClicks(mia.detail.reason, "Agreed with Jo: a workaround is in place")
    click(qtbot, mia.detail.save_button)
    wait(qtbot, lambda: _priority(mia) == 3)
    wait(qtbot, lambda: "set by mia" in mia.detail.info["priority_origin"].text())
    assert "workaround" in mia.detail.info["priority_origin"].text()
    close(mia)

    # The override sticks: a later criticality change leaves the manager's priority alone.
    t = services.tickets
    assert t.edit(people.manager, number, {"criticality": "high"}, reason="calmer").priority == 3
    assert t.edit(people.engineer, number, {"criticality": "critical"}).priority == 3
