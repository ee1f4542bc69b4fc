"""How queue cells read and look: plain functions, easy to test without a view."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.labels import status_label
from app.domain.queue import QueueColumn
from app.services.queue import QueueRow
from ui.domain_labels import label
from ui.i18n import translate
from ui.plain import plain_tip
from ui.timefmt import fast_locale_time

_NEEDS_MARKUP = re.compile(r"[<>&\n]")
# The cells are cooked on the TaskRunner's worker thread: QCoreApplication.translate is
# thread-safe, widgets are not touched. Context "QueueCells" in supportdesk_el.ts.
_STATE_SOURCES: dict[str, object] = {  # QT_TRANSLATE_NOOP returns its text; stubs: object
    "on_track": QT_TRANSLATE_NOOP("QueueCells", "On track"),
    "at_risk": QT_TRANSLATE_NOOP("QueueCells", "At risk"),
    "breached": QT_TRANSLATE_NOOP("QueueCells", "Breached"),
    "met": QT_TRANSLATE_NOOP("QueueCells", "Met"),
    "missed": QT_TRANSLATE_NOOP("QueueCells", "Missed"),
    "paused": QT_TRANSLATE_NOOP("QueueCells", "Paused"),
}


def sla_state_label(state: str | None) -> str:
    """The SLA state in the user's language ("" for none)."""
    source = _STATE_SOURCES.get(state or "")
    return translate("QueueCells", str(source)) if source else ""


def _no_target() -> str:
    return translate("QueueCells", "No SLA target")


def _unassigned() -> str:
    return translate("QueueCells", "Unassigned")


def _due(moment: datetime, state: str) -> str:
    due = translate("QueueCells", "Due {time}").format(time=local_time(moment))
    return f"{due} — {state}" if state else due


def span(delta: timedelta) -> str:
    """A compact duration: 3d 4h, 2h 05m, 7m."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return translate("QueueCells", "{days}d {hours}h").format(days=days, hours=hours)
    if hours:
        return translate("QueueCells", "{hours}h {mins}m").format(hours=hours, mins=f"{mins:02d}")
    return translate("QueueCells", "{mins}m").format(mins=mins)


def time_left(row: QueueRow, now: datetime) -> str:
    """The SLA cell: time left, how late, or the final state."""
    if row.sla_state in ("met", "missed", "paused"):
        return sla_state_label(row.sla_state)
    if row.sla_due_at is None:  # e.g. late, then paused while waiting on the customer
        return sla_state_label(row.sla_state)
    left = row.sla_due_at - now
    if left >= timedelta(0):
        return translate("QueueCells", "{span} left").format(span=span(left))
    return translate("QueueCells", "overdue {span}").format(span=span(left))


def local_time(moment: datetime) -> str:
    """In the user's declared zone (the status bar names it), written the locale's way."""
    return fast_locale_time(moment)


def display(row: QueueRow, column: QueueColumn, now: datetime) -> str:
    if column == QueueColumn.SLA_DUE:
        return time_left(row, now)
    return {
        QueueColumn.NUMBER: lambda: row.number,
        QueueColumn.PRIORITY: lambda: f"P{row.priority}",
        QueueColumn.STATUS: lambda: label(status_label(row.status)),
        QueueColumn.SUBJECT: lambda: row.subject,
        QueueColumn.CUSTOMER: lambda: row.customer_name,
        QueueColumn.ASSIGNEE: lambda: row.assignee or "—",
        QueueColumn.UPDATED: lambda: local_time(row.updated_at),
    }[column]()


def tooltip(row: QueueRow, column: QueueColumn, now: datetime) -> str:
    if column == QueueColumn.CUSTOMER:
        return f"{row.customer_name} ({row.customer_code})"
    if column == QueueColumn.SLA_DUE:
        if row.sla_due_at is None:
            return _no_target()
        return _due(row.sla_due_at, sla_state_label(row.sla_state))
    if column == QueueColumn.ASSIGNEE and row.assignee is None:
        return _unassigned()
    return display(row, column, now)


def sort_value(row: QueueRow, column: QueueColumn) -> object:
    """The raw value the column sorts by (SortKeyRole)."""
    return {
        QueueColumn.NUMBER: row.number,
        QueueColumn.PRIORITY: row.priority,
        QueueColumn.STATUS: row.status,
        QueueColumn.SUBJECT: row.subject,
        QueueColumn.CUSTOMER: row.customer_name,
        QueueColumn.ASSIGNEE: row.assignee or "",
        QueueColumn.SLA_DUE: row.sla_due_at,
        QueueColumn.UPDATED: row.updated_at,
    }[column]


# -- a row's cells, computed once when its page arrives ----------------------------------
#
# The model's data() is called ~10 times per visible cell per paint; formatting there made
# one repaint cost 3.9x a plain QStandardItemModel (issue 19). ``cook`` runs on the
# TaskRunner's worker thread, right after the page query, and the model only indexes the
# tuples it returns. Everything here is thread-safe: translate() and strftime, no widgets.

COLUMNS = tuple(QueueColumn)
SLA_COLUMN = COLUMNS.index(QueueColumn.SLA_DUE)
# Slots of a cooked entry (a plain tuple: one index per data() call, no attribute lookup).
DISPLAY: Final = 0
TIP: Final = 1
SORT_KEY: Final = 2
ROW: Final = 3
Entry = tuple[tuple[str, ...], tuple[str | None, ...], tuple[object, ...], QueueRow]


def cook(row: QueueRow, now: datetime) -> Entry:
    """Display strings, (escaped) tooltips and sort keys of every column of one row.

    Spelled out column by column (in COLUMNS order) rather than through display(): this
    runs for every row of every page, display() builds its table on each call."""
    updated = local_time(row.updated_at)
    customer_tip = f"{row.customer_name} ({row.customer_code})"
    if row.sla_due_at is None:
        sla_tip = _no_target()
    else:
        sla_tip = _due(row.sla_due_at, sla_state_label(row.sla_state))
    status = label(status_label(row.status))
    priority = f"P{row.priority}"
    left = time_left(row, now)
    shown = (
        row.number, priority, status, row.subject, row.customer_name,
        row.assignee or "—", left, updated,
    )  # fmt: skip
    tips = (
        row.number, priority, status, row.subject, customer_tip,
        row.assignee or _unassigned(), sla_tip, updated,
    )  # fmt: skip
    keys = (
        row.number, row.priority, row.status, row.subject, row.customer_name,
        row.assignee or "", row.sla_due_at, row.updated_at,
    )  # fmt: skip
    return shown, tuple(_tip(t) for t in tips), keys, row


def _tip(text: str) -> str | None:
    # Subjects are typed by people: never markup. Plain words need no escaping.
    return plain_tip(text) if _NEEDS_MARKUP.search(text) else text


def cook_all(rows: list[QueueRow], now: datetime) -> list[Entry]:
    return [cook(r, now) for r in rows]


def recook_time_left(entry: Entry, now: datetime) -> Entry:
    """The same entry with the SLA cell (time left) read at ``now`` (the minute timer)."""
    shown, tips, keys, row = entry
    cells = list(shown)
    cells[SLA_COLUMN] = time_left(row, now)
    return tuple(cells), tips, keys, row
