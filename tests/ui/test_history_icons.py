"""Every kind of history card has an icon (an outage card had none)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from app.services.dto import EventView
from ui.history_text import KIND_TITLES
from ui.theme import icon
from ui.views.history_pane import kind_icon_name


def event(kind: str, internal: bool = False) -> EventView:
    return EventView(
        id=1, seq=1, occurred_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), actor="eli",
        kind=kind, field=None, old_value=None, new_value=None, text=None, minutes=0,
        internal=internal, data={},
    )  # fmt: skip


@pytest.mark.parametrize("kind", sorted(KIND_TITLES))
def test_each_kind_of_card_has_an_icon(qapp: QApplication, kind: str) -> None:
    assert not icon(kind_icon_name(event(kind))).isNull(), kind


def test_an_internal_note_keeps_its_own_icon(qapp: QApplication) -> None:
    assert kind_icon_name(event("comment", internal=True)) == "internal"
