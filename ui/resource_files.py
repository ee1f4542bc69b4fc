"""The client's bundled files (icons, styles, translations), read as package data.

They live in ``ui/resources`` and are found through :mod:`importlib.resources`, so the
same code works from a source checkout, an installed wheel and a PyInstaller bundle —
never through a path computed from ``__file__`` (which broke in installed wheels).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(relative: str) -> Traversable:
    """``ui/resources/<relative>``, e.g. ``resource("icons/app.svg")``."""
    node = files("ui").joinpath("resources")
    for part in relative.split("/"):
        node = node.joinpath(part)
    return node


def read_bytes(relative: str) -> bytes | None:
    """The file's bytes, or None when the package does not ship it."""
    node = resource(relative)
    return node.read_bytes() if node.is_file() else None


def read_text(relative: str) -> str:
    """A text resource that must exist (a missing one is a broken install: say which)."""
    node = resource(relative)
    if not node.is_file():
        raise FileNotFoundError(f"SupportDesk is missing its resource {relative!r}; reinstall it.")
    return node.read_text(encoding="utf-8")
