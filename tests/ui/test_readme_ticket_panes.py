"""The README's small-screen paragraph names the ticket area's tab thresholds, and they
are the ones ui/views/ticket_area uses."""

from __future__ import annotations

from pathlib import Path

from ui.views.ticket_area import TALL_FROM, WIDE_FROM

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_says_when_the_ticket_panes_are_tabbed() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "(Ticket / History / Comment) are tabbed" in text
    assert f"under {WIDE_FROM} px wide or {TALL_FROM} px high" in text
    assert "side by side" in text
