"""The detail pane's SLA line in the user's language: due time (the user's locale, zone
named), time left or overdue, state, tier and clock. One rule for what a clock says: a
stopped clock (resolved, closed) its outcome, tier and calendar; only a ticket waiting on
the customer that it has no due time while waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services.sla_views import SlaView
from ui.i18n import translate
from ui.timefmt import locale_time
from ui.value_labels import value_label


def span_words(delta: timedelta) -> str:
    """``3 ημ. 4 ώ.``, ``2 ώ. 05 λ.``, ``7 λ.``: a compact duration in the user's language."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return translate("TicketDetail", "{days}d {hours}h").format(days=days, hours=hours)
    if hours:
        return translate("TicketDetail", "{hours}h {minutes}m").format(
            hours=hours, minutes=f"{mins:02d}"
        )
    return translate("TicketDetail", "{minutes}m").format(minutes=mins)


def sla_line(sla: SlaView | None, now: datetime) -> str:
    if sla is None:
        return "—"
    if not sla.covered:
        notes = {
            "no contract": translate("TicketDetail", "no contract"),
            "out of contract": translate("TicketDetail", "out of contract"),
        }
        note = notes.get(sla.note, sla.note)
        return translate("TicketDetail", "No SLA ({why})").format(why=note)
    state = value_label(sla.state) if sla.state else ""
    if sla.due_at is None and sla.status == "waiting_on_customer":
        return translate(
            "TicketDetail", "{state} — no due time while waiting on the customer"
        ).format(state=state)
    if sla.due_at is None:
        # Stopped (resolved, closed): the outcome. A resolved ticket said "no due time
        # while waiting on the customer" (seen under Xvfb, Greek, 1920x1080).
        return " · ".join(x for x in (state, f"{sla.tier}, {_clock(sla.clock or '')}") if x)
    left = sla.due_at - now
    when = (
        translate("TicketDetail", "{span} left").format(span=span_words(left))
        if left.total_seconds() >= 0
        else translate("TicketDetail", "overdue {span}").format(span=span_words(left))
    )
    due = translate("TicketDetail", "Due {when}").format(when=locale_time(sla.due_at, zone=True))
    return f"{due} · {when} · {state} · {sla.tier}, {_clock(sla.clock or '')}"


def _clock(clock: str) -> str:
    """``business hours (GR)`` or ``24x7``, as SlaView says them."""
    if clock.startswith("business hours"):
        calendar = clock.removeprefix("business hours").strip(" ()")
        return translate("TicketDetail", "business hours ({calendar})").format(calendar=calendar)
    return clock
