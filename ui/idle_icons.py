"""The client's icons drawn while the login dialog waits, one per idle turn.

Building the main window right after Return drew ~34 SVG icons at four sizes each on the
GUI thread (~25 ms of the ~120 ms the window takes to build, measured offscreen at 1M).
The icons depend only on the palette, which is applied before the login dialog shows, so
they can be drawn into ``ui.theme``'s cache ahead of time, each in its own turn of the
event loop (under a millisecond) while the user types. A theme switch empties the cache
and icons are drawn on demand again, as before.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ui.resource_files import resource
from ui.theme import icon

log = logging.getLogger(__name__)


def icon_names() -> list[str]:
    """Every bundled icon ``ui.theme.icon`` can draw (the app's own icon is not tinted)."""
    folder = resource("icons")
    names = (node.name.removesuffix(".svg") for node in folder.iterdir())
    return sorted(name for name in names if name != "app" and not name.startswith("."))


class IdleIcons(QObject):
    """Draws the bundled icons into the theme's cache, one per idle event-loop turn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # fires when the event queue is empty
        self._timer.timeout.connect(self._next)

    @property
    def done(self) -> bool:
        return not self._waiting and not self._timer.isActive()

    def start(self) -> None:
        try:
            self._waiting = list(reversed(icon_names()))
        except OSError:  # a broken install: the window reports missing icons itself
            log.exception("listing the bundled icons failed")
            return
        if self._waiting:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _next(self) -> None:
        icon(self._waiting.pop())
        if not self._waiting:
            self._timer.stop()
