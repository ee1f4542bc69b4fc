"""How the queue's cells look beyond their text: SLA colours per palette, and the item
roles as plain ints (the model's data() compares ints and indexes tuples, nothing else)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from ui.models import queue_format as fmt

# SLA colours: (foreground, background); translucent backgrounds suit both palettes.
SLA_COLOURS = {
    "on_track": (QColor(46, 125, 50), None),
    "at_risk": (QColor(150, 90, 0), QColor(255, 179, 0, 70)),
    "breached": (QColor(183, 28, 28), QColor(229, 57, 53, 70)),
}
# On a dark base the same hues must be light to stay readable.
SLA_COLOURS_DARK = {
    "on_track": (QColor(129, 199, 132), None),
    "at_risk": (QColor(255, 213, 79), QColor(255, 179, 0, 50)),
    "breached": (QColor(255, 171, 145), QColor(229, 57, 53, 60)),
}

# Roles as plain ints: data() runs ~10 times per visible cell per paint, so it compares
# ints and indexes tuples, nothing else.
DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
SORT_KEY_ROLE = Qt.ItemDataRole.UserRole.value + 1
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole.value + 2
ROW_ROLE = Qt.ItemDataRole.UserRole.value + 3
_SLOTS = {DISPLAY: fmt.DISPLAY, TOOLTIP: fmt.TIP, SORT_KEY_ROLE: fmt.SORT_KEY, ROW_ROLE: -1}


def dark_palette() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def brushes(dark: bool) -> dict[int, dict[str, QBrush]]:
    colours = SLA_COLOURS_DARK if dark else SLA_COLOURS
    return {
        FOREGROUND: {state: QBrush(fg) for state, (fg, _bg) in colours.items()},
        BACKGROUND: {state: QBrush(bg) for state, (_fg, bg) in colours.items() if bg},
    }


class SlaBrushes:
    """The SLA brushes for the palette in use, rebuilt after a theme switch. Checked per
    call (a palette key, ~1 µs) rather than by connecting to the application's
    paletteChanged: that connection outlived closed windows' models and crashed."""

    def __init__(self) -> None:
        self._key = -1
        self._brush: dict[int, dict[str, QBrush]] = {}

    def get(self) -> dict[int, dict[str, QBrush]]:
        key = QGuiApplication.palette().cacheKey()
        if key != self._key:
            self._key = key
            self._brush = brushes(dark_palette())
        return self._brush
