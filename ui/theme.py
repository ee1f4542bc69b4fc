"""Light and dark palettes that follow the system, and palette-coloured SVG icons.

``SUPPORTDESK_THEME=light|dark`` forces one (screenshots, tests); otherwise the
system's colour scheme decides, and a change of it at run time re-themes the app.
"""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtCore import QByteArray, QObject, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ui.resource_files import read_bytes, read_text

LIGHT = {
    "window": "#f4f5f7",
    "base": "#ffffff",
    "alt": "#f7f8fa",
    "text": "#1f2730",
    "muted": "#67717d",
    "button": "#fbfbfc",
    "highlight": "#2f6fdf",
    "highlight_text": "#ffffff",
    "border": "#d9dde3",
    "link": "#2358b8",
    "internal": "#fff6dc",
    "ok": "#2e8b57",
    "warn": "#c27c0e",
    "bad": "#c8372d",
}
DARK = {
    "window": "#1d2025",
    "base": "#23272e",
    "alt": "#282d35",
    "text": "#e3e6ea",
    "muted": "#9aa3ad",
    "button": "#2b3038",
    "highlight": "#3d7be6",
    "highlight_text": "#ffffff",
    "border": "#3a4049",
    "link": "#7aa8ff",
    "internal": "#3a3422",
    "ok": "#5cc28a",
    "warn": "#e0a64a",
    "bad": "#ef6b61",
}


def wants_dark() -> bool:
    forced = os.environ.get("SUPPORTDESK_THEME", "").lower()
    if forced in ("light", "dark"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colors() -> dict[str, str]:
    return DARK if wants_dark() else LIGHT


def build_palette(c: dict[str, str]) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alt"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "text"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlight_text"),
        (role.ToolTipBase, "base"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "muted"),
        (role.Link, "link"),
        (role.Mid, "border"),
        (role.Midlight, "alt"),
        (role.Light, "base"),
        (role.Dark, "border"),
    ):
        pal.setColor(r, QColor(c[key]))
    disabled = QColor(c["muted"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def stylesheet(c: dict[str, str]) -> str:
    text = read_text("styles/app.qss")
    for key in sorted(c, key=len, reverse=True):  # @highlight_text before @highlight
        text = text.replace("@" + key, c[key])
    return text


class ThemeManager(QObject):
    """Applies the palette now and again whenever the system switches light/dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        app.setStyle("Fusion")
        self.apply()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply)

    def apply(self, *_: object) -> None:
        c = colors()
        self.app.setPalette(build_palette(c))
        self.app.setStyleSheet(stylesheet(c))
        _tinted.cache_clear()


def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons drawn in the current text colour."""
    return _tinted(name, colors()["text"])


@cache
def _tinted(name: str, color: str) -> QIcon:
    data = read_bytes(f"icons/{name}.svg")
    if data is None:
        return QIcon()
    return _icon_from_svg(data.replace(b"currentColor", color.encode()))


def _icon_from_svg(svg: bytes) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg))
    result = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result


@cache
def app_icon() -> QIcon:
    data = read_bytes("icons/app.svg")
    return QIcon() if data is None else _icon_from_svg(data)
